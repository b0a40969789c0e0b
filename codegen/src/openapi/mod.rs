//! Spec to OpenAPI: one document per provider (3.1, or the 3.0 variant), built from the
//! spec model alone, with the same bytes for the same specs.
//!
//! Shape: `paths` holds each operation with a path; `webhooks` its notifications;
//! `components.schemas` every request, response and nested object type, named after the
//! page's own type name or the field path (`ApplyPaymentTokenRequestDataEnvInfo`). Request
//! or response roots of several operations with the same top-level fields become one
//! envelope component (`RequestEnvelope`), which each operation's root extends with
//! `allOf` and its own nested data. Provenance and page warnings go into `x-paydoc-*`
//! extensions. [`schema`] turns fields into schemas, [`providers`] holds servers and auth,
//! [`v30`] maps the document to 3.0.

pub mod providers;
pub mod schema;
pub mod v30;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value, json};

use crate::error::Diagnostic;
use crate::spec::{ExampleKind, Field, Provider, Spec, Type};
use schema::{Builder, Cx, component_name, schema_ref};

/// The OpenAPI version to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Version {
    #[default]
    V3_1,
    V3_0,
}

impl FromStr for Version {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "3.1" | "3.1.0" => Ok(Version::V3_1),
            "3.0" | "3.0.3" => Ok(Version::V3_0),
            _ => Err(format!("unknown OpenAPI version `{s}` (expected 3.1 or 3.0)")),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Version::V3_1 => "3.1",
            Version::V3_0 => "3.0",
        })
    }
}

impl Version {
    /// The document's file name: `payermax.json` (3.1), `payermax.3.0.json` (3.0).
    pub fn file_name(self, provider: Provider) -> String {
        match self {
            Version::V3_1 => format!("{provider}.json"),
            Version::V3_0 => format!("{provider}.3.0.json"),
        }
    }
}

/// The documents (file name, JSON text) and what the export warns about.
#[derive(Debug, Default)]
pub struct Export {
    pub files: Vec<(String, String)>,
    pub warnings: Vec<Diagnostic>,
}

/// One document per provider that has specs, from specs given as (file relative to
/// `spec/`, spec), in that order.
pub fn export(specs: &[(String, Spec)], version: Version) -> Export {
    let mut out = Export::default();
    for provider in Provider::ALL {
        let mine: Vec<(&str, &Spec)> =
            specs.iter().filter(|(_, s)| s.provider == provider).map(|(f, s)| (f.as_str(), s)).collect();
        if mine.is_empty() {
            continue;
        }
        let (mut doc, warnings) = document(provider, &mine);
        out.warnings.extend(warnings);
        let name = version.file_name(provider);
        if version == Version::V3_0 {
            let lost = v30::downgrade(&mut doc);
            if !lost.is_empty() {
                out.warnings.push(Diagnostic {
                    file: format!("spec/openapi/{name}"),
                    at: None,
                    message: format!(
                        "OpenAPI 3.0 cannot express {} construct(s) of the 3.1 document; each is listed under `x-paydoc-lost-in-3.0`",
                        lost.len()
                    ),
                });
            }
        }
        match serde_json::to_string_pretty(&doc) {
            Ok(text) => out.files.push((name, text + "\n")),
            Err(e) => out.warnings.push(Diagnostic {
                file: format!("spec/openapi/{name}"),
                at: None,
                message: format!("cannot serialize: {e}"),
            }),
        }
    }
    out
}

/// Every document of several versions (3.1 first), each warning once.
pub fn export_versions(specs: &[(String, Spec)], versions: &[Version]) -> Export {
    let mut out = Export::default();
    for &v in versions {
        let one = export(specs, v);
        out.files.extend(one.files);
        for w in one.warnings {
            if !out.warnings.contains(&w) {
                out.warnings.push(w);
            }
        }
    }
    out
}

/// Which roots share an envelope: (request?, spec index) → envelope name.
type Envelopes = BTreeMap<(bool, usize), String>;

