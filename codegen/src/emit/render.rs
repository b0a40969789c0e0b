//! Rendering: lowered items to `syn` syntax trees, built directly ([`super::syntax`]) and
//! formatted by `prettyplease`.
//!
//! Each file records what it names while it is built ([`Uses`]), so its `use` lines need
//! no second walk; attributes that vary by item (derives, a feature's `cfg`) are made in
//! one place each ([`derives`], [`cfg_any`]).

use std::cell::Cell;
use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Fields, GenericArgument, ImplItem, Item as SynItem, Pat, Path, Stmt, Type};

use super::lower::{EnumDef, FieldDef, Item, OpModule, ProviderModule, RESULT_CODE, StructDef, Ty};
use super::protocol::Protocol;
use super::syntax::{
    Recv, array, attr_list, attr_word, await_, call, closure, expr_path, generic_args, generics, if_, impl_fn,
    item_impl, item_struct, let_, let_cond, lit_int, lit_str, match_, method, named_fields, pat_expr, pat_ident,
    pat_tuple_struct, pat_tuple_trailing, pat_wild, path, path_of, public, reference, return_, self_field, semi, sig,
    struct_expr, tail, try_, tuple_trailing, ty_args, ty_path, ty_ref, var, var_id, where_clause, while_, with_args,
};

pub use super::syntax::ident;

/// Names visible to a module: which are shared (in the provider module) and which name structs.
pub struct Scope<'a> {
    pub shared: &'a BTreeSet<String>,
    pub structs: &'a BTreeSet<String>,
    /// Rendering a file where the shared names are in scope without `super::`: a shared-types
    /// crate's root, whose runtime comes from the core crate, or the facade's module.
    pub in_shared: bool,
}

/// What a file's items name, recorded as they are built: the `use` lines the file needs.
#[derive(Default)]
struct Uses {
    serialize: Cell<bool>,
    deserialize: Cell<bool>,
    runtime: Cell<bool>,
}

/// One file being rendered: the names in scope and what the file uses.
struct Cx<'a> {
    scope: &'a Scope<'a>,
    uses: Uses,
}

impl<'a> Cx<'a> {
    fn new(scope: &'a Scope<'a>) -> Self {
        Cx { scope, uses: Uses::default() }
    }

    /// `runtime::<rest>`, which makes the file import the runtime.
    fn rt(&self, rest: &str) -> Path {
        self.uses.runtime.set(true);
        let mut p = path("runtime");
        for seg in super::syntax::segments(rest) {
            p.segments.push(syn::PathSegment { ident: ident(seg), arguments: Default::default() });
        }
        p
    }

    /// `runtime::<rest>` as an expression.
    fn rt_expr(&self, rest: &str) -> Expr {
        expr_path(self.rt(rest))
    }

    /// `runtime::<rest>` as a type, with type arguments.
    fn rt_ty(&self, rest: &str, args: Vec<Type>) -> Type {
        ty_path(with_args(self.rt(rest), args))
    }

    /// The `use` lines for what the file named: serde's derive traits and the runtime.
    fn imports(&self) -> Vec<SynItem> {
        let mut out = Vec::new();
        let serde: Vec<&str> = [("Deserialize", &self.uses.deserialize), ("Serialize", &self.uses.serialize)]
            .into_iter()
            .filter(|(_, used)| used.get())
            .map(|(n, _)| n)
            .collect();
        if !serde.is_empty() {
            let mut items = Punctuated::new();
            for n in serde {
                items.push(syn::UseTree::Name(syn::UseName { ident: ident(n) }));
            }
            let group = syn::UseTree::Group(syn::UseGroup { brace_token: Default::default(), items });
            out.push(use_item(path_of([ident("serde")]), group));
        }
        if self.uses.runtime.get() {
            // A shared-types crate's root takes the runtime from the core crate; the
            // operations' modules and the facade from their crate's root.
            out.push(use_runtime(if self.scope.in_shared { CORE_IDENT } else { "crate" }));
        }
        out
    }
}

/// `use prefix::tree;`.
pub(super) fn use_item(prefix: Path, tree: syn::UseTree) -> SynItem {
    let tree = prefix.segments.into_iter().rev().fold(tree, |inner, seg| {
        syn::UseTree::Path(syn::UsePath { ident: seg.ident, colon2_token: Default::default(), tree: Box::new(inner) })
    });
    SynItem::Use(syn::ItemUse {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        use_token: Default::default(),
        leading_colon: None,
        tree,
        semi_token: Default::default(),
    })
}

/// The attributes of an item this module makes.
fn attrs_mut(item: &mut SynItem) -> Option<&mut Vec<Attribute>> {
    match item {
        SynItem::Struct(i) => Some(&mut i.attrs),
        SynItem::Enum(i) => Some(&mut i.attrs),
        SynItem::Impl(i) => Some(&mut i.attrs),
        SynItem::Type(i) => Some(&mut i.attrs),
        SynItem::Const(i) => Some(&mut i.attrs),
        SynItem::Mod(i) => Some(&mut i.attrs),
        SynItem::Use(i) => Some(&mut i.attrs),
        SynItem::Fn(i) => Some(&mut i.attrs),
        _ => None,
    }
}

/// Adds `attr` after the item's doc comment, so the comment still opens the item.
fn add_attr(mut item: SynItem, attr: Option<&Attribute>) -> SynItem {
    if let (Some(a), Some(attrs)) = (attr, attrs_mut(&mut item)) {
        let after_docs = attrs.iter().take_while(|x| x.path().is_ident("doc")).count();
        attrs.insert(after_docs, a.clone());
    }
    item
}

/// Whether a character may not stand in a doc attribute: control and direction-changing ones.
fn unsafe_in_doc(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Doc text safe for a doc attribute: no control or direction-changing characters.
pub fn clean_doc(s: &str) -> String {
    s.chars().filter(|&c| !unsafe_in_doc(c)).collect()
}

/// Where the first `http://` or `https://` starts: a scan for `h`, cheaper than a substring
/// search per scheme on every doc line.
fn find_url(s: &str) -> Option<usize> {
    s.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'h')
        .map(|(i, _)| i)
        .find(|&i| s[i..].starts_with("http://") || s[i..].starts_with("https://"))
}

/// Bare URLs of page text as rustdoc links (`<https://…>`), so they are links, not warnings.
#[cfg(test)]
fn autolink(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    autolink_into(line, &mut out);
    out
}

/// [`autolink`], appending to `out`.
fn autolink_into(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(i) = find_url(rest) {
        let before = &rest[..i];
        // Already a link: `<…>`, `(…)` of a Markdown link, or inside backticks.
        let linked = before.ends_with(['<', '(', '`']);
        let end = rest[i..]
            .find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '`' | '"' | ')'))
            .map_or(rest.len(), |n| i + n);
        let url = rest[i..end].trim_end_matches(['.', ',', ';', ':']);
        let end = i + url.len();
        out.push_str(before);
        if linked || url.len() <= "https://".len() {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
}

/// Doc lines as `#[doc]` attributes: page text cleaned, bare URLs linked, each line made in
/// one buffer (doc lines are most of a generated file).
pub fn docs(lines: &[String]) -> Vec<Attribute> {
    let mut text = String::new();
    lines
        .iter()
        .map(|l| {
            let cleaned: std::borrow::Cow<'_, str> =
                if l.contains(unsafe_in_doc) { clean_doc(l).into() } else { l.as_str().into() };
            text.clear();
            // Linking keeps every character, so a line is empty only when its text is.
            if !cleaned.is_empty() {
                text.push(' ');
                autolink_into(&cleaned, &mut text);
            }
            super::syntax::doc(&text)
        })
        .collect()
}

/// Doc lines given as they are printed (each with its leading space).
fn plain_docs(lines: &[&str]) -> Vec<Attribute> {
    lines.iter().map(|l| super::syntax::doc(l)).collect()
}

