//! The OpenAPI 3.0 variant: the 3.1 document with each 3.1-only construct mapped to its
//! nearest 3.0 form, and a record of what that mapping loses.

use serde_json::{Map, Value, json};

/// Rewrites a 3.1 document as 3.0.3; returns what 3.0 tools will not see as 3.1 tools do.
pub fn downgrade(doc: &mut Value) -> Vec<String> {
    let mut lost = Vec::new();
    let Value::Object(top) = doc else { return lost };
    top.insert("openapi".into(), "3.0.3".into());
    if let Some(Value::Object(hooks)) = top.get("webhooks") {
        lost.push(format!(
            "`webhooks` ({}): 3.0 has none; moved to `x-webhooks`, which Redoc shows and other 3.0 tools ignore",
            hooks.len()
        ));
    }
    // Rebuild the top level in order, renaming `webhooks` in place.
    let old = std::mem::take(top);
    for (k, v) in old {
        let key = if k == "webhooks" { "x-webhooks".to_string() } else { k };
        top.insert(key, v);
    }
    if let Some(Value::Object(schemas)) = top.get_mut("components").and_then(|c| c.get_mut("schemas")) {
        for (name, s) in schemas.iter_mut() {
            schema_30(s, &format!("#/components/schemas/{name}"), &mut lost);
        }
    }
    for key in ["paths", "x-webhooks", "x-paydoc-operations-without-path"] {
        if let Some(v) = top.get_mut(key) {
            find_schemas(v, &format!("#/{key}"), &mut lost);
        }
    }
    if let Some(v) = top.get_mut("components").and_then(|c| c.get_mut("parameters")) {
        find_schemas(v, "#/components/parameters", &mut lost);
    }
    if !lost.is_empty() {
        top.insert("x-paydoc-lost-in-3.0".into(), json!(lost));
    }
    lost
}

/// Converts every `schema` found below `v` (parameters, media types).
fn find_schemas(v: &mut Value, ptr: &str, lost: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                let p = format!("{ptr}/{}", k.replace('~', "~0").replace('/', "~1"));
                if k == "schema" {
                    schema_30(child, &p, lost);
                } else {
                    find_schemas(child, &p, lost);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                find_schemas(child, &format!("{ptr}/{i}"), lost);
            }
        }
        _ => {}
    }
}

/// One schema and those inside it.
fn schema_30(v: &mut Value, ptr: &str, lost: &mut Vec<String>) {
    let Value::Object(m) = v else { return };
    // 3.0 ignores everything beside a `$ref`: wrap the reference in `allOf`.
    if m.contains_key("$ref") && m.len() > 1 {
        let old = std::mem::take(m);
        let mut rest = Map::new();
        let mut reference = Value::Null;
        for (k, val) in old {
            if k == "$ref" {
                reference = val;
            } else {
                rest.insert(k, val);
            }
        }
        m.insert("allOf".into(), json!([{ "$ref": reference }]));
        m.extend(rest);
    }
    if m.contains_key("const") {
        lost.push(format!(
            "`const` at {ptr}: written as a one-value `enum` (generators make a one-variant enum, not a constant)"
        ));
        let old = std::mem::take(m);
        for (k, val) in old {
            if k == "const" {
                m.insert("enum".into(), json!([val.clone()]));
                m.insert("x-paydoc-const".into(), val);
            } else {
                m.insert(k, val);
            }
        }
    }
    if let Some(Value::Array(examples)) = m.get("examples").cloned() {
        // 3.0 schemas take one `example`.
        let old = std::mem::take(m);
        for (k, val) in old {
            if k == "examples" {
                if let Some(first) = examples.first() {
                    m.insert("example".into(), first.clone());
                }
                if examples.len() > 1 {
                    m.insert("x-paydoc-examples".into(), val);
                }
            } else {
                m.insert(k, val);
            }
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(child) = m.get_mut(key) {
            schema_30(child, &format!("{ptr}/{key}"), lost);
        }
    }
    if let Some(Value::Object(props)) = m.get_mut("properties") {
        for (name, child) in props.iter_mut() {
            schema_30(child, &format!("{ptr}/properties/{name}"), lost);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(list)) = m.get_mut(key) {
            for (i, child) in list.iter_mut().enumerate() {
                schema_30(child, &format!("{ptr}/{key}/{i}"), lost);
            }
        }
    }
}
