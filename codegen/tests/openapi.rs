//! The OpenAPI export read back: every operation and field of the committed spec, with each
//! of its facts, must be found in the 3.1 document and in the 3.0 variant; constructs a
//! schema cannot hold are warnings naming the field; the bytes do not vary.

use std::path::{Path, PathBuf};

use paydoc_codegen::openapi::{self, Version};
use paydoc_codegen::pipeline;
use paydoc_codegen::spec::{
    Body, ExampleKind, Field, Format, Origin, Provider, Server, Source, Spec, Type, child_prefix, join_path,
};
use serde_json::{Map, Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace").to_path_buf()
}

fn committed_specs() -> Vec<(String, Spec)> {
    let specs = pipeline::load_specs(&root().join("spec")).expect("the committed spec loads");
    assert!(specs.len() >= 5, "the seed pages give five specs");
    specs.into_iter().map(|s| (s.file_name(), s)).collect()
}

fn documents(specs: &[(String, Spec)], version: Version) -> Vec<(Provider, Value)> {
    let out = openapi::export(specs, version);
    out.files
        .iter()
        .map(|(name, text)| {
            let provider = Provider::ALL
                .into_iter()
                .find(|p| *name == version.file_name(*p))
                .unwrap_or_else(|| panic!("unexpected file {name}"));
            (provider, serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}")))
        })
        .collect()
}

/// Follows a local `$ref`.
fn lookup<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference.strip_prefix('#').unwrap_or_else(|| panic!("non-local $ref {reference}"));
    doc.pointer(pointer).unwrap_or_else(|| panic!("dangling $ref {reference}"))
}

/// Keys whose values are constraints: two schemas that both state one must agree.
const CONSTRAINTS: [&str; 6] = ["type", "enum", "const", "maxLength", "format", "pattern"];

/// A schema with its `$ref` and `allOf` resolved into one map: properties merged, required
/// lists joined, constraints checked for agreement; a `$ref`'s siblings override its target's
/// annotations (as 3.1 reads them; the 3.0 export wraps them in `allOf`).
fn flatten(doc: &Value, schema: &Value, at: &str) -> Map<String, Value> {
    let mut out = Map::new();
    let Value::Object(m) = schema else { panic!("{at}: schema is not an object") };
    if let Some(Value::String(r)) = m.get("$ref") {
        out = flatten(doc, lookup(doc, r), at);
    }
    if let Some(Value::Array(branches)) = m.get("allOf") {
        for b in branches {
            let flat = flatten(doc, b, at);
            merge(&mut out, flat, at);
        }
    }
    let own: Map<String, Value> =
        m.iter().filter(|(k, _)| *k != "$ref" && *k != "allOf").map(|(k, v)| (k.clone(), v.clone())).collect();
    merge(&mut out, own, at);
    out
}

fn merge(into: &mut Map<String, Value>, from: Map<String, Value>, at: &str) {
    for (k, v) in from {
        match (k.as_str(), into.get_mut(&k)) {
            ("properties", Some(Value::Object(props))) => {
                let Value::Object(new) = v else { panic!("{at}: properties is not an object") };
                for (name, s) in new {
                    match props.get_mut(&name) {
                        Some(Value::Object(old)) => {
                            let Value::Object(s) = s else { panic!("{at}.{name}: not an object") };
                            // Keep both: the property is flattened again when it is read.
                            let mut combined = Map::new();
                            combined.insert("allOf".into(), json!([Value::Object(old.clone()), Value::Object(s)]));
                            *old = combined;
                        }
                        _ => {
                            props.insert(name, s);
                        }
                    }
                }
            }
            ("required", Some(Value::Array(list))) => {
                for r in v.as_array().into_iter().flatten() {
                    if !list.contains(r) {
                        list.push(r.clone());
                    }
                }
            }
            (key, Some(old)) if CONSTRAINTS.contains(&key) => {
                assert_eq!(*old, v, "{at}: `{key}` stated twice, differently");
            }
            _ => {
                into.insert(k, v);
            }
        }
    }
}

