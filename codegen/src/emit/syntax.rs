//! Syntax: small constructors for the `syn` trees the renderer builds, so a generated file
//! reaches `prettyplease` as a syntax tree and is never printed to tokens and parsed again.
//!
//! Each helper builds what `syn` would parse from the code it names (`call(path("a::f"), …)`
//! is `a::f(…)`); prettyplease prints from the tree alone, so equal trees print equal text.
//! Attribute payloads (`#[serde(…)]`, `#[cfg(…)]`) are token lists, as `syn` keeps them.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::token;
use syn::{
    AngleBracketedGenericArguments, Arm, AttrStyle, Attribute, Block, Expr, ExprCall, ExprField, ExprLit, ExprMacro,
    ExprMethodCall, ExprPath, ExprReference, ExprStruct, FieldValue, Fields, FieldsNamed, FnArg, GenericArgument,
    GenericParam, Generics, ImplItem, ImplItemFn, Item, ItemImpl, Lit, LitStr, Local, LocalInit, Macro, MacroDelimiter,
    Member, Meta, MetaList, MetaNameValue, Pat, PatIdent, PatTupleStruct, PatType, PatWild, Path, PathArguments,
    PathSegment, Receiver, ReceiverKind, ReturnType, Signature, Stmt, TraitBound, Type, TypeParam, TypeParamBound,
    TypePath, TypeReference, Visibility, WhereClause, WherePredicate,
};

fn span() -> Span {
    Span::call_site()
}

/// An identifier; `r#name` is a raw one.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span()),
        None => Ident::new(name, span()),
    }
}

/// A path of plain segments: `path("runtime::Validate")`.
pub fn path(text: &str) -> Path {
    path_of(segments(text).map(ident))
}

/// The segments of `a::b::c` (split on the colons: a search for one character is cheaper
/// than one for `::`, and segments are never empty).
pub fn segments(text: &str) -> impl Iterator<Item = &str> {
    text.split(':').filter(|s| !s.is_empty())
}

/// A path of the given segments.
pub fn path_of(segments: impl IntoIterator<Item = Ident>) -> Path {
    let mut out = Path { leading_colon: None, segments: Punctuated::new() };
    for id in segments {
        out.segments.push(PathSegment { ident: id, arguments: PathArguments::None });
    }
    out
}

/// `<A, B>` as written after a path segment; `turbofish` spells `::<A, B>`.
pub fn generic_args(args: Vec<GenericArgument>, turbofish: bool) -> PathArguments {
    PathArguments::AngleBracketed(AngleBracketedGenericArguments {
        colon2_token: turbofish.then(Default::default),
        lt_token: Default::default(),
        args: args.into_iter().collect(),
        gt_token: Default::default(),
    })
}

/// `path` with type arguments on its last segment: `with_args(path("Option"), [t])`.
pub fn with_args(mut p: Path, args: Vec<Type>) -> Path {
    if !args.is_empty()
        && let Some(last) = p.segments.last_mut()
    {
        last.arguments = generic_args(args.into_iter().map(GenericArgument::Type).collect(), false);
    }
    p
}

/// A type named by a path.
pub fn ty_path(path: Path) -> Type {
    Type::Path(TypePath { attrs: Vec::new(), qself: None, path })
}

/// A type named by a plain path: `ty("serde_json::Value")`.
pub fn ty(text: &str) -> Type {
    ty_path(path(text))
}

/// A generic type: `ty_args("Option", vec![t])` is `Option<t>`.
pub fn ty_args(text: &str, args: Vec<Type>) -> Type {
    ty_path(with_args(path(text), args))
}

/// `'name` (`"_"` for `'_`).
pub fn lifetime(name: &str) -> syn::Lifetime {
    syn::Lifetime::new(&format!("'{name}"), span())
}

/// `&T`, `&mut T` or `&'a T`.
pub fn ty_ref(elem: Type, mutable: bool, lifetime_name: Option<&str>) -> Type {
    Type::Reference(TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: lifetime_name.map(lifetime),
        mutability: mutable.then(Default::default),
        elem: Box::new(elem),
    })
}

/// A trait bound: `serde::Serializer`.
pub fn bound(trait_path: Path) -> TypeParamBound {
    TypeParamBound::Trait(TraitBound {
        paren_token: None,
        lifetimes: None,
        modifiers: Default::default(),
        maybe: None,
        path: trait_path,
    })
}