/// The OpenAPI 3.1 document of one provider and the export's warnings.
pub fn document(provider: Provider, specs: &[(&str, &Spec)]) -> (Value, Vec<Diagnostic>) {
    let facts = providers::facts(provider);
    let mut b = Builder::default();
    let mut paths = Map::new();
    let mut webhooks = Map::new();
    let mut without_path = Map::new();
    let mut security_schemes = Map::new();
    let mut parameters = Map::new();
    let mut operation_ids = BTreeSet::new();
    let mut placed: BTreeMap<(String, String), String> = BTreeMap::new();

    // Signature headers no page lists, and the headers that go with them.
    let pages_list_auth = specs.iter().any(|(_, s)| s.headers.iter().any(|h| h.sensitive));
    for a in facts.auth.iter().filter(|_| !pages_list_auth) {
        security_schemes.insert(
            a.scheme.into(),
            json!({"type": "apiKey", "in": "header", "name": a.header, "description": a.description}),
        );
    }
    for h in facts.extra_headers {
        parameters.insert(
            h.key.into(),
            json!({"name": h.header, "in": "header", "required": true, "description": h.description, "schema": {"type": "string"}}),
        );
    }

    let envelopes = plan_envelopes(specs);
    let built = build_envelopes(&mut b, specs, &envelopes);

    for (i, (rel, spec)) in specs.iter().enumerate() {
        let file = format!("spec/{rel}");
        let op_camel = component_name(&spec.operation);
        let cx = |section| Cx { file: &file, section, strings: spec.scalars_as_strings };

        // Where the operation goes: under its path, or listed aside when it has none.
        let place = match (&spec.method, &spec.path) {
            (Some(m), Some(p)) if METHODS.contains(&m.as_str().to_ascii_lowercase().as_str()) && valid_path(p) => {
                let m = m.as_str();
                let key = (p.clone(), m.to_ascii_lowercase());
                if let Some(first) = placed.get(&key) {
                    b.warn(&cx("request"), "", format!("`{} {p}` is also given by {first}; this document keeps that one and leaves this page's operation out", m.to_ascii_uppercase()));
                    continue;
                }
                placed.insert(key.clone(), file.clone());
                Some(key)
            }
            (m, p) => {
                let why = match (m, p) {
                    (_, None) => "no path".to_string(),
                    (None, _) => "no method".to_string(),
                    (Some(_), Some(p)) if !valid_path(p) => {
                        format!(
                            "the path `{p}`, which is not an OpenAPI path (it must start with `/` and have no query or fragment)"
                        )
                    }
                    (Some(m), _) => format!("the method `{m}`, which is not an HTTP method OpenAPI knows"),
                };
                b.warn(&cx("request"), "", format!("operation `{}`: the spec has {why}, so it cannot go under `paths`; its schemas are in `components` and it is listed under `x-paydoc-operations-without-path`", spec.operation));
                None
            }
        };

        let mut op = Map::new();
        let mut id = spec.operation.clone();
        if !operation_ids.insert(id.clone()) {
            id = format!("{}_{}", spec.operation, spec.lang);
            operation_ids.insert(id.clone());
        }
        op.insert("operationId".into(), id.clone().into());
        op.insert(
            "summary".into(),
            if spec.title.is_empty() { spec.operation.clone() } else { spec.title.clone() }.into(),
        );
        if !spec.description.is_empty() {
            op.insert("description".into(), spec.description.clone().into());
        }
        if let Some(url) = &spec.source.url {
            op.insert(
                "externalDocs".into(),
                json!({"description": "The doc page this operation is scraped from", "url": url}),
            );
        }

        // Headers: signatures become security schemes, Content-Type the body's media type,
        // the rest header parameters.
        let mut params = Vec::new();
        let mut security = Map::new();
        let mut auth_headers = Vec::new();
        let mut content_type_header = None;
        let header_example = spec.examples.iter().find(|e| e.kind == ExampleKind::Headers);
        for h in &spec.headers {
            let at = &h.at;
            if h.name.eq_ignore_ascii_case("content-type") {
                content_type_header = Some(h);
                continue;
            }
            if h.ty != Type::String {
                b.warn(
                    &cx("header"),
                    &at.to_string(),
                    format!(
                        "header `{}` is typed {}; a header carries text, so it is written as a string parameter",
                        h.name, h.ty
                    ),
                );
            }
            if h.sensitive || h.name.eq_ignore_ascii_case("authorization") {
                let key = h.name.clone();
                security_schemes.entry(key.clone()).or_insert_with(
                    || json!({"type": "apiKey", "in": "header", "name": h.name, "description": facts.signing}),
                );
                // Every signature header is needed at once: one requirement naming them all.
                security.insert(key, json!([]));
                auth_headers.push(header_note(h, json!({"name": h.name})));
                continue;
            }
            let mut header_field = h.clone();
            header_field.ty = Type::String;
            header_field.fields.clear();
            let schema = b.field_schema(&header_field, &h.name, &format!("{op_camel}Header"), &cx("header"));
            let mut p = json!({"name": h.name, "in": "header", "required": h.required});
            if !h.description.is_empty() {
                p["description"] = h.description.clone().into();
            }
            p["schema"] = schema;
            if let Some(v) = header_example.and_then(|e| e.value.get(&h.name)) {
                p["example"] = v.clone();
            }
            p["x-paydoc-at"] = h.at.to_string().into();
            params.push(p);
        }
        if security.is_empty() {
            for a in facts.auth.iter().filter(|_| !pages_list_auth) {
                security.insert(a.scheme.into(), json!([]));
            }
        }
        for h in facts.extra_headers {
            params.push(json!({"$ref": format!("#/components/parameters/{}", h.key)}));
        }
        if let Some((path, _)) = &place {
            for name in path_params(path) {
                b.warn(
                    &cx("request"),
                    "",
                    format!("path parameter `{name}` of `{path}` is not in the spec; declared as a required string"),
                );
                params.push(json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}));
            }
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        let security = if security.is_empty() { Vec::new() } else { vec![Value::Object(security)] };
        op.insert("security".into(), Value::Array(security));

        // Request body.
        let request_type = spec
            .request
            .content_type
            .clone()
            .or_else(|| {
                let h = content_type_header?;
                header_example?.value.get(&h.name)?.as_str().map(str::to_string)
            })
            .map(|t| t.split(';').next().unwrap_or_default().trim().to_string())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "application/json".into());
        let request_ref = root_schema(&mut b, spec, i, true, &envelopes, &built, &cx("request"), &op_camel);
        if let Some(r) = &request_ref {
            let mut media = json!({ "schema": r });
            if let Some(ex) = examples_of(spec, ExampleKind::Request) {
                media["examples"] = ex;
            }
            let mut body = json!({
                "required": spec.request.fields.iter().any(|f| f.required),
                "content": { request_type.clone(): media },
            });
            if let Some(h) = content_type_header {
                body["x-paydoc-content-type-header"] = header_note(h, json!({}));
            }
            op.insert("requestBody".into(), body);
        } else if let Some(h) = content_type_header {
            op.insert("x-paydoc-content-type-header".into(), header_note(h, json!({})));
        }

        // Response, with the page's result codes.
        let response_ref = root_schema(&mut b, spec, i, false, &envelopes, &built, &cx("response"), &op_camel);
        if let Some(r) = &response_ref {
            document_codes(&mut b, r, spec);
        }
        let mut response = Map::new();
        response.insert("description".into(), response_description(spec).into());
        if let Some(r) = &response_ref {
            let mut media = json!({ "schema": r });
            if let Some(ex) = examples_of(spec, ExampleKind::Response) {
                media["examples"] = ex;
            }
            let ct = spec.response.content_type.clone().unwrap_or_else(|| "application/json".into());
            response.insert("content".into(), json!({ ct: media }));
        }
        if !spec.result_codes.is_empty() {
            if let Some(field) = code_field(&spec.response.fields) {
                response.insert("x-paydoc-code-field".into(), field.into());
            }
            let codes: Vec<Value> = spec
                .result_codes
                .iter()
                .map(|c| {
                    let mut v = json!({"code": c.code});
                    if let Some(s) = &c.status {
                        v["status"] = s.clone().into();
                    }
                    v["message"] = c.message.clone().into();
                    v["action"] = c.action.clone().into();
                    v["x-paydoc-at"] = c.at.clone().into();
                    v
                })
                .collect();
            response.insert("x-paydoc-result-codes".into(), Value::Array(codes));
        }
        op.insert("responses".into(), json!({ "200": response }));

        // Provenance and the page's warnings.
        if !auth_headers.is_empty() {
            op.insert("x-paydoc-auth-headers".into(), Value::Array(auth_headers));
        }
        if let Some(e) = header_example {
            op.insert("x-paydoc-header-example".into(), json!({"x-paydoc-at": e.at, "value": e.value}));
        }
        op.insert("x-paydoc-source".into(), source(&file, spec));
        if !spec.warnings.is_empty() {
            let w: Vec<Value> =
                spec.warnings.iter().map(|w| json!({"kind": w.kind, "at": w.at, "message": w.message})).collect();
            op.insert("x-paydoc-warnings".into(), Value::Array(w));
        }

        for (n, note) in spec.notifications.iter().enumerate() {
            let key = format!("{id}-notification-{}", n + 1);
            let mut desc = String::new();
            if !note.triggers.is_empty() {
                desc.push_str("Sent when:\n\n");
                for t in &note.triggers {
                    desc.push_str(&format!("- {t}\n"));
                }
            }
            let ack = if note.rules.is_empty() {
                "Acknowledge the notification.".to_string()
            } else {
                note.rules.join("\n\n")
            };
            let mut hook = json!({"post": {
                "operationId": format!("{id}Notification{}", n + 1),
                "summary": note.title,
                "description": desc.trim_end(),
                "security": [],
                "responses": {"200": {"description": ack}},
                "x-paydoc-notification": {"title": note.title, "triggers": note.triggers, "rules": note.rules, "x-paydoc-at": note.at},
                "x-paydoc-source": source(&file, spec),
            }});
            if desc.is_empty() {
                hook["post"].as_object_mut().map(|m| m.remove("description"));
            }
            webhooks.insert(key, hook);
        }

        match place {
            Some((path, method)) => {
                let item = paths.entry(path).or_insert_with(|| json!({}));
                item[method] = Value::Object(op);
            }
            None => {
                without_path.insert(id, Value::Object(op));
            }
        }
    }

    let mut doc = Map::new();
    doc.insert("openapi".into(), "3.1.0".into());
    doc.insert("info".into(), info(provider, &facts, specs));
    doc.insert("servers".into(), providers::servers_json(&facts, specs));
    doc.insert("paths".into(), Value::Object(paths));
    if !webhooks.is_empty() {
        doc.insert("webhooks".into(), Value::Object(webhooks));
    }
    let mut components = Map::new();
    components.insert("schemas".into(), Value::Object(b.schemas.clone().into_iter().collect()));
    if !parameters.is_empty() {
        components.insert("parameters".into(), Value::Object(parameters));
    }
    if !security_schemes.is_empty() {
        let sorted: BTreeMap<String, Value> = security_schemes.into_iter().collect();
        components.insert("securitySchemes".into(), Value::Object(sorted.into_iter().collect()));
    }
    doc.insert("components".into(), Value::Object(components));
    if !without_path.is_empty() {
        doc.insert("x-paydoc-operations-without-path".into(), Value::Object(without_path));
    }
    if !b.warnings.is_empty() {
        let w: Vec<Value> = b.warnings.iter().map(|d| Value::String(d.to_string())).collect();
        doc.insert("x-paydoc-export-warnings".into(), Value::Array(w));
    }
    (Value::Object(doc), b.warnings)
}