/// A model value (enum value, constant, current value) as the document should carry it.
fn wire_value(f: &Field, text: &str, strings: bool) -> Value {
    match (f.ty.leaf(), strings) {
        (Type::Integer, false) => text.parse::<i64>().map(Value::from).unwrap_or_else(|_| text.into()),
        (Type::Number, false) => {
            text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or_else(|| text.into(), Value::Number)
        }
        (Type::Boolean, false) => text.parse::<bool>().map(Value::Bool).unwrap_or_else(|_| text.into()),
        _ => Value::String(text.to_string()),
    }
}

struct Check<'a> {
    doc: &'a Value,
    version: Version,
    strings: bool,
    file: &'a str,
    /// How many fields were found, to prove the walk saw them all.
    seen: usize,
}

impl Check<'_> {
    /// Every field of a list is a property of `object` with all its facts.
    fn fields(&mut self, object: &Map<String, Value>, fields: &[Field], prefix: &str) {
        let at = format!("{}: {prefix}", self.file);
        let props =
            object.get("properties").and_then(Value::as_object).unwrap_or_else(|| panic!("{at}: no properties"));
        let required: Vec<&str> =
            object.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        for f in fields {
            let path = join_path(prefix, &f.name);
            let at = format!("{}: `{path}`", self.file);
            let schema = props.get(&f.name).unwrap_or_else(|| panic!("{at}: missing from the document"));
            assert_eq!(required.contains(&f.name.as_str()), f.required, "{at}: required flag");
            let outer = flatten(self.doc, schema, &at);
            self.field(&outer, f, &path, &at);
            self.seen += 1;
        }
    }

    fn field(&mut self, outer: &Map<String, Value>, f: &Field, path: &str, at: &str) {
        let text = |k: &str| outer.get(k).and_then(Value::as_str).map(str::to_string);
        if !f.description.is_empty() {
            assert_eq!(text("description").as_deref(), Some(f.description.as_str()), "{at}: description");
        }
        // An overlay's field (a provider type definition filled in) has its parent's line; a
        // named type shared by several uses keeps its first use's.
        if f.origin != Origin::Overlay {
            let at_text = f.at.to_string();
            let line = Some(at_text.as_str()).filter(|a| !a.is_empty());
            assert_eq!(text("x-paydoc-at").as_deref(), line, "{at}: provenance line");
        }
        assert_eq!(outer.get("x-paydoc-sensitive") == Some(&Value::Bool(true)), f.sensitive, "{at}: sensitive");
        let origin = match f.origin {
            Origin::Table => None,
            Origin::Example => Some("example"),
            Origin::Overlay => Some("overlay"),
        };
        assert_eq!(text("x-paydoc-origin").as_deref(), origin, "{at}: origin");
        if let Some(cv) = &f.current_value {
            assert_eq!(text("x-paydoc-current-value").as_deref(), Some(cv.as_str()), "{at}: current value");
            let expected = wire_value(f, cv, self.strings);
            match self.version {
                Version::V3_1 => {
                    assert_eq!(outer.get("examples").and_then(|e| e.get(0)), Some(&expected), "{at}: examples")
                }
                Version::V3_0 => assert_eq!(outer.get("example"), Some(&expected), "{at}: example"),
            }
        }
        // Down the arrays to the innermost item, which carries the constraints.
        let mut leaf = outer.clone();
        let mut ty = &f.ty;
        while let Type::Array(item) = ty {
            assert_eq!(leaf.get("type"), Some(&json!("array")), "{at}: array");
            let items = leaf.get("items").unwrap_or_else(|| panic!("{at}: array without items")).clone();
            leaf = flatten(self.doc, &items, at);
            ty = item;
        }
        let json_string = self.strings || *ty == Type::String;
        let expected_type = match ty {
            Type::Object => "object",
            _ if json_string => "string",
            other => match other {
                Type::Integer => "integer",
                Type::Number => "number",
                _ => "boolean",
            },
        };
        assert_eq!(leaf.get("type"), Some(&json!(expected_type)), "{at}: type");
        if self.strings && matches!(ty, Type::Integer | Type::Number | Type::Boolean) {
            assert_eq!(leaf.get("x-paydoc-scalar"), Some(&json!(ty.to_string())), "{at}: string-encoded scalar");
            let pattern = leaf.get("pattern").and_then(Value::as_str).unwrap_or_else(|| panic!("{at}: no pattern"));
            assert!(pattern.starts_with('^') && pattern.ends_with('$'), "{at}: anchored pattern");
        }
        if *ty == Type::Object {
            if f.fields.is_empty() {
                assert_eq!(leaf.get("additionalProperties"), Some(&json!(true)), "{at}: free-form object");
            } else {
                let prefix = child_prefix(path, &f.ty);
                self.fields(&leaf, &f.fields, &prefix);
            }
            if let Some(t) = &f.type_name {
                assert_eq!(leaf.get("title"), Some(&json!(t)), "{at}: the page's type name");
            }
            return;
        }
        if !f.enum_values.is_empty() {
            let values: Vec<Value> = f.enum_values.iter().map(|v| wire_value(f, v, self.strings)).collect();
            if f.enum_inferred {
                // Values read from prose are documented, not a closed enum.
                assert_eq!(leaf.get("enum"), None, "{at}: an inferred enum stays open");
                assert_eq!(leaf.get("x-paydoc-enum"), Some(&Value::Array(values)), "{at}: inferred enum");
                assert_eq!(leaf.get("x-paydoc-enum-inferred"), Some(&json!(true)), "{at}: inferred enum");
            } else {
                assert_eq!(leaf.get("enum"), Some(&Value::Array(values)), "{at}: enum");
            }
        }
        if let Some(c) = &f.constant {
            let v = wire_value(f, c, self.strings);
            match self.version {
                Version::V3_1 => assert_eq!(leaf.get("const"), Some(&v), "{at}: const"),
                Version::V3_0 => {
                    assert_eq!(leaf.get("enum"), Some(&json!([v.clone()])), "{at}: const as a one-value enum");
                    assert_eq!(leaf.get("x-paydoc-const"), Some(&v), "{at}: const recorded");
                }
            }
        }
        let (max_key, format_key) =
            if json_string { ("maxLength", "format") } else { ("x-paydoc-max-length", "x-paydoc-format") };
        assert_eq!(leaf.get(max_key), f.max_length.map(Value::from).as_ref(), "{at}: maxLength");
        let format = f.format.map(|fm| match fm {
            Format::DateTime => json!("date-time"),
            Format::Url => json!("uri"),
        });
        assert_eq!(leaf.get(format_key), format.as_ref(), "{at}: format");
    }
}