fn ty(t: &Ty, cx: &Cx<'_>) -> Type {
    match t {
        Ty::String => super::syntax::ty("String"),
        Ty::I64 => super::syntax::ty("i64"),
        Ty::F64 => super::syntax::ty("f64"),
        Ty::Bool => super::syntax::ty("bool"),
        Ty::Map => map_ty(),
        Ty::Vec(inner) => ty_args("Vec", vec![ty(inner, cx)]),
        Ty::Boxed(inner) => ty_args("Box", vec![ty(inner, cx)]),
        Ty::Named { name, args } => ty_path(with_args(named(name, cx), args.iter().map(|a| ty(a, cx)).collect())),
        Ty::Param(p) => ty_path(path_of([ident(p)])),
        Ty::Const(name) => cx.rt_ty("Const", vec![ty_path(named(name, cx))]),
        Ty::ResultCode => ty_path(named(RESULT_CODE, cx)),
        Ty::AntomResult => cx.rt_ty("AntomResult", vec![ty_path(named(RESULT_CODE, cx))]),
    }
}

/// `serde_json::Map<String, serde_json::Value>`.
fn map_ty() -> Type {
    ty_args("serde_json::Map", vec![super::syntax::ty("String"), super::syntax::ty("serde_json::Value")])
}

fn named(name: &str, cx: &Cx<'_>) -> Path {
    let id = ident(name);
    if cx.scope.shared.contains(name) && !cx.scope.in_shared { path_of([ident("super"), id]) } else { path_of([id]) }
}

fn field_ty(f: &FieldDef, cx: &Cx<'_>) -> Type {
    let t = ty(&f.ty, cx);
    if f.optional { ty_args("Option", vec![t]) } else { t }
}

/// A type named by one identifier, with type parameters: `Name<A, B>`.
fn self_ty(name: &Ident, params: &[Ident]) -> Type {
    ty_path(with_args(path_of([name.clone()]), params.iter().map(|p| ty_path(path_of([p.clone()]))).collect()))
}

/// `Path<'lifetime>`.
fn ty_with_lifetime(text: &str, lifetime: &str) -> Type {
    let mut p = path(text);
    if let Some(last) = p.segments.last_mut() {
        last.arguments = generic_args(vec![GenericArgument::Lifetime(super::syntax::lifetime(lifetime))], false);
    }
    ty_path(p)
}

/// `&[T]`.
fn slice_ref(elem: Type) -> Type {
    ty_ref(
        Type::Slice(syn::TypeSlice { attrs: Vec::new(), bracket_token: Default::default(), elem: Box::new(elem) }),
        false,
        None,
    )
}

/// `&'static str`.
fn static_str() -> Type {
    ty_ref(super::syntax::ty("str"), false, Some("static"))
}

/// An item as Rust items: the type, then its impls, each on its own so that an attribute
/// (a feature's `cfg`) can go on every one.
fn item(it: &Item, cx: &Cx<'_>) -> Vec<SynItem> {
    match it {
        Item::Struct(s) => structure(s, cx),
        Item::Enum(e) => enumeration(e, cx),
        Item::Const { name, value } => {
            let id = ident(name);
            let doc = docs(&[format!("The constant `{value}`, for [`runtime::Const`].")]);
            let item = ImplItem::Const(syn::ImplItemConst {
                attrs: Vec::new(),
                vis: syn::Visibility::Inherited,
                modifiers: Default::default(),
                const_token: Default::default(),
                ident: ident("VALUE"),
                generics: Default::default(),
                colon_token: Default::default(),
                ty: static_str(),
                eq_token: Default::default(),
                expr: lit_str(value),
                semi_token: Default::default(),
            });
            vec![
                item_struct(doc, id.clone(), Default::default(), None),
                item_impl(Default::default(), Some(cx.rt("ConstValue")), ty_path(path_of([id])), vec![item]),
            ]
        }
        Item::Alias { name, docs: d, target } => {
            vec![type_alias(docs(d), ident(name), ty(target, cx))]
        }
    }
}

/// `pub type Name = Target;`.
fn type_alias(attrs: Vec<Attribute>, name: Ident, target: Type) -> SynItem {
    SynItem::Type(syn::ItemType {
        attrs,
        vis: public(),
        modifiers: Default::default(),
        type_token: Default::default(),
        ident: name,
        generics: Default::default(),
        eq_token: Default::default(),
        ty: Box::new(target),
        semi_token: Default::default(),
        where_clause_placement: syn::WhereClausePlacement::Early,
    })
}

/// `type Name = Target;` in an impl.
fn impl_type(name: &str, target: Type) -> ImplItem {
    ImplItem::Type(syn::ImplItemType {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        type_token: Default::default(),
        ident: ident(name),
        generics: Default::default(),
        eq_token: Default::default(),
        ty: target,
        semi_token: Default::default(),
    })
}

