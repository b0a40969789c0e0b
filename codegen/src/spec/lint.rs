//! Lists the defects of the doc pages themselves, from their specs alone, one line each.
//!
//! Reported:
//!
//! - the warnings the extractor already recorded about examples and contradictions
//!   (`example-enum`, `example-key-missing`, `example-incomplete`, `example-type`, `example-value`, `path-junk`,
//!   `contradiction`, `unclear`);
//! - `field-unused`: a table field no example of its kind uses, where the page has such
//!   examples (children of an unused field are not reported again);
//! - `max-length-short`: a maxLength shorter than one of the field's own enum values or
//!   its constant;
//! - `enum-inferred-contradicted`: an example sends a value outside a list of values read
//!   from a description's prose (`enum_inferred`), which the SDK therefore keeps open;
//! - `header-in-body`, `body-in-header`: a request body field that is a header (named as
//!   one of the page's headers, as a header of its header example, or as an HTTP header such
//!   as `Content-Type`), and a header the request example sends in the body;
//! - `cross-language-*`: one operation's pages in two languages disagree on a field's type,
//!   requiredness, maxLength or enum (every path is compared);
//! - `cross-operation-*`: operations of one provider disagree on a top-level field (the
//!   envelope: `version`, `data`, `code`, headers) they share.
//!
//! Type and requiredness conflicts change the generated SDK and are [`Severity::Breaking`];
//! everything else is a [`Severity::Warning`]. In a conflict, the most common value (the
//! first in file order on a tie) is taken as right, and each file that differs from it gets
//! a defect naming both files. Facts of fields known only from an example (their
//! requiredness, maxLength and enum are unknown) are not compared, only their type.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::diff::Severity;
use super::{ExampleKind, Field, Origin, Spec, WarningKind, child_prefix, join_path as join};

/// One defect of a doc page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Defect {
    pub severity: Severity,
    /// The page file, as the spec records it (`pages/000_x.txt`, relative to `spec/`).
    pub file: String,
    /// Where on the page (`line 24`), from the field or warning.
    pub at: String,
    /// A kebab-case id (`field-unused`, `example-enum`).
    pub kind: String,
    pub message: String,
}

/// Every defect of the pages behind `specs`, ordered by file, line number, then kind.
pub fn lint(specs: &[Spec]) -> Vec<Defect> {
    let mut out = Vec::new();
    for spec in specs {
        carried_warnings(spec, &mut out);
        unused_fields(spec, &mut out);
        short_max_lengths(spec, &mut out);
        inferred_enums_contradicted(spec, &mut out);
        header_body_confusion(spec, &mut out);
    }
    let mut ordered: Vec<&Spec> = specs.iter().collect();
    ordered.sort_by(|a, b| (&a.source.page, &a.lang).cmp(&(&b.source.page, &b.lang)));
    cross_language(&ordered, &mut out);
    cross_operation(&ordered, &mut out);
    out.sort_by(|a, b| {
        (&a.file, numbers(&a.at), &a.kind, &a.message, &a.at).cmp(&(
            &b.file,
            numbers(&b.at),
            &b.kind,
            &b.message,
            &b.at,
        ))
    });
    out.dedup();
    out
}

/// The numbers in an `at` (`line 24` → `[24]`, `table 3 row 5` → `[3, 5]`), for ordering.
fn numbers(at: &str) -> Vec<u64> {
    at.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect()
}

/// The defects one line each: `spec/pages/000_x.txt:24: warning: message`.
pub fn render_text(defects: &[Defect]) -> String {
    let mut out = String::new();
    for d in defects {
        let file = if d.file.starts_with("spec/") { d.file.clone() } else { format!("spec/{}", d.file) };
        let line = d.at.strip_prefix("line ").and_then(|n| n.trim().parse::<u64>().ok());
        let place = match line {
            Some(n) => format!("{file}:{n}:"),
            None if d.at.is_empty() => format!("{file}:"),
            None => format!("{file}: {}:", d.at),
        };
        out.push_str(&format!("{place} {}: {}\n", d.severity, d.message));
    }
    out
}

fn defect(severity: Severity, spec: &Spec, at: &str, kind: &str, message: String) -> Defect {
    Defect { severity, file: spec.source.page.clone(), at: at.to_string(), kind: kind.to_string(), message }
}