/// The operation object of a spec: under its path, or listed aside when it has none.
fn operation<'a>(doc: &'a Value, spec: &Spec) -> &'a Value {
    match (&spec.method, &spec.path) {
        (Some(m), Some(p)) => doc
            .get("paths")
            .and_then(|ps| ps.get(p))
            .and_then(|item| item.get(m.as_str().to_ascii_lowercase()))
            .unwrap_or_else(|| panic!("{}: `{m} {p}` missing", spec.file_name())),
        _ => doc
            .pointer(&format!("/x-paydoc-operations-without-path/{}", spec.operation))
            .unwrap_or_else(|| panic!("{}: operation without path not listed", spec.file_name())),
    }
}

fn check_document(specs: &[(String, Spec)], version: Version) {
    let docs = documents(specs, version);
    let mut fields_seen = 0;
    for (file, spec) in specs {
        let (_, doc) = docs.iter().find(|(p, _)| *p == spec.provider).expect("a document per provider");
        let op = operation(doc, spec);
        let at = file.as_str();
        assert_eq!(op["operationId"], json!(spec.operation), "{at}: operationId");
        assert_eq!(op["summary"], json!(spec.title), "{at}: summary");
        if let Some(url) = &spec.source.url {
            assert_eq!(op["externalDocs"]["url"], json!(url), "{at}: page URL");
            assert_eq!(op["x-paydoc-source"]["url"], json!(url), "{at}: page URL");
        }
        assert_eq!(op["x-paydoc-source"]["page"], json!(format!("spec/{}", spec.source.page)), "{at}: snapshot");
        assert_eq!(op["x-paydoc-source"]["spec"], json!(format!("spec/{file}")), "{at}: spec file");

        // Headers: signatures as security schemes, Content-Type as the media type, the rest
        // as header parameters.
        for h in &spec.headers {
            if h.name.eq_ignore_ascii_case("content-type") {
                assert_eq!(
                    op["requestBody"]["x-paydoc-content-type-header"]["x-paydoc-at"],
                    json!(h.at),
                    "{at}: {}",
                    h.name
                );
            } else if h.sensitive {
                let scheme = &doc["components"]["securitySchemes"][&h.name];
                assert_eq!(
                    (&scheme["type"], &scheme["in"], &scheme["name"]),
                    (&json!("apiKey"), &json!("header"), &json!(h.name)),
                    "{at}: {}",
                    h.name
                );
                // Every signature header is in the one requirement: all are needed at once.
                assert_eq!(op["security"].as_array().map(Vec::len), Some(1), "{at}: one requirement");
                assert_eq!(op["security"][0][&h.name], json!([]), "{at}: security {}", h.name);
                let auth = op["x-paydoc-auth-headers"].as_array().expect("auth headers recorded");
                assert!(
                    auth.iter().any(|a| a["name"] == json!(h.name) && a["x-paydoc-at"] == json!(h.at)),
                    "{at}: {}",
                    h.name
                );
            } else {
                let params = op["parameters"].as_array().expect("parameters");
                let p = params
                    .iter()
                    .find(|p| p["name"] == json!(h.name))
                    .unwrap_or_else(|| panic!("{at}: header {}", h.name));
                assert_eq!(
                    (&p["in"], &p["required"]),
                    (&json!("header"), &json!(h.required)),
                    "{at}: header {}",
                    h.name
                );
            }
        }

        let mut check = Check { doc, version, strings: spec.scalars_as_strings, file: at, seen: 0 };
        for (body, pointer, kind) in [
            (&spec.request, "/requestBody/content", ExampleKind::Request),
            (&spec.response, "/responses/200/content", ExampleKind::Response),
        ] {
            if body.fields.is_empty() {
                continue;
            }
            let content = op.pointer(pointer).and_then(Value::as_object).unwrap_or_else(|| panic!("{at}: {pointer}"));
            let (media_type, media) = content.iter().next().expect("one media type");
            if let Some(ct) = &body.content_type {
                assert_eq!(media_type, ct, "{at}: content type");
            }
            let root = flatten(doc, &media["schema"], at);
            check.fields(&root, &body.fields, "");
            let examples: Vec<&Value> = media["examples"].as_object().map(|m| m.values().collect()).unwrap_or_default();
            for e in spec.examples.iter().filter(|e| e.kind == kind) {
                assert!(
                    examples.iter().any(|x| x["value"] == e.value && x["x-paydoc-at"] == json!(e.at)),
                    "{at}: the {kind:?} example at {} is missing",
                    e.at
                );
            }
        }
        assert_eq!(check.seen, {
            let mut n = 0;
            for list in [&spec.request.fields, &spec.response.fields] {
                paydoc_codegen::spec::walk_fields(list, &mut |_, _| n += 1);
            }
            n
        });
        fields_seen += check.seen;
        for e in spec.examples.iter().filter(|e| e.kind == ExampleKind::Headers) {
            assert_eq!(op["x-paydoc-header-example"]["value"], e.value, "{at}: header example");
        }

        // Result codes: on the response, each with every column, and in its description.
        let response = &op["responses"]["200"];
        let listed = response["x-paydoc-result-codes"].as_array().cloned().unwrap_or_default();
        assert_eq!(listed.len(), spec.result_codes.len(), "{at}: result codes");
        for (c, v) in spec.result_codes.iter().zip(&listed) {
            assert_eq!(v["code"], json!(c.code), "{at}: result code");
            assert_eq!(v["status"], c.status.as_ref().map_or(Value::Null, |s| json!(s)), "{at}: {}", c.code);
            assert_eq!(
                (&v["message"], &v["action"], &v["x-paydoc-at"]),
                (&json!(c.message), &json!(c.action), &json!(c.at))
            );
            assert!(
                response["description"].as_str().is_some_and(|d| d.contains(&format!("`{}`", c.code))),
                "{at}: {}",
                c.code
            );
        }

        // Notifications: webhooks (3.1) or their 3.0 stand-in.
        let hooks_key = if version == Version::V3_1 { "webhooks" } else { "x-webhooks" };
        for (n, note) in spec.notifications.iter().enumerate() {
            let hook = &doc[hooks_key][format!("{}-notification-{}", spec.operation, n + 1)]["post"];
            assert_eq!(hook["summary"], json!(note.title), "{at}: notification");
            assert_eq!(hook["x-paydoc-notification"]["triggers"], json!(note.triggers), "{at}: triggers");
            assert_eq!(hook["x-paydoc-notification"]["rules"], json!(note.rules), "{at}: rules");
            assert_eq!(hook["x-paydoc-notification"]["x-paydoc-at"], json!(note.at), "{at}: line");
        }

        // The page's warnings.
        let warnings = op["x-paydoc-warnings"].as_array().cloned().unwrap_or_default();
        assert_eq!(warnings.len(), spec.warnings.len(), "{at}: warnings");
        for (w, v) in spec.warnings.iter().zip(&warnings) {
            assert_eq!((&v["at"], &v["message"]), (&json!(w.at), &json!(w.message)), "{at}: warning");
        }
    }
    assert!(fields_seen > 100, "the seed specs have well over 100 fields; saw {fields_seen}");
    for (provider, doc) in &docs {
        let servers = doc["servers"].as_array().expect("servers");
        assert!(servers.len() >= 2, "{provider}: servers per environment");
    }
}

