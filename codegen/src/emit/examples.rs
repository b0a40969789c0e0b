//! The generated test that checks every request and response example of the pages against
//! its generated type: a request example is built as a Rust value and must serialize to the
//! example; a response example must decode to the value the example spells. Where a page's
//! example breaks the page's own table, the test says which defect and asserts that it is there.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal};
use quote::quote;
use serde_json::Value;
use syn::{Attribute, Expr, Item as SynItem, Path, Stmt, Type as SynType};

use super::lower::{FieldDef, Item, OpModule, ProviderModule, RESULT_CODE, Ty, reply_view};
use super::protocol::{Protocol, Verdict};
use super::syntax::{
    arm, array, block_expr, call, doc, expr_path, ident, inner_doc, item_fn, let_, lit, lit_str, macro_stmt,
    match_arms, method, pat_ident, pat_tuple_struct, pat_typed, path, path_of, reference, semi, sig, struct_expr,
    tuple, turbofish, ty_path, var, vec_macro,
};
use crate::spec::{ExampleKind, Field, Type};

/// What is wrong with an example, and the example as the table says it should be.
#[derive(Debug, Default, PartialEq)]
pub struct Defects {
    /// Reasons the generated type must refuse the example as the page prints it.
    pub rejected: Vec<String>,
    /// Keys the table lacks: the type drops them, so they are not expected back.
    pub dropped: Vec<String>,
    /// Required fields the example lacks: no corrected example can be made.
    pub missing: Vec<String>,
    pub fixed: Value,
}

/// Compares an example with its fields. Requests refuse values outside an enum; responses
/// take them (`Unknown`) and are never refused for a documented constraint.
pub fn defects(example: &Value, fields: &[Field], request: bool) -> Defects {
    let mut d = Defects { fixed: example.clone(), ..Default::default() };
    let mut fixed = example.clone();
    walk(&mut fixed, fields, request, "", &mut d);
    d.fixed = fixed;
    d
}

fn walk(v: &mut Value, fields: &[Field], request: bool, prefix: &str, d: &mut Defects) {
    let Value::Object(map) = v else { return };
    for f in fields.iter().filter(|f| f.required && f.constant.is_none()) {
        if map.get(&f.name).is_none_or(Value::is_null) {
            let path = if prefix.is_empty() { f.name.clone() } else { format!("{prefix}.{}", f.name) };
            d.missing.push(path);
        }
    }
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        let Some(f) = fields.iter().find(|f| f.name == key) else {
            d.dropped.push(path);
            map.remove(&key);
            continue;
        };
        let Some(value) = map.get_mut(&key) else { continue };
        if value.is_null() {
            map.remove(&key);
            continue;
        }
        if f.ty.has_children() && !f.fields.is_empty() {
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        walk(item, &f.fields, request, &format!("{path}[{i}]"), d);
                    }
                }
                other => walk(other, &f.fields, request, &path, d),
            }
            continue;
        }
        if !request {
            continue;
        }
        // Values inferred from prose are an open enum: any value is sent as it is.
        if !f.enum_values.is_empty() && !f.enum_inferred && f.constant.is_none() && matches!(f.ty.leaf(), Type::String)
        {
            let mut fix = |s: &mut Value, at: &str| {
                let Some(text) = s.as_str() else { return };
                if f.enum_values.iter().any(|e| e == text) {
                    return;
                }
                match f.enum_values.iter().find(|e| e.eq_ignore_ascii_case(text)) {
                    Some(e) => {
                        d.rejected.push(format!("`{at}` is `{text}`, a documented value in another case (`{e}`)"));
                        *s = Value::String(e.clone());
                    }
                    None => d.rejected.push(format!("`{at}` is `{text}`, not a documented value")),
                }
            };
            match &mut *value {
                Value::Array(items) => items.iter_mut().for_each(|s| fix(s, &path)),
                s => fix(s, &path),
            }
        }
        if let (Some(c), Some(text)) = (&f.constant, value.as_str())
            && c != text
        {
            d.rejected.push(format!("`{path}` is `{text}`, not the constant `{c}`"));
            *value = Value::String(c.clone());
        }
    }
}