fn info(provider: Provider, facts: &providers::Facts, specs: &[(&str, &Spec)]) -> Value {
    let name = provider.display_name();
    let mut pages = String::new();
    for (rel, s) in specs {
        let url = s.source.url.as_deref().unwrap_or("(no URL)");
        pages.push_str(&format!(
            "\n- `{}` ({}): {url}, snapshot `spec/{}`, spec `spec/{rel}`",
            s.operation, s.lang, s.source.page
        ));
    }
    json!({
        "title": format!("{name} API (scraped from its documentation)"),
        "description": format!(
            "The {name} API as its documentation pages describe it, scraped by paydoc. {name} publishes no OpenAPI document; this one is derived from the pages below, not endorsed by {name}.\n\nEvery operation links its page (`externalDocs`) and records its snapshot (`x-paydoc-source`); every field records its place on the page (`x-paydoc-at`), and what a page leaves unclear or contradicts is listed under `x-paydoc-warnings`.\n\nSigning: {}\n\nPages:{pages}",
            facts.signing
        ),
        "version": "unversioned",
        "x-paydoc-generated": format!("by `cargo xtask gen` from spec/{provider}/*.yaml; do not edit"),
    })
}

/// What a page says about a header that is not a header parameter.
fn header_note(h: &Field, mut v: Value) -> Value {
    v["required"] = h.required.into();
    if !h.description.is_empty() {
        v["description"] = h.description.clone().into();
    }
    v["x-paydoc-at"] = h.at.to_string().into();
    v
}