#[test]
fn the_31_document_holds_every_operation_and_field_with_every_fact() {
    check_document(&committed_specs(), Version::V3_1);
}

#[test]
fn the_30_variant_holds_them_too_and_lists_what_it_mapped() {
    let specs = committed_specs();
    check_document(&specs, Version::V3_0);
    let docs = documents(&specs, Version::V3_0);
    for (provider, doc) in &docs {
        assert_eq!(doc["openapi"], json!("3.0.3"));
        assert!(doc.get("webhooks").is_none(), "{provider}: 3.0 has no webhooks");
        let lost: Vec<&str> =
            doc["x-paydoc-lost-in-3.0"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        if doc.get("x-webhooks").is_some() {
            assert!(lost.iter().any(|l| l.contains("webhooks")), "{provider}: webhooks mapping not reported");
        }
    }
    // PayerMax's `tokenScope` constant and PingPong's `bizType` become one-value enums, said so.
    let payermax = &docs.iter().find(|(p, _)| *p == Provider::Payermax).expect("payermax").1;
    let lost = payermax["x-paydoc-lost-in-3.0"].to_string();
    assert!(lost.contains("tokenScope"), "{lost}");
}

#[test]
fn payermax_envelope_is_one_component_every_operation_extends() {
    let docs = documents(&committed_specs(), Version::V3_1);
    let doc = &docs.iter().find(|(p, _)| *p == Provider::Payermax).expect("payermax").1;
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let envelopes: Vec<&String> = schemas.keys().filter(|k| k.contains("Envelope")).collect();
    assert_eq!(envelopes, ["RequestEnvelope", "ResponseEnvelope"]);
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let op = &item["post"];
        for (pointer, envelope) in [
            ("/requestBody/content/application~1json/schema/$ref", "RequestEnvelope"),
            ("/responses/200/content/application~1json/schema/$ref", "ResponseEnvelope"),
        ] {
            let root = op.pointer(pointer).and_then(Value::as_str).expect("a root component");
            let root = lookup(doc, root);
            assert_eq!(root["allOf"][0]["$ref"], json!(format!("#/components/schemas/{envelope}")), "{path}");
            // The envelope's own fields are not repeated with their types in the operation.
            assert!(root["allOf"][1]["properties"]["data"]["$ref"].is_string(), "{path}: own data");
        }
    }
    // Only what every page says is in the envelope: the English page gives no maxLength for
    // `version`, the Chinese ones give 8, so the 8 stays with those operations.
    assert_eq!(schemas["RequestEnvelope"]["properties"]["version"].get("maxLength"), None);
    assert_eq!(schemas["RequestEnvelope"]["properties"]["merchantNo"]["maxLength"], json!(32));
    assert_eq!(schemas["ApplyDropinSessionRequest"]["allOf"][1]["properties"]["version"]["maxLength"], json!(8));
}