/// (Rust field name, value) of every sensitive field with a string value in an example.
fn sensitive_values(v: &Value, fields: &[Field], out: &mut Vec<(String, String)>) {
    let Value::Object(map) = v else { return };
    for f in fields {
        match map.get(&f.name) {
            Some(Value::String(s)) if f.sensitive => {
                out.push((super::names::field(&f.name).trim_start_matches("r#").to_string(), s.clone()))
            }
            Some(Value::Array(items)) => items.iter().for_each(|i| sensitive_values(i, &f.fields, out)),
            Some(child) => sensitive_values(child, &f.fields, out),
            None => {}
        }
    }
}

/// A response as a newer gateway may send it: an unknown key in every object, values no
/// open enum lists, and no optional fields.
fn forward_variant(v: &mut Value, fields: &[Field]) {
    let Value::Object(map) = v else { return };
    for f in fields {
        if !f.required {
            map.remove(&f.name);
            continue;
        }
        let Some(child) = map.get_mut(&f.name) else { continue };
        if !f.enum_values.is_empty() && f.constant.is_none() && child.is_string() {
            *child = Value::String("PAYDOC_UNDOCUMENTED_VALUE".into());
        }
        match child {
            Value::Array(items) => items.iter_mut().for_each(|i| forward_variant(i, &f.fields)),
            other if !f.fields.is_empty() => forward_variant(other, &f.fields),
            _ => {}
        }
    }
    map.insert("paydocUndocumentedField".into(), Value::Bool(true));
}

/// A number or boolean of an example: parsed from a JSON string where the field travels as
/// one (`stringly`, Antom), else read from the JSON value itself.
fn scalar<T: std::str::FromStr>(v: &Value, stringly: bool, plain: fn(&Value) -> Option<T>) -> Option<T> {
    match v {
        Value::String(s) if stringly => s.parse().ok(),
        _ if stringly => None,
        _ => plain(v),
    }
}

/// Where an operation's generated types live, to spell an example as a Rust value of them.
struct Types<'a> {
    /// The provider module's shared items, by name.
    shared: &'a BTreeMap<&'a str, &'a Item>,
    op: &'a OpModule<'a>,
    /// `paydoc_sdk::<provider>`.
    root: Path,
    module: Ident,
}

