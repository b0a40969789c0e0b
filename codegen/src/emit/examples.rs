//! The generated test that checks every request and response example of the pages against
//! its generated type: a request example is built as a Rust value and must serialize to the
//! example; a response example must decode to the value the example spells. Where a page's
//! example breaks the page's own table, the test says which defect and asserts that it is there.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::lower::{FieldDef, Item, OpModule, ProviderModule, RESULT_CODE, Ty, reply_view};
use super::protocol::{Protocol, Verdict};
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

/// Where an operation's generated types live, to spell an example as a Rust value of them.
struct Types<'a> {
    provider: &'a ProviderModule,
    op: &'a OpModule,
    /// `paydoc_sdk::<provider>`.
    root: TokenStream,
    module: Ident,
}

impl Types<'_> {
    fn item(&self, name: &str) -> Option<(&Item, bool)> {
        let own = self.op.items.iter().find(|i| i.name() == name).map(|i| (i, false));
        own.or_else(|| self.provider.shared.iter().find(|i| i.name() == name).map(|i| (i, true)))
    }

    fn path(&self, name: &str) -> TokenStream {
        let (root, module, id) = (&self.root, &self.module, format_ident!("{}", name));
        match self.item(name) {
            Some((_, true)) => quote!(#root::#id),
            _ => quote!(#root::#module::#id),
        }
    }

    /// `v` as a Rust expression of type `ty`, or why it cannot be one. `args` binds the type
    /// parameters of a shared envelope; `stringly` reads numbers and booleans from strings.
    fn value(
        &self,
        v: &Value,
        ty: &Ty,
        args: &[(String, Ty)],
        stringly: bool,
        at: &str,
    ) -> Result<TokenStream, String> {
        let wrong = || format!("`{at}` is `{v}`, which does not fit its type");
        let text = || v.as_str().ok_or_else(wrong);
        Ok(match ty {
            Ty::String => {
                let s = text()?;
                quote!(String::from(#s))
            }
            Ty::I64 => {
                let n = match v {
                    Value::String(s) if stringly => s.parse::<i64>().ok(),
                    _ if stringly => None,
                    _ => v.as_i64(),
                };
                let n = n.ok_or_else(wrong)?;
                let abs = Literal::u64_unsuffixed(n.unsigned_abs());
                if n < 0 { quote!(-(#abs as i64)) } else { quote!(#abs) }
            }
            Ty::F64 => {
                let x = match v {
                    Value::String(s) if stringly => s.parse::<f64>().ok().filter(|x| x.is_finite()),
                    _ if stringly => None,
                    _ => v.as_f64(),
                };
                let x = x.ok_or_else(wrong)?;
                let abs = Literal::f64_suffixed(x.abs());
                if x.is_sign_negative() { quote!(-#abs) } else { quote!(#abs) }
            }
            Ty::Bool => {
                let b = match v {
                    Value::String(s) if stringly => s.parse::<bool>().ok(),
                    _ if stringly => None,
                    _ => v.as_bool(),
                };
                if b.ok_or_else(wrong)? { quote!(true) } else { quote!(false) }
            }
            Ty::Map => {
                let json = serde_json::to_string(v.as_object().ok_or_else(wrong)?).map_err(|e| e.to_string())?;
                quote!(serde_json::from_str(#json).expect("an object"))
            }
            Ty::Vec(inner) => {
                let items = v.as_array().ok_or_else(wrong)?;
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.value(x, inner, args, stringly, &format!("{at}[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?;
                quote!(vec![#(#items),*])
            }
            Ty::Boxed(inner) => {
                let inner = self.value(v, inner, args, stringly, at)?;
                quote!(Box::new(#inner))
            }
            Ty::Param(p) => {
                let (_, t) = args.iter().find(|(n, _)| n == p).ok_or_else(|| format!("`{at}`: unbound `{p}`"))?;
                self.value(v, t, &[], stringly, at)?
            }
            Ty::Const(name) => {
                let Some((Item::Const { value, .. }, _)) = self.item(name) else { return Err(wrong()) };
                if text()? != value {
                    return Err(wrong());
                }
                quote!(paydoc_sdk::runtime::Const::new())
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
                quote!(paydoc_sdk::runtime::AntomResult {
                    result_code: #code,
                    result_status: String::from(#status),
                    result_message: String::from(#message),
                })
            }
            Ty::Named { name, args: given } => match self.item(name).map(|(i, _)| i) {
                Some(Item::Struct(st)) => {
                    let bound: Vec<(String, Ty)> = st.params.iter().cloned().zip(given.iter().cloned()).collect();
                    let path = self.path(name);
                    let fields = self.fields(v, &st.fields, &bound, at)?;
                    quote!(#path { #(#fields),* })
                }
                Some(Item::Enum(e)) => {
                    let s = text()?;
                    let path = self.path(name);
                    match e.variants.iter().find(|(_, w)| w == s) {
                        Some((rust, _)) => {
                            let variant = format_ident!("{}", rust);
                            quote!(#path::#variant)
                        }
                        None if e.open => quote!(#path::Unknown(String::from(#s))),
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
    ) -> Result<Vec<TokenStream>, String> {
        let obj = v.as_object().ok_or_else(|| format!("`{at}` is not an object"))?;
        let mut out = Vec::new();
        for f in fields {
            let id = match f.rust.strip_prefix("r#") {
                Some(raw) => Ident::new_raw(raw, proc_macro2::Span::call_site()),
                None => format_ident!("{}", f.rust),
            };
            let path = if at.is_empty() { f.wire.clone() } else { format!("{at}.{}", f.wire) };
            let value = match obj.get(&f.wire).filter(|x| !x.is_null()) {
                Some(x) => {
                    let e = self.value(x, &f.ty, args, f.stringly, &path)?;
                    if f.optional { quote!(Some(#e)) } else { e }
                }
                None if f.optional => quote!(None),
                None if f.default => quote!(String::new()),
                None => return Err(format!("the required field `{path}` is not in the example")),
            };
            out.push(quote!(#id: #value));
        }
        Ok(out)
    }
}

/// A raw string literal (`r#"…"#`), which keeps JSON readable in the generated test.
fn raw(s: &str) -> TokenStream {
    let mut hashes = "#".to_string();
    while s.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let lit = format!("r{hashes}\"{s}\"{hashes}");
    match lit.parse::<proc_macro2::Literal>() {
        Ok(l) => quote!(#l),
        Err(_) => quote!(#s),
    }
}

/// A request example's test: the example built as a value of its type must serialize to
/// the example. The whole body where the example has every required field, else the payload
/// the caller builds (the client adds the envelope); `None` when neither can be built.
fn request_test(
    types: &Types<'_>,
    op: &OpModule,
    protocol: Protocol,
    example: &Value,
    d: &Defects,
) -> Option<(TokenStream, String)> {
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
        let path = types.path(name);
        let mut secrets = Vec::new();
        sensitive_values(&fixed, &fields, &mut secrets);
        let names = secrets.iter().map(|(n, _)| n.as_str());
        let values = secrets.iter().map(|(_, v)| v.as_str());
        let json = raw(&serde_json::to_string_pretty(&fixed).ok()?);
        let refused = if d.rejected.is_empty() {
            quote!()
        } else {
            let printed = raw(&serde_json::to_string_pretty(&printed).ok()?);
            let reasons = d.rejected.iter().map(|r| r.as_str());
            quote! {
                // The defects, so the test fails when the page is fixed.
                let defects: &[&str] = &[#(#reasons),*];
                assert_ne!(back, expected(#printed), "the type cannot send the example as printed: {defects:?}");
            }
        };
        let what = match part {
            Some(wire) => format!(" The `{wire}` the caller builds; the client adds the rest of the body."),
            None => String::new(),
        };
        let body = quote! {
            let value: #path = #literal;
            let back = written(&value, &[#((#names, #values)),*]);
            assert_eq!(back, expected(#json));
            #refused
        };
        return Some((body, what));
    }
    None
}

pub fn test_file(providers: &[ProviderModule], limit: &TokenStream) -> TokenStream {
    let mut tests = Vec::new();
    for p in providers {
        let provider_name = p.provider.as_str();
        let provider = format_ident!("{}", provider_name);
        let protocol = Protocol::of(p.provider);
        for op in &p.ops {
            let module = format_ident!("{}", op.module);
            let feature = &op.feature;
            let types = Types { provider: p, op, root: quote!(paydoc_sdk::#provider), module: module.clone() };
            let mut counts = [0usize; 2];
            let reply_fields = reply_view(&op.spec.response.fields, protocol);
            for ex in &op.spec.examples {
                let (request, ty, fields, n) = match ex.kind {
                    ExampleKind::Request => (true, &op.request, &op.spec.request.fields, &mut counts[0]),
                    ExampleKind::Response => (false, &op.response, &reply_fields, &mut counts[1]),
                    ExampleKind::Headers => continue,
                };
                *n += 1;
                let name = format_ident!(
                    "{}_{}_{}_example_{}",
                    provider_name,
                    op.module.trim_end_matches('_'),
                    if request { "request" } else { "response" },
                    n
                );
                let ty = format_ident!("{}", ty);
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
                let own = quote!(paydoc_sdk::#provider::#module::#ty);
                // PingPong's body is an envelope around the operation's data; its reply reads both.
                let string_payload = !request && protocol == Protocol::StringPayload;
                let path = if string_payload {
                    quote!(paydoc_sdk::runtime::PingPongReply<#own, paydoc_sdk::#provider::ResultCode>)
                } else {
                    own
                };
                // The outcome the provider's rule gives the example, and its result code.
                let verdict = if request { None } else { protocol.verdict(&ex.value) };
                let outcome = match (verdict, protocol.code(&ex.value)) {
                    (Some(Verdict::Success), _) => quote! {
                        let answer = paydoc_sdk::runtime::outcome::<#path>(#json.as_bytes()).expect("decodes");
                        assert!(answer.is_ok(), "a success example is a success");
                    },
                    (Some(v), Some(code)) => {
                        let kind = if v == Verdict::Unknown { quote!(Unknown) } else { quote!(Rejected) };
                        quote! {
                            let answer = paydoc_sdk::runtime::outcome::<#path>(#json.as_bytes()).expect("decodes");
                            match answer {
                                Err(paydoc_sdk::runtime::Failure::#kind(e)) => {
                                    assert_eq!(e.code.as_ref(), #code);
                                    assert_eq!(e.raw_body(), #json.as_bytes());
                                }
                                other => panic!("expected the gateway's error {}, got {other:?}", #code),
                            }
                        }
                    }
                    _ => quote!(),
                };
                let body = if request {
                    let Some((body, what)) = request_test(&types, op, protocol, &ex.value, &d) else { continue };
                    if !what.is_empty() {
                        notes.push(what);
                    }
                    body
                } else if !d.missing.is_empty() {
                    let defects = d.missing.iter().map(|m| format!("required `{m}` missing"));
                    quote! {
                        // The defects, so the test fails when the page is fixed.
                        let defects: &[&str] = &[#(#defects),*];
                        assert!(serde_json::from_str::<#path>(#json).is_err(), "the page's example should be refused: {defects:?}");
                    }
                } else {
                    let mut secrets = Vec::new();
                    sensitive_values(&d.fixed, fields, &mut secrets);
                    let names = secrets.iter().map(|(n, _)| n.as_str());
                    let values = secrets.iter().map(|(_, v)| v.as_str());
                    let mut newer = d.fixed.clone();
                    forward_variant(&mut newer, fields);
                    let newer = raw(&serde_json::to_string_pretty(&newer).unwrap_or_default());
                    // PingPong's data arrives as a JSON string inside its envelope: it is read, and
                    // its outcome checked, but not spelled out.
                    let want = if string_payload {
                        Ok(quote!())
                    } else {
                        types.value(
                            &d.fixed,
                            &Ty::Named { name: op.response.clone(), args: Vec::new() },
                            &[],
                            false,
                            "",
                        )
                    };
                    let compare = match want {
                        Ok(w) if !w.is_empty() => quote! {
                            let want: #path = #w;
                            assert_eq!(format!("{value:?}"), format!("{want:?}"), "the example decodes to what it says");
                        },
                        _ => quote!(),
                    };
                    quote! {
                        let value = read::<#path>(#json, &[#((#names, #values)),*]);
                        #compare
                        // Forward compatible: unknown fields and values, no optional fields.
                        serde_json::from_str::<#path>(#newer).expect("a newer response reads");
                        #outcome
                    }
                };
                tests.push(quote! {
                    #( #[doc = #notes] )*
                    #[cfg(feature = #feature)]
                    #[test]
                    fn #name() { #body }
                });
            }
        }
    }
    quote! {
        #![doc = " Every JSON example on the doc pages, read into its generated type and written back."]
        #![allow(dead_code)]
        #limit
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

        #(#tests)*
    }
}