#[test]
fn same_specs_give_the_same_bytes() {
    let specs = committed_specs();
    for v in [Version::V3_1, Version::V3_0] {
        let a = openapi::export(&specs, v).files;
        let b = openapi::export(&specs.clone(), v).files;
        assert_eq!(a, b);
        // gen keeps the committed documents current (gen --check compares them too).
        for (name, text) in &a {
            let committed = std::fs::read_to_string(root().join("spec/openapi").join(name)).expect("committed");
            assert!(committed == *text, "spec/openapi/{name} is stale; run `cargo xtask gen`");
        }
    }
}

fn field(name: &str, ty: Type, required: bool) -> Field {
    let mut f = Field::new(name, ty, "line 7");
    f.required = required;
    f
}

fn spec(provider: Provider, operation: &str, fields: Vec<Field>) -> Spec {
    Spec {
        provider,
        operation: operation.into(),
        title: "T".into(),
        lang: "en".into(),
        source: Source { page: "pages/x.md".into(), url: None, form: "markdown".into(), overlay: None },
        method: Some(paydoc_codegen::spec::Method::Post),
        path: Some(format!("/v1/{operation}")),
        servers: Vec::new(),
        description: String::new(),
        scalars_as_strings: false,
        headers: Vec::new(),
        request: Body { content_type: None, fields },
        response: Body::default(),
        examples: Vec::new(),
        result_codes: Vec::new(),
        notifications: Vec::new(),
        warnings: Vec::new(),
    }
}