/// Generic parameters: `<A: bound, B: bound>` (no bound where `None`), lifetimes first.
pub fn generics(lifetimes: &[&str], params: Vec<(Ident, Option<Path>)>) -> Generics {
    let mut g = Generics::default();
    for l in lifetimes {
        g.params.push(GenericParam::Lifetime(syn::LifetimeParam {
            attrs: Vec::new(),
            lifetime: lifetime(l),
            colon_token: None,
            bounds: Punctuated::new(),
        }));
    }
    for (id, b) in params {
        let mut p =
            TypeParam { attrs: Vec::new(), ident: id, colon_token: None, bounds: Punctuated::new(), default: None };
        if let Some(b) = b {
            p.colon_token = Some(Default::default());
            p.bounds.push(bound(b));
        }
        g.params.push(GenericParam::Type(p));
    }
    if !g.params.is_empty() {
        g.lt_token = Some(Default::default());
        g.gt_token = Some(Default::default());
    }
    g
}

/// `where A: bound, B: bound`.
pub fn where_clause(params: &[Ident], b: &Path) -> WhereClause {
    let mut w = WhereClause { where_token: Default::default(), predicates: Punctuated::new() };
    for p in params {
        let mut bounds = Punctuated::new();
        bounds.push(bound(b.clone()));
        w.predicates.push(WherePredicate::Type(syn::PredicateType {
            attrs: Vec::new(),
            lifetimes: None,
            bounded_ty: ty_path(path_of([p.clone()])),
            colon_token: Default::default(),
            bounds,
        }));
    }
    w
}

/// A string literal as an expression: `"text"`.
pub fn lit_str(text: &str) -> Expr {
    Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::Str(LitStr::new(text, span())) })
}

/// An unsuffixed integer literal: `64`.
pub fn lit_int(n: u64) -> Expr {
    Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::new(Literal::u64_unsuffixed(n)) })
}

/// A literal token as an expression.
pub fn lit(token: Literal) -> Expr {
    Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::new(token) })
}

/// A doc string as a literal that prints the same as `Literal::string` would inside a doc
/// comment, without escaping every character: a raw string (`r#"…"#`) where the text can be
/// one, which prettyplease reads back as it is.
fn doc_lit(text: &str) -> Lit {
    // prettyplease prints a doc attribute as `///` only for one line that does not start
    // with `/`; anything else keeps its literal, which must then be the escaped one.
    if text.contains(['\n', '\r']) || text.starts_with('/') {
        return Lit::Str(LitStr::new(text, span()));
    }
    let mut fence = 0;
    if text.contains('"') {
        fence = 1;
        while text.split('"').skip(1).any(|after| after.bytes().take_while(|&b| b == b'#').count() >= fence) {
            fence += 1;
        }
    }
    let mut repr = String::with_capacity(text.len() + 3 + 2 * fence);
    repr.push('r');
    (0..fence).for_each(|_| repr.push('#'));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    (0..fence).for_each(|_| repr.push('#'));
    match repr.parse::<Literal>() {
        Ok(token) => Lit::new(token),
        Err(_) => Lit::Str(LitStr::new(text, span())),
    }
}

fn attr(style: AttrStyle, meta: Meta) -> Attribute {
    Attribute { pound_token: Default::default(), style, bracket_token: Default::default(), meta }
}

fn name_value(name: &str, value: Expr) -> Meta {
    Meta::NameValue(MetaNameValue { path: path(name), eq_token: Default::default(), value })
}

/// `#[doc = "…"]`, which prettyplease prints as a `///` line.
pub fn doc(text: &str) -> Attribute {
    attr(AttrStyle::Outer, name_value("doc", Expr::Lit(ExprLit { attrs: Vec::new(), lit: doc_lit(text) })))
}

/// `#![doc = "…"]`, printed as a `//!` line.
pub fn inner_doc(text: &str) -> Attribute {
    attr(
        AttrStyle::Inner(Default::default()),
        name_value("doc", Expr::Lit(ExprLit { attrs: Vec::new(), lit: doc_lit(text) })),
    )
}

/// `#![name = value]`.
pub fn inner_name_value(name: &str, value: Expr) -> Attribute {
    attr(AttrStyle::Inner(Default::default()), name_value(name, value))
}

/// `#[name(tokens)]` (`#![name(tokens)]` when `inner`).
pub fn attr_list(name: &str, tokens: TokenStream, inner: bool) -> Attribute {
    let style = if inner { AttrStyle::Inner(Default::default()) } else { AttrStyle::Outer };
    attr(style, Meta::List(MetaList { path: path(name), delimiter: MacroDelimiter::Paren(Default::default()), tokens }))
}

/// `#[name]`.
pub fn attr_word(name: &str) -> Attribute {
    attr(AttrStyle::Outer, Meta::Path(path(name)))
}