/// The warning kinds that are defects of the page rather than limits of the scraper.
fn carried_kind(kind: WarningKind) -> Option<&'static str> {
    Some(match kind {
        WarningKind::ExampleEnum => "example-enum",
        WarningKind::ExampleKeyMissing => "example-key-missing",
        WarningKind::ExampleIncomplete => "example-incomplete",
        WarningKind::ExampleType => "example-type",
        WarningKind::ExampleValue => "example-value",
        WarningKind::PathJunk => "path-junk",
        WarningKind::Contradiction => "contradiction",
        WarningKind::Unclear => "unclear",
        _ => return None,
    })
}

fn carried_warnings(spec: &Spec, out: &mut Vec<Defect>) {
    for w in &spec.warnings {
        if let Some(kind) = carried_kind(w.kind) {
            out.push(defect(Severity::Warning, spec, &w.at, kind, w.message.clone()));
        }
    }
}

/// The field paths an example value uses, written as [`Field::walk`] writes them.
fn example_paths(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let path = join(prefix, k);
                example_paths(v, &path, out);
                out.insert(path);
            }
        }
        serde_json::Value::Array(items) => {
            let inner = format!("{prefix}[]");
            for item in items {
                array_item_paths(item, &inner, out);
            }
        }
        _ => {}
    }
}

/// Nested arrays share one `[]` in a field path.
fn array_item_paths(item: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match item {
        serde_json::Value::Array(items) => {
            for i in items {
                array_item_paths(i, prefix, out);
            }
        }
        v => example_paths(v, prefix, out),
    }
}

fn section_fields(spec: &Spec, kind: ExampleKind) -> (&'static str, &[Field]) {
    match kind {
        ExampleKind::Headers => ("header", &spec.headers),
        ExampleKind::Request => ("request", &spec.request.fields),
        ExampleKind::Response => ("response", &spec.response.fields),
    }
}

fn unused_fields(spec: &Spec, out: &mut Vec<Defect>) {
    for kind in [ExampleKind::Headers, ExampleKind::Request, ExampleKind::Response] {
        let mut used = BTreeSet::new();
        let mut any = false;
        for ex in spec.examples.iter().filter(|e| e.kind == kind) {
            any = true;
            example_paths(&ex.value, "", &mut used);
        }
        if !any {
            continue;
        }
        let (section, fields) = section_fields(spec, kind);
        let label = if kind == ExampleKind::Headers { "headers" } else { section };
        unused_in(spec, section, label, fields, "", &used, out);
    }
}

fn unused_in(
    spec: &Spec,
    section: &str,
    label: &str,
    fields: &[Field],
    prefix: &str,
    used: &BTreeSet<String>,
    out: &mut Vec<Defect>,
) {
    for f in fields {
        if f.origin != Origin::Table {
            continue;
        }
        let path = join(prefix, &f.name);
        if used.contains(&path) {
            unused_in(spec, section, label, &f.fields, &child_prefix(&path, &f.ty), used, out);
        } else {
            out.push(defect(
                Severity::Warning,
                spec,
                &f.at,
                "field-unused",
                format!("{section} field `{path}` is in the table but no {label} example uses it"),
            ));
        }
    }
}

fn short_max_lengths(spec: &Spec, out: &mut Vec<Defect>) {
    for (section, list) in
        [("header", &spec.headers), ("request", &spec.request.fields), ("response", &spec.response.fields)]
    {
        super::walk_fields(list, &mut |path, f| {
            let Some(max) = f.max_length else { return };
            let longest = f
                .enum_values
                .iter()
                .chain(f.constant.iter())
                .map(|v| (v.chars().count(), v))
                .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)));
            if let Some((len, value)) = longest
                && len as u64 > max
            {
                let what = if f.constant.as_ref() == Some(value) { "constant" } else { "enum value" };
                out.push(defect(
                    Severity::Warning,
                    spec,
                    &f.at,
                    "max-length-short",
                    format!(
                        "{section} `{path}`: maxLength {max} is shorter than its {what} `{value}` ({len} characters)"
                    ),
                ));
            }
        });
    }
}

