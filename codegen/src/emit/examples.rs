//! The generated test that reads every request and response example of the pages into its
//! generated type and writes it back. Where a page's example breaks the page's own table,
//! the test says which defect, asserts that it is there, and checks the corrected example.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::lower::ProviderModule;
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
        if !f.enum_values.is_empty() && f.constant.is_none() && matches!(f.ty.leaf(), Type::String) {
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

pub fn test_file(providers: &[ProviderModule]) -> TokenStream {
    let mut tests = Vec::new();
    for p in providers {
        let feature = p.provider.as_str();
        let provider = format_ident!("{}", feature);
        for op in &p.ops {
            let module = format_ident!("{}", op.module);
            let mut counts = [0usize; 2];
            for ex in &op.spec.examples {
                let (request, ty, fields, n) = match ex.kind {
                    ExampleKind::Request => (true, &op.request, &op.spec.request.fields, &mut counts[0]),
                    ExampleKind::Response => (false, &op.response, &op.spec.response.fields, &mut counts[1]),
                    ExampleKind::Headers => continue,
                };
                *n += 1;
                let name = format_ident!(
                    "{}_{}_{}_example_{}",
                    feature,
                    op.module,
                    if request { "request" } else { "response" },
                    n
                );
                let ty = format_ident!("{}", ty);
                let Ok(json) = serde_json::to_string_pretty(&ex.value) else { continue };
                let d = defects(&ex.value, fields, request);
                let Ok(fixed) = serde_json::to_string_pretty(&d.fixed) else { continue };
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
                let path = quote!(paydoc_sdk::#provider::#module::#ty);
                let body = if !d.missing.is_empty() {
                    let defects =
                        d.missing.iter().map(|m| format!("required `{m}` missing")).chain(d.rejected.iter().cloned());
                    quote! {
                        // The defects, so the test fails when the page is fixed.
                        let defects: &[&str] = &[#(#defects),*];
                        assert!(serde_json::from_str::<#path>(#json).is_err(), "the page's example should be refused: {defects:?}");
                    }
                } else if d.rejected.is_empty() {
                    quote! {
                        let back = round_trip::<#path>(#json);
                        assert_eq!(back, expected(#fixed));
                    }
                } else {
                    let reasons = d.rejected.iter().map(|r| r.as_str());
                    quote! {
                        // The defects, so the test fails when the page is fixed.
                        let defects: &[&str] = &[#(#reasons),*];
                        assert!(!defects.is_empty());
                        assert!(serde_json::from_str::<#path>(#json).is_err(), "the page's example should be refused: {defects:?}");
                        let back = round_trip::<#path>(#fixed);
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
        use serde_json::Value;

        /// Reads `json` into `T` and writes it back as a JSON value.
        fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) -> Value {
            let value: T = serde_json::from_str(json).expect("the example reads into its type");
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