#[test]
fn facts_a_schema_cannot_hold_are_warnings_naming_the_field() {
    let mut count = field("count", Type::Integer, true);
    count.max_length = Some(3);
    count.enum_values = vec!["1".into(), "two".into()];
    let mut when = field("when", Type::Boolean, false);
    when.format = Some(Format::DateTime);
    let mut tags = field("tags", Type::Array(Box::new(Type::String)), false);
    tags.max_length = Some(5);
    let twice = field("count", Type::String, false);
    let mut no_path = spec(Provider::Pingpong, "pay", vec![field("id", Type::String, true)]);
    no_path.path = None;
    let specs = vec![
        ("pingpong/odd.en.yaml".to_string(), spec(Provider::Pingpong, "odd", vec![count, when, tags, twice])),
        ("pingpong/pay.en.yaml".to_string(), no_path),
    ];
    let out = openapi::export(&specs, Version::V3_1);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    let has = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(has("request `count`: maxLength 3 on a integer field"), "{warnings:#?}");
    assert!(has("request `count`: the enum value `two` is not a integer"), "{warnings:#?}");
    assert!(has("request `when`: the date-time format on a boolean field"), "{warnings:#?}");
    assert!(has("request `count`: the page lists this field twice"), "{warnings:#?}");
    assert!(has("operation `pay`: the spec has no path"), "{warnings:#?}");
    // An array's maxLength bounds its strings: no warning, and it is on the items.
    assert!(!has("`tags`"), "{warnings:#?}");
    assert!(warnings.iter().all(|w| w.starts_with("spec/pingpong/")), "{warnings:#?}");

    let doc: Value = serde_json::from_str(&out.files[0].1).expect("json");
    let odd = &doc["components"]["schemas"]["OddRequest"]["properties"];
    assert_eq!(odd["count"]["x-paydoc-max-length"], json!(3));
    assert_eq!(odd["count"]["enum"], json!([1, "two"]));
    assert_eq!(odd["tags"]["items"]["maxLength"], json!(5));
    assert_eq!(doc["x-paydoc-export-warnings"].as_array().map(Vec::len), Some(warnings.len()));
    assert!(doc["x-paydoc-operations-without-path"]["pay"]["requestBody"].is_object());
}

#[test]
fn string_encoded_scalars_are_strings_with_a_pattern() {
    let mut s = spec(
        Provider::Antom,
        "pay",
        vec![
            field("amount", Type::Integer, true),
            field("flag", Type::Boolean, false),
            field("rate", Type::Number, false),
        ],
    );
    s.scalars_as_strings = true;
    s.request.fields[0].enum_values = vec!["10".into(), "20".into()];
    let out = openapi::export(&[("antom/pay.en.yaml".into(), s)], Version::V3_1);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let doc: Value = serde_json::from_str(&out.files[0].1).expect("json");
    let props = &doc["components"]["schemas"]["PayRequest"]["properties"];
    for (name, sample, bad) in [("amount", "20", "2x"), ("flag", "true", "yes"), ("rate", "1.5", "1.")] {
        assert_eq!(props[name]["type"], json!("string"), "{name}");
        let pattern = props[name]["pattern"].as_str().expect("pattern");
        assert!(matches_simple(pattern, sample), "{name}: {pattern} refuses {sample}");
        assert!(!matches_simple(pattern, bad), "{name}: {pattern} accepts {bad}");
    }
    assert_eq!(props["amount"]["enum"], json!(["10", "20"]), "values as the wire sends them");
}

