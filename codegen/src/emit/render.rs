//! Rendering: lowered items to Rust tokens with `quote!`, formatted by `prettyplease`.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::lower::{EnumDef, FieldDef, Item, OpModule, ProviderModule, RESULT_CODE, StructDef, Ty};
use super::protocol::Protocol;

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

/// Bare URLs of page text as rustdoc links (`<https://…>`), so they are links, not warnings.
fn autolink(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(i) = rest.find("http://").into_iter().chain(rest.find("https://")).min() {
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
    out
}

pub fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        let l = autolink(&clean_doc(l));
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
        Ty::ResultCode => named(RESULT_CODE, scope),
        Ty::AntomResult => {
            let code = named(RESULT_CODE, scope);
            quote!(runtime::AntomResult<#code>)
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

/// An item as Rust items: the type, then its impls, each on its own so that an attribute
/// (a feature's `cfg`) can go on every one.
pub fn item(it: &Item, scope: &Scope<'_>) -> Vec<TokenStream> {
    match it {
        Item::Struct(s) => structure(s, scope),
        Item::Enum(e) => enumeration(e),
        Item::Const { name, value } => {
            let id = ident(name);
            let doc = docs(&[format!("The constant `{value}`, for [`runtime::Const`].")]);
            vec![
                quote! {
                    #doc
                    pub struct #id;
                },
                quote! {
                    impl runtime::ConstValue for #id {
                        const VALUE: &'static str = #value;
                    }
                },
            ]
        }
        Item::Alias { name, docs: d, target } => {
            let id = ident(name);
            let doc = docs(d);
            let t = ty(target, scope);
            vec![quote! { #doc pub type #id = #t; }]
        }
    }
}

/// `#[cfg(…)]` for code that one of `features` needs; nothing when `None` (always compiled).
pub fn cfg_any(features: Option<&[String]>) -> TokenStream {
    match features {
        None => quote!(),
        Some([one]) => quote!(#[cfg(feature = #one)]),
        Some(many) => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

fn structure(s: &StructDef, scope: &Scope<'_>) -> Vec<TokenStream> {
    let name = ident(&s.name);
    let doc = docs(&s.docs);
    let params: Vec<Ident> = s.params.iter().map(|p| ident(p)).collect();
    let generics = if params.is_empty() { quote!() } else { quote!(<#(#params),*>) };
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    let derive = derives(s, sensitive);
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
        if f.default {
            args.push(quote!(default));
        }
        if f.stringly {
            let with = if f.optional { "runtime::stringly::option" } else { "runtime::stringly" };
            args.push(quote!(with = #with));
        }
        let attr = if args.is_empty() { quote!() } else { quote!(#[serde(#(#args),*)]) };
        quote! { #doc #attr pub #id: #t, }
    });
    let mut out = vec![quote! {
        #doc
        #derive
        pub struct #name #generics { #(#fields)* }
    }];
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
        out.push(quote! {
            impl #bounds std::fmt::Debug for #name #generics {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* .finish()
                }
            }
        });
    }
    if s.request {
        out.push(validate(s, &params, &generics, scope));
        if params.is_empty() && !all_optional(s) {
            out.extend(builder(s, scope));
        }
    }
    if let Some(protocol) = s.reply {
        out.push(reply(s, protocol, &params, &generics, scope));
    }
    out.retain(|t| !t.is_empty());
    out
}

/// What a struct derives: what its direction needs and no more, since derives are most of
/// what the compiler checks. A request type is written (`Serialize`), a response type read
/// (`Deserialize`); both are `Clone` and `Debug` (a hand-written `Debug` where a field is
/// sensitive), and an all-optional request is `Default`.
fn derives(s: &StructDef, sensitive: bool) -> TokenStream {
    let mut names = vec![ident("Clone")];
    if !sensitive {
        names.push(ident("Debug"));
    }
    if s.request && s.params.is_empty() && all_optional(s) {
        names.push(ident("Default"));
    }
    // A struct no root reaches (none today) keeps both, so it is usable either way.
    if s.request || !s.response {
        names.push(ident("Serialize"));
    }
    if s.response || !s.request {
        names.push(ident("Deserialize"));
    }
    quote!(#[derive(#(#names),*)])
}

/// Whether every field can be left out: the struct implements `Default`.
fn all_optional(s: &StructDef) -> bool {
    s.fields.iter().all(|f| f.optional || matches!(f.ty, Ty::Const(_)))
}

/// `runtime::Reply` for a response root: the provider's rule, applied to its status fields.
fn reply(
    s: &StructDef,
    protocol: Protocol,
    params: &[Ident],
    generics: &TokenStream,
    scope: &Scope<'_>,
) -> TokenStream {
    let name = ident(&s.name);
    let code = named(RESULT_CODE, scope);
    let bounds = if params.is_empty() { quote!() } else { quote!(where #(#params: serde::de::DeserializeOwned),*) };
    let field = |wire: &str| s.fields.iter().find(|f| f.wire == wire);
    let (data, body) = match protocol {
        Protocol::Envelope { code: c, message, data } => {
            let (Some(c), Some(m)) = (field(c), field(message)) else { return quote!() };
            let (c, m) = (ident(&c.rust), ident(&m.rust));
            // A page without `data` has nothing to type: the success carries an empty map.
            let (t, value) = match field(data) {
                Some(d) => {
                    let id = ident(&d.rust);
                    let value = if d.optional {
                        quote!(self.#id.or_else(runtime::rules::empty))
                    } else {
                        quote!(Some(self.#id))
                    };
                    (ty(&d.ty, scope), value)
                }
                None => (quote!(serde_json::Map<String, serde_json::Value>), quote!(Some(serde_json::Map::new()))),
            };
            (
                t,
                quote! {
                    let verdict = runtime::rules::payermax(self.#c.as_ref());
                    runtime::rules::outcome(verdict, self.#c, self.#m, #value, #data, raw)
                },
            )
        }
        Protocol::ResultObject { result } => {
            let Some(r) = field(result) else { return quote!() };
            let r = ident(&r.rust);
            (
                quote!(Self),
                quote! {
                    let result = self.#r.clone();
                    result.outcome(self, raw)
                },
            )
        }
        Protocol::StringPayload => return quote!(),
    };
    quote! {
        impl #generics runtime::Reply for #name #generics #bounds {
            type Data = #data;
            type Code = #code;
            fn into_outcome(self, raw: &[u8]) -> Result<runtime::Outcome<Self::Data, Self::Code>, runtime::DecodeError> {
                #body
            }
        }
    }
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

/// A builder for a request struct with required fields: one named setter per field, so two
/// required strings cannot be swapped silently, constants filled in, and `build()` reporting
/// every required field left out.
fn builder(s: &StructDef, scope: &Scope<'_>) -> Vec<TokenStream> {
    let name = ident(&s.name);
    let builder = format_ident!("{}Builder", s.name.trim_start_matches("r#"));
    let fields: Vec<&FieldDef> = s.fields.iter().filter(|f| !matches!(f.ty, Ty::Const(_))).collect();
    let slots = fields.iter().map(|f| {
        let id = ident(&f.rust);
        let t = ty(&f.ty, scope);
        quote!(#id: Option<#t>,)
    });
    let setters = fields.iter().map(|f| {
        let id = ident(&f.rust);
        let first = f.docs.iter().find(|l| !l.is_empty()).cloned().unwrap_or_else(|| format!("Sets `{}`.", f.wire));
        let doc = docs(&[first]);
        if f.ty == Ty::String {
            quote! { #doc pub fn #id(mut self, value: impl Into<String>) -> Self { self.#id = Some(value.into()); self } }
        } else {
            let t = ty(&f.ty, scope);
            quote! { #doc pub fn #id(mut self, value: #t) -> Self { self.#id = Some(value); self } }
        }
    });
    let required: Vec<&&FieldDef> = fields.iter().filter(|f| !f.optional).collect();
    let checks = required.iter().map(|f| {
        let id = ident(&f.rust);
        let wire = &f.wire;
        quote!(if self.#id.is_none() { missing.push(#wire); })
    });
    let req_ids: Vec<Ident> = required.iter().map(|f| ident(&f.rust)).collect();
    let inits = s.fields.iter().map(|f| {
        let id = ident(&f.rust);
        if matches!(f.ty, Ty::Const(_)) {
            quote!(#id: runtime::Const::new())
        } else if f.optional {
            quote!(#id: self.#id)
        } else {
            quote!(#id)
        }
    });
    let intro = docs(&[format!("Builds a [`{}`]: one setter per field, by name.", s.name.trim_start_matches("r#"))]);
    let make =
        docs(&["A builder that takes the fields by name; `build()` reports the required ones left out.".to_string()]);
    vec![
        quote! {
            impl #name {
                #make
                pub fn builder() -> #builder {
                    #builder::default()
                }
            }
        },
        quote! {
            #intro
            #[derive(Default)]
            #[must_use]
            pub struct #builder { #(#slots)* }
        },
        quote! {
        impl #builder {
            #(#setters)*
            /// The value, or every required field that was not set.
            pub fn build(self) -> Result<#name, runtime::MissingFields> {
                let mut missing = Vec::new();
                #(#checks)*
                let (#(Some(#req_ids),)*) = (#(self.#req_ids,)*) else {
                    return Err(runtime::MissingFields(missing));
                };
                Ok(#name { #(#inits),* })
            }
        }
        },
    ]
}

fn enumeration(e: &EnumDef) -> Vec<TokenStream> {
    let name = ident(&e.name);
    let doc = docs(&e.docs);
    let variants: Vec<Ident> = e.variants.iter().map(|(r, _)| ident(r)).collect();
    let wires: Vec<&String> = e.variants.iter().map(|(_, w)| w).collect();
    let vdocs: Vec<TokenStream> =
        (0..e.variants.len()).map(|i| e.variant_docs.get(i).map(|d| docs(d)).unwrap_or_default()).collect();
    if !e.open {
        let renames = e.variants.iter().zip(&vdocs).map(|((r, w), d)| {
            let id = ident(r);
            if r == w { quote!(#d #id,) } else { quote!(#d #[serde(rename = #w)] #id,) }
        });
        return vec![quote! {
            #doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
            pub enum #name { #(#renames)* }
        }];
    }
    vec![
        quote! {
            #doc
            ///
            /// Values the docs do not list are kept as `Unknown`: a new value never breaks a
            /// response, and a request can send a value the docs leave out.
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub enum #name {
                #(#vdocs #variants,)*
                /// A value the docs do not list, as sent.
                Unknown(String),
            }
        },
        quote! {
            impl AsRef<str> for #name {
                fn as_ref(&self) -> &str {
                    self.as_str()
                }
            }
        },
        quote! {
            impl #name {
                /// The wire value.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#name::#variants => #wires,)*
                        #name::Unknown(s) => s,
                    }
                }
            }
        },
        quote! {
            impl From<String> for #name {
                fn from(s: String) -> Self {
                    match s.as_str() {
                        #(#wires => #name::#variants,)*
                        _ => #name::Unknown(s),
                    }
                }
            }
        },
        quote! {
            impl Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(self.as_str())
                }
            }
        },
        quote! {
            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    String::deserialize(d).map(#name::from)
                }
            }
        },
    ]
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
        let method = m.as_str();
        let req = ty(&op.payload, scope);
        let resp = ident(&op.response);
        let doc = docs(&[format!("The `{}` operation, for the provider's `Client`.", spec.operation)]);
        let response = match Protocol::of(spec.provider) {
            Protocol::StringPayload => {
                let code = named(RESULT_CODE, scope);
                quote!(runtime::PingPongReply<#resp, #code>)
            }
            _ => quote!(#resp),
        };
        let name = &spec.operation;
        let version = match &op.version {
            Some(v) => quote!(Some(#v)),
            None => quote!(None),
        };
        quote! {
            #doc
            pub struct #marker;
            impl runtime::Endpoint for #marker {
                const OPERATION: runtime::Operation = runtime::Operation {
                    name: #name,
                    method: #method,
                    path: #p,
                    version: #version,
                };
                type Request = #req;
                type Response = #response;
            }
        }
    });
    let items = op.items.iter().flat_map(|i| item(i, scope));
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
    // The provider's overview and its doc-tested example call are hand-written beside runtime.rs.
    let title = format!("../docs/{}.md", p.provider.as_str());
    let mods = p.ops.iter().map(|op| {
        let m = ident(&op.module);
        let doc = docs(std::slice::from_ref(&op.spec.title));
        let feature = &op.feature;
        quote!(#doc #[cfg(feature = #feature)] pub mod #m;)
    });
    // A shared type is compiled when an operation that uses it is.
    let shared: Vec<TokenStream> = p
        .shared
        .iter()
        .flat_map(|i| {
            let cfg = cfg_any(p.used_by.get(i.name()).map(Vec::as_slice));
            item(i, scope).into_iter().map(move |t| quote!(#cfg #t))
        })
        .collect();
    let mut calls: Vec<TokenStream> = Vec::new();
    let mut async_calls: Vec<TokenStream> = Vec::new();
    for op in &p.ops {
        let Some((m, path)) = op.endpoint.as_ref() else { continue };
        let module = ident(&op.module);
        let method = ident(&op.module);
        let marker = ident(&op.marker);
        let payload = op_scoped(&op.payload, &module, scope);
        let feature = &op.feature;
        let doc = docs(&[
            format!("{}: `{m} {path}`.", op.spec.title),
            String::new(),
            "Validates the request first and sends nothing if it breaks a documented constraint;".into(),
            "then signs it, sends it, verifies the response's signature and decodes it.".into(),
        ]);
        calls.push(quote! {
            #doc
            #[cfg(feature = #feature)]
            pub fn #method(&self, request: &#payload) -> Result<runtime::Answer<#module::#marker>, runtime::Error<T::Error>> {
                runtime::call::<#module::#marker, _, _>(&self.config, &self.transport, request)
            }
        });
        async_calls.push(quote! {
            #doc
            #[cfg(feature = #feature)]
            pub async fn #method(&self, request: &#payload) -> Result<runtime::Answer<#module::#marker>, runtime::Error<T::Error>> {
                runtime::call_async::<#module::#marker, _, _>(&self.config, &self.transport, request).await
            }
        });
    }
    let provider = ident(p.provider.as_str());
    let display = p.provider.display_name();
    let client = if calls.is_empty() {
        quote!()
    } else {
        let doc = docs(&[
            format!("A {display} client over a blocking [`runtime::Transport`]: one method per operation."),
            String::new(),
            "Each call validates the request, signs it with the [`Config`], sends it, verifies the".into(),
            "response's signature and decodes it into the operation's [`runtime::Answer`].".into(),
        ]);
        let async_doc = docs(&["The same as [`Client`], over an async [`runtime::AsyncTransport`].".to_string()]);
        quote! {
            pub use crate::auth::#provider::{Config, Credentials, Environment};
            #doc
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
            impl<T: runtime::Transport> Client<T> {
                #(#calls)*
            }
            #async_doc
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
            impl<T: runtime::AsyncTransport> AsyncClient<T> {
                #(#async_calls)*
            }
        }
    };
    let operations = operations_const(p);
    let body = quote! { #(#shared)* #operations #client };
    let uses = imports(&body);
    quote! {
        #![doc = include_str!(#title)]
        #uses
        #(#mods)*
        #body
    }
}

/// A type of an operation module as the provider module names it.
fn op_scoped(t: &Ty, module: &Ident, scope: &Scope<'_>) -> TokenStream {
    match t {
        Ty::Named { name, args } if args.is_empty() && !scope.shared.contains(name) => {
            let id = ident(name);
            quote!(#module::#id)
        }
        other => ty(other, scope),
    }
}

/// `pub const OPERATIONS`: every operation with an endpoint, by its endpoint's
/// [`runtime::Endpoint::OPERATION`], for tools that pick an operation by name (`dry_run`).
fn operations_const(p: &ProviderModule) -> TokenStream {
    let ops = p.ops.iter().filter(|op| op.endpoint.is_some()).map(|op| {
        let module = ident(&op.module);
        let marker = ident(&op.marker);
        let feature = &op.feature;
        quote!(#[cfg(feature = #feature)] <#module::#marker as runtime::Endpoint>::OPERATION)
    });
    let doc = docs(&[format!(
        "Every {} operation with a documented endpoint, for [`crate::auth`] to sign.",
        p.provider.display_name()
    )]);
    quote! {
        #doc
        pub const OPERATIONS: &[runtime::Operation] = &[#(#ops),*];
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

#[cfg(test)]
mod tests {
    use super::autolink;

    #[test]
    fn bare_urls_become_links_and_links_stay() {
        assert_eq!(autolink("see https://a.example/x.html."), "see <https://a.example/x.html>.");
        assert_eq!(autolink("Source: <https://a.example>, x"), "Source: <https://a.example>, x");
        assert_eq!(autolink("[t](https://a.example) `http://b`"), "[t](https://a.example) `http://b`");
        assert_eq!(autolink("见https://a.example/p。下"), "见<https://a.example/p>。下");
        assert_eq!(autolink("no url"), "no url");
    }
}