impl Types<'_> {
    fn item(&self, name: &str) -> Option<(&Item, bool)> {
        let own = self.op.items.iter().find(|i| i.name() == name).map(|i| (i, false));
        own.or_else(|| self.shared.get(name).map(|i| (*i, true)))
    }

    fn path(&self, name: &str) -> Path {
        let mut p = self.root.clone();
        if !matches!(self.item(name), Some((_, true))) {
            p.segments.push(self.module.clone().into());
        }
        p.segments.push(ident(name).into());
        p
    }

    /// `v` as a Rust expression of type `ty`, or why it cannot be one. `args` binds the type
    /// parameters of a shared envelope; `stringly` reads numbers and booleans from strings.
    fn value(&self, v: &Value, ty: &Ty, args: &[(String, Ty)], stringly: bool, at: &str) -> Result<Expr, String> {
        let wrong = || format!("`{at}` is `{v}`, which does not fit its type");
        let text = || v.as_str().ok_or_else(wrong);
        let string = |s: &str| call(var("String::from"), vec![lit_str(s)]);
        Ok(match ty {
            Ty::String => string(text()?),
            Ty::I64 => {
                let n = scalar(v, stringly, Value::as_i64).ok_or_else(wrong)?;
                let abs = lit(Literal::u64_unsuffixed(n.unsigned_abs()));
                if n < 0 {
                    let cast = Expr::Cast(syn::ExprCast {
                        attrs: Vec::new(),
                        expr: Box::new(abs),
                        as_token: Default::default(),
                        ty: Box::new(ty_path(path("i64"))),
                    });
                    let paren = Expr::Paren(syn::ExprParen {
                        attrs: Vec::new(),
                        paren_token: Default::default(),
                        expr: Box::new(cast),
                    });
                    negative(paren)
                } else {
                    abs
                }
            }
            Ty::F64 => {
                let x = scalar(v, stringly, Value::as_f64).filter(|x| x.is_finite()).ok_or_else(wrong)?;
                let abs = lit(Literal::f64_suffixed(x.abs()));
                if x.is_sign_negative() { negative(abs) } else { abs }
            }
            Ty::Bool => {
                let b = scalar(v, stringly, Value::as_bool).ok_or_else(wrong)?;
                Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::Bool(syn::LitBool::new(b, proc_macro2::Span::call_site())),
                })
            }
            Ty::Map => {
                let json = serde_json::to_string(v.as_object().ok_or_else(wrong)?).map_err(|e| e.to_string())?;
                method(call(var("serde_json::from_str"), vec![lit_str(&json)]), "expect", vec![lit_str("an object")])
            }
            Ty::Vec(inner) => {
                let items = v.as_array().ok_or_else(wrong)?;
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.value(x, inner, args, stringly, &format!("{at}[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?;
                vec_macro(items)
            }
            Ty::Boxed(inner) => call(var("Box::new"), vec![self.value(v, inner, args, stringly, at)?]),
            Ty::Param(p) => {
                let (_, t) = args.iter().find(|(n, _)| n == p).ok_or_else(|| format!("`{at}`: unbound `{p}`"))?;
                self.value(v, t, &[], stringly, at)?
            }
            Ty::Const(name) => {
                let Some((Item::Const { value, .. }, _)) = self.item(name) else { return Err(wrong()) };
                if text()? != value {
                    return Err(wrong());
                }
                call(var("paydoc_sdk::runtime::Const::new"), Vec::new())
            }
            Ty::ResultCode => {
                self.value(v, &Ty::Named { name: RESULT_CODE.into(), args: Vec::new() }, args, false, at)?
            }
            Ty::AntomResult => {
                let obj = v.as_object().ok_or_else(wrong)?;
                let field = |k: &str| obj.get(k).and_then(Value::as_str);
                let code = field("resultCode").ok_or_else(wrong)?;
                let code = self.value(&Value::String(code.into()), &Ty::ResultCode, args, false, at)?;
                let status = field("resultStatus").ok_or_else(wrong)?;
                let message = field("resultMessage").unwrap_or_default();
                struct_expr(
                    path("paydoc_sdk::runtime::AntomResult"),
                    vec![
                        (ident("result_code"), Some(code)),
                        (ident("result_status"), Some(string(status))),
                        (ident("result_message"), Some(string(message))),
                    ],
                )
            }
            Ty::Named { name, args: given } => match self.item(name).map(|(i, _)| i) {
                Some(Item::Struct(st)) => {
                    let bound: Vec<(String, Ty)> = st.params.iter().cloned().zip(given.iter().cloned()).collect();
                    let fields = self.fields(v, &st.fields, &bound, at)?;
                    struct_expr(self.path(name), fields)
                }
                Some(Item::Enum(e)) => {
                    let s = text()?;
                    let mut p = self.path(name);
                    match e.variants.iter().find(|(_, w)| w == s) {
                        Some((rust, _)) => {
                            p.segments.push(ident(rust).into());
                            expr_path(p)
                        }
                        None if e.open => {
                            p.segments.push(ident("Unknown").into());
                            call(expr_path(p), vec![string(s)])
                        }
                        None => return Err(format!("`{at}` is `{s}`, not a value of `{name}`")),
                    }
                }
                Some(Item::Alias { target, .. }) => self.value(v, target, args, stringly, at)?,
                _ => return Err(format!("`{at}`: no type `{name}`")),
            },
        })
    }

    /// The fields of a struct expression: each field's value, `None` where an optional field
    /// is absent.
    fn fields(
        &self,
        v: &Value,
        fields: &[FieldDef],
        args: &[(String, Ty)],
        at: &str,
    ) -> Result<Vec<(Ident, Option<Expr>)>, String> {
        let obj = v.as_object().ok_or_else(|| format!("`{at}` is not an object"))?;
        let mut out = Vec::new();
        for f in fields {
            let path = if at.is_empty() { f.wire.clone() } else { format!("{at}.{}", f.wire) };
            let value = match obj.get(&f.wire).filter(|x| !x.is_null()) {
                Some(x) => {
                    let e = self.value(x, &f.ty, args, f.stringly, &path)?;
                    if f.optional { call(var("Some"), vec![e]) } else { e }
                }
                None if f.optional => var("None"),
                None if f.default => call(var("String::new"), Vec::new()),
                None => return Err(format!("the required field `{path}` is not in the example")),
            };
            out.push((ident(&f.rust), Some(value)));
        }
        Ok(out)
    }
}

/// `-e`.
fn negative(e: Expr) -> Expr {
    Expr::Unary(syn::ExprUnary { attrs: Vec::new(), op: syn::UnOp::Neg(Default::default()), expr: Box::new(e) })
}