fn source(file: &str, spec: &Spec) -> Value {
    let mut v = json!({"spec": file, "page": format!("spec/{}", spec.source.page)});
    if let Some(url) = &spec.source.url {
        v["url"] = url.clone().into();
    }
    v["form"] = spec.source.form.clone().into();
    v["lang"] = spec.lang.clone().into();
    if let Some(o) = &spec.source.overlay {
        v["overlay"] = format!("spec/{o}").into();
    }
    v
}

/// The HTTP methods an OpenAPI path item has.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// A path OpenAPI accepts as a `paths` key.
fn valid_path(p: &str) -> bool {
    p.starts_with('/') && !p.contains(['?', '#']) && !p.chars().any(char::is_whitespace)
}

/// `{name}` segments of a path.
fn path_params(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The page's result codes as the documented values (`examples`) of the response root's
/// own code field, where the page lists one at the top level.
fn document_codes(b: &mut Builder, root: &Value, spec: &Spec) {
    let Some(field) = code_field(&spec.response.fields).filter(|f| !f.contains('.')) else { return };
    if spec.result_codes.is_empty() {
        return;
    }
    let Some(name) = root.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()) else { return };
    let Some(schema) = b.schemas.get_mut(name) else { return };
    // An envelope member lists its own facts in the second `allOf` branch.
    let object = match schema.get_mut("allOf").and_then(|a| a.get_mut(1)) {
        Some(branch) => branch,
        None => schema,
    };
    let Some(Value::Object(props)) = object.get_mut("properties") else { return };
    let Value::Object(prop) = props.entry(field).or_insert_with(|| json!({})) else { return };
    let codes: Vec<Value> = spec.result_codes.iter().map(|c| Value::String(c.code.clone())).collect();
    match prop.get_mut("examples") {
        Some(Value::Array(list)) => list.extend(codes),
        _ => {
            prop.insert("examples".into(), Value::Array(codes));
        }
    }
}

