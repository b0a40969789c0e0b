//! Spec fields to JSON Schema (OpenAPI 3.1 dialect): one schema per field, object types as
//! named components, shared envelopes, and a warning for every fact a schema cannot hold.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value, json};

use crate::error::Diagnostic;
use crate::spec::{Field, Format, Origin, Type, child_prefix, join_path};

/// Where a field list lives, for warnings and string-encoded scalars.
#[derive(Clone, Copy)]
pub struct Cx<'a> {
    /// The spec file, as shown to the user (`spec/payermax/x.zh.yaml`).
    pub file: &'a str,
    /// `header`, `request` or `response`: prefixed to field paths in warnings.
    pub section: &'static str,
    /// The site sends every non-array scalar as a JSON string.
    pub strings: bool,
}

/// The components being collected and the warnings so far.
#[derive(Default)]
pub struct Builder {
    /// Component schemas by name; a BTreeMap so the document lists them sorted.
    pub schemas: BTreeMap<String, Value>,
    pub warnings: Vec<Diagnostic>,
}

/// `#/components/schemas/<name>`.
pub fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// A component name from any text: UpperCamelCase, only the characters OpenAPI allows.
pub fn component_name(text: &str) -> String {
    let camel = text.to_upper_camel_case();
    let clean: String = camel.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')).collect();
    if clean.is_empty() { "Field".to_string() } else { clean }
}

impl Builder {
    pub fn warn(&mut self, cx: &Cx<'_>, at: &str, message: String) {
        self.warnings.push(Diagnostic {
            file: cx.file.to_string(),
            at: (!at.is_empty()).then(|| crate::spec::Loc::from(at)),
            message,
        });
    }

    /// Adds a component, reusing one of the same name and content; a different schema under
    /// a taken name gets a number (`Amount2`). Returns the name used.
    pub fn add_component(&mut self, name: &str, schema: Value) -> String {
        let mut candidate = name.to_string();
        let mut n = 1;
        loop {
            match self.schemas.get(&candidate) {
                None => {
                    self.schemas.insert(candidate.clone(), schema);
                    return candidate;
                }
                Some(existing) if *existing == schema => return candidate,
                Some(_) => {
                    n += 1;
                    candidate = format!("{name}{n}");
                }
            }
        }
    }

    /// A type the page names (`Amount`): one component wherever it is used, even where its
    /// fields sit on other lines of the page (a provider's type definitions fill them in at
    /// each use); the first use's lines are kept.
    pub fn add_named_component(&mut self, name: &str, schema: Value) -> String {
        let key = without_lines(&schema);
        let mut candidate = name.to_string();
        let mut n = 1;
        loop {
            match self.schemas.get(&candidate) {
                None => {
                    self.schemas.insert(candidate.clone(), schema);
                    return candidate;
                }
                Some(existing) if without_lines(existing) == key => return candidate,
                Some(_) => {
                    n += 1;
                    candidate = format!("{name}{n}");
                }
            }
        }
    }

    /// An object schema for a field list: `required` in page order, one property per name.
    pub fn object_schema(&mut self, fields: &[Field], prefix: &str, hint: &str, cx: &Cx<'_>) -> Value {
        let mut required = Vec::new();
        let mut props = Map::new();
        for f in fields {
            let path = join_path(prefix, &f.name);
            if props.contains_key(&f.name) {
                self.warn(
                    cx,
                    &f.at.to_string(),
                    format!(
                        "{} `{path}`: the page lists this field twice; a JSON Schema object holds one property per name, so the first is kept",
                        cx.section
                    ),
                );
                continue;
            }
            let schema = self.field_schema(f, &path, &format!("{hint}{}", component_name(&f.name)), cx);
            if f.required {
                required.push(Value::String(f.name.clone()));
            }
            props.insert(f.name.clone(), schema);
        }
        let mut out = Map::new();
        out.insert("type".into(), "object".into());
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        out.insert("properties".into(), Value::Object(props));
        Value::Object(out)
    }