/// A raw string literal (`r#"…"#`), which keeps JSON readable in the generated test.
fn raw(s: &str) -> Literal {
    let mut hashes = "#".to_string();
    while s.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let lit = format!("r{hashes}\"{s}\"{hashes}");
    lit.parse::<Literal>().unwrap_or_else(|_| Literal::string(s))
}

/// `let name = init;`, or `let name: T = init;`.
fn let_var(name: &str, t: Option<SynType>, init: Expr) -> Stmt {
    let pat = pat_ident(ident(name), false);
    let_(t.map_or(pat.clone(), |t| pat_typed(pat, t)), init, None)
}

/// `&[("field", "secret"), …]`: the sensitive values an example carries.
fn secrets_arg(secrets: &[(String, String)]) -> Expr {
    reference(array(secrets.iter().map(|(n, v)| tuple(vec![lit_str(n), lit_str(v)])).collect()), false)
}

/// `let defects: &[&str] = &[…];`.
fn defects_stmt(defects: impl Iterator<Item = String>) -> Stmt {
    let str_ref = syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(ty_path(path("str"))),
    });
    let t = syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(syn::Type::Slice(syn::TypeSlice {
            attrs: Vec::new(),
            bracket_token: Default::default(),
            elem: Box::new(str_ref),
        })),
    });
    let_var("defects", Some(t), reference(array(defects.map(|d| lit_str(&d)).collect()), false))
}