/// The response field that carries the result code, where the page shows it.
fn code_field(fields: &[Field]) -> Option<String> {
    for f in fields {
        if matches!(f.name.as_str(), "code" | "resultCode") {
            return Some(f.name.clone());
        }
        if f.name == "result"
            && let Some(c) = f.fields.iter().find(|c| c.name == "resultCode")
        {
            return Some(format!("result.{}", c.name));
        }
    }
    None
}

fn response_description(spec: &Spec) -> String {
    let mut s = if spec.response.fields.is_empty() {
        "The page documents no response fields.".to_string()
    } else {
        "The response the page documents.".to_string()
    };
    if !spec.result_codes.is_empty() {
        let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
        s.push_str("\n\nResult codes the page documents:\n\n| code | status | message | action |\n|---|---|---|---|\n");
        for c in &spec.result_codes {
            s.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                cell(&c.code),
                cell(c.status.as_deref().unwrap_or("")),
                cell(&c.message),
                cell(&c.action)
            ));
        }
    }
    s.trim_end().to_string()
}

/// The page's examples of one kind as an OpenAPI `examples` map.
fn examples_of(spec: &Spec, kind: ExampleKind) -> Option<Value> {
    let mut map = Map::new();
    for (n, e) in spec.examples.iter().filter(|e| e.kind == kind).enumerate() {
        let mut ex = Map::new();
        ex.insert("summary".into(), e.title.clone().unwrap_or_else(|| "Example from the page".into()).into());
        ex.insert("value".into(), e.value.clone());
        ex.insert("x-paydoc-at".into(), e.at.clone().into());
        map.insert(format!("example{}", n + 1), Value::Object(ex));
    }
    (!map.is_empty()).then_some(Value::Object(map))
}