/// The three patterns the exporter writes, checked by hand (no regex crate in the workspace).
fn matches_simple(pattern: &str, s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match pattern {
        "^-?[0-9]+$" => digits(s.strip_prefix('-').unwrap_or(s)),
        "^(true|false)$" => s == "true" || s == "false",
        "^-?[0-9]+(\\.[0-9]+)?$" => {
            let s = s.strip_prefix('-').unwrap_or(s);
            match s.split_once('.') {
                Some((a, b)) => digits(a) && digits(b),
                None => digits(s),
            }
        }
        other => panic!("unexpected pattern {other}"),
    }
}

#[test]
fn operations_openapi_cannot_place_are_listed_aside_with_a_warning() {
    let mut query = spec(Provider::Payermax, "query", vec![field("id", Type::String, true)]);
    query.path = Some("/v1/query?x=1".into());
    let first = spec(Provider::Payermax, "pay", vec![field("id", Type::String, true)]);
    let mut second = first.clone();
    second.lang = "zh".into();
    let specs: Vec<(String, Spec)> = vec![
        ("payermax/query.en.yaml".into(), query),
        ("payermax/pay.en.yaml".into(), first),
        ("payermax/pay.zh.yaml".into(), second),
    ];
    let out = openapi::export(&specs, Version::V3_1);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    let has = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(
        has("spec/payermax/query.en.yaml: operation `query`: the spec has the path `/v1/query?x=1`"),
        "{warnings:#?}"
    );
    assert!(
        has("spec/payermax/pay.zh.yaml: `POST /v1/pay` is also given by spec/payermax/pay.en.yaml"),
        "{warnings:#?}"
    );
    let doc: Value = serde_json::from_str(&out.files[0].1).expect("json");
    let paths: Vec<&String> = doc["paths"].as_object().expect("paths").keys().collect();
    assert_eq!(paths, ["/v1/pay"]);
    assert_eq!(doc["paths"]["/v1/pay"]["post"]["x-paydoc-source"]["lang"], json!("en"));
    let aside: Vec<&String> = doc["x-paydoc-operations-without-path"].as_object().expect("aside").keys().collect();
    assert_eq!(aside, ["query"]);
}