/// `pub`.
pub fn public() -> Visibility {
    Visibility::Public(Default::default())
}

/// Named fields: `{ a: A, … }` from (attributes, visibility, name, type).
pub fn named_fields(fields: impl IntoIterator<Item = (Vec<Attribute>, Visibility, Ident, Type)>) -> Fields {
    let mut named = Punctuated::new();
    for (attrs, vis, id, t) in fields {
        named.push(syn::Field {
            attrs,
            vis,
            modifiers: Default::default(),
            ident: Some(id),
            colon_token: Some(Default::default()),
            ty: t,
            default: None,
        });
        named.push_punct(Default::default());
    }
    Fields::Named(FieldsNamed { brace_token: Default::default(), named })
}

/// `pub struct Name<params> { fields }`, or a unit struct `pub struct Name;` without fields.
pub fn item_struct(attrs: Vec<Attribute>, name: Ident, generics: Generics, fields: Option<Fields>) -> Item {
    let semi = fields.is_none();
    Item::Struct(syn::ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: name,
        generics,
        fields: fields.unwrap_or(Fields::Unit),
        semi_token: semi.then(Default::default),
    })
}

/// `impl<generics> Trait for SelfTy { items }` (an inherent impl without a trait).
pub fn item_impl(generics: Generics, trait_: Option<Path>, self_ty: Type, items: Vec<ImplItem>) -> Item {
    Item::Impl(ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics,
        trait_: trait_.map(|p| (p, Default::default())),
        self_ty: Box::new(self_ty),
        brace_token: Default::default(),
        items,
    })
}

/// `pub mod name;`.
pub fn mod_decl(attrs: Vec<Attribute>, name: Ident) -> Item {
    Item::Mod(syn::ItemMod {
        attrs,
        vis: public(),
        unsafety: None,
        mod_token: Default::default(),
        ident: name,
        content: None,
        semi: Some(Default::default()),
    })
}

/// The receiver of a method.
#[derive(Clone, Copy)]
pub enum Recv {
    None,
    /// `&self`
    Ref,
    /// `self`
    Value,
    /// `mut self`
    Mut,
}

/// A function signature: `fn name<generics>(receiver, arg: Ty, …) -> Ret`.
pub fn sig(name: Ident, generics: Generics, recv: Recv, args: Vec<(Ident, Type)>, ret: Option<Type>) -> Signature {
    let mut inputs = Punctuated::new();
    let receiver = |mutability: bool, kind: ReceiverKind| {
        FnArg::Receiver(Receiver {
            attrs: Vec::new(),
            mutability: mutability.then(Default::default),
            self_token: Default::default(),
            kind,
        })
    };
    match recv {
        Recv::None => {}
        Recv::Ref => inputs.push(receiver(false, ReceiverKind::Reference(Default::default(), None, None))),
        Recv::Value => inputs.push(receiver(false, ReceiverKind::Value)),
        Recv::Mut => inputs.push(receiver(true, ReceiverKind::Value)),
    }
    for (id, t) in args {
        inputs.push(FnArg::Typed(PatType {
            attrs: Vec::new(),
            pat: Box::new(pat_ident(id, false)),
            colon_token: Default::default(),
            ty: Box::new(t),
        }));
    }
    Signature {
        constness: None,
        asyncness: None,
        safety: Default::default(),
        abi: None,
        fn_token: Default::default(),
        ident: name,
        generics,
        paren_token: Default::default(),
        inputs,
        variadic: None,
        output: match ret {
            Some(t) => ReturnType::Type(Default::default(), Box::new(t)),
            None => ReturnType::Default,
        },
    }
}

/// A method or associated function of an impl.
pub fn impl_fn(attrs: Vec<Attribute>, public: bool, sig: Signature, stmts: Vec<Stmt>) -> ImplItem {
    ImplItem::Fn(ImplItemFn {
        attrs,
        vis: if public { self::public() } else { Visibility::Inherited },
        modifiers: Default::default(),
        sig,
        block: block(stmts),
    })
}

/// `{ stmts }`.
pub fn block(stmts: Vec<Stmt>) -> Block {
    Block { brace_token: Default::default(), stmts }
}

/// An expression statement with its semicolon: `f(x);`.
pub fn semi(e: Expr) -> Stmt {
    Stmt::Expr(e, Some(Default::default()))
}

/// An expression statement without a semicolon (a block's value, or an `if`).
pub fn tail(e: Expr) -> Stmt {
    Stmt::Expr(e, None)
}

