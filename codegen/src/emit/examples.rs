//! The generated test that reads every request and response example of the pages into its
//! generated type and writes it back. Where a page's example breaks the page's own table,
//! the test says which defect, asserts that it is there, and checks the corrected example.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::lower::{ProviderModule, reply_view};
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

pub fn test_file(providers: &[ProviderModule], limit: &TokenStream) -> TokenStream {
    let mut tests = Vec::new();
    for p in providers {
        let feature = p.provider.as_str();
        let provider = format_ident!("{}", feature);
        let protocol = Protocol::of(p.provider);
        for op in &p.ops {
            let module = format_ident!("{}", op.module);
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
                    feature,
                    op.module.trim_end_matches('_'),
                    if request { "request" } else { "response" },
                    n
                );
                let ty = format_ident!("{}", ty);
                let Ok(json) = serde_json::to_string_pretty(&ex.value) else { continue };
                let json = raw(&json);
                let mut d = defects(&ex.value, fields, request);
                // The type reads an absent status message as empty, and writes it back so.
                if let (false, Protocol::Envelope { message, .. }, Value::Object(map)) =
                    (request, protocol, &mut d.fixed)
                    && d.missing.is_empty()
                {
                    map.entry(message).or_insert_with(|| Value::String(String::new()));
                }
                let Ok(fixed) = serde_json::to_string_pretty(&d.fixed) else { continue };
                let fixed = raw(&fixed);
                let mut notes: Vec<String> = vec![format!(" From {} of `spec/{}`.", ex.at, op.spec.source.page)];
                for r in &d.rejected {
                    notes.push(format!(" Known doc defect: {r}; the type refuses the example as printed."));
                }
                for k in &d.missing {
                    notes.push(format!(
                        " Known doc defect: the required field `{k}` is not in the example; the type refuses it."
                    ));
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
                let body = if !d.missing.is_empty() {
                    let defects =
                        d.missing.iter().map(|m| format!("required `{m}` missing")).chain(d.rejected.iter().cloned());
                    quote! {
                        // The defects, so the test fails when the page is fixed.
                        let defects: &[&str] = &[#(#defects),*];
                        assert!(serde_json::from_str::<#path>(#json).is_err(), "the page's example should be refused: {defects:?}");
                    }
                } else if d.rejected.is_empty() {
                    let mut secrets = Vec::new();
                    sensitive_values(&d.fixed, fields, &mut secrets);
                    let names = secrets.iter().map(|(n, _)| n.as_str());
                    let values = secrets.iter().map(|(_, v)| v.as_str());
                    let forward = if request {
                        quote!()
                    } else {
                        let mut newer = d.fixed.clone();
                        forward_variant(&mut newer, fields);
                        let newer = raw(&serde_json::to_string_pretty(&newer).unwrap_or_default());
                        quote! {
                            // Forward compatible: unknown fields and values, no optional fields.
                            serde_json::from_str::<#path>(#newer).expect("a newer response reads");
                        }
                    };
                    if string_payload {
                        quote! {
                            serde_json::from_str::<#path>(#json).expect("the example reads into its type");
                            #forward
                            #outcome
                        }
                    } else {
                        quote! {
                            let back = round_trip::<#path>(#json, &[#((#names, #values)),*]);
                            assert_eq!(back, expected(#fixed));
                            #forward
                            #outcome
                        }
                    }
                } else {
                    let reasons = d.rejected.iter().map(|r| r.as_str());
                    quote! {
                        // The defects, so the test fails when the page is fixed.
                        let defects: &[&str] = &[#(#reasons),*];
                        assert!(!defects.is_empty());
                        assert!(serde_json::from_str::<#path>(#json).is_err(), "the page's example should be refused: {defects:?}");
                        let back = round_trip::<#path>(#fixed, &[]);
                        assert_eq!(back, expected(#fixed));
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

        /// Reads `json` into `T` and writes it back as a JSON value, checking on the way that
        /// `Debug` shows none of the `sensitive` (field, value) pairs.
        fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug>(json: &str, sensitive: &[(&str, &str)]) -> Value {
            let value: T = serde_json::from_str(json).expect("the example reads into its type");
            let shown = format!("{value:?}");
            for (field, secret) in sensitive {
                assert!(shown.contains(&format!("{field}: <redacted>")) || shown.contains(&format!("{field}: Some(<redacted>)")), "{field} is not redacted: {shown}");
                assert!(secret.len() < 4 || !shown.contains(secret), "{field}'s value leaks: {shown}");
            }
            serde_json::to_value(&value).expect("the value writes back")
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