/// A field that holds an operation's own data in an envelope: an object (or array of
/// objects) with fields of its own.
fn is_hole(f: &Field) -> bool {
    f.ty.has_children() && !f.fields.is_empty()
}

/// Groups roots whose top-level fields agree on name, type and required flag, with at
/// least one nested object: two or more such roots share one envelope.
fn plan_envelopes(specs: &[(&str, &Spec)]) -> Envelopes {
    let mut groups: BTreeMap<(bool, Vec<String>), Vec<usize>> = BTreeMap::new();
    for (i, (_, spec)) in specs.iter().enumerate() {
        for (request, fields) in [(true, &spec.request.fields), (false, &spec.response.fields)] {
            if !fields.iter().any(is_hole) {
                continue;
            }
            let mut key: Vec<String> = fields
                .iter()
                .map(|f| format!("{}:{}:{}:{}:{}", f.name, f.ty, f.required, is_hole(f), spec.scalars_as_strings))
                .collect();
            key.sort();
            let unique = key.windows(2).all(|w| w[0] != w[1]);
            if unique {
                groups.entry((request, key)).or_default().push(i);
            }
        }
    }
    let mut ordered: Vec<_> = groups.into_iter().filter(|(_, v)| v.len() > 1).collect();
    ordered.sort_by_key(|((request, _), v)| (!*request, v.first().copied()));
    let mut out = Envelopes::new();
    let mut counters: BTreeMap<bool, usize> = BTreeMap::new();
    for ((request, _), members) in ordered {
        let n = counters.entry(request).or_insert(0);
        *n += 1;
        let base = if request { "RequestEnvelope" } else { "ResponseEnvelope" };
        let name = if *n == 1 { base.to_string() } else { format!("{base}{n}") };
        for i in members {
            out.insert((request, i), name.clone());
        }
    }
    out
}