/// The scalar values an example gives, with their field paths (`a.b[].c`).
fn example_scalars<'v>(value: &'v serde_json::Value, prefix: &str, out: &mut Vec<(String, &'v serde_json::Value)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                example_scalars(v, &join(prefix, k), out);
            }
        }
        serde_json::Value::Array(items) => {
            let inner = if prefix.ends_with("[]") { prefix.to_string() } else { format!("{prefix}[]") };
            for item in items {
                match item {
                    serde_json::Value::Object(_) | serde_json::Value::Array(_) => example_scalars(item, &inner, out),
                    // An array of scalars: its values belong to the array field itself.
                    v => out.push((prefix.to_string(), v)),
                }
            }
        }
        v => out.push((prefix.to_string(), v)),
    }
}

fn inferred_enums_contradicted(spec: &Spec, out: &mut Vec<Defect>) {
    for ex in spec.examples.iter().filter(|e| e.kind != ExampleKind::Headers) {
        let (section, fields) = section_fields(spec, ex.kind);
        let mut inferred: BTreeMap<String, &Field> = BTreeMap::new();
        super::walk_fields(fields, &mut |path, f| {
            if f.enum_inferred && !f.enum_values.is_empty() {
                inferred.insert(path.to_string(), f);
            }
        });
        if inferred.is_empty() {
            continue;
        }
        let mut values = Vec::new();
        example_scalars(&ex.value, "", &mut values);
        for (path, v) in values {
            let Some(f) = inferred.get(path.as_str()) else { continue };
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => continue,
                other => other.to_string(),
            };
            if f.enum_values.contains(&text) {
                continue;
            }
            let shown = if f.sensitive { "<redacted>".to_string() } else { text };
            out.push(defect(
                Severity::Warning,
                spec,
                &ex.at,
                "enum-inferred-contradicted",
                format!(
                    "{section} `{path}`: the description lists {} (read as the field's values), but the {section} example sends `{shown}`; the SDK keeps the list open",
                    f.enum_values.join("|")
                ),
            ));
        }
    }
}

/// HTTP header names a body never holds.
const HTTP_HEADERS: &[&str] =
    &["content-type", "content-length", "accept", "authorization", "user-agent", "host", "cookie", "x-request-id"];

fn header_body_confusion(spec: &Spec, out: &mut Vec<Defect>) {
    let mut header_names: BTreeSet<String> = spec.headers.iter().map(|h| h.name.to_ascii_lowercase()).collect();
    for ex in spec.examples.iter().filter(|e| e.kind == ExampleKind::Headers) {
        if let serde_json::Value::Object(map) = &ex.value {
            header_names.extend(map.keys().map(|k| k.to_ascii_lowercase()));
        }
    }
    for f in &spec.request.fields {
        let lower = f.name.to_ascii_lowercase();
        let why = if HTTP_HEADERS.contains(&lower.as_str()) {
            "an HTTP header"
        } else if header_names.contains(&lower) {
            "one of the page's headers"
        } else {
            continue;
        };
        out.push(defect(
            Severity::Warning,
            spec,
            &f.at,
            "header-in-body",
            format!(
                "request body field `{}` is {why}: the page's header table may have lost its `In` column or section",
                f.name
            ),
        ));
    }
    for ex in spec.examples.iter().filter(|e| e.kind == ExampleKind::Request) {
        let serde_json::Value::Object(map) = &ex.value else { continue };
        for h in &spec.headers {
            if map.contains_key(&h.name) && !spec.request.fields.iter().any(|f| f.name == h.name) {
                out.push(defect(
                    Severity::Warning,
                    spec,
                    &ex.at,
                    "body-in-header",
                    format!("header `{}` is sent in the body of the request example", h.name),
                ));
            }
        }
    }
}

/// One field of one spec, for comparing across specs.
struct Entry<'a> {
    spec: &'a Spec,
    field: &'a Field,
}