/// `#[cfg(…)]` for code that one of `features` needs; nothing when `None` (always compiled).
pub fn cfg_any(features: Option<&[String]>) -> Option<Attribute> {
    match features {
        None => None,
        Some([one]) => Some(cfg_feature(one)),
        Some(many) => Some(attr_list("cfg", quote!(any(#(feature = #many),*)), false)),
    }
}

/// `#[cfg(feature = "…")]`.
fn cfg_feature(feature: &str) -> Attribute {
    attr_list("cfg", quote!(feature = #feature), false)
}

fn structure(s: &StructDef, cx: &Cx<'_>) -> Vec<SynItem> {
    let name = ident(&s.name);
    let params: Vec<Ident> = s.params.iter().map(|p| ident(p)).collect();
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    let mut attrs = docs(&s.docs);
    attrs.push(derives(s, sensitive));
    // A request type can also be read, for applications that keep requests as JSON, and a
    // response type written, for those that store or forward responses, each under a
    // feature: by default no one pays for the direction the SDK does not use.
    //
    // What the SDK uses is generated ([`serialize`], [`deserialize`]), as it checks faster
    // than serde's derives. A direction used only under a feature keeps the derive: it
    // costs nothing unless the feature is on, and generating it would make `gen` write
    // several times the lines.
    let serialized = s.request || !s.response;
    let derived_de = s.request && !s.response;
    // The feature of the one derive left, which the field attributes are for.
    let derived = if derived_de {
        Some((DESERIALIZE_REQUESTS, quote!(serde::Deserialize)))
    } else if !serialized {
        Some((SERIALIZE_RESPONSES, quote!(serde::Serialize)))
    } else {
        None
    };
    // Wire names are mostly the fields' names in camelCase: then the derive is told so once,
    // and only the fields that differ are renamed one by one.
    let camel = derived.is_some() && {
        let renamed = |camel: bool| s.fields.iter().filter(|f| renamed_by_serde(f, camel)).count();
        renamed(true) < renamed(false)
    };
    if let Some((feature, derive)) = &derived {
        let rename_all = camel.then(|| quote!(, serde(rename_all = "camelCase")));
        attrs.push(attr_list("cfg_attr", quote!(feature = #feature, derive(#derive) #rename_all), false));
    }
    let derived = derived.map(|(feature, _)| feature);
    let fields = s.fields.iter().map(|f| {
        let mut attrs = docs(&f.docs);
        let mut args: Vec<TokenStream> = Vec::new();
        if renamed_by_serde(f, camel) {
            let wire = &f.wire;
            args.push(quote!(rename = #wire));
        }
        // serde's derive reads a missing `Option` as `None` by itself; `default` is needed
        // only with a custom deserializer, and on a generic field it would demand `T: Default`.
        if derived_de && (f.default || (f.optional && f.stringly)) {
            args.push(quote!(default));
        }
        if f.optional && !serialized {
            args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        if f.stringly {
            let module = if f.optional { "runtime::stringly::option" } else { "runtime::stringly" };
            let (key, with) = match derived_de {
                true => (quote!(deserialize_with), format!("{module}::deserialize")),
                false => (quote!(serialize_with), format!("{module}::serialize")),
            };
            args.push(quote!(#key = #with));
        }
        if let (Some(feature), false) = (derived, args.is_empty()) {
            attrs.push(attr_list("cfg_attr", quote!(feature = #feature, serde(#(#args),*)), false));
        }
        (attrs, public(), ident(&f.rust), field_ty(f, cx))
    });
    let type_params = generics(&[], params.iter().map(|p| (p.clone(), None)).collect());
    let mut out = vec![item_struct(attrs, name.clone(), type_params, Some(named_fields(fields)))];
    if serialized {
        out.push(serialize(s, &name, &params, cx));
    }
    if !derived_de {
        out.extend(deserialize(s, &name, &params, cx));
    }
    if sensitive {
        let mut chain = method(var("f"), "debug_struct", vec![lit_str(&s.name)]);
        for f in &s.fields {
            let id = ident(&f.rust);
            let shown = lit_str(f.rust.trim_start_matches("r#"));
            let value = match (f.sensitive, f.optional) {
                (false, _) => self_field(id),
                (true, false) => cx.rt_expr("Redacted"),
                (true, true) => method(
                    method(self_field(id), "as_ref", vec![]),
                    "map",
                    vec![closure(vec![pat_wild()], cx.rt_expr("Redacted"))],
                ),
            };
            chain = method(chain, "field", vec![shown, reference(value, false)]);
        }
        let fmt = impl_fn(
            Vec::new(),
            false,
            sig(
                ident("fmt"),
                Default::default(),
                Recv::Ref,
                vec![(ident("f"), ty_ref(ty_with_lifetime("std::fmt::Formatter", "_"), true, None))],
                Some(super::syntax::ty("std::fmt::Result")),
            ),
            vec![tail(method(chain, "finish", vec![]))],
        );
        let bounds = generics(&[], params.iter().map(|p| (p.clone(), Some(path("std::fmt::Debug")))).collect());
        out.push(item_impl(bounds, Some(path("std::fmt::Debug")), self_ty(&name, &params), vec![fmt]));
    }
    if s.request {
        out.push(validate(s, &name, &params, cx));
        if params.is_empty() && !all_optional(s) {
            out.extend(builder(s, cx));
        }
    }
    if let Some(protocol) = s.reply {
        out.extend(reply(s, protocol, &name, &params, cx));
    }
    out
}

/// Whether serde's derive needs `#[serde(rename)]` to read or write the field under its wire
/// name: with `rename_all = "camelCase"` (`camel`), or without.
fn renamed_by_serde(f: &FieldDef, camel: bool) -> bool {
    let name = f.rust.trim_start_matches("r#");
    if camel { serde_camel_case(name).is_none_or(|c| c != f.wire) } else { name != f.wire }
}

/// A field name as serde's `rename_all = "camelCase"` spells it: each `_` dropped and the
/// ASCII letter after it upper-cased, then the first character lower-cased. `None` where
/// the name does not begin with an ASCII character, as serde's derive cannot convert it.
fn serde_camel_case(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        match (c, upper) {
            ('_', _) => upper = true,
            (c, true) => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            (c, false) => out.push(c),
        }
    }
    let first = out.chars().next().filter(char::is_ascii)?;
    out.replace_range(..1, &first.to_ascii_lowercase().to_string());
    Some(out)
}

/// The Cargo feature that makes request types `Deserialize` too.
pub const DESERIALIZE_REQUESTS: &str = "deserialize-requests";
/// The Cargo feature that makes response types `Serialize` too.
pub const SERIALIZE_RESPONSES: &str = "serialize-responses";

/// What a struct derives: `Clone` and `Debug` (a hand-written `Debug` where a field is
/// sensitive), and `Default` for an all-optional request. Reading and writing are
/// generated ([`serialize`], [`deserialize`]), each only for the direction that uses it.
fn derives(s: &StructDef, sensitive: bool) -> Attribute {
    let mut names = vec![ident("Clone")];
    if !sensitive {
        names.push(ident("Debug"));
    }
    if s.request && s.params.is_empty() && all_optional(s) {
        names.push(ident("Default"));
    }
    attr_list("derive", quote!(#(#names),*), false)
}

/// A name for a generated binding that no field's binding (or type parameter) takes: `base`,
/// or `base_`, `base__`, … when a field has that name.
fn fresh(base: &str, taken: &[&str]) -> Ident {
    let mut name = base.to_string();
    while taken.contains(&name.as_str()) {
        name.push('_');
    }
    ident(&name)
}

/// A type parameter for a generated impl that none of the struct's own takes.
fn fresh_param(base: &str, params: &[Ident]) -> Ident {
    let taken: Vec<String> = params.iter().map(Ident::to_string).collect();
    fresh(base, &taken.iter().map(String::as_str).collect::<Vec<_>>())
}

/// A struct's `Serialize`: its fields as the entries of a JSON object, in page order,
/// optional ones only when set ([`runtime::ser`] does the rest).
fn serialize(s: &StructDef, name: &Ident, params: &[Ident], cx: &Cx<'_>) -> SynItem {
    let ser_bound = || path("serde::Serialize");
    let s_ty = fresh_param("S", params);
    let map = || var("map");
    let mut stmts =
        vec![let_(pat_ident(ident("map"), true), try_(call(cx.rt_expr("ser::object"), vec![var("s")])), None)];
    for f in &s.fields {
        let step = match (f.stringly, f.optional) {
            (false, false) => "field",
            (false, true) => "option",
            (true, false) => "text",
            (true, true) => "text_option",
        };
        let value = reference(self_field(ident(&f.rust)), false);
        stmts.push(semi(try_(method(map(), step, vec![lit_str(&f.wire), value]))));
    }
    stmts.push(tail(method(map(), "end", vec![])));
    let s_path = |rest: &str| ty_path(path_of([s_ty.clone(), ident(rest)]));
    let fn_ = impl_fn(
        Vec::new(),
        false,
        sig(
            ident("serialize"),
            generics(&[], vec![(s_ty.clone(), Some(path("serde::Serializer")))]),
            Recv::Ref,
            vec![(ident("s"), ty_path(path_of([s_ty.clone()])))],
            Some(ty_args("Result", vec![s_path("Ok"), s_path("Error")])),
        ),
        stmts,
    );
    let bounds = generics(&[], params.iter().map(|p| (p.clone(), Some(ser_bound()))).collect());
    item_impl(bounds, Some(ser_bound()), self_ty(name, params), vec![fn_])
}

/// A struct's `Deserialize`, in place of serde's derive: `runtime::de::object` reads a JSON
/// object and the struct's `runtime::de::Object::from_map` matches its keys, one slot per
/// field. The derive's field enum, its visitor and `visit_seq` are left out (a JSON
/// struct is always an object), which makes the crate quicker to check.
///
/// The rules stay the derive's: wire names, unknown keys skipped, a repeated key refused, a
/// missing required field named, a missing `Option` or `default` field filled in.
fn deserialize(s: &StructDef, name: &Ident, params: &[Ident], cx: &Cx<'_>) -> Vec<SynItem> {
    let de_bound = || with_lifetime(path("serde::Deserialize"), "de");
    let bounds = || generics(&["de"], params.iter().map(|p| (p.clone(), Some(de_bound()))).collect());
    let d_ty = fresh_param("D", params);
    let a_ty = fresh_param("A", params);
    let result = |err: &Ident| {
        let err = ty_path(path_of([err.clone(), ident("Error")]));
        ty_args("Result", vec![super::syntax::ty("Self"), err])
    };
    let entry = impl_fn(
        Vec::new(),
        false,
        sig(
            ident("deserialize"),
            generics(&[], vec![(d_ty.clone(), Some(with_lifetime(path("serde::Deserializer"), "de")))]),
            Recv::None,
            vec![(ident("d"), ty_path(path_of([d_ty.clone()])))],
            Some(result(&d_ty)),
        ),
        vec![tail(call(cx.rt_expr("de::object"), vec![var("d")]))],
    );
    let slots: Vec<&str> = s.fields.iter().map(|f| f.rust.as_str()).collect();
    let map_id = fresh("map", &slots);
    let key_id = fresh("key", &slots);
    let map = || var_id(map_id.clone());
    let wire = |f: &FieldDef| lit_str(&f.wire);
    let mut stmts: Vec<Stmt> =
        s.fields.iter().map(|f| let_(pat_ident(ident(&f.rust), true), var("None"), None)).collect();
    let next_key = try_(method(map(), "key", vec![]));
    let skip = try_(method(map(), "skip", vec![]));
    let read = if s.fields.is_empty() {
        while_(method(next_key, "is_some", vec![]), vec![semi(skip)])
    } else {
        let mut arms: Vec<(Pat, Expr)> = s
            .fields
            .iter()
            .map(|f| {
                let step = match (f.stringly, f.optional) {
                    (false, _) => "value",
                    (true, false) => "stringly",
                    (true, true) => "stringly_option",
                };
                let slot = reference(var_id(ident(&f.rust)), true);
                (pat_expr(wire(f)), try_(method(map(), step, vec![slot, wire(f)])))
            })
            .collect();
        arms.push((pat_wild(), skip));
        let cond = let_cond(pat_tuple_struct(path("Some"), vec![pat_ident(key_id.clone(), false)]), next_key);
        while_(cond, vec![tail(match_(method(var_id(key_id), "as_str", vec![]), arms))])
    };
    stmts.push(tail(read));
    let inits = s
        .fields
        .iter()
        .map(|f| {
            let slot = var_id(ident(&f.rust));
            let value = if f.optional {
                // `Some(None)` is a `null`, `None` no key: either way the field is `None`.
                method(slot, "flatten", vec![])
            } else if f.default {
                method(slot, "unwrap_or_default", vec![])
            } else {
                try_(method(map(), "required", vec![slot, wire(f)]))
            };
            (ident(&f.rust), Some(value))
        })
        .collect();
    stmts.push(tail(call(var("Ok"), vec![struct_expr(path("Self"), inits)])));
    let mut entries = cx.rt("de::Entries");
    if let Some(last) = entries.segments.last_mut() {
        let args = vec![
            GenericArgument::Lifetime(super::syntax::lifetime("de")),
            GenericArgument::Type(ty_path(path_of([a_ty.clone()]))),
        ];
        last.arguments = generic_args(args, false);
    }
    let mut from_map_sig = sig(
        ident("from_map"),
        generics(&[], vec![(a_ty.clone(), Some(with_lifetime(path("serde::de::MapAccess"), "de")))]),
        Recv::None,
        vec![(map_id.clone(), ty_path(entries))],
        Some(result(&a_ty)),
    );
    // `mut map`: every step reads from it.
    if let Some(syn::FnArg::Typed(arg)) = from_map_sig.inputs.first_mut() {
        *arg.pat = pat_ident(map_id.clone(), true);
    }
    let from_map = impl_fn(Vec::new(), false, from_map_sig, stmts);
    let expecting = ImplItem::Const(syn::ImplItemConst {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: ident("EXPECTING"),
        generics: Default::default(),
        colon_token: Default::default(),
        ty: static_str(),
        eq_token: Default::default(),
        expr: lit_str(&format!("struct {}", s.name.trim_start_matches("r#"))),
        semi_token: Default::default(),
    });
    vec![
        item_impl(bounds(), Some(de_bound()), self_ty(name, params), vec![entry]),
        item_impl(
            bounds(),
            Some(with_lifetime(cx.rt("de::Object"), "de")),
            self_ty(name, params),
            vec![expecting, from_map],
        ),
    ]
}

/// Whether every field can be left out: the struct implements `Default`.
fn all_optional(s: &StructDef) -> bool {
    s.fields.iter().all(|f| f.optional || matches!(f.ty, Ty::Const(_)))
}

/// `runtime::Reply` for a response root: the provider's rule, applied to its status fields.
fn reply(s: &StructDef, protocol: Protocol, name: &Ident, params: &[Ident], cx: &Cx<'_>) -> Option<SynItem> {
    let code = ty_path(named(RESULT_CODE, cx));
    let field_of = |wire: &str| s.fields.iter().find(|f| f.wire == wire);
    let (data, body) = match protocol {
        Protocol::Envelope { code: c, message, data } => {
            let (c, m) = (field_of(c)?, field_of(message)?);
            let (c, m) = (ident(&c.rust), ident(&m.rust));
            // A page without `data` has nothing to type: the success carries an empty map.
            let (t, value) = match field_of(data) {
                Some(d) => {
                    let id = ident(&d.rust);
                    let value = if d.optional {
                        method(self_field(id), "or_else", vec![cx.rt_expr("rules::empty")])
                    } else {
                        call(var("Some"), vec![self_field(id)])
                    };
                    (ty(&d.ty, cx), value)
                }
                None => (map_ty(), call(var("Some"), vec![call(var("serde_json::Map::new"), vec![])])),
            };
            let verdict = call(cx.rt_expr("rules::payermax"), vec![method(self_field(c.clone()), "as_ref", vec![])]);
            let outcome = call(
                cx.rt_expr("rules::outcome"),
                vec![var("verdict"), self_field(c), self_field(m), value, lit_str(data), var("raw")],
            );
            (t, vec![let_(pat_ident(ident("verdict"), false), verdict, None), tail(outcome)])
        }
        Protocol::ResultObject { result } => {
            let r = ident(&field_of(result)?.rust);
            (
                super::syntax::ty("Self"),
                vec![
                    let_(pat_ident(ident("result"), false), method(self_field(r), "clone", vec![]), None),
                    tail(method(var("result"), "outcome", vec![var("self"), var("raw")])),
                ],
            )
        }
        Protocol::StringPayload => return None,
    };
    let mut impl_generics = generics(&[], params.iter().map(|p| (p.clone(), None)).collect());
    if !params.is_empty() {
        impl_generics.where_clause = Some(where_clause(params, &path("serde::de::DeserializeOwned")));
    }
    let outcome = cx.rt_ty("Outcome", vec![super::syntax::ty("Self::Data"), super::syntax::ty("Self::Code")]);
    let ret = ty_args("Result", vec![outcome, cx.rt_ty("DecodeError", vec![])]);
    let into = impl_fn(
        Vec::new(),
        false,
        sig(
            ident("into_outcome"),
            Default::default(),
            Recv::Value,
            vec![(ident("raw"), slice_ref(super::syntax::ty("u8")))],
            Some(ret),
        ),
        body,
    );
    Some(item_impl(
        impl_generics,
        Some(cx.rt("Reply")),
        self_ty(name, params),
        vec![impl_type("Data", data), impl_type("Code", code), into],
    ))
}

/// `runtime::<check>(path, "wire", value, [extra,] out);`.
fn check(cx: &Cx<'_>, check: &str, wire: &str, value: Expr, extra: Option<Expr>) -> Stmt {
    let mut args = vec![var("path"), lit_str(wire), value];
    args.extend(extra);
    args.push(var("out"));
    semi(call(cx.rt_expr(check), args))
}

fn validate(s: &StructDef, name: &Ident, params: &[Ident], cx: &Cx<'_>) -> SynItem {
    let mut checks = Vec::new();
    for f in &s.fields {
        let id = ident(&f.rust);
        let wire = &f.wire;
        let value = || if f.optional { var("v") } else { reference(self_field(id.clone()), false) };
        let mut body = Vec::new();
        if f.required_string {
            body.push(check(cx, "required", wire, value(), None));
        }
        if let Some(max) = f.max_length {
            match &f.ty {
                Ty::String => body.push(check(cx, "max_length", wire, value(), Some(lit_int(max)))),
                Ty::Vec(inner) if **inner == Ty::String => {
                    body.push(check(cx, "max_length_each", wire, value(), Some(lit_int(max))))
                }
                _ => {}
            }
        }
        if validates(&f.ty, cx.scope) {
            body.push(check(cx, "nested", wire, value(), None));
        }
        if body.is_empty() {
            continue;
        }
        if f.optional {
            let cond = let_cond(
                pat_tuple_struct(path("Some"), vec![pat_ident(ident("v"), false)]),
                reference(self_field(id), false),
            );
            checks.push(tail(if_(cond, body)));
        } else {
            checks.extend(body);
        }
    }
    let bounds = generics(&[], params.iter().map(|p| (p.clone(), Some(cx.rt("Validate")))).collect());
    let (path_arg, out_arg) = if checks.is_empty() { ("_path", "_out") } else { ("path", "out") };
    let args = vec![
        (ident(path_arg), ty_ref(ty_path(with_lifetime(cx.rt("Path"), "_")), false, None)),
        (ident(out_arg), ty_ref(ty_args("Vec", vec![cx.rt_ty("Violation", vec![])]), true, None)),
    ];
    let f = impl_fn(Vec::new(), false, sig(ident("validate_into"), Default::default(), Recv::Ref, args, None), checks);
    item_impl(bounds, Some(cx.rt("Validate")), self_ty(name, params), vec![f])
}

/// `path` with a lifetime argument on its last segment.
fn with_lifetime(mut p: Path, lifetime: &str) -> Path {
    if let Some(last) = p.segments.last_mut() {
        last.arguments = generic_args(vec![GenericArgument::Lifetime(super::syntax::lifetime(lifetime))], false);
    }
    p
}

/// Whether a field's type has its own `validate_into`: generated structs and type parameters.
fn validates(t: &Ty, scope: &Scope<'_>) -> bool {
    match t {
        Ty::Vec(inner) | Ty::Boxed(inner) => validates(inner, scope),
        Ty::Named { name, .. } => scope.structs.contains(name),
        Ty::Param(_) => true,
        _ => false,
    }
}

/// A builder for a request struct with required fields: one named setter per field, so two
/// required strings cannot be swapped silently, constants filled in, and `build()` reporting
/// every required field left out.
fn builder(s: &StructDef, cx: &Cx<'_>) -> Vec<SynItem> {
    let name = ident(&s.name);
    let shown = s.name.trim_start_matches("r#");
    let builder = ident(&format!("{shown}Builder"));
    let fields: Vec<&FieldDef> = s.fields.iter().filter(|f| !matches!(f.ty, Ty::Const(_))).collect();
    let slots = fields
        .iter()
        .map(|f| (Vec::new(), syn::Visibility::Inherited, ident(&f.rust), ty_args("Option", vec![ty(&f.ty, cx)])));
    let mut setters: Vec<ImplItem> = fields
        .iter()
        .map(|f| {
            let id = ident(&f.rust);
            let first = f.docs.iter().find(|l| !l.is_empty()).cloned().unwrap_or_else(|| format!("Sets `{}`.", f.wire));
            let (arg, value) = if f.ty == Ty::String {
                let into = super::syntax::bound(with_args(path("Into"), vec![super::syntax::ty("String")]));
                let arg = Type::ImplTrait(syn::TypeImplTrait {
                    attrs: Vec::new(),
                    impl_token: Default::default(),
                    bounds: std::iter::once(into).collect(),
                });
                (arg, method(var("value"), "into", vec![]))
            } else {
                (ty(&f.ty, cx), var("value"))
            };
            let assign = Expr::Assign(syn::ExprAssign {
                attrs: Vec::new(),
                left: Box::new(self_field(id.clone())),
                eq_token: Default::default(),
                right: Box::new(call(var("Some"), vec![value])),
            });
            impl_fn(
                docs(&[first]),
                true,
                sig(id, Default::default(), Recv::Mut, vec![(ident("value"), arg)], Some(super::syntax::ty("Self"))),
                vec![semi(assign), tail(var("self"))],
            )
        })
        .collect();
    let required: Vec<&&FieldDef> = fields.iter().filter(|f| !f.optional).collect();
    let mut stmts = vec![let_(pat_ident(ident("missing"), true), call(var("Vec::new"), vec![]), None)];
    for f in &required {
        let push = semi(method(var("missing"), "push", vec![lit_str(&f.wire)]));
        stmts.push(tail(if_(method(self_field(ident(&f.rust)), "is_none", vec![]), vec![push])));
    }
    let req_ids: Vec<Ident> = required.iter().map(|f| ident(&f.rust)).collect();
    let missing = call(var("Err"), vec![call(cx.rt_expr("MissingFields"), vec![var("missing")])]);
    stmts.push(let_(
        pat_tuple_trailing(
            req_ids.iter().map(|id| pat_tuple_struct(path("Some"), vec![pat_ident(id.clone(), false)])).collect(),
        ),
        tuple_trailing(req_ids.iter().map(|id| self_field(id.clone())).collect()),
        Some(vec![semi(return_(missing))]),
    ));
    let inits = s
        .fields
        .iter()
        .map(|f| {
            let id = ident(&f.rust);
            if matches!(f.ty, Ty::Const(_)) {
                (id, Some(call(cx.rt_expr("Const::new"), vec![])))
            } else if f.optional {
                (id.clone(), Some(self_field(id)))
            } else {
                (id, None)
            }
        })
        .collect();
    stmts.push(tail(call(var("Ok"), vec![struct_expr(path_of([name.clone()]), inits)])));
    let ret = ty_args("Result", vec![ty_path(path_of([name.clone()])), cx.rt_ty("MissingFields", vec![])]);
    setters.push(impl_fn(
        plain_docs(&[" The value, or every required field that was not set."]),
        true,
        sig(ident("build"), Default::default(), Recv::Value, Vec::new(), Some(ret)),
        stmts,
    ));
    let make = impl_fn(
        docs(&["A builder that takes the fields by name; `build()` reports the required ones left out.".to_string()]),
        true,
        sig(ident("builder"), Default::default(), Recv::None, Vec::new(), Some(ty_path(path_of([builder.clone()])))),
        vec![tail(call(expr_path(path_of([builder.clone(), ident("default")])), vec![]))],
    );
    let mut intro = docs(&[format!("Builds a [`{shown}`]: one setter per field, by name.")]);
    intro.push(attr_list("derive", quote!(Default), false));
    intro.push(attr_word("must_use"));
    vec![
        item_impl(Default::default(), None, ty_path(path_of([name])), vec![make]),
        item_struct(intro, builder.clone(), Default::default(), Some(named_fields(slots))),
        item_impl(Default::default(), None, ty_path(path_of([builder])), setters),
    ]
}

/// `Name::Variant` as an expression.
fn variant_path(name: &Ident, variant: Ident) -> Expr {
    expr_path(path_of([name.clone(), variant]))
}

fn enumeration(e: &EnumDef, cx: &Cx<'_>) -> Vec<SynItem> {
    let name = ident(&e.name);
    let mut attrs = docs(&e.docs);
    let vdocs = |i: usize| e.variant_docs.get(i).map(|d| docs(d)).unwrap_or_default();
    let variant = |attrs: Vec<Attribute>, id: Ident, fields: Fields| syn::Variant {
        attrs,
        ident: id,
        fields,
        discriminant: None,
    };
    let mut variants: Punctuated<syn::Variant, syn::Token![,]> = Punctuated::new();
    if !e.open {
        for (i, (r, w)) in e.variants.iter().enumerate() {
            let mut attrs = vdocs(i);
            if r != w {
                attrs.push(attr_list("serde", quote!(rename = #w), false));
            }
            variants.push(variant(attrs, ident(r), Fields::Unit));
            variants.push_punct(Default::default());
        }
        // A closed enum is a request's (every response enum is open): it is written, and
        // read only where requests are.
        attrs.push(attr_list("derive", quote!(Clone, Copy, Debug, PartialEq, Eq, Serialize), false));
        attrs.push(attr_list("cfg_attr", quote!(feature = #DESERIALIZE_REQUESTS, derive(serde::Deserialize)), false));
        cx.uses.serialize.set(true);
        return vec![enum_item(attrs, name, variants)];
    }
    attrs.extend(plain_docs(&[
        "",
        " Values the docs do not list are kept as `Unknown`: a new value never breaks a",
        " response, and a request can send a value the docs leave out.",
    ]));
    attrs.push(attr_list("derive", quote!(Clone, Debug, PartialEq, Eq), false));
    for (i, (r, _)) in e.variants.iter().enumerate() {
        variants.push(variant(vdocs(i), ident(r), Fields::Unit));
        variants.push_punct(Default::default());
    }
    let mut unnamed = Punctuated::new();
    unnamed.push(syn::Field {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        ident: None,
        colon_token: None,
        ty: super::syntax::ty("String"),
        default: None,
    });
    let unknown = Fields::Unnamed(syn::FieldsUnnamed { paren_token: Default::default(), unnamed });
    variants.push(variant(plain_docs(&[" A value the docs do not list, as sent."]), ident("Unknown"), unknown));
    variants.push_punct(Default::default());
    cx.uses.serialize.set(true);
    cx.uses.deserialize.set(true);
    let this = ty_path(path_of([name.clone()]));
    let str_ref = || ty_ref(super::syntax::ty("str"), false, None);
    let as_ref = impl_fn(
        Vec::new(),
        false,
        sig(ident("as_ref"), Default::default(), Recv::Ref, Vec::new(), Some(str_ref())),
        vec![tail(method(var("self"), "as_str", vec![]))],
    );
    let unknown_path = || path_of([name.clone(), ident("Unknown")]);
    let mut arms: Vec<_> =
        e.variants.iter().map(|(r, w)| (pat_expr(variant_path(&name, ident(r))), lit_str(w))).collect();
    arms.push((pat_tuple_struct(unknown_path(), vec![pat_ident(ident("s"), false)]), var("s")));
    let as_str = impl_fn(
        plain_docs(&[" The wire value."]),
        true,
        sig(ident("as_str"), Default::default(), Recv::Ref, Vec::new(), Some(str_ref())),
        vec![tail(match_(var("self"), arms))],
    );
    let mut arms: Vec<_> =
        e.variants.iter().map(|(r, w)| (pat_expr(lit_str(w)), variant_path(&name, ident(r)))).collect();
    arms.push((pat_wild(), call(expr_path(unknown_path()), vec![var("s")])));
    let from = impl_fn(
        Vec::new(),
        false,
        sig(
            ident("from"),
            Default::default(),
            Recv::None,
            vec![(ident("s"), super::syntax::ty("String"))],
            Some(super::syntax::ty("Self")),
        ),
        vec![tail(match_(method(var("s"), "as_str", vec![]), arms))],
    );
    let serialize = impl_fn(
        Vec::new(),
        false,
        sig(
            ident("serialize"),
            generics(&[], vec![(ident("S"), Some(path("serde::Serializer")))]),
            Recv::Ref,
            vec![(ident("s"), super::syntax::ty("S"))],
            Some(ty_args("Result", vec![super::syntax::ty("S::Ok"), super::syntax::ty("S::Error")])),
        ),
        vec![tail(method(var("s"), "serialize_str", vec![method(var("self"), "as_str", vec![])]))],
    );
    let deserialize = impl_fn(
        Vec::new(),
        false,
        sig(
            ident("deserialize"),
            generics(&[], vec![(ident("D"), Some(with_lifetime(path("serde::Deserializer"), "de")))]),
            Recv::None,
            vec![(ident("d"), super::syntax::ty("D"))],
            Some(ty_args("Result", vec![super::syntax::ty("Self"), super::syntax::ty("D::Error")])),
        ),
        vec![tail(method(
            call(var("String::deserialize"), vec![var("d")]),
            "map",
            vec![expr_path(path_of([name.clone(), ident("from")]))],
        ))],
    );
    let from_string = with_args(path("From"), vec![super::syntax::ty("String")]);
    let as_ref_str = with_args(path("AsRef"), vec![super::syntax::ty("str")]);
    vec![
        enum_item(attrs, name.clone(), variants),
        item_impl(Default::default(), Some(as_ref_str), this.clone(), vec![as_ref]),
        item_impl(Default::default(), None, this.clone(), vec![as_str]),
        item_impl(Default::default(), Some(from_string), this.clone(), vec![from]),
        item_impl(Default::default(), Some(path("Serialize")), this.clone(), vec![serialize]),
        item_impl(
            generics(&["de"], Vec::new()),
            Some(with_lifetime(path("Deserialize"), "de")),
            this,
            vec![deserialize],
        ),
    ]
}

fn enum_item(attrs: Vec<Attribute>, name: Ident, variants: Punctuated<syn::Variant, syn::Token![,]>) -> SynItem {
    SynItem::Enum(syn::ItemEnum {
        attrs,
        vis: public(),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants,
    })
}

/// An operation's file, formatted.
pub fn op_file(header: &str, op: &OpModule<'_>, scope: &Scope<'_>) -> String {
    let cx = Cx::new(scope);
    let spec = &op.spec;
    let mut head = vec![match &op.endpoint {
        Some((m, p)) => format!("{}: `{m} {p}`.", spec.title),
        None => format!("{} (the page gives no endpoint path).", spec.title),
    }];
    if !spec.description.is_empty() {
        head.push(String::new());
        head.extend(spec.description.lines().map(str::to_string));
    }
    head.push(String::new());
    let url = spec.source.url.as_deref().map(|u| format!("<{u}>, ")).unwrap_or_default();
    head.push(format!("Source: {url}snapshot `spec/{}`.", spec.source.page));
    streamed(header, inner_docs(&head), &cx, false, |print| {
        endpoint(op, &cx).into_iter().for_each(&mut *print);
        for i in &op.items {
            item(i, &cx).into_iter().for_each(&mut *print);
        }
    })
}

/// The operation's marker type and its `Endpoint` impl; none without an endpoint path.
fn endpoint(op: &OpModule<'_>, cx: &Cx<'_>) -> Vec<SynItem> {
    let spec = &op.spec;
    let Some((m, p)) = &op.endpoint else { return Vec::new() };
    let marker = ident(&op.marker);
    let resp = path_of([ident(&op.response)]);
    let response = match Protocol::of(spec.provider) {
        Protocol::StringPayload => cx.rt_ty("PingPongReply", vec![ty_path(resp), ty_path(named(RESULT_CODE, cx))]),
        _ => ty_path(resp),
    };
    let version = match &op.version {
        Some(v) => call(var("Some"), vec![lit_str(v)]),
        None => var("None"),
    };
    let operation = struct_expr(
        cx.rt("Operation"),
        vec![
            (ident("name"), Some(lit_str(&spec.operation))),
            (ident("method"), Some(lit_str(m.as_str()))),
            (ident("path"), Some(lit_str(p))),
            (ident("version"), Some(version)),
        ],
    );
    let constant = ImplItem::Const(syn::ImplItemConst {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: ident("OPERATION"),
        generics: Default::default(),
        colon_token: Default::default(),
        ty: cx.rt_ty("Operation", vec![]),
        eq_token: Default::default(),
        expr: operation,
        semi_token: Default::default(),
    });
    let doc = docs(&[format!("The `{}` operation, for the provider's `Client`.", spec.operation)]);
    vec![
        item_struct(doc, marker.clone(), Default::default(), None),
        item_impl(
            Default::default(),
            Some(cx.rt("Endpoint")),
            ty_path(path_of([marker])),
            vec![constant, impl_type("Request", ty(&op.payload, cx)), impl_type("Response", response)],
        ),
    ]
}

/// A file formatted as it is built: `body` hands over one item at a time, which is printed
/// and dropped before the next is built, so each syntax tree is small and still in the cache
/// when it is printed and freed (one tree for a whole operation's file made generation a
/// fifth slower). The file's inner attributes and the imports its items used go first,
/// marked `allow(unused_imports)` if `allow_unused`.
fn streamed(
    header: &str,
    attrs: Vec<Attribute>,
    cx: &Cx<'_>,
    allow_unused: bool,
    body: impl FnOnce(&mut dyn FnMut(SynItem)),
) -> String {
    format_streamed(header, attrs, body, || {
        let imports = cx.imports();
        if allow_unused { imports.into_iter().map(self::allow_unused).collect() } else { imports }
    })
}

/// The formatting of [`streamed`]: `body`'s items printed one by one, then the head (the
/// inner attributes and the items `head` gives once the body is done) joined before them.
fn format_streamed(
    header: &str,
    attrs: Vec<Attribute>,
    body: impl FnOnce(&mut dyn FnMut(SynItem)),
    head: impl FnOnce() -> Vec<SynItem>,
) -> String {
    let mut rest = Formatter::rest();
    body(&mut |item| rest.push(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: vec![item] }));
    let mut out = Formatter::new(header);
    out.push(&syn::File { shebang: None, frontmatter: None, attrs, items: head() });
    out.append(rest)
}

/// The hand-written core crate, as Rust code names it.
const CORE_IDENT: &str = "paydoc_sdk_core";

/// `#![doc = "…"]` lines, cleaned ([`clean_doc`]); a line left empty has no leading space.
fn inner_docs(lines: &[String]) -> Vec<Attribute> {
    lines
        .iter()
        .map(|l| {
            let l = clean_doc(l);
            super::syntax::inner_doc(&if l.is_empty() { String::new() } else { format!(" {l}") })
        })
        .collect()
}

/// `use from::runtime;`.
fn use_runtime(from: &str) -> SynItem {
    use_item(path(from), syn::UseTree::Name(syn::UseName { ident: ident("runtime") }))
}

/// `use from::*;`.
fn use_glob(from: &str) -> SynItem {
    use_item(path(from), syn::UseTree::Glob(syn::UseGlob { star_token: Default::default() }))
}

/// A `use` item allowed to go unused: a generated crate built with none of its operations'
/// features names little or nothing through its imports.
fn allow_unused(item: SynItem) -> SynItem {
    add_attr(item, Some(&attr_list("allow", quote!(unused_imports), false)))
}

/// A `use` item made `pub use`: a re-export.
pub(super) fn pub_use(mut item: SynItem) -> SynItem {
    if let SynItem::Use(u) = &mut item {
        u.vis = super::syntax::public();
    }
    item
}

/// The root of a provider's shared-types crate: the types several operations share, each
/// compiled when an operation that uses it is, and the result codes.
pub fn shared_file(header: &str, p: &ProviderModule<'_>, scope: &Scope<'_>, limit: Option<&Attribute>) -> String {
    let cx = Cx::new(scope);
    let name = p.provider.display_name();
    let mut attrs = inner_docs(&[
        format!("{name}'s types that several operations share: envelopes, result codes, constants"),
        "and the nested objects more than one operation names.".into(),
        String::new(),
        format!("A part of `paydoc-sdk`, which re-exports them in its `{}` module: use that crate.", p.provider),
    ]);
    attrs.extend(limit.cloned());
    // Built with no operation's feature, the crate holds little more than the result codes.
    streamed(header, attrs, &cx, true, |print| {
        for i in &p.shared {
            let cfg = cfg_any(p.used_by.get(i.name()).map(Vec::as_slice));
            item(i, &cx).into_iter().for_each(|t| print(add_attr(t, cfg.as_ref())));
        }
    })
}

/// The root of a crate of operations: a module per operation, each behind its feature.
/// The modules name the runtime as `crate::runtime` and shared types as `super::Name`.
pub fn ops_root(p: &ProviderModule<'_>, ops: &[OpModule<'_>], limit: Option<&Attribute>) -> syn::File {
    let mut attrs = inner_docs(&[
        format!("{} operations, from `{}` to `{}`.", p.provider.display_name(), first_op(ops), last_op(ops)),
        String::new(),
        format!("A part of `paydoc-sdk`, which re-exports them in its `{}` module: use that crate.", p.provider),
    ]);
    attrs.extend(limit.cloned());
    let shared = super::crates::Package::shared(p.provider.as_str()).ident();
    let mut items = vec![allow_unused(use_runtime(CORE_IDENT)), allow_unused(use_glob(&shared))];
    items.extend(ops.iter().map(|op| {
        let mut attrs = docs(std::slice::from_ref(&op.spec.title));
        attrs.push(cfg_feature(&op.feature));
        super::syntax::mod_decl(attrs, ident(&op.module))
    }));
    syn::File { shebang: None, frontmatter: None, attrs, items }
}

fn first_op<'a>(ops: &'a [OpModule<'_>]) -> &'a str {
    ops.first().map_or("", |o| o.spec.operation.as_str())
}

fn last_op<'a>(ops: &'a [OpModule<'_>]) -> &'a str {
    ops.last().map_or("", |o| o.spec.operation.as_str())
}

/// A provider's module of the facade: its shared types and operation modules re-exported
/// from their crates, `OPERATIONS` and the client.
pub fn provider_file(p: &ProviderModule<'_>, scope: &Scope<'_>) -> Result<syn::File, String> {
    let cx = Cx::new(scope);
    // The provider's overview and its doc-tested example call are hand-written in the facade's
    // `src/docs/`.
    let title = format!("../docs/{}.md", p.provider.as_str());
    let include = super::syntax::macro_call("include_str", quote!(#title));
    let attrs = vec![super::syntax::inner_name_value("doc", include)];
    let mut reexports = vec![pub_use(use_glob(&super::crates::Package::shared(p.provider.as_str()).ident()))];
    for (package, ops) in super::crates::op_crates(p) {
        let from = package.ident();
        for op in ops {
            let tree = syn::UseTree::Name(syn::UseName { ident: ident(&op.module) });
            let item = pub_use(use_item(path(&from), tree));
            let item = add_attr(item, Some(&attr_list("doc", quote!(inline), false)));
            reexports.push(add_attr(item, Some(&cfg_feature(&op.feature))));
        }
    }
    let mut body = vec![operations_const(p, &cx)];
    let mut calls: Vec<ImplItem> = Vec::new();
    let mut async_calls: Vec<ImplItem> = Vec::new();
    for op in &p.ops {
        let Some((m, path)) = op.endpoint.as_ref() else { continue };
        let module = ident(&op.module);
        let marker = ident(&op.marker);
        let payload = op_scoped(&op.payload, &module, &cx);
        let mut attrs = docs(&[
            format!("{}: `{m} {path}`.", op.spec.title),
            String::new(),
            "Validates the request first and sends nothing if it breaks a documented constraint;".into(),
            "then signs it, sends it, verifies the response's signature and decodes it.".into(),
        ]);
        attrs.push(cfg_feature(&op.feature));
        let endpoint = || ty_path(path_of([module.clone(), marker.clone()]));
        let error = ty_path(with_args(cx.rt("Error"), vec![super::syntax::ty("T::Error")]));
        let ret = ty_args("Result", vec![cx.rt_ty("Answer", vec![endpoint()]), error]);
        let args = vec![(ident("request"), ty_ref(payload, false, None))];
        let send = |f: &str| {
            let mut callee = cx.rt(f);
            if let Some(last) = callee.segments.last_mut() {
                let infer = || {
                    GenericArgument::Type(Type::Infer(syn::TypeInfer {
                        attrs: Vec::new(),
                        underscore_token: Default::default(),
                    }))
                };
                last.arguments = generic_args(vec![GenericArgument::Type(endpoint()), infer(), infer()], true);
            }
            call(
                expr_path(callee),
                vec![
                    reference(self_field(ident("config")), false),
                    reference(self_field(ident("transport")), false),
                    var("request"),
                ],
            )
        };
        let method_sig = sig(module.clone(), Default::default(), Recv::Ref, args, Some(ret));
        calls.push(impl_fn(attrs.clone(), true, method_sig.clone(), vec![tail(send("call"))]));
        let mut async_sig = method_sig;
        async_sig.asyncness = Some(Default::default());
        async_calls.push(impl_fn(attrs, true, async_sig, vec![tail(await_(send("call_async")))]));
    }
    if !calls.is_empty() {
        body.extend(client(p, &cx, calls, async_calls)?);
    }
    let mut items = cx.imports();
    items.extend(reexports);
    items.extend(body);
    Ok(syn::File { shebang: None, frontmatter: None, attrs, items })
}

/// The provider's `Client` and `AsyncClient`: a fixed template, parsed once per provider,
/// with one method per operation added to each.
fn client(
    p: &ProviderModule<'_>,
    cx: &Cx<'_>,
    calls: Vec<ImplItem>,
    async_calls: Vec<ImplItem>,
) -> Result<Vec<SynItem>, String> {
    let provider = ident(p.provider.as_str());
    let display = p.provider.display_name();
    let doc = docs(&[
        format!("A {display} client over a blocking [`runtime::Transport`]: one method per operation."),
        String::new(),
        "Each call validates the request, signs it with the [`Config`], sends it, verifies the".into(),
        "response's signature and decodes it into the operation's [`runtime::Answer`].".into(),
    ]);
    let async_doc = docs(&["The same as [`Client`], over an async [`runtime::AsyncTransport`].".to_string()]);
    cx.uses.runtime.set(true);
    let template = quote! {
        pub use crate::auth::#provider::{Config, Credentials, Environment};
        #(#doc)*
        pub struct Client<T> {
            config: Config,
            transport: T,
        }
        impl<T> Client<T> {
            /// A client that signs with `config` and sends over `transport`.
            pub fn new(config: Config, transport: T) -> Self {
                Client { config, transport }
            }
            /// The signing configuration.
            pub fn config(&self) -> &Config {
                &self.config
            }
            /// The transport the client sends over.
            pub fn transport(&self) -> &T {
                &self.transport
            }
            /// Verifies an incoming notification's signature over its raw headers and body,
            /// then decodes it into `N` (`serde_json::Value` where the page documents no
            /// payload). Answer the gateway with [`Config::ACKNOWLEDGEMENT`] afterwards.
            pub fn notification<N: serde::de::DeserializeOwned>(
                &self,
                headers: &http::HeaderMap,
                body: &[u8],
            ) -> Result<N, runtime::NotificationError> {
                runtime::notification(&self.config, headers, body)
            }
        }
        impl<T: runtime::Transport> Client<T> {}
        #(#async_doc)*
        pub struct AsyncClient<T> {
            config: Config,
            transport: T,
        }
        impl<T> AsyncClient<T> {
            /// A client that signs with `config` and sends over `transport`.
            pub fn new(config: Config, transport: T) -> Self {
                AsyncClient { config, transport }
            }
            /// The signing configuration.
            pub fn config(&self) -> &Config {
                &self.config
            }
            /// The transport the client sends over.
            pub fn transport(&self) -> &T {
                &self.transport
            }
        }
        impl<T: runtime::AsyncTransport> AsyncClient<T> {}
    };
    let file: syn::File = syn::parse2(template).map_err(|e| format!("generated code does not parse: {e}"))?;
    let mut items = file.items;
    // The two empty impls take the methods, in order.
    let mut methods = [calls, async_calls].into_iter();
    for item in &mut items {
        if let SynItem::Impl(imp) = item
            && imp.items.is_empty()
            && let Some(m) = methods.next()
        {
            imp.items = m;
        }
    }
    Ok(items)
}

/// A type of an operation module as the provider module names it.
fn op_scoped(t: &Ty, module: &Ident, cx: &Cx<'_>) -> Type {
    match t {
        Ty::Named { name, args } if args.is_empty() && !cx.scope.shared.contains(name) => {
            ty_path(path_of([module.clone(), ident(name)]))
        }
        other => ty(other, cx),
    }
}

/// `pub const OPERATIONS`: every operation with an endpoint, by its endpoint's
/// [`runtime::Endpoint::OPERATION`], for tools that pick an operation by name (`dry_run`).
fn operations_const(p: &ProviderModule<'_>, cx: &Cx<'_>) -> SynItem {
    let ops = p
        .ops
        .iter()
        .filter(|op| op.endpoint.is_some())
        .map(|op| {
            let marker = ty_path(path_of([ident(&op.module), ident(&op.marker)]));
            let mut trait_path = cx.rt("Endpoint");
            let position = trait_path.segments.len();
            trait_path.segments.push(syn::PathSegment { ident: ident("OPERATION"), arguments: Default::default() });
            Expr::Path(syn::ExprPath {
                attrs: vec![cfg_feature(&op.feature)],
                qself: Some(syn::QSelf {
                    lt_token: Default::default(),
                    ty: Box::new(marker),
                    position,
                    as_token: Some(Default::default()),
                    gt_token: Default::default(),
                }),
                path: trait_path,
            })
        })
        .collect();
    let doc = docs(&[format!(
        "Every {} operation with a documented endpoint, for [`crate::auth`] to sign.",
        p.provider.display_name()
    )]);
    SynItem::Const(syn::ItemConst {
        attrs: doc,
        vis: public(),
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: ident("OPERATIONS"),
        generics: Default::default(),
        colon_token: Default::default(),
        ty: Box::new(slice_ref(cx.rt_ty("Operation", vec![]))),
        eq_token: Default::default(),
        expr: Box::new(reference(array(ops), false)),
        semi_token: Default::default(),
    })
}

/// Formats a file: the generated-file header, an attribute that keeps rustfmt off (the
/// file is formatted by prettyplease), and a blank line between top-level items.
pub fn format_file(header: &str, file: &syn::File) -> String {
    let mut f = Formatter::new(header);
    f.push(file);
    f.finish()
}

/// A file formatted a part at a time, so a large file never holds all its syntax trees at
/// once: prettyplease prints top-level items one after another, each ending its line, so the
/// parts' texts joined are the text of the whole file.
pub struct Formatter {
    out: String,
    /// The last line was `}`.
    after_brace: bool,
    /// The last line ended a top-level item with `;`.
    after_semi: bool,
    /// The last line was a `use` line.
    after_use: bool,
}

impl Formatter {
    pub fn new(header: &str) -> Self {
        let mut out = String::with_capacity(header.len() + 64);
        out.push_str(header);
        out.push_str("\n#![cfg_attr(rustfmt, rustfmt_skip)]\n");
        Formatter { out, after_brace: false, after_semi: false, after_use: false }
    }

    /// Appends the next part: the file's inner attributes and first items, then more items.
    pub fn push(&mut self, part: &syn::File) {
        let text = prettyplease::unparse(part);
        self.out.reserve(text.len() + text.len() / 16);
        for line in text.lines() {
            if self.starts_item_here(line) {
                self.out.push('\n');
            }
            self.out.push_str(line);
            self.out.push('\n');
            self.after_brace = line == "}";
            self.after_semi = line.ends_with(';') && !line.starts_with(' ');
            self.after_use = line.starts_with("use ");
        }
    }

    /// The rest of a file, formatted apart from its head (inner attributes and imports) and
    /// joined to it with [`Formatter::append`].
    pub fn rest() -> Self {
        Formatter { out: String::new(), after_brace: false, after_semi: false, after_use: false }
    }

    /// The head's text followed by the rest's, with the blank line the rest's first item
    /// would have had after the head's last line.
    pub fn append(mut self, rest: Formatter) -> String {
        if rest.out.lines().next().is_some_and(|first| self.starts_item_here(first)) {
            self.out.push('\n');
        }
        self.out.push_str(&rest.out);
        self.finish()
    }

    /// Whether `line` begins a top-level item that a blank line sets off from the last line.
    fn starts_item_here(&self, line: &str) -> bool {
        let starts_item = ["///", "#[", "pub ", "impl", "mod ", "fn ", "use ", "enum ", "struct ", "type "]
            .iter()
            .any(|p| line.starts_with(p));
        let ends_item = self.after_brace || (self.after_semi && !(self.after_use && line.starts_with("use ")));
        starts_item && ends_item
    }

    /// The text, without the spare capacity that growing it part by part left.
    pub fn finish(mut self) -> String {
        self.out.shrink_to_fit();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::{autolink, format_file, format_streamed, serde_camel_case};

    #[test]
    fn camel_case_is_spelled_the_way_serdes_rename_all_spells_it() {
        assert_eq!(serde_camel_case("merchant_link_id").as_deref(), Some("merchantLinkId"));
        assert_eq!(serde_camel_case("shopper_ip").as_deref(), Some("shopperIp"));
        assert_eq!(serde_camel_case("user_id_2").as_deref(), Some("userId2"));
        assert_eq!(serde_camel_case("n3ds").as_deref(), Some("n3ds"));
        assert_eq!(serde_camel_case("_x").as_deref(), Some("x"));
        assert_eq!(serde_camel_case("a__b_").as_deref(), Some("aB"));
        assert_eq!(serde_camel_case("ab_名称").as_deref(), Some("ab名称"));
        // serde's derive cannot lower-case a first character that is not ASCII.
        assert_eq!(serde_camel_case("名称"), None);
        assert_eq!(serde_camel_case("_"), None);
    }

    /// A file formatted as [`super::streamed`] does: its first `imports` items are the head.
    fn streamed(header: &str, file: &syn::File, imports: usize) -> String {
        let (head, body) = file.items.split_at(imports);
        format_streamed(
            header,
            file.attrs.clone(),
            |print| body.iter().cloned().for_each(&mut *print),
            || head.to_vec(),
        )
    }

    #[test]
    fn a_file_formatted_item_by_item_reads_as_formatted_whole() {
        let with_imports: syn::File = syn::parse_quote! {
            //! An operation.
            //!
            //! Its page.
            use serde::{Deserialize, Serialize};
            use crate::runtime;
            /// A marker.
            pub struct Op;
            impl runtime::Endpoint for Op { type Request = A; }
            /// Body.
            pub type Body = super::Envelope<A>;
            pub type Other = B;
            #[derive(Clone, Debug)]
            pub struct A { pub a: String }
            impl A { pub fn builder() -> ABuilder { ABuilder::default() } }
        };
        let whole = format_file("// generated", &with_imports);
        assert_eq!(streamed("// generated", &with_imports, 2), whole);
        // The blank lines between items are the formatter's: one after `use`, `}` and `;`.
        assert!(whole.contains("use crate::runtime;\n\n/// A marker."), "{whole}");
        assert!(whole.contains("pub type Body = super::Envelope<A>;\n\npub type Other = B;\n\n#[derive"), "{whole}");

        let without: syn::File = syn::parse_quote! {
            //! Types only; the last line ends with a colon:
            pub struct Op;
            pub struct Other;
        };
        let whole = format_file("// generated", &without);
        assert_eq!(streamed("// generated", &without, 0), whole);
        assert!(whole.contains("colon:\npub struct Op;\n\npub struct Other;"), "{whole}");
    }

    #[test]
    fn bare_urls_become_links_and_links_stay() {
        assert_eq!(autolink("see https://a.example/x.html."), "see <https://a.example/x.html>.");
        assert_eq!(autolink("Source: <https://a.example>, x"), "Source: <https://a.example>, x");
        assert_eq!(autolink("[t](https://a.example) `http://b`"), "[t](https://a.example) `http://b`");
        assert_eq!(autolink("见https://a.example/p。下"), "见<https://a.example/p>。下");
        assert_eq!(autolink("no url"), "no url");
    }
}