/// A request example's test: the example built as a value of its type must serialize to
/// the example. The whole body where the example has every required field, else the payload
/// the caller builds (the client adds the envelope); `None` when neither can be built.
fn request_test(
    types: &Types<'_>,
    op: &OpModule<'_>,
    protocol: Protocol,
    example: &Value,
    d: &Defects,
) -> Option<(Vec<Stmt>, String)> {
    let root = (Ty::Named { name: op.request.clone(), args: Vec::new() }, None);
    let payload = protocol.request_payload().map(|wire| (op.payload.clone(), Some(wire)));
    for (ty, part) in std::iter::once(root).chain(payload) {
        let pick = |v: &Value| match part {
            Some(wire) => v.get(wire).cloned(),
            None => Some(v.clone()),
        };
        let (Some(fixed), Some(printed)) = (pick(&d.fixed), pick(example)) else { continue };
        let fields: Vec<Field> = match part {
            Some(wire) => {
                op.spec.request.fields.iter().find(|f| f.name == wire).map(|f| f.fields.clone()).unwrap_or_default()
            }
            None => op.spec.request.fields.clone(),
        };
        let Ok(literal) = types.value(&fixed, &ty, &[], false, part.unwrap_or_default()) else { continue };
        let Ty::Named { name, .. } = &ty else { continue };
        let path = ty_path(types.path(name));
        let mut secrets = Vec::new();
        sensitive_values(&fixed, &fields, &mut secrets);
        let json = raw(&serde_json::to_string_pretty(&fixed).ok()?);
        let mut body = vec![
            let_var("value", Some(path), literal),
            let_var("back", None, call(var("written"), vec![reference(var("value"), false), secrets_arg(&secrets)])),
            macro_stmt("assert_eq", quote!(back, expected(#json))),
        ];
        if !d.rejected.is_empty() {
            let printed = raw(&serde_json::to_string_pretty(&printed).ok()?);
            // The defects, so the test fails when the page is fixed.
            body.push(defects_stmt(d.rejected.iter().cloned()));
            body.push(macro_stmt(
                "assert_ne",
                quote!(back, expected(#printed), "the type cannot send the example as printed: {defects:?}"),
            ));
        }
        let what = match part {
            Some(wire) => format!(" The `{wire}` the caller builds; the client adds the rest of the body."),
            None => String::new(),
        };
        return Some((body, what));
    }
    None
}

/// The file's fixed part: the helpers every test calls.
fn helpers() -> Result<Vec<SynItem>, String> {
    let file: syn::File = syn::parse2(quote! {
        use serde_json::Value;

        /// Checks that `Debug` shows none of the `sensitive` (field, value) pairs.
        fn hidden<T: std::fmt::Debug>(value: &T, sensitive: &[(&str, &str)]) {
            let shown = format!("{value:?}");
            for (field, secret) in sensitive {
                assert!(shown.contains(&format!("{field}: <redacted>")) || shown.contains(&format!("{field}: Some(<redacted>)")), "{field} is not redacted: {shown}");
                assert!(secret.len() < 4 || !shown.contains(secret), "{field}'s value leaks: {shown}");
            }
        }

        /// A request value as the SDK sends it, as a JSON value.
        fn written<T: serde::Serialize + std::fmt::Debug>(value: &T, sensitive: &[(&str, &str)]) -> Value {
            hidden(value, sensitive);
            serde_json::to_value(value).expect("the value writes")
        }

        /// A response body read into `T`.
        fn read<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str, sensitive: &[(&str, &str)]) -> T {
            let value: T = serde_json::from_str(json).expect("the example reads into its type");
            hidden(&value, sensitive);
            value
        }

        /// The example as the type writes it: absent optional fields instead of `null`.
        fn expected(json: &str) -> Value {
            fn strip(v: Value) -> Value {
                match v {
                    Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, strip(v))).collect()),
                    Value::Array(a) => Value::Array(a.into_iter().map(strip).collect()),
                    v => v,
                }
            }
            strip(serde_json::from_str(json).expect("the example is JSON"))
        }
    })
    .map_err(|e| format!("generated code does not parse: {e}"))?;
    Ok(file.items)
}

/// The example test, a part at a time to `out`: the attributes and helpers, then one part
/// per test, so that only one test's syntax tree is alive at once.
pub fn test_file(
    providers: &[ProviderModule<'_>],
    limit: Option<&Attribute>,
    out: &mut dyn FnMut(syn::File),
) -> Result<(), String> {
    let mut attrs =
        vec![inner_doc(" Every JSON example on the doc pages, read into its generated type and written back.")];
    attrs.push(super::syntax::attr_list("allow", quote!(dead_code), true));
    attrs.extend(limit.cloned());
    out(syn::File { shebang: None, frontmatter: None, attrs, items: helpers()? });
    for p in providers {
        let provider_name = p.provider.as_str();
        let provider = ident(provider_name);
        let protocol = Protocol::of(p.provider);
        let root = path_of([ident("paydoc_sdk"), provider.clone()]);
        // The first item of a name, as a search in order finds it.
        let mut shared: BTreeMap<&str, &Item> = BTreeMap::new();
        for i in &p.shared {
            shared.entry(i.name()).or_insert(i);
        }
        for op in &p.ops {
            let module = ident(&op.module);
            let feature = &op.feature;
            let types = Types { shared: &shared, op, root: root.clone(), module: module.clone() };
            let mut counts = [0usize; 2];
            let reply_fields = reply_view(&op.spec.response.fields, protocol);
            for ex in &op.spec.examples {
                let (request, ty, fields, n) = match ex.kind {
                    ExampleKind::Request => (true, &op.request, &op.spec.request.fields, &mut counts[0]),
                    ExampleKind::Response => (false, &op.response, &reply_fields, &mut counts[1]),
                    ExampleKind::Headers => continue,
                };
                *n += 1;
                let name = ident(&format!(
                    "{}_{}_{}_example_{}",
                    provider_name,
                    op.module.trim_end_matches('_'),
                    if request { "request" } else { "response" },
                    n
                ));
                let Ok(json) = serde_json::to_string_pretty(&ex.value) else { continue };
                let json = raw(&json);
                let d = defects(&ex.value, fields, request);
                let mut notes: Vec<String> = vec![format!(" From {} of `spec/{}`.", ex.at, op.spec.source.page)];
                for r in &d.rejected {
                    notes.push(format!(" Known doc defect: {r}; the type cannot send the example as printed."));
                }
                let refuses = if request { "" } else { "; the type refuses it" };
                for k in &d.missing {
                    notes.push(format!(" Known doc defect: the required field `{k}` is not in the example{refuses}."));
                }
                for k in &d.dropped {
                    notes.push(format!(
                        " Known doc defect: the example key `{k}` is not in the table; the type drops it."
                    ));
                }
                let mut own = root.clone();
                own.segments.push(module.clone().into());
                own.segments.push(ident(ty).into());
                // PingPong's body is an envelope around the operation's data; its reply reads both.
                let string_payload = !request && protocol == Protocol::StringPayload;
                let own_ty = if string_payload {
                    let mut code = root.clone();
                    code.segments.push(ident("ResultCode").into());
                    let args = vec![ty_path(own), ty_path(code)];
                    ty_path(super::syntax::with_args(path("paydoc_sdk::runtime::PingPongReply"), args))
                } else {
                    ty_path(own)
                };
                let from_str = || turbofish(path("serde_json::from_str"), vec![own_ty.clone()]);
                let body = if request {
                    let Some((body, what)) = request_test(&types, op, protocol, &ex.value, &d) else { continue };
                    if !what.is_empty() {
                        notes.push(what);
                    }
                    body
                } else if !d.missing.is_empty() {
                    // The defects, so the test fails when the page is fixed.
                    let defects = d.missing.iter().map(|m| format!("required `{m}` missing"));
                    // Read outside the macro: prettyplease formats statements, not macro arguments.
                    vec![
                        defects_stmt(defects),
                        let_var("read", None, call(from_str(), vec![lit(json.clone())])),
                        macro_stmt(
                            "assert",
                            quote!(read.is_err(), "the page's example should be refused: {defects:?}"),
                        ),
                    ]
                } else {
                    let mut secrets = Vec::new();
                    sensitive_values(&d.fixed, fields, &mut secrets);
                    let mut newer = d.fixed.clone();
                    forward_variant(&mut newer, fields);
                    let newer = raw(&serde_json::to_string_pretty(&newer).unwrap_or_default());
                    let read = turbofish(path("read"), vec![own_ty.clone()]);
                    let mut body =
                        vec![let_var("value", None, call(read, vec![lit(json.clone()), secrets_arg(&secrets)]))];
                    // PingPong's data arrives as a JSON string inside its envelope: it is read, and
                    // its outcome checked, but not spelled out.
                    if !string_payload {
                        let want = types.value(
                            &d.fixed,
                            &Ty::Named { name: op.response.clone(), args: Vec::new() },
                            &[],
                            false,
                            "",
                        );
                        if let Ok(w) = want {
                            body.push(let_var("want", Some(own_ty.clone()), w));
                            body.push(macro_stmt(
                                "assert_eq",
                                quote!(
                                    format!("{value:?}"),
                                    format!("{want:?}"),
                                    "the example decodes to what it says"
                                ),
                            ));
                        }
                    }
                    // Forward compatible: unknown fields and values, no optional fields.
                    body.push(semi(method(
                        call(from_str(), vec![lit(newer)]),
                        "expect",
                        vec![lit_str("a newer response reads")],
                    )));
                    body.extend(outcome(protocol, &ex.value, &own_ty, &json));
                    body
                };
                let mut attrs: Vec<Attribute> = notes.iter().map(|n| doc(n)).collect();
                attrs.push(super::syntax::attr_list("cfg", quote!(feature = #feature), false));
                attrs.push(super::syntax::attr_word("test"));
                let test =
                    item_fn(attrs, sig(name, Default::default(), super::syntax::Recv::None, Vec::new(), None), body);
                out(syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: vec![test] });
            }
        }
    }
    Ok(())
}

/// The outcome the provider's rule gives a response example, and its result code.
fn outcome(protocol: Protocol, example: &Value, own_ty: &SynType, json: &Literal) -> Vec<Stmt> {
    let answer = || {
        let decode = turbofish(path("paydoc_sdk::runtime::outcome"), vec![own_ty.clone()]);
        let decoded = call(decode, vec![method(lit(json.clone()), "as_bytes", Vec::new())]);
        let_var("answer", None, method(decoded, "expect", vec![lit_str("decodes")]))
    };
    match (protocol.verdict(example), protocol.code(example)) {
        (Some(Verdict::Success), _) => {
            vec![answer(), macro_stmt("assert", quote!(answer.is_ok(), "a success example is a success"))]
        }
        (Some(v), Some(code)) => {
            let kind = if v == Verdict::Unknown { "Unknown" } else { "Rejected" };
            let failure = pat_tuple_struct(
                path(&format!("paydoc_sdk::runtime::Failure::{kind}")),
                vec![pat_ident(ident("e"), false)],
            );
            let checks = block_expr(vec![
                macro_stmt("assert_eq", quote!(e.code.as_ref(), #code)),
                macro_stmt("assert_eq", quote!(e.raw_body(), #json.as_bytes())),
            ]);
            let other =
                super::syntax::macro_call("panic", quote!("expected the gateway's error {}, got {other:?}", #code));
            vec![
                answer(),
                super::syntax::tail(match_arms(
                    var("answer"),
                    vec![
                        arm(pat_tuple_struct(path("Err"), vec![failure]), checks, false),
                        arm(pat_ident(ident("other"), false), other, true),
                    ],
                )),
            ]
        }
        _ => Vec::new(),
    }
}