/// Each envelope component, and each member's root schema: `allOf` the envelope and the
/// member's own nested data and the facts only its page states.
fn build_envelopes(b: &mut Builder, specs: &[(&str, &Spec)], envelopes: &Envelopes) -> BTreeMap<(bool, usize), Value> {
    let mut by_name: BTreeMap<(bool, &str), Vec<usize>> = BTreeMap::new();
    for ((request, i), name) in envelopes {
        by_name.entry((*request, name)).or_default().push(*i);
    }
    let mut out = BTreeMap::new();
    for ((request, name), members) in by_name {
        let section = if request { "request" } else { "response" };
        let files: Vec<String> = members.iter().map(|&i| format!("spec/{}", specs[i].0)).collect();
        // Every member's full schema of each top-level field.
        let mut per_member: Vec<Vec<(String, Value, bool)>> = Vec::new();
        for (&i, file) in members.iter().zip(&files) {
            let spec = specs[i].1;
            let cx = Cx { file, section, strings: spec.scalars_as_strings };
            let hint = format!("{}{}", component_name(&spec.operation), if request { "Request" } else { "Response" });
            let fields = if request { &spec.request.fields } else { &spec.response.fields };
            let list = fields
                .iter()
                .map(|f| {
                    let s = b.field_schema(f, &f.name, &format!("{hint}{}", component_name(&f.name)), &cx);
                    (f.name.clone(), s, is_hole(f))
                })
                .collect();
            per_member.push(list);
        }
        let first_spec = specs[members[0]].1;
        let first_fields = if request { &first_spec.request.fields } else { &first_spec.response.fields };
        let mut props = Map::new();
        let mut required = Vec::new();
        let mut residues: Vec<Map<String, Value>> = vec![Map::new(); members.len()];
        let mut hole_required = Vec::new();
        for f in first_fields {
            let schemas: Vec<&Value> = per_member
                .iter()
                .filter_map(|list| list.iter().find(|(n, _, _)| *n == f.name).map(|(_, s, _)| s))
                .collect();
            // The operation's own data is declared by the operation alone, so no tool has to
            // merge two definitions of it.
            if is_hole(f) {
                if f.required {
                    hole_required.push(Value::String(f.name.clone()));
                }
                for (r, s) in residues.iter_mut().zip(&schemas) {
                    r.insert(f.name.clone(), (*s).clone());
                }
                continue;
            }
            if f.required {
                required.push(Value::String(f.name.clone()));
            }
            // What every member says goes into the envelope; the rest stays with the member.
            let mut common = Map::new();
            if let Some(Value::Object(first)) = schemas.first() {
                for (k, v) in first {
                    if schemas.iter().all(|s| s.get(k) == Some(v)) {
                        common.insert(k.clone(), v.clone());
                    }
                }
            }
            for (r, s) in residues.iter_mut().zip(&schemas) {
                if let Value::Object(m) = s {
                    let mut rest: Map<String, Value> = Map::new();
                    // The type again, so tools that read each branch alone see a typed field.
                    if let Some(t) = m.get("type").filter(|_| m.keys().any(|k| !common.contains_key(k))) {
                        rest.insert("type".into(), t.clone());
                    }
                    for (k, v) in m.iter().filter(|(k, _)| !common.contains_key(*k)) {
                        rest.insert(k.clone(), v.clone());
                    }
                    if !rest.is_empty() {
                        r.insert(f.name.clone(), Value::Object(rest));
                    }
                }
            }
            props.insert(f.name.clone(), Value::Object(common));
        }
        let ops: Vec<String> = members.iter().map(|&i| specs[i].1.operation.clone()).collect();
        let holes: Vec<String> = first_fields.iter().filter(|f| is_hole(f)).map(|f| format!("`{}`", f.name)).collect();
        let mut envelope = json!({
            "type": "object",
            "description": format!(
                "The {section} envelope {} operations share ({}). Each operation's own schema adds its {} and whatever only its page states about the fields here.",
                members.len(),
                ops.join(", "),
                holes.join(", ")
            ),
            "required": required,
            "properties": props,
            "x-paydoc-shared-by": files,
        });
        if required.is_empty() {
            envelope.as_object_mut().map(|m| m.remove("required"));
        }
        let used = b.add_component(name, envelope);
        for (&i, residue) in members.iter().zip(residues) {
            // The residue lists fields in the first member's order (JSON objects have none).
            let mut own = Map::new();
            own.insert("type".into(), "object".into());
            if !hole_required.is_empty() {
                own.insert("required".into(), Value::Array(hole_required.clone()));
            }
            own.insert("properties".into(), Value::Object(residue));
            let schema = json!({"allOf": [schema_ref(&used), own]});
            out.insert((request, i), schema);
        }
    }
    out
}

/// Registers an operation's request or response root and returns its reference; `None`
/// for a body without fields.
#[allow(clippy::too_many_arguments)]
fn root_schema(
    b: &mut Builder,
    spec: &Spec,
    i: usize,
    request: bool,
    envelopes: &Envelopes,
    built: &BTreeMap<(bool, usize), Value>,
    cx: &Cx<'_>,
    op_camel: &str,
) -> Option<Value> {
    let fields = if request { &spec.request.fields } else { &spec.response.fields };
    if fields.is_empty() {
        return None;
    }
    let name = format!("{op_camel}{}", if request { "Request" } else { "Response" });
    let schema = match (envelopes.get(&(request, i)), built.get(&(request, i))) {
        (Some(_), Some(s)) => s.clone(),
        _ => b.object_schema(fields, "", &name, cx),
    };
    let used = b.add_component(&name, schema);
    Some(schema_ref(&used))
}