/// `let pat = init;`, or `let pat = init else { diverge };`.
pub fn let_(pat: Pat, init: Expr, diverge: Option<Vec<Stmt>>) -> Stmt {
    Stmt::Local(Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        modifiers: Default::default(),
        pat,
        init: Some(LocalInit {
            eq_token: Default::default(),
            expr: Box::new(init),
            diverge: diverge.map(|stmts| {
                (
                    Default::default(),
                    Box::new(Expr::Block(syn::ExprBlock { attrs: Vec::new(), label: None, block: block(stmts) })),
                )
            }),
        }),
        semi_token: Default::default(),
    })
}

/// `name` or `mut name` as a pattern.
pub fn pat_ident(id: Ident, mutable: bool) -> Pat {
    Pat::Ident(PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(Default::default),
        ident: id,
        subpat: None,
    })
}

/// `_`.
pub fn pat_wild() -> Pat {
    Pat::Wild(PatWild { attrs: Vec::new(), underscore_token: Default::default() })
}

/// `Path(elems)` as a pattern.
pub fn pat_tuple_struct(p: Path, elems: Vec<Pat>) -> Pat {
    Pat::TupleStruct(PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: p,
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `(a, b,)` as a pattern, each element followed by a comma.
pub fn pat_tuple_trailing(elems: Vec<Pat>) -> Pat {
    Pat::Tuple(syn::PatTuple { attrs: Vec::new(), paren_token: Default::default(), elems: trailing(elems) })
}

/// Elements each followed by a comma, as a one-element tuple needs.
fn trailing<T>(elems: Vec<T>) -> Punctuated<T, syn::Token![,]> {
    let mut p = Punctuated::new();
    for e in elems {
        p.push(e);
        p.push_punct(Default::default());
    }
    p
}

/// A path as a pattern (`Name::Variant`), or a literal (`"wire"`).
pub fn pat_expr(e: Expr) -> Pat {
    match e {
        Expr::Path(p) => Pat::Path(p),
        Expr::Lit(l) => Pat::Lit(l),
        other => Pat::Verbatim(quote::ToTokens::to_token_stream(&other)),
    }
}

/// A path as an expression: `expr_path(path("runtime::required"))`.
pub fn expr_path(p: Path) -> Expr {
    Expr::Path(ExprPath { attrs: Vec::new(), qself: None, path: p })
}

/// An expression naming a plain path: `var("self")`, `var("runtime::Redacted")`.
pub fn var(text: &str) -> Expr {
    expr_path(path(text))
}

/// An expression naming an identifier.
pub fn var_id(id: Ident) -> Expr {
    expr_path(path_of([id]))
}

/// `func(args)`.
pub fn call(func: Expr, args: Vec<Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.method(args)`.
pub fn method(receiver: Expr, name: &str, args: Vec<Expr>) -> Expr {
    Expr::MethodCall(ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(name),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `base.member`.
pub fn field(base: Expr, member: Ident) -> Expr {
    Expr::Field(ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: Member::Named(member),
    })
}

/// `self.member`.
pub fn self_field(member: Ident) -> Expr {
    field(var("self"), member)
}

/// `&e` (`&mut e`).
pub fn reference(e: Expr, mutable: bool) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: mutable.then(Default::default),
        expr: Box::new(e),
    })
}

/// `e.await`.
pub fn await_(e: Expr) -> Expr {
    Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(e),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
}

/// `e?`.
pub fn try_(e: Expr) -> Expr {
    Expr::Try(syn::ExprTry { attrs: Vec::new(), expr: Box::new(e), question_token: Default::default() })
}

/// `while cond { body }`; `cond` may be a [`let_cond`].
pub fn while_(cond: Expr, body: Vec<Stmt>) -> Expr {
    Expr::While(syn::ExprWhile {
        attrs: Vec::new(),
        label: None,
        while_token: Default::default(),
        cond: Box::new(cond),
        body: block(body),
    })
}

/// `return e`.
pub fn return_(e: Expr) -> Expr {
    Expr::Return(syn::ExprReturn { attrs: Vec::new(), return_token: Default::default(), expr: Some(Box::new(e)) })
}

/// `|pat| body`.
pub fn closure(inputs: Vec<Pat>, body: Expr) -> Expr {
    Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        modifiers: Default::default(),
        constness: None,
        asyncness: None,
        capture: None,
        inputs_begin: Default::default(),
        inputs: inputs.into_iter().collect(),
        inputs_end: Default::default(),
        output: ReturnType::Default,
        body: Box::new(body),
    })
}

/// `(a, b,)`, each element followed by a comma.
pub fn tuple_trailing(elems: Vec<Expr>) -> Expr {
    Expr::Tuple(syn::ExprTuple { attrs: Vec::new(), paren_token: Default::default(), elems: trailing(elems) })
}

/// `&[a, b]` without the reference: `[a, b]`.
pub fn array(elems: Vec<Expr>) -> Expr {
    Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `Path { a: x, b }` from (member, value); `None` for the shorthand `b`.
pub fn struct_expr(p: Path, fields: Vec<(Ident, Option<Expr>)>) -> Expr {
    let fields = fields
        .into_iter()
        .map(|(id, value)| {
            let shorthand = value.is_none();
            FieldValue {
                attrs: Vec::new(),
                expr: value.unwrap_or_else(|| var_id(id.clone())),
                member: Member::Named(id),
                colon_token: (!shorthand).then(Default::default),
            }
        })
        .collect();
    Expr::Struct(ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: p,
        brace_token: Default::default(),
        fields,
        dot2_token: None,
        rest: None,
    })
}

/// `if cond { then }`.
pub fn if_(cond: Expr, then: Vec<Stmt>) -> Expr {
    Expr::If(syn::ExprIf {
        attrs: Vec::new(),
        if_token: Default::default(),
        cond: Box::new(cond),
        then_branch: block(then),
        else_branch: None,
    })
}

/// `let pat = e` as an `if` condition.
pub fn let_cond(pat: Pat, e: Expr) -> Expr {
    Expr::Let(syn::ExprLet {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat: Box::new(pat),
        eq_token: Default::default(),
        expr: Box::new(e),
    })
}

/// `pat => body`, with or without the comma after it.
pub fn arm(pat: Pat, body: Expr, comma: bool) -> Arm {
    Arm {
        attrs: Vec::new(),
        pat,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: comma.then(Default::default),
    }
}

/// `match e { pat => body, … }`, each arm followed by a comma.
pub fn match_(e: Expr, arms: Vec<(Pat, Expr)>) -> Expr {
    match_arms(e, arms.into_iter().map(|(pat, body)| arm(pat, body, true)).collect())
}

/// `match e { arms }`.
pub fn match_arms(e: Expr, arms: Vec<Arm>) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(e),
        brace_token: Default::default(),
        arms,
    })
}

/// `{ stmts }` as an expression.
pub fn block_expr(stmts: Vec<Stmt>) -> Expr {
    Expr::Block(syn::ExprBlock { attrs: Vec::new(), label: None, block: block(stmts) })
}

/// `(a, b)`.
pub fn tuple(elems: Vec<Expr>) -> Expr {
    Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `pat: T` as a pattern (`let value: T = …`).
pub fn pat_typed(pat: Pat, t: Type) -> Pat {
    Pat::Type(PatType { attrs: Vec::new(), pat: Box::new(pat), colon_token: Default::default(), ty: Box::new(t) })
}

/// `path::<T>` as an expression: type arguments on the last segment, with `::`.
pub fn turbofish(mut p: Path, args: Vec<Type>) -> Expr {
    if let Some(last) = p.segments.last_mut() {
        last.arguments = generic_args(args.into_iter().map(GenericArgument::Type).collect(), true);
    }
    expr_path(p)
}

/// `name!(tokens);` as a statement.
pub fn macro_stmt(name: &str, tokens: TokenStream) -> Stmt {
    Stmt::Macro(syn::StmtMacro {
        attrs: Vec::new(),
        mac: Macro {
            path: path(name),
            bang_token: Default::default(),
            delimiter: MacroDelimiter::Paren(token::Paren::default()),
            tokens,
        },
        semi_token: Some(Default::default()),
    })
}

/// A free function: `fn name(args) -> Ret { stmts }`, private.
pub fn item_fn(attrs: Vec<Attribute>, sig: Signature, stmts: Vec<Stmt>) -> Item {
    Item::Fn(syn::ItemFn {
        attrs,
        vis: Visibility::Inherited,
        modifiers: Default::default(),
        sig,
        block: Box::new(block(stmts)),
    })
}

/// `vec![elems]`.
pub fn vec_macro(elems: Vec<Expr>) -> Expr {
    Expr::Macro(ExprMacro {
        attrs: Vec::new(),
        mac: Macro {
            path: path("vec"),
            bang_token: Default::default(),
            delimiter: MacroDelimiter::Bracket(Default::default()),
            tokens: quote::quote!(#(#elems),*),
        },
    })
}

/// `name!(tokens)` as an expression.
pub fn macro_call(name: &str, tokens: TokenStream) -> Expr {
    Expr::Macro(ExprMacro {
        attrs: Vec::new(),
        mac: Macro {
            path: path(name),
            bang_token: Default::default(),
            delimiter: MacroDelimiter::Paren(token::Paren::default()),
            tokens,
        },
    })
}