    /// The schema of one field: its type (arrays wrapping the item), the constraints on the
    /// innermost item, and the field's annotations and provenance on the outside.
    pub fn field_schema(&mut self, f: &Field, path: &str, hint: &str, cx: &Cx<'_>) -> Value {
        let mut schema = self.type_schema(&f.ty, f, path, hint, cx);
        let Value::Object(map) = &mut schema else { return schema };
        if !f.description.is_empty() {
            map.insert("description".into(), f.description.clone().into());
        }
        if let Some(v) = &f.current_value {
            let value = self.scalar_value(f, v, path, "current value", cx);
            match map.get_mut("examples") {
                Some(Value::Array(list)) => list.insert(0, value),
                _ => {
                    map.insert("examples".into(), json!([value]));
                }
            }
            map.insert("x-paydoc-current-value".into(), v.clone().into());
        }
        if f.sensitive {
            map.insert("x-paydoc-sensitive".into(), true.into());
        }
        if f.origin != Origin::Table {
            let origin = match f.origin {
                Origin::Example => "example",
                Origin::Overlay => "overlay",
                Origin::Table => "table",
            };
            map.insert("x-paydoc-origin".into(), origin.into());
        }
        if f.at != crate::spec::Loc::Page {
            map.insert("x-paydoc-at".into(), f.at.to_string().into());
        }
        schema
    }

    fn type_schema(&mut self, ty: &Type, f: &Field, path: &str, hint: &str, cx: &Cx<'_>) -> Value {
        match ty {
            Type::Array(item) => {
                let items = self.type_schema(item, f, path, hint, cx);
                json!({ "type": "array", "items": items })
            }
            Type::Object => self.object_field(f, path, hint, cx),
            leaf => self.leaf_schema(leaf, f, path, cx),
        }
    }

    /// An object field: a component named after the page's type name or the field's path;
    /// without children, a free-form object.
    fn object_field(&mut self, f: &Field, path: &str, hint: &str, cx: &Cx<'_>) -> Value {
        for (what, present) in [
            ("maxLength", f.max_length.is_some()),
            ("enum", !f.enum_values.is_empty()),
            ("constant", f.constant.is_some()),
            ("format", f.format.is_some()),
        ] {
            if present {
                self.warn(
                    cx,
                    &f.at.to_string(),
                    format!("{} `{path}`: a {what} on an object cannot be a JSON Schema constraint; kept as `x-paydoc-field-facts`", cx.section),
                );
            }
        }
        let name = f.type_name.as_deref().map(component_name).unwrap_or_else(|| hint.to_string());
        let mut schema = if f.fields.is_empty() {
            match &f.type_name {
                // A named type the page does not expand is still one shared component.
                Some(_) => json!({
                    "type": "object",
                    "description": "The page names this type but does not list its fields.",
                    "additionalProperties": true,
                }),
                // Fields the page does not list: any are allowed.
                None => return self.with_object_facts(json!({ "type": "object", "additionalProperties": true }), f),
            }
        } else {
            self.object_schema(&f.fields, &child_prefix(path, &f.ty), &name, cx)
        };
        if let (Some(t), Value::Object(m)) = (&f.type_name, &mut schema) {
            m.insert("title".into(), t.clone().into());
        }
        let used = match f.type_name {
            Some(_) => self.add_named_component(&name, schema),
            None => self.add_component(&name, schema),
        };
        self.with_object_facts(schema_ref(&used), f)
    }

    fn with_object_facts(&self, mut schema: Value, f: &Field) -> Value {
        let mut facts = Map::new();
        if let Some(m) = f.max_length {
            facts.insert("maxLength".into(), m.into());
        }
        if !f.enum_values.is_empty() {
            facts.insert("enum".into(), json!(f.enum_values));
        }
        if let Some(c) = &f.constant {
            facts.insert("const".into(), c.clone().into());
        }
        if let Some(fm) = f.format {
            facts.insert("format".into(), format_name(fm).into());
        }
        if let (false, Value::Object(m)) = (facts.is_empty(), &mut schema) {
            m.insert("x-paydoc-field-facts".into(), Value::Object(facts));
        }
        schema
    }