impl Entry<'_> {
    fn attr(&self, attr: Attr) -> Option<String> {
        let f = self.field;
        // Only the type of a field known from an example is known.
        if f.origin == Origin::Example && attr != Attr::Type {
            return None;
        }
        Some(match attr {
            Attr::Type => f.ty.to_string(),
            Attr::Required => if f.required { "required" } else { "optional" }.to_string(),
            Attr::MaxLength => f.max_length.map_or_else(|| "none".to_string(), |m| m.to_string()),
            Attr::Enum => {
                let set: BTreeSet<&str> = f.enum_values.iter().map(String::as_str).collect();
                if set.is_empty() { "none".to_string() } else { set.into_iter().collect::<Vec<_>>().join("|") }
            }
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Attr {
    Type,
    Required,
    MaxLength,
    Enum,
}

impl Attr {
    const ALL: [Attr; 4] = [Attr::Type, Attr::Required, Attr::MaxLength, Attr::Enum];

    fn id(self) -> &'static str {
        match self {
            Attr::Type => "type",
            Attr::Required => "required",
            Attr::MaxLength => "max-length",
            Attr::Enum => "enum",
        }
    }

    /// Type and requiredness decide the generated code.
    fn severity(self) -> Severity {
        match self {
            Attr::Type | Attr::Required => Severity::Breaking,
            Attr::MaxLength | Attr::Enum => Severity::Warning,
        }
    }

    /// `is string`, `has maxLength 8`, `has no enum`.
    fn describe(self, value: &str) -> String {
        match (self, value) {
            (Attr::Type, v) | (Attr::Required, v) => format!("is {v}"),
            (Attr::MaxLength, "none") => "has no maxLength".to_string(),
            (Attr::MaxLength, v) => format!("has maxLength {v}"),
            (Attr::Enum, "none") => "has no enum".to_string(),
            (Attr::Enum, v) => format!("has enum {v}"),
        }
    }
}

/// Which comparison a group of entries is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Language,
    Operation,
}

impl Scope {
    fn id(self) -> &'static str {
        match self {
            Scope::Language => "cross-language",
            Scope::Operation => "cross-operation",
        }
    }

    /// What tells the two files apart in a message.
    fn tag(self, spec: &Spec) -> String {
        match self {
            Scope::Language => spec.lang.clone(),
            Scope::Operation => spec.operation.clone(),
        }
    }

    /// Whether two entries are to be compared at all.
    fn compares(self, a: &Spec, b: &Spec) -> bool {
        match self {
            Scope::Language => a.lang != b.lang,
            Scope::Operation => a.operation != b.operation,
        }
    }
}

fn sections(spec: &Spec) -> [(&'static str, &[Field]); 3] {
    [("header", &spec.headers), ("request", &spec.request.fields), ("response", &spec.response.fields)]
}

/// Every path of one operation compared across its languages.
fn cross_language(specs: &[&Spec], out: &mut Vec<Defect>) {
    type Key<'a> = (&'a str, &'a str, &'static str, String);
    let mut groups: BTreeMap<Key<'_>, Vec<Entry<'_>>> = BTreeMap::new();
    for spec in specs {
        for (section, list) in sections(spec) {
            super::walk_fields(list, &mut |path, field| {
                groups
                    .entry((spec.provider.as_str(), spec.operation.as_str(), section, path.to_string()))
                    .or_default()
                    .push(Entry { spec, field });
            });
        }
    }
    for ((_, _, section, path), entries) in &groups {
        conflicts(Scope::Language, section, path, entries, out);
    }
}