#[test]
fn any_field_name_makes_a_valid_component_name_and_keeps_its_wire_name() {
    let mut obj = field("商户 信息", Type::Object, true);
    obj.fields = vec![field("名称", Type::String, true)];
    let mut other = field("*/ x", Type::Object, false);
    other.fields = vec![field("y", Type::Integer, false)];
    let specs = vec![("antom/odd.en.yaml".to_string(), spec(Provider::Antom, "odd", vec![obj, other]))];
    let out = openapi::export(&specs, Version::V3_1);
    let doc: Value = serde_json::from_str(&out.files[0].1).expect("json");
    let names: Vec<&String> = doc["components"]["schemas"].as_object().expect("schemas").keys().collect();
    for n in &names {
        assert!(n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')), "{n}");
    }
    let root = &doc["components"]["schemas"]["OddRequest"];
    let props: Vec<&String> = root["properties"].as_object().expect("properties").keys().collect();
    assert_eq!(props, ["商户 信息", "*/ x"]);
    // Two different objects whose names clean to nothing get two components, not one.
    let a = root["properties"]["商户 信息"]["$ref"].as_str().expect("ref");
    let b = root["properties"]["*/ x"]["$ref"].as_str().expect("ref");
    assert_ne!(a, b);
    assert_eq!(lookup(&doc, a)["required"], json!(["名称"]));
}

#[test]
fn result_codes_are_documented_values_of_the_response_code_field() {
    use paydoc_codegen::spec::ResultCode;
    let code = |c: &str| ResultCode {
        code: c.into(),
        status: None,
        message: format!("{c} message"),
        action: String::new(),
        at: "line 40".into(),
    };
    // Two operations sharing an envelope (code, msg, data) and one without.
    let make = |op: &str, codes: &[&str]| {
        let mut data = field("data", Type::Object, true);
        data.fields = vec![field(&format!("{op}Id"), Type::String, true)];
        let mut s = spec(Provider::Payermax, op, vec![field("id", Type::String, true)]);
        s.response.fields = vec![field("code", Type::String, true), field("msg", Type::String, true), data];
        s.result_codes = codes.iter().map(|c| code(c)).collect();
        s
    };
    let mut plain = spec(Provider::Payermax, "plain", vec![field("id", Type::String, true)]);
    plain.response.fields = vec![field("resultCode", Type::String, true)];
    plain.result_codes = vec![code("OK")];
    let specs = vec![
        ("payermax/a.en.yaml".to_string(), make("a", &["APPLY_SUCCESS", "PARAMS_INVALID"])),
        ("payermax/b.en.yaml".to_string(), make("b", &["APPLY_SUCCESS"])),
        ("payermax/plain.en.yaml".to_string(), plain),
    ];
    let out = openapi::export(&specs, Version::V3_1);
    let doc: Value = serde_json::from_str(&out.files[0].1).expect("json");
    let schemas = &doc["components"]["schemas"];
    assert!(schemas.get("ResponseEnvelope").is_some(), "a and b share the envelope");
    assert_eq!(
        schemas["AResponse"]["allOf"][1]["properties"]["code"]["examples"],
        json!(["APPLY_SUCCESS", "PARAMS_INVALID"])
    );
    assert_eq!(schemas["BResponse"]["allOf"][1]["properties"]["code"]["examples"], json!(["APPLY_SUCCESS"]));
    // Per operation: the shared envelope stays free of one operation's codes.
    assert_eq!(schemas["ResponseEnvelope"]["properties"]["code"].get("examples"), None);
    assert_eq!(schemas["PlainResponse"]["properties"]["resultCode"]["examples"], json!(["OK"]));
    let op = &doc["paths"]["/v1/a"]["post"]["responses"]["200"];
    assert_eq!(op["x-paydoc-code-field"], json!("code"));
    assert_eq!(op["x-paydoc-result-codes"][1]["message"], json!("PARAMS_INVALID message"));
}

#[test]
fn servers_the_pages_name_come_first_with_the_provider_base_path() {
    let mut s = spec(Provider::Antom, "pay", vec![field("id", Type::String, true)]);
    s.servers = vec![Server { name: "sandbox".into(), url: "https://open-sea-global.alipay.com".into() }];
    let out = openapi::export(&[("antom/pay.en.yaml".into(), s)], Version::V3_1);
    let doc: Value = serde_json::from_str(&out.files[0].1).expect("json");
    let servers = doc["servers"].as_array().expect("servers");
    assert_eq!(servers[0]["url"], json!("https://open-sea-global.alipay.com/ams/api"));
    assert_eq!(servers[0]["description"], json!("sandbox"));
    assert_eq!(servers[0]["x-paydoc-source"], json!("spec/antom/pay.en.yaml"));
    // The known hosts no page names follow, each once.
    let urls: Vec<&str> = servers.iter().filter_map(|s| s["url"].as_str()).collect();
    assert!(urls.contains(&"https://open-na-global.alipay.com/ams/api"), "{urls:?}");
    assert_eq!(urls.iter().filter(|u| **u == "https://open-sea-global.alipay.com/ams/api").count(), 1);
}

#[test]
fn a_type_the_page_names_is_one_component_wherever_it_is_used() {
    let amount = |line: &str| {
        let mut f = Field::new("amount", Type::Object, line);
        f.type_name = Some("Amount".into());
        let mut value = Field::new("value", Type::String, line);
        value.origin = Origin::Overlay;
        f.fields = vec![value];
        f
    };
    let mut other = amount("line 9");
    other.name = "refundAmount".into();
    let s = spec(Provider::Antom, "pay", vec![amount("line 3"), other]);
    let out = openapi::export(&[("antom/pay.en.yaml".into(), s)], Version::V3_1);
    let doc: Value = serde_json::from_str(&out.files[0].1).expect("json");
    let names: Vec<&String> = doc["components"]["schemas"].as_object().expect("schemas").keys().collect();
    assert_eq!(names, ["Amount", "PayRequest"]);
    let props = &doc["components"]["schemas"]["PayRequest"]["properties"];
    assert_eq!(props["amount"]["x-paydoc-at"], json!("line 3"));
    assert_eq!(props["refundAmount"]["x-paydoc-at"], json!("line 9"));
}