    fn leaf_schema(&mut self, leaf: &Type, f: &Field, path: &str, cx: &Cx<'_>) -> Value {
        let mut m = Map::new();
        let json_string = cx.strings || *leaf == Type::String;
        match (leaf, cx.strings) {
            (Type::String, _) => {
                m.insert("type".into(), "string".into());
            }
            (Type::Integer, true) => {
                m.insert("type".into(), "string".into());
                m.insert("pattern".into(), "^-?[0-9]+$".into());
                m.insert("x-paydoc-scalar".into(), "integer".into());
            }
            (Type::Number, true) => {
                m.insert("type".into(), "string".into());
                m.insert("pattern".into(), "^-?[0-9]+(\\.[0-9]+)?$".into());
                m.insert("x-paydoc-scalar".into(), "number".into());
            }
            (Type::Boolean, true) => {
                m.insert("type".into(), "string".into());
                m.insert("pattern".into(), "^(true|false)$".into());
                m.insert("x-paydoc-scalar".into(), "boolean".into());
            }
            (other, _) => {
                m.insert("type".into(), other.to_string().into());
            }
        }
        if !f.enum_values.is_empty() {
            let values: Vec<Value> =
                f.enum_values.iter().map(|v| self.scalar_value(f, v, path, "enum value", cx)).collect();
            if f.enum_inferred {
                // Values read from prose: the vendors' own examples send others, so they are
                // documented values, not a closed `enum`.
                m.insert("examples".into(), Value::Array(values.clone()));
                m.insert("x-paydoc-enum".into(), Value::Array(values));
                m.insert("x-paydoc-enum-inferred".into(), true.into());
            } else {
                m.insert("enum".into(), Value::Array(values));
            }
        }
        if let Some(c) = &f.constant {
            let value = self.scalar_value(f, c, path, "constant", cx);
            m.insert("const".into(), value);
        }
        if let Some(max) = f.max_length {
            if json_string {
                m.insert("maxLength".into(), max.into());
            } else {
                self.warn(
                    cx,
                    &f.at.to_string(),
                    format!(
                        "{} `{path}`: maxLength {max} on a {leaf} field; JSON Schema applies maxLength to strings only, so it is kept as `x-paydoc-max-length`",
                        cx.section
                    ),
                );
                m.insert("x-paydoc-max-length".into(), max.into());
            }
        }
        if let Some(fm) = f.format {
            if json_string {
                m.insert("format".into(), format_name(fm).into());
            } else {
                self.warn(
                    cx,
                    &f.at.to_string(),
                    format!(
                        "{} `{path}`: the {} format on a {leaf} field is not a JSON Schema format of that type; kept as `x-paydoc-format`",
                        cx.section,
                        format_name(fm)
                    ),
                );
                m.insert("x-paydoc-format".into(), format_name(fm).into());
            }
        }
        Value::Object(m)
    }

    /// A value the model keeps as text (enum value, constant), as the wire carries it: a
    /// string where the field travels as one, else the JSON number or boolean it spells.
    fn scalar_value(&mut self, f: &Field, text: &str, path: &str, what: &str, cx: &Cx<'_>) -> Value {
        let leaf = f.ty.leaf();
        if cx.strings || matches!(leaf, Type::String | Type::Object) {
            return Value::String(text.to_string());
        }
        let parsed = match leaf {
            Type::Integer => text.parse::<i64>().ok().map(Value::from),
            Type::Number => text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number),
            Type::Boolean => text.parse::<bool>().ok().map(Value::Bool),
            _ => None,
        };
        parsed.unwrap_or_else(|| {
            self.warn(
                cx,
                &f.at.to_string(),
                format!(
                    "{} `{path}`: the {what} `{text}` is not a {leaf}; written as a string, which no {leaf} value matches",
                    cx.section
                ),
            );
            Value::String(text.to_string())
        })
    }
}

/// A schema without its `x-paydoc-at` page lines.
pub fn without_lines(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter().filter(|(k, _)| *k != "x-paydoc-at").map(|(k, v)| (k.clone(), without_lines(v))).collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_lines).collect()),
        other => other.clone(),
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::DateTime => "date-time",
        Format::Url => "uri",
    }
}