/// The top-level fields of a provider's operations compared, one page an operation (the
/// first in file order; its other languages are compared by [`cross_language`]).
fn cross_operation(specs: &[&Spec], out: &mut Vec<Defect>) {
    let mut seen = BTreeSet::new();
    let mut groups: BTreeMap<(&str, &'static str, &str), Vec<Entry<'_>>> = BTreeMap::new();
    for spec in specs {
        if !seen.insert((spec.provider, spec.operation.as_str())) {
            continue;
        }
        for (section, list) in sections(spec) {
            let mut names = BTreeSet::new();
            for field in list {
                if names.insert(field.name.as_str()) {
                    groups
                        .entry((spec.provider.as_str(), section, field.name.as_str()))
                        .or_default()
                        .push(Entry { spec, field });
                }
            }
        }
    }
    for ((_, section, path), entries) in &groups {
        conflicts(Scope::Operation, section, path, entries, out);
    }
}

/// Reports each entry whose attribute differs from the most common value.
fn conflicts(scope: Scope, section: &str, path: &str, entries: &[Entry<'_>], out: &mut Vec<Defect>) {
    if entries.len() < 2 {
        return;
    }
    for attr in Attr::ALL {
        let values: Vec<(String, &Entry<'_>)> = entries.iter().filter_map(|e| e.attr(attr).map(|v| (v, e))).collect();
        let Some((first, _)) = values.first() else {
            continue;
        };
        if values.iter().all(|(v, _)| v == first) {
            continue;
        }
        // The most common value; on a tie the one seen first.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for (v, _) in &values {
            match counts.iter_mut().find(|(c, _)| c == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v, 1)),
            }
        }
        let Some(best) = counts.iter().copied().reduce(|best, c| if c.1 > best.1 { c } else { best }) else {
            continue;
        };
        let Some((ref_value, reference)) = values.iter().find(|(v, _)| v == best.0) else {
            continue;
        };
        for (value, e) in &values {
            if value == ref_value || !scope.compares(e.spec, reference.spec) {
                continue;
            }
            let message = format!(
                "{section} `{path}` {} in {} ({}, {}) but {} in {} ({}, {})",
                attr.describe(value),
                e.spec.source.page,
                scope.tag(e.spec),
                e.field.at,
                attr.describe(ref_value),
                reference.spec.source.page,
                scope.tag(reference.spec),
                reference.field.at,
            );
            out.push(defect(attr.severity(), e.spec, &e.field.at, &format!("{}-{}", scope.id(), attr.id()), message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Body, Example, Provider, Source, Type, Warning};
    use serde_json::json;

    fn spec(op: &str, lang: &str, page: &str) -> Spec {
        Spec {
            provider: Provider::Payermax,
            operation: op.into(),
            title: op.into(),
            lang: lang.into(),
            source: Source { page: page.into(), url: None, form: "text".into(), overlay: None },
            method: Some("POST".into()),
            path: Some(format!("/api/{op}")),
            servers: Vec::new(),
            description: String::new(),
            scalars_as_strings: false,
            headers: Vec::new(),
            request: Body {
                content_type: None,
                fields: vec![
                    Field { required: true, max_length: Some(8), ..Field::new("version", Type::String, "line 3") },
                    Field {
                        required: true,
                        fields: vec![
                            Field { max_length: Some(3), ..Field::new("currency", Type::String, "line 5") },
                            Field {
                                fields: vec![Field::new("price", Type::String, "line 7")],
                                ..Field::new("items", Type::Array(Box::new(Type::Object)), "line 6")
                            },
                        ],
                        ..Field::new("data", Type::Object, "line 4")
                    },
                ],
            },
            response: Body { content_type: None, fields: vec![Field::new("code", Type::String, "line 10")] },
            examples: Vec::new(),
            result_codes: Vec::new(),
            notifications: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn example(kind: ExampleKind, value: serde_json::Value) -> Example {
        Example { kind, title: None, at: "line 20".into(), value }
    }

    fn kinds(defects: &[Defect]) -> Vec<(&str, &str, &str)> {
        defects.iter().map(|d| (d.file.as_str(), d.at.as_str(), d.kind.as_str())).collect()
    }

    #[test]
    fn a_clean_spec_has_no_defects() {
        assert!(lint(&[spec("pay", "zh", "pages/a.txt")]).is_empty());
    }

    #[test]
    fn carries_page_defect_warnings_only() {
        let mut s = spec("pay", "zh", "pages/a.txt");
        s.warnings = vec![
            Warning { kind: WarningKind::ExampleEnum, at: "line 20".into(), message: "enum in another case".into() },
            Warning { kind: WarningKind::TypeFromExample, at: "line 20".into(), message: "type inferred".into() },
            Warning { kind: WarningKind::PathJunk, at: "line 2".into(), message: "junk".into() },
            Warning { kind: WarningKind::ChildrenMissing, at: "line 4".into(), message: "collapsed".into() },
            Warning { kind: WarningKind::Contradiction, at: "".into(), message: "contradiction".into() },
        ];
        let d = lint(&[s]);
        assert_eq!(
            kinds(&d),
            vec![
                ("pages/a.txt", "", "contradiction"),
                ("pages/a.txt", "line 2", "path-junk"),
                ("pages/a.txt", "line 20", "example-enum")
            ]
        );
        assert_eq!(d[2].message, "enum in another case");
        assert_eq!(d[2].severity, Severity::Warning);
    }

    #[test]
    fn unused_fields_need_an_example_of_their_kind() {
        let mut s = spec("pay", "zh", "pages/a.txt");
        s.examples = vec![example(ExampleKind::Request, json!({"version": "1", "data": {"currency": "USD"}}))];
        let d = lint(&[s.clone()]);
        // `items` unused, its child `price` not reported again; no response example, so no
        // response field is reported.
        assert_eq!(kinds(&d), vec![("pages/a.txt", "line 6", "field-unused")]);
        assert_eq!(d[0].message, "request field `data.items` is in the table but no request example uses it");

        s.examples.push(example(ExampleKind::Request, json!({"data": {"items": [{"price": "1"}]}})));
        s.examples.push(example(ExampleKind::Response, json!({})));
        let d = lint(&[s]);
        assert_eq!(kinds(&d), vec![("pages/a.txt", "line 10", "field-unused")]);
    }

    #[test]
    fn array_children_and_nulls_count_as_used() {
        let mut s = spec("pay", "zh", "pages/a.txt");
        s.examples =
            vec![example(ExampleKind::Request, json!({"version": null, "data": {"currency": "X", "items": [{}]}}))];
        let d = lint(&[s.clone()]);
        assert_eq!(kinds(&d), vec![("pages/a.txt", "line 7", "field-unused")]);
        assert!(d[0].message.contains("`data.items[].price`"), "{}", d[0].message);
        // Fields only known from an example are never unused.
        s.request.fields[1].fields[1].fields[0].origin = Origin::Example;
        assert!(lint(&[s]).is_empty());
    }

    #[test]
    fn inferred_enums_that_examples_contradict() {
        let mut s = spec("op", "en", "pages/a.txt");
        let mut f = Field::new("terminalType", Type::String, "line 3");
        f.enum_values = vec!["WEB".into(), "APP".into()];
        f.enum_inferred = true;
        let mut column = Field::new("osType", Type::String, "line 4");
        column.enum_values = vec!["IOS".into()];
        s.request.fields = vec![f, column];
        s.examples = vec![example(ExampleKind::Request, serde_json::json!({"terminalType": "app", "osType": "ios"}))];
        let found: Vec<_> = lint(&[s]).into_iter().filter(|d| d.kind == "enum-inferred-contradicted").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("`terminalType`") && found[0].message.contains("`app`"), "{found:?}");
    }

    #[test]
    fn headers_read_as_body_fields_and_back() {
        let mut s = spec("op", "en", "pages/a.txt");
        s.headers = vec![Field::new("sign", Type::String, "line 2")];
        s.request.fields =
            vec![Field::new("Content-Type", Type::String, "line 5"), Field::new("amount", Type::String, "line 6")];
        s.examples = vec![example(ExampleKind::Request, serde_json::json!({"sign": "x", "amount": "1"}))];
        let d = lint(&[s]);
        let k: Vec<&str> = d.iter().map(|d| d.kind.as_str()).filter(|k| k.contains("header")).collect();
        assert_eq!(k, ["header-in-body", "body-in-header"], "{d:?}");
    }

    #[test]
    fn max_length_shorter_than_own_values() {
        let mut s = spec("pay", "zh", "pages/a.txt");
        s.request.fields[1].fields[0].enum_values = vec!["USD".into(), "USDT".into()];
        s.request.fields[0].constant = Some("1.0".into());
        s.response.fields[0] =
            Field { max_length: Some(2), constant: Some("OK!".into()), ..s.response.fields[0].clone() };
        let d = lint(&[s]);
        assert_eq!(
            kinds(&d),
            vec![("pages/a.txt", "line 5", "max-length-short"), ("pages/a.txt", "line 10", "max-length-short")]
        );
        assert_eq!(
            d[0].message,
            "request `data.currency`: maxLength 3 is shorter than its enum value `USDT` (4 characters)"
        );
        assert_eq!(d[1].message, "response `code`: maxLength 2 is shorter than its constant `OK!` (3 characters)");
    }

    #[test]
    fn cross_language_conflicts_on_any_path() {
        let zh = spec("pay", "zh", "pages/a.txt");
        let mut en = spec("pay", "en", "pages/b.txt");
        en.request.fields[1].fields[1].fields[0].ty = Type::Integer;
        en.request.fields[1].fields[0].max_length = Some(4);
        let d = lint(&[zh, en]);
        assert_eq!(
            kinds(&d),
            vec![
                ("pages/b.txt", "line 5", "cross-language-max-length"),
                ("pages/b.txt", "line 7", "cross-language-type")
            ]
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[1].severity, Severity::Breaking);
        assert_eq!(
            d[0].message,
            "request `data.currency` has maxLength 4 in pages/b.txt (en, line 5) but has maxLength 3 in pages/a.txt (zh, line 5)"
        );
        assert_eq!(
            d[1].message,
            "request `data.items[].price` is integer in pages/b.txt (en, line 7) but is string in pages/a.txt (zh, line 7)"
        );
    }

    #[test]
    fn cross_operation_conflicts_on_top_level_paths_only() {
        let a = spec("pay", "zh", "pages/a.txt");
        let mut b = spec("refund", "zh", "pages/b.txt");
        let mut c = spec("query", "zh", "pages/c.txt");
        // Nested: not compared across operations.
        b.request.fields[1].fields[0].max_length = Some(10);
        // Top level: `c` is the odd one out of three, whatever the file order.
        c.request.fields[0].required = false;
        c.request.fields[0].max_length = None;
        c.response.fields[0].enum_values = vec!["OK".into()];
        let d = lint(&[c.clone(), b.clone(), a.clone()]);
        assert_eq!(
            kinds(&d),
            vec![
                ("pages/c.txt", "line 3", "cross-operation-max-length"),
                ("pages/c.txt", "line 3", "cross-operation-required"),
                ("pages/c.txt", "line 10", "cross-operation-enum"),
            ]
        );
        assert_eq!(d[1].severity, Severity::Breaking);
        assert_eq!(
            d[1].message,
            "request `version` is optional in pages/c.txt (query, line 3) but is required in pages/a.txt (pay, line 3)"
        );
        assert_eq!(
            d[2].message,
            "response `code` has enum OK in pages/c.txt (query, line 10) but has no enum in pages/a.txt (pay, line 10)"
        );
        // Another provider shares nothing.
        c.provider = Provider::Antom;
        assert!(lint(&[a, b, c]).is_empty());
    }

    #[test]
    fn example_only_fields_compare_by_type_only() {
        let a = spec("pay", "zh", "pages/a.txt");
        let mut b = spec("refund", "zh", "pages/b.txt");
        b.request.fields[0] = Field { origin: Origin::Example, ..Field::new("version", Type::String, "line 9") };
        assert!(lint(&[a.clone(), b.clone()]).is_empty());
        b.request.fields[0].ty = Type::Number;
        assert_eq!(kinds(&lint(&[a, b])), vec![("pages/b.txt", "line 9", "cross-operation-type")]);
    }

    #[test]
    fn order_is_file_then_numeric_line_then_kind() {
        let mut s = spec("pay", "zh", "pages/b.txt");
        s.warnings = vec![
            Warning { kind: WarningKind::Unclear, at: "line 100".into(), message: "m".into() },
            Warning { kind: WarningKind::Unclear, at: "line 9".into(), message: "m".into() },
            Warning { kind: WarningKind::ExampleValue, at: "line 9".into(), message: "m".into() },
        ];
        let mut t = spec("pay", "en", "pages/a.txt");
        t.warnings = vec![Warning { kind: WarningKind::Unclear, at: "line 50".into(), message: "m".into() }];
        let d = lint(&[s, t]);
        assert_eq!(
            kinds(&d),
            vec![
                ("pages/a.txt", "line 50", "unclear"),
                ("pages/b.txt", "line 9", "example-value"),
                ("pages/b.txt", "line 9", "unclear"),
                ("pages/b.txt", "line 100", "unclear"),
            ]
        );
    }

    #[test]
    fn render_text_uses_line_numbers_where_it_can() {
        let d = |at: &str, severity| Defect {
            severity,
            file: "pages/000_x.txt".into(),
            at: at.into(),
            kind: "k".into(),
            message: "msg".into(),
        };
        assert_eq!(
            render_text(&[
                d("line 24", Severity::Warning),
                d("table 3 row 5", Severity::Breaking),
                d("", Severity::Warning)
            ]),
            "spec/pages/000_x.txt:24: warning: msg\n\
             spec/pages/000_x.txt: table 3 row 5: breaking: msg\n\
             spec/pages/000_x.txt: warning: msg\n"
        );
    }
}
