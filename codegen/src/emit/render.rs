//! Rendering: lowered items to Rust tokens with `quote!`, formatted by `prettyplease`.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::lower::{EnumDef, FieldDef, Item, OpModule, ProviderModule, StructDef, Ty};

/// Names visible to a module: which are shared (in the provider module) and which name structs.
pub struct Scope<'a> {
    pub shared: &'a BTreeSet<String>,
    pub structs: &'a BTreeSet<String>,
    /// Rendering the provider module itself (shared names need no `super::`).
    pub in_shared: bool,
}

fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Doc text safe for a doc attribute: no control or direction-changing characters.
pub fn clean_doc(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'))
        .collect()
}

pub fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        let l = clean_doc(l);
        if l.is_empty() { String::new() } else { format!(" {l}") }
    });
    quote! { #( #[doc = #lines] )* }
}

fn ty(t: &Ty, scope: &Scope<'_>) -> TokenStream {
    match t {
        Ty::String => quote!(String),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Map => quote!(serde_json::Map<String, serde_json::Value>),
        Ty::Vec(inner) => {
            let inner = ty(inner, scope);
            quote!(Vec<#inner>)
        }
        Ty::Boxed(inner) => {
            let inner = ty(inner, scope);
            quote!(Box<#inner>)
        }
        Ty::Named { name, args } => {
            let path = named(name, scope);
            if args.is_empty() {
                path
            } else {
                let args = args.iter().map(|a| ty(a, scope));
                quote!(#path<#(#args),*>)
            }
        }
        Ty::Param(p) => {
            let p = ident(p);
            quote!(#p)
        }
        Ty::Const(name) => {
            let path = named(name, scope);
            quote!(runtime::Const<#path>)
        }
    }
}

fn named(name: &str, scope: &Scope<'_>) -> TokenStream {
    let id = ident(name);
    if scope.shared.contains(name) && !scope.in_shared { quote!(super::#id) } else { quote!(#id) }
}

fn field_ty(f: &FieldDef, scope: &Scope<'_>) -> TokenStream {
    let t = ty(&f.ty, scope);
    if f.optional { quote!(Option<#t>) } else { t }
}

pub fn item(it: &Item, scope: &Scope<'_>) -> TokenStream {
    match it {
        Item::Struct(s) => structure(s, scope),
        Item::Enum(e) => enumeration(e),
        Item::Const { name, value } => {
            let id = ident(name);
            let doc = docs(&[format!("The constant `{value}`, for [`runtime::Const`].")]);
            quote! {
                #doc
                pub enum #id {}
                impl runtime::ConstValue for #id {
                    const VALUE: &'static str = #value;
                }
            }
        }
        Item::Alias { name, docs: d, target } => {
            let id = ident(name);
            let doc = docs(d);
            let t = ty(target, scope);
            quote! { #doc pub type #id = #t; }
        }
    }
}

fn structure(s: &StructDef, scope: &Scope<'_>) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs(&s.docs);
    let params: Vec<Ident> = s.params.iter().map(|p| ident(p)).collect();
    let generics = if params.is_empty() { quote!() } else { quote!(<#(#params),*>) };
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    let derive = if sensitive {
        quote!(#[derive(Clone, PartialEq, Serialize, Deserialize)])
    } else {
        quote!(#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)])
    };
    let fields = s.fields.iter().map(|f| {
        let id = ident(&f.rust);
        let doc = docs(&f.docs);
        let t = field_ty(f, scope);
        let mut args: Vec<TokenStream> = Vec::new();
        if f.rust.trim_start_matches("r#") != f.wire {
            let wire = &f.wire;
            args.push(quote!(rename = #wire));
        }
        if f.optional {
            // serde reads a missing `Option` as `None` by itself; `default` is needed only with
            // a custom deserializer, and on a generic field it would demand `T: Default`.
            if f.stringly {
                args.push(quote!(default, skip_serializing_if = "Option::is_none"));
            } else {
                args.push(quote!(skip_serializing_if = "Option::is_none"));
            }
        }
        if f.stringly {
            let with = if f.optional { "runtime::stringly::option" } else { "runtime::stringly" };
            args.push(quote!(with = #with));
        }
        let attr = if args.is_empty() { quote!() } else { quote!(#[serde(#(#args),*)]) };
        quote! { #doc #attr pub #id: #t, }
    });
    let mut out = quote! {
        #doc
        #derive
        pub struct #name #generics { #(#fields)* }
    };
    if sensitive {
        let label = &s.name;
        let entries = s.fields.iter().map(|f| {
            let id = ident(&f.rust);
            let shown = f.rust.trim_start_matches("r#");
            match (f.sensitive, f.optional) {
                (false, _) => quote!(.field(#shown, &self.#id)),
                (true, false) => quote!(.field(#shown, &runtime::Redacted)),
                (true, true) => quote!(.field(#shown, &self.#id.as_ref().map(|_| runtime::Redacted))),
            }
        });
        let bounds = if params.is_empty() { quote!() } else { quote!(<#(#params: std::fmt::Debug),*>) };
        out.extend(quote! {
            impl #bounds std::fmt::Debug for #name #generics {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* .finish()
                }
            }
        });
    }
    if s.request {
        out.extend(validate(s, &params, &generics, scope));
        if let Some(ctor) = constructor(s, scope) {
            out.extend(ctor);
        }
    }
    out
}

fn validate(s: &StructDef, params: &[Ident], generics: &TokenStream, scope: &Scope<'_>) -> TokenStream {
    let name = ident(&s.name);
    let mut checks = Vec::new();
    for f in &s.fields {
        let id = ident(&f.rust);
        let wire = &f.wire;
        let value = if f.optional { quote!(v) } else { quote!(&self.#id) };
        let mut body = Vec::new();
        if f.required_string {
            body.push(quote!(runtime::required(path, #wire, #value, out);));
        }
        if let Some(max) = f.max_length {
            let max = proc_macro2::Literal::u64_unsuffixed(max);
            match &f.ty {
                Ty::String => body.push(quote!(runtime::max_length(path, #wire, #value, #max, out);)),
                Ty::Vec(inner) if **inner == Ty::String => {
                    body.push(quote!(runtime::max_length_each(path, #wire, #value, #max, out);))
                }
                _ => {}
            }
        }
        if validates(&f.ty, scope) {
            body.push(quote!(runtime::nested(path, #wire, #value, out);));
        }
        if body.is_empty() {
            continue;
        }
        checks.push(if f.optional {
            quote! { if let Some(v) = &self.#id { #(#body)* } }
        } else {
            quote! { #(#body)* }
        });
    }
    let bounds = if params.is_empty() { quote!() } else { quote!(<#(#params: runtime::Validate),*>) };
    let (path, out) = if checks.is_empty() { (quote!(_path), quote!(_out)) } else { (quote!(path), quote!(out)) };
    quote! {
        impl #bounds runtime::Validate for #name #generics {
            fn validate_into(&self, #path: &runtime::Path<'_>, #out: &mut Vec<runtime::Violation>) {
                #(#checks)*
            }
        }
    }
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

/// `new(…)` for request structs with constants: the constants are filled in, optional
/// fields start empty, and the required ones are the arguments in page order.
fn constructor(s: &StructDef, scope: &Scope<'_>) -> Option<TokenStream> {
    if !s.fields.iter().any(|f| matches!(f.ty, Ty::Const(_))) || !s.params.is_empty() {
        return None;
    }
    let name = ident(&s.name);
    let args = s.fields.iter().filter(|f| !f.optional && !matches!(f.ty, Ty::Const(_))).map(|f| {
        let id = ident(&f.rust);
        let t = field_ty(f, scope);
        quote!(#id: #t)
    });
    let inits = s.fields.iter().map(|f| {
        let id = ident(&f.rust);
        if matches!(f.ty, Ty::Const(_)) {
            quote!(#id: runtime::Const::new())
        } else if f.optional {
            quote!(#id: None)
        } else {
            quote!(#id)
        }
    });
    let many = s.fields.iter().filter(|f| !f.optional && !matches!(f.ty, Ty::Const(_))).count() > 7;
    let allow = if many { quote!(#[allow(clippy::too_many_arguments)]) } else { quote!() };
    Some(quote! {
        impl #name {
            /// The required fields; constants are filled in and optional fields start as `None`.
            #allow
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits),* }
            }
        }
    })
}

fn enumeration(e: &EnumDef) -> TokenStream {
    let name = ident(&e.name);
    let doc = docs(&e.docs);
    let variants: Vec<Ident> = e.variants.iter().map(|(r, _)| ident(r)).collect();
    let wires: Vec<&String> = e.variants.iter().map(|(_, w)| w).collect();
    if !e.open {
        let renames = e.variants.iter().map(|(r, w)| {
            let id = ident(r);
            if r == w { quote!(#id,) } else { quote!(#[serde(rename = #w)] #id,) }
        });
        return quote! {
            #doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
            pub enum #name { #(#renames)* }
        };
    }
    quote! {
        #doc
        ///
        /// Values the docs do not list arrive as `Unknown`, so a new value never breaks a response.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum #name {
            #(#variants,)*
            Unknown(String),
        }
        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#name::#variants => #wires,)*
                    #name::Unknown(s) => s,
                }
            }
        }
        impl From<String> for #name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    #(#wires => #name::#variants,)*
                    _ => #name::Unknown(s),
                }
            }
        }
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(#name::from)
            }
        }
    }
}

/// An operation's file.
pub fn op_file(op: &OpModule, scope: &Scope<'_>) -> TokenStream {
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
    let head = head.iter().map(|l| {
        let l = clean_doc(l);
        if l.is_empty() { String::new() } else { format!(" {l}") }
    });
    let marker = ident(&op.marker);
    let endpoint = op.endpoint.as_ref().map(|(m, p)| {
        let method = format_ident!("{}", m.variant());
        let req = ident(&op.request);
        let resp = ident(&op.response);
        let doc =
            docs(&[format!("The `{}` operation, for [`runtime::call`] and the provider's `Client`.", spec.operation)]);
        quote! {
            #doc
            pub enum #marker {}
            impl runtime::Endpoint for #marker {
                const METHOD: runtime::Method = runtime::Method::#method;
                const PATH: &'static str = #p;
                type Request = #req;
                type Response = #resp;
            }
        }
    });
    let items = op.items.iter().map(|i| item(i, scope));
    let body = quote! { #endpoint #(#items)* };
    let uses = imports(&body);
    quote! {
        #( #![doc = #head] )*
        #uses
        #body
    }
}

/// A provider's `mod.rs`: the operation modules, shared types and the client.
pub fn provider_file(p: &ProviderModule, scope: &Scope<'_>) -> TokenStream {
    let title = format!(" {} operations, generated from the provider's API doc pages.", p.provider.display_name());
    let mods = p.ops.iter().map(|op| {
        let m = ident(&op.module);
        let doc = docs(std::slice::from_ref(&op.spec.title));
        quote!(#doc pub mod #m;)
    });
    let shared: Vec<TokenStream> = p.shared.iter().map(|i| item(i, scope)).collect();
    let calls: Vec<TokenStream> = p
        .ops
        .iter()
        .filter_map(|op| {
            let (m, path) = op.endpoint.as_ref()?;
            let module = ident(&op.module);
            let method = ident(&op.module);
            let marker = ident(&op.marker);
            let req = ident(&op.request);
            let resp = ident(&op.response);
            let doc = docs(&[
                format!("{}: `{m} {path}`.", op.spec.title),
                String::new(),
                "Validates the request first and sends nothing if it breaks a documented constraint.".into(),
            ]);
            Some(quote! {
                #doc
                pub fn #method(&self, request: &#module::#req) -> Result<#module::#resp, runtime::Error<T::Error>> {
                    runtime::call::<#module::#marker, T>(&self.transport, request)
                }
            })
        })
        .collect();
    let client = if calls.is_empty() {
        quote!()
    } else {
        let doc = docs(&[format!(
            "A {} client: one method per operation, over your [`runtime::Transport`].",
            p.provider.display_name()
        )]);
        quote! {
            #doc
            pub struct Client<T> {
                transport: T,
            }
            impl<T: runtime::Transport> Client<T> {
                pub fn new(transport: T) -> Self {
                    Client { transport }
                }
                #(#calls)*
            }
        }
    };
    let body = quote! { #(#shared)* #client };
    let uses = imports(&body);
    quote! {
        #![doc = #title]
        #uses
        #(#mods)*
        #body
    }
}

/// The `use` lines a body needs: serde's derive traits and the runtime, where it names them.
fn imports(body: &TokenStream) -> TokenStream {
    let mut names = BTreeSet::new();
    collect_idents(body.clone(), &mut names);
    let mut out = TokenStream::new();
    let serde: Vec<Ident> =
        ["Deserialize", "Serialize"].iter().filter(|n| names.contains(**n)).map(|n| ident(n)).collect();
    if !serde.is_empty() {
        out.extend(quote!(use serde::{#(#serde),*};));
    }
    if names.contains("runtime") {
        out.extend(quote!(
            use crate::runtime;
        ));
    }
    out
}

fn collect_idents(tokens: TokenStream, out: &mut BTreeSet<String>) {
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            proc_macro2::TokenTree::Group(g) => collect_idents(g.stream(), out),
            _ => {}
        }
    }
}

/// Formats tokens as a file: the generated-file header, an attribute that keeps rustfmt
/// off (the file is formatted by prettyplease), and a blank line between top-level items.
pub fn format_file(header: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    let text = prettyplease::unparse(&file);
    let mut out = format!("{header}\n#![cfg_attr(rustfmt, rustfmt_skip)]\n");
    let mut prev = "";
    for line in text.lines() {
        let starts_item = ["///", "#[", "pub ", "impl", "mod ", "fn ", "use ", "enum ", "struct ", "type "]
            .iter()
            .any(|p| line.starts_with(p));
        let ends_item = prev == "}"
            || (prev.ends_with(';')
                && !prev.starts_with(' ')
                && !(prev.starts_with("use ") && line.starts_with("use ")));
        if starts_item && ends_item {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev = line;
    }
    Ok(out)
}
