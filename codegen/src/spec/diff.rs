//! Compares two sets of specs and classifies every change by what it does to the SDK's users.
//!
//! Specs are matched by provider, operation and language. Each change gets a [`Severity`]
//! from the side of someone calling the SDK, following the oasdiff / openapi-diff rules for
//! OpenAPI: a request may not demand more than before, a response may not promise less.
//!
//! | change | request (incl. headers) | response |
//! |---|---|---|
//! | operation removed | breaking | |
//! | operation added | info | |
//! | method or path changed | breaking | |
//! | field added, required | breaking | info |
//! | field added, optional | info | info |
//! | field removed | warning (the SDK stops sending it) | breaking |
//! | field renamed | breaking | breaking |
//! | type changed | breaking | breaking |
//! | optional → required | breaking | info |
//! | required → optional | info | breaking |
//! | maxLength decreased or added | breaking | info |
//! | maxLength increased or removed | info | info |
//! | enum value removed | breaking | warning |
//! | enum value added | info | warning (the Unknown variant absorbs it) |
//! | enum added to a free field | breaking | warning |
//! | enum removed (field becomes free) | info | warning |
//! | constant changed or added | breaking | warning |
//! | constant removed | info | info |
//! | result code added | | warning |
//! | result code removed | | info |
//!
//! A field that disappears from a parent while another of the same type appears at the
//! same position is reported once, as a likely rename. Children of an added or removed
//! object field are not reported separately. Header names are compared ignoring case.
//! Where one operation exists in several languages, its name in a change carries the
//! language (`applyDropinSession.en`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::Serialize;

use super::{Field, Spec, child_prefix, join_path as join};

/// How a change affects code written against the SDK. Ordered most severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Code that worked may stop compiling or start failing.
    Breaking,
    /// Code keeps working but may see values it did not expect.
    Warning,
    /// Nothing to do.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One classified difference between an old and a new spec.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub severity: Severity,
    pub provider: String,
    pub operation: String,
    /// `operation`, `header`, `request`, `response` or `result-codes`.
    pub section: String,
    /// The dotted field path (`data.goodsDetails[].price`), or empty.
    pub path: String,
    /// A kebab-case id of the rule (`field-removed`).
    pub kind: String,
    pub message: String,
    /// The doc page, from `spec.source.url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The sections in report order.
const SECTIONS: [&str; 5] = ["operation", "header", "request", "response", "result-codes"];

fn section_rank(section: &str) -> usize {
    SECTIONS.iter().position(|s| *s == section).unwrap_or(SECTIONS.len())
}

/// The report order: provider, operation, severity, section, path, then kind and message.
fn order(a: &Change, b: &Change) -> std::cmp::Ordering {
    (&a.provider, &a.operation, a.severity, section_rank(&a.section), &a.path, &a.kind, &a.message).cmp(&(
        &b.provider,
        &b.operation,
        b.severity,
        section_rank(&b.section),
        &b.path,
        &b.kind,
        &b.message,
    ))
}

type Key = (String, String, String);

fn key(spec: &Spec) -> Key {
    (spec.provider.as_str().to_string(), spec.operation.clone(), spec.lang.clone())
}

/// Every change from `old` to `new`, specs matched by (provider, operation, lang), in report
/// order.
pub fn diff(old: &[Spec], new: &[Spec]) -> Vec<Change> {
    let mut old_by: BTreeMap<Key, &Spec> = BTreeMap::new();
    for s in old {
        old_by.entry(key(s)).or_insert(s);
    }
    let mut new_by: BTreeMap<Key, &Spec> = BTreeMap::new();
    for s in new {
        new_by.entry(key(s)).or_insert(s);
    }
    // Operations present in more than one language get the language in their name.
    let mut langs: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for (p, o, l) in old_by.keys().chain(new_by.keys()) {
        langs.entry((p, o)).or_default().insert(l);
    }
    let op_name = |(p, o, l): &Key| {
        if langs.get(&(p.as_str(), o.as_str())).is_some_and(|set| set.len() > 1) {
            format!("{o}.{l}")
        } else {
            o.clone()
        }
    };

    let mut out = Vec::new();
    let keys: BTreeSet<&Key> = old_by.keys().chain(new_by.keys()).collect();
    for k in keys {
        let (o, n) = (old_by.get(k).copied(), new_by.get(k).copied());
        let link = n.or(o).and_then(|s| s.source.url.clone());
        let mut em = Emitter { provider: k.0.clone(), operation: op_name(k), link, out: &mut out };
        match (o, n) {
            (Some(o), Some(n)) => diff_spec(&mut em, o, n),
            (Some(o), None) => em.push(
                "operation",
                "",
                "operation-removed",
                Severity::Breaking,
                format!("operation removed (was {})", endpoint(o)),
            ),
            (None, Some(n)) => {
                em.push("operation", "", "operation-added", Severity::Info, format!("new operation {}", endpoint(n)))
            }
            (None, None) => {}
        }
    }
    out.sort_by(order);
    out
}

fn endpoint(spec: &Spec) -> String {
    format!("{} {}", spec.method.as_deref().unwrap_or("(no method)"), spec.path.as_deref().unwrap_or("(no path)"))
}

/// Collects the changes of one operation.
struct Emitter<'a> {
    provider: String,
    operation: String,
    link: Option<String>,
    out: &'a mut Vec<Change>,
}

impl Emitter<'_> {
    fn push(&mut self, section: &str, path: &str, kind: &str, severity: Severity, message: String) {
        self.out.push(Change {
            severity,
            provider: self.provider.clone(),
            operation: self.operation.clone(),
            section: section.to_string(),
            path: path.to_string(),
            kind: kind.to_string(),
            message,
            link: self.link.clone(),
        });
    }
}

fn diff_spec(em: &mut Emitter<'_>, old: &Spec, new: &Spec) {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_string());
    if old.method != new.method {
        em.push(
            "operation",
            "",
            "method-changed",
            Severity::Breaking,
            format!("method changed from {} to {}", show(&old.method), show(&new.method)),
        );
    }
    if old.path != new.path {
        em.push(
            "operation",
            "",
            "path-changed",
            Severity::Breaking,
            format!("path changed from `{}` to `{}`", show(&old.path), show(&new.path)),
        );
    }
    let mut side = Side { em, section: "header", request: true, fold_case: true };
    side.fields(&old.headers, &new.headers, "");
    side.section = "request";
    side.fold_case = false;
    side.fields(&old.request.fields, &new.request.fields, "");
    side.section = "response";
    side.request = false;
    side.fields(&old.response.fields, &new.response.fields, "");

    let old_codes: BTreeMap<&str, &super::ResultCode> = old.result_codes.iter().map(|c| (c.code.as_str(), c)).collect();
    let new_codes: BTreeMap<&str, &super::ResultCode> = new.result_codes.iter().map(|c| (c.code.as_str(), c)).collect();
    for (code, c) in &new_codes {
        if !old_codes.contains_key(code) {
            em.push(
                "result-codes",
                "",
                "result-code-added",
                Severity::Warning,
                format!("new result code `{code}`{}", code_detail(c)),
            );
        }
    }
    for (code, c) in &old_codes {
        if !new_codes.contains_key(code) {
            em.push(
                "result-codes",
                "",
                "result-code-removed",
                Severity::Info,
                format!("result code `{code}` removed{}", code_detail(c)),
            );
        }
    }
}

fn code_detail(c: &super::ResultCode) -> String {
    match (c.status.as_deref(), c.message.trim()) {
        (Some(s), "") => format!(" ({s})"),
        (Some(s), m) => format!(" ({s}: {m})"),
        (None, "") => String::new(),
        (None, m) => format!(" ({m})"),
    }
}

/// The rules of the table above that depend on the side: (request, response) severity.
#[derive(Clone, Copy)]
enum Rule {
    RequiredFieldAdded,
    OptionalFieldAdded,
    FieldRemoved,
    FieldRenamed,
    TypeChanged,
    BecameRequired,
    BecameOptional,
    MaxLengthTightened,
    MaxLengthLoosened,
    EnumValueRemoved,
    EnumValueAdded,
    EnumAdded,
    EnumRemoved,
    ConstantSet,
    ConstantRemoved,
}

impl Rule {
    fn severities(self) -> (Severity, Severity) {
        use Severity::{Breaking as B, Info as I, Warning as W};
        match self {
            Rule::RequiredFieldAdded => (B, I),
            Rule::OptionalFieldAdded => (I, I),
            Rule::FieldRemoved => (W, B),
            Rule::FieldRenamed => (B, B),
            Rule::TypeChanged => (B, B),
            Rule::BecameRequired => (B, I),
            Rule::BecameOptional => (I, B),
            Rule::MaxLengthTightened => (B, I),
            Rule::MaxLengthLoosened => (I, I),
            Rule::EnumValueRemoved => (B, W),
            Rule::EnumValueAdded => (I, W),
            Rule::EnumAdded => (B, W),
            Rule::EnumRemoved => (I, W),
            Rule::ConstantSet => (B, W),
            Rule::ConstantRemoved => (I, I),
        }
    }
}

/// One field section (headers, request or response) of one operation.
struct Side<'e, 'a> {
    em: &'e mut Emitter<'a>,
    section: &'static str,
    /// Request side (headers included) rather than response side.
    request: bool,
    /// Names compare ignoring ASCII case (headers).
    fold_case: bool,
}

fn enum_list(values: &[String]) -> String {
    values.join("|")
}

impl Side<'_, '_> {
    fn emit(&mut self, rule: Rule, path: &str, kind: &str, message: String) {
        let (req, resp) = rule.severities();
        let severity = if self.request { req } else { resp };
        self.em.push(self.section, path, kind, severity, message);
    }

    fn name_key(&self, f: &Field) -> String {
        if self.fold_case { f.name.to_ascii_lowercase() } else { f.name.clone() }
    }

    /// Compares two lists of sibling fields under `prefix`.
    fn fields(&mut self, old: &[Field], new: &[Field], prefix: &str) {
        let mut old_by: HashMap<String, &Field> = HashMap::new();
        for f in old {
            old_by.entry(self.name_key(f)).or_insert(f);
        }
        let mut new_by: HashMap<String, &Field> = HashMap::new();
        for f in new {
            new_by.entry(self.name_key(f)).or_insert(f);
        }
        // A likely rename: the old field is gone, and at its position in the new list is a
        // field of the same type that did not exist before.
        let mut renamed: HashMap<usize, &Field> = HashMap::new();
        for (i, o) in old.iter().enumerate() {
            if new_by.contains_key(&self.name_key(o)) {
                continue;
            }
            if let Some(n) = new.get(i)
                && !old_by.contains_key(&self.name_key(n))
                && n.ty == o.ty
            {
                renamed.insert(i, n);
            }
        }
        let mut seen_old = BTreeSet::new();
        for (i, o) in old.iter().enumerate() {
            let k = self.name_key(o);
            if !seen_old.insert(k.clone()) {
                continue;
            }
            let path = join(prefix, &o.name);
            if let Some(n) = new_by.get(&k) {
                self.field(o, n, &join(prefix, &n.name));
            } else if let Some(n) = renamed.get(&i) {
                let new_path = join(prefix, &n.name);
                self.emit(
                    Rule::FieldRenamed,
                    &path,
                    "field-renamed",
                    format!("renamed to `{new_path}` (same position and type: likely a rename)"),
                );
                self.field(o, n, &new_path);
            } else {
                let note = if self.request { " (the SDK stops sending it)" } else { "" };
                self.emit(Rule::FieldRemoved, &path, "field-removed", format!("field removed{note}"));
            }
        }
        let renamed_new: BTreeSet<String> = renamed.values().map(|f| self.name_key(f)).collect();
        let mut seen_new = BTreeSet::new();
        for n in new {
            let k = self.name_key(n);
            if !seen_new.insert(k.clone()) || old_by.contains_key(&k) || renamed_new.contains(&k) {
                continue;
            }
            let path = join(prefix, &n.name);
            if n.required {
                self.emit(
                    Rule::RequiredFieldAdded,
                    &path,
                    "required-field-added",
                    format!("new required field ({})", n.ty),
                );
            } else {
                self.emit(
                    Rule::OptionalFieldAdded,
                    &path,
                    "optional-field-added",
                    format!("new optional field ({})", n.ty),
                );
            }
        }
    }

    /// Compares one field that exists on both sides; `path` is its new path.
    fn field(&mut self, o: &Field, n: &Field, path: &str) {
        if o.ty != n.ty {
            self.emit(Rule::TypeChanged, path, "type-changed", format!("type changed from {} to {}", o.ty, n.ty));
            if o.ty.has_children() && n.ty.has_children() {
                self.fields(&o.fields, &n.fields, &child_prefix(path, &n.ty));
            }
            return;
        }
        match (o.required, n.required) {
            (false, true) => {
                self.emit(Rule::BecameRequired, path, "became-required", "became required (was optional)".into())
            }
            (true, false) => {
                self.emit(Rule::BecameOptional, path, "became-optional", "became optional (was required)".into())
            }
            _ => {}
        }
        match (o.max_length, n.max_length) {
            (Some(a), Some(b)) if b < a => self.emit(
                Rule::MaxLengthTightened,
                path,
                "max-length-decreased",
                format!("maxLength decreased from {a} to {b}"),
            ),
            (Some(a), Some(b)) if b > a => self.emit(
                Rule::MaxLengthLoosened,
                path,
                "max-length-increased",
                format!("maxLength increased from {a} to {b}"),
            ),
            (None, Some(b)) => {
                self.emit(Rule::MaxLengthTightened, path, "max-length-added", format!("maxLength {b} added"))
            }
            (Some(a), None) => {
                self.emit(Rule::MaxLengthLoosened, path, "max-length-removed", format!("maxLength {a} removed"))
            }
            _ => {}
        }
        match (o.enum_values.is_empty(), n.enum_values.is_empty()) {
            (true, false) => self.emit(
                Rule::EnumAdded,
                path,
                "enum-added",
                format!("now limited to {} (was free)", enum_list(&n.enum_values)),
            ),
            (false, true) => self.emit(
                Rule::EnumRemoved,
                path,
                "enum-removed",
                format!("no longer limited to {} (now free)", enum_list(&o.enum_values)),
            ),
            (false, false) => {
                for v in o.enum_values.iter().filter(|v| !n.enum_values.contains(v)) {
                    self.emit(Rule::EnumValueRemoved, path, "enum-value-removed", format!("enum value `{v}` removed"));
                }
                for v in n.enum_values.iter().filter(|v| !o.enum_values.contains(v)) {
                    self.emit(Rule::EnumValueAdded, path, "enum-value-added", format!("enum value `{v}` added"));
                }
            }
            (true, true) => {}
        }
        match (&o.constant, &n.constant) {
            (None, Some(b)) => self.emit(Rule::ConstantSet, path, "constant-added", format!("now the constant `{b}`")),
            (Some(a), Some(b)) if a != b => {
                self.emit(Rule::ConstantSet, path, "constant-changed", format!("constant changed from `{a}` to `{b}`"))
            }
            (Some(a), None) => {
                self.emit(Rule::ConstantRemoved, path, "constant-removed", format!("no longer the constant `{a}`"))
            }
            _ => {}
        }
        self.fields(&o.fields, &n.fields, &child_prefix(path, &n.ty));
    }
}

/// The changes as a Markdown report: a summary line, then one section per operation,
/// breaking changes first.
pub fn render_markdown(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "No spec changes\n".to_string();
    }
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by(|a, b| order(a, b));
    let count = |s: Severity| sorted.iter().filter(|c| c.severity == s).count();
    let (b, w, i) = (count(Severity::Breaking), count(Severity::Warning), count(Severity::Info));
    let ops: BTreeSet<(&str, &str)> = sorted.iter().map(|c| (c.provider.as_str(), c.operation.as_str())).collect();
    let plural = |n: usize, word: &str| {
        if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
    };
    let mut out = format!(
        "**{b} breaking**, {}, {} in {}\n",
        plural(w, "warning"),
        plural(i, "info change"),
        plural(ops.len(), "operation")
    );
    let mut current: Option<(&str, &str)> = None;
    for c in sorted {
        let op = (c.provider.as_str(), c.operation.as_str());
        if current != Some(op) {
            out.push_str(&format!("\n### {} {}\n\n", c.provider, c.operation));
            current = Some(op);
        }
        let path = if c.path.is_empty() { String::new() } else { format!(" `{}`", c.path) };
        let link = c.link.as_ref().map(|u| format!(" ([page]({u}))")).unwrap_or_default();
        out.push_str(&format!("- **{}** {}{path}: {}{link}\n", c.severity, c.section, c.message));
    }
    out
}

/// The changes one line each: `breaking payermax/applyDropinSession request data.x: message`.
pub fn render_text(changes: &[Change]) -> String {
    let mut out = String::new();
    for c in changes {
        let path = if c.path.is_empty() { String::new() } else { format!(" {}", c.path) };
        out.push_str(&format!("{} {}/{} {}{path}: {}\n", c.severity, c.provider, c.operation, c.section, c.message));
    }
    out
}

/// The changes as a pretty-printed JSON array.
pub fn render_json(changes: &[Change]) -> String {
    // Plain strings and unit variants: serializing cannot fail.
    serde_json::to_string_pretty(changes).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Body, Provider, ResultCode, Source, Type};

    fn spec(op: &str, lang: &str) -> Spec {
        Spec {
            provider: Provider::Payermax,
            operation: op.into(),
            title: op.into(),
            lang: lang.into(),
            source: Source {
                page: format!("pages/{op}.txt"),
                url: Some(format!("https://example.com/{op}")),
                form: "text".into(),
                overlay: None,
            },
            method: Some("POST".into()),
            path: Some(format!("/api/{op}")),
            servers: Vec::new(),
            description: String::new(),
            scalars_as_strings: false,
            headers: vec![req(Field::new("sign", Type::String, "line 1"))],
            request: Body {
                content_type: None,
                fields: vec![
                    req(Field::new("version", Type::String, "line 2")),
                    Field {
                        fields: vec![
                            Field { max_length: Some(3), ..req(Field::new("currency", Type::String, "line 4")) },
                            Field {
                                enum_values: vec!["A".into(), "B".into()],
                                ..Field::new("mode", Type::String, "line 5")
                            },
                            Field {
                                fields: vec![req(Field::new("price", Type::String, "line 7"))],
                                ..Field::new("items", Type::Array(Box::new(Type::Object)), "line 6")
                            },
                        ],
                        ..req(Field::new("data", Type::Object, "line 3"))
                    },
                ],
            },
            response: Body {
                content_type: None,
                fields: vec![
                    req(Field::new("code", Type::String, "line 10")),
                    Field {
                        enum_values: vec!["OK".into(), "FAIL".into()],
                        ..req(Field::new("status", Type::String, "line 11"))
                    },
                ],
            },
            examples: Vec::new(),
            result_codes: vec![code("SUCCESS")],
            notifications: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn req(f: Field) -> Field {
        Field { required: true, ..f }
    }

    fn code(c: &str) -> ResultCode {
        ResultCode {
            code: c.into(),
            status: Some("S".into()),
            message: String::new(),
            action: String::new(),
            at: "line 20".into(),
        }
    }

    fn data(s: &mut Spec) -> &mut Field {
        &mut s.request.fields[1]
    }

    /// (severity, section, path, kind) of each change.
    fn summary(changes: &[Change]) -> Vec<(Severity, &str, &str, &str)> {
        changes.iter().map(|c| (c.severity, c.section.as_str(), c.path.as_str(), c.kind.as_str())).collect()
    }

    fn one_change(edit: impl FnOnce(&mut Spec)) -> Vec<(Severity, String, String, String)> {
        let old = spec("pay", "zh");
        let mut new = old.clone();
        edit(&mut new);
        diff(&[old], &[new]).into_iter().map(|c| (c.severity, c.section, c.path, c.kind)).collect()
    }

    fn expect(sev: Severity, section: &str, path: &str, kind: &str) -> Vec<(Severity, String, String, String)> {
        vec![(sev, section.into(), path.into(), kind.into())]
    }

    #[test]
    fn identical_specs_have_no_changes() {
        assert!(diff(&[spec("pay", "zh")], &[spec("pay", "zh")]).is_empty());
        assert_eq!(render_markdown(&[]), "No spec changes\n");
    }

    #[test]
    fn operations_added_and_removed() {
        let changes = diff(&[spec("a", "zh")], &[spec("b", "zh")]);
        assert_eq!(
            summary(&changes),
            vec![
                (Severity::Breaking, "operation", "", "operation-removed"),
                (Severity::Info, "operation", "", "operation-added"),
            ]
        );
        assert_eq!(changes[0].operation, "a");
        assert_eq!(changes[0].link.as_deref(), Some("https://example.com/a"));
        assert_eq!(changes[1].message, "new operation POST /api/b");
    }

    #[test]
    fn specs_match_by_language_and_name_it_when_ambiguous() {
        let changes = diff(&[spec("a", "zh"), spec("a", "en")], &[spec("a", "zh")]);
        assert_eq!(summary(&changes), vec![(Severity::Breaking, "operation", "", "operation-removed")]);
        assert_eq!(changes[0].operation, "a.en");
    }

    #[test]
    fn method_and_path_changes_are_breaking() {
        assert_eq!(
            one_change(|s| s.method = Some("GET".into())),
            expect(Severity::Breaking, "operation", "", "method-changed")
        );
        assert_eq!(
            one_change(|s| s.path = Some("/api/v2/pay".into())),
            expect(Severity::Breaking, "operation", "", "path-changed")
        );
    }

    #[test]
    fn added_fields_by_side_and_requiredness() {
        assert_eq!(
            one_change(|s| data(s).fields.push(req(Field::new("x", Type::String, "")))),
            expect(Severity::Breaking, "request", "data.x", "required-field-added")
        );
        assert_eq!(
            one_change(|s| data(s).fields.push(Field::new("x", Type::String, ""))),
            expect(Severity::Info, "request", "data.x", "optional-field-added")
        );
        assert_eq!(
            one_change(|s| s.response.fields.push(req(Field::new("x", Type::String, "")))),
            expect(Severity::Info, "response", "x", "required-field-added")
        );
        assert_eq!(
            one_change(|s| s.headers.push(req(Field::new("X-Trace", Type::String, "")))),
            expect(Severity::Breaking, "header", "X-Trace", "required-field-added")
        );
    }

    #[test]
    fn removed_fields_by_side_without_their_children() {
        assert_eq!(
            one_change(|s| {
                data(s).fields.remove(2);
            }),
            expect(Severity::Warning, "request", "data.items", "field-removed")
        );
        assert_eq!(
            one_change(|s| {
                s.response.fields.remove(1);
            }),
            expect(Severity::Breaking, "response", "status", "field-removed")
        );
        // An added object's children are not reported either.
        assert_eq!(
            one_change(|s| {
                let mut o = Field::new("extra", Type::Object, "");
                o.fields.push(req(Field::new("deep", Type::String, "")));
                s.response.fields.push(o);
            }),
            expect(Severity::Info, "response", "extra", "optional-field-added")
        );
    }

    #[test]
    fn same_position_same_type_is_a_rename() {
        let old = spec("pay", "zh");
        let mut new = old.clone();
        data(&mut new).fields[0].name = "currencyCode".into();
        data(&mut new).fields[0].max_length = Some(2);
        let changes = diff(&[old], &[new]);
        assert_eq!(
            summary(&changes),
            vec![
                (Severity::Breaking, "request", "data.currency", "field-renamed"),
                (Severity::Breaking, "request", "data.currencyCode", "max-length-decreased"),
            ]
        );
        assert_eq!(changes[0].message, "renamed to `data.currencyCode` (same position and type: likely a rename)");
    }

    #[test]
    fn a_rename_is_breaking_in_a_response_too() {
        assert_eq!(
            one_change(|s| s.response.fields[0].name = "retCode".into()),
            expect(Severity::Breaking, "response", "code", "field-renamed")
        );
    }

    #[test]
    fn other_position_or_type_is_not_a_rename() {
        // Another type at the same position.
        assert_eq!(
            one_change(|s| {
                data(s).fields[0] = Field::new("amount", Type::Integer, "");
            }),
            vec![
                (Severity::Warning, "request".into(), "data.currency".into(), "field-removed".into()),
                (Severity::Info, "request".into(), "data.amount".into(), "optional-field-added".into()),
            ]
        );
        // The new field appended at the end, not at the old position.
        assert_eq!(
            one_change(|s| {
                let f = data(s).fields.remove(0);
                data(s).fields.push(Field { name: "currencyCode".into(), ..f });
            }),
            vec![
                (Severity::Breaking, "request".into(), "data.currencyCode".into(), "required-field-added".into()),
                (Severity::Warning, "request".into(), "data.currency".into(), "field-removed".into()),
            ]
        );
    }

    #[test]
    fn header_names_ignore_case() {
        assert!(one_change(|s| s.headers[0].name = "Sign".into()).is_empty());
        assert_eq!(
            one_change(|s| data(s).fields[0].name = "Currency".into()),
            expect(Severity::Breaking, "request", "data.currency", "field-renamed")
        );
    }

    #[test]
    fn type_changes_are_breaking_on_both_sides() {
        assert_eq!(
            one_change(|s| data(s).fields[0].ty = Type::Integer),
            expect(Severity::Breaking, "request", "data.currency", "type-changed")
        );
        assert_eq!(
            one_change(|s| s.response.fields[0].ty = Type::Integer),
            expect(Severity::Breaking, "response", "code", "type-changed")
        );
    }

    #[test]
    fn required_flips_by_side() {
        assert_eq!(
            one_change(|s| data(s).fields[1].required = true),
            expect(Severity::Breaking, "request", "data.mode", "became-required")
        );
        assert_eq!(
            one_change(|s| data(s).fields[0].required = false),
            expect(Severity::Info, "request", "data.currency", "became-optional")
        );
        assert_eq!(
            one_change(|s| s.response.fields[0].required = false),
            expect(Severity::Breaking, "response", "code", "became-optional")
        );
        assert_eq!(
            one_change(|s| s.headers[0].required = false),
            expect(Severity::Info, "header", "sign", "became-optional")
        );
    }

    #[test]
    fn max_length_changes_by_direction_and_side() {
        let cur = |n: Option<u64>| move |s: &mut Spec| data(s).fields[0].max_length = n;
        assert_eq!(
            one_change(cur(Some(2))),
            expect(Severity::Breaking, "request", "data.currency", "max-length-decreased")
        );
        assert_eq!(
            one_change(cur(Some(4))),
            expect(Severity::Info, "request", "data.currency", "max-length-increased")
        );
        assert_eq!(one_change(cur(None)), expect(Severity::Info, "request", "data.currency", "max-length-removed"));
        assert_eq!(
            one_change(|s| data(s).fields[1].max_length = Some(1)),
            expect(Severity::Breaking, "request", "data.mode", "max-length-added")
        );
        assert_eq!(
            one_change(|s| s.response.fields[0].max_length = Some(8)),
            expect(Severity::Info, "response", "code", "max-length-added")
        );
    }

    #[test]
    fn enum_changes_by_side() {
        let mode = |v: &[&str]| {
            let v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            move |s: &mut Spec| data(s).fields[1].enum_values = v
        };
        assert_eq!(one_change(mode(&["A"])), expect(Severity::Breaking, "request", "data.mode", "enum-value-removed"));
        assert_eq!(
            one_change(mode(&["A", "B", "C"])),
            expect(Severity::Info, "request", "data.mode", "enum-value-added")
        );
        assert_eq!(one_change(mode(&[])), expect(Severity::Info, "request", "data.mode", "enum-removed"));
        assert_eq!(
            one_change(|s| data(s).fields[0].enum_values = vec!["USD".into()]),
            expect(Severity::Breaking, "request", "data.currency", "enum-added")
        );
        let status = |v: &[&str]| {
            let v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            move |s: &mut Spec| s.response.fields[1].enum_values = v
        };
        assert_eq!(one_change(status(&["OK"])), expect(Severity::Warning, "response", "status", "enum-value-removed"));
        assert_eq!(
            one_change(status(&["OK", "FAIL", "PENDING"])),
            expect(Severity::Warning, "response", "status", "enum-value-added")
        );
        assert_eq!(one_change(status(&[])), expect(Severity::Warning, "response", "status", "enum-removed"));
        assert_eq!(
            one_change(|s| s.response.fields[0].enum_values = vec!["X".into()]),
            expect(Severity::Warning, "response", "code", "enum-added")
        );
    }

    #[test]
    fn constant_changes_by_side() {
        let version = |c: Option<&str>| {
            let c = c.map(str::to_string);
            move |s: &mut Spec| s.request.fields[0].constant = c
        };
        assert_eq!(
            one_change(version(Some("1.1"))),
            expect(Severity::Breaking, "request", "version", "constant-added")
        );
        let old = {
            let mut s = spec("pay", "zh");
            s.request.fields[0].constant = Some("1.0".into());
            s
        };
        let mut new = old.clone();
        new.request.fields[0].constant = Some("1.1".into());
        assert_eq!(
            summary(&diff(std::slice::from_ref(&old), &[new])),
            vec![(Severity::Breaking, "request", "version", "constant-changed")]
        );
        let mut new = old.clone();
        new.request.fields[0].constant = None;
        assert_eq!(
            summary(&diff(std::slice::from_ref(&old), &[new])),
            vec![(Severity::Info, "request", "version", "constant-removed")]
        );
        assert_eq!(
            one_change(|s| s.response.fields[0].constant = Some("OK".into())),
            expect(Severity::Warning, "response", "code", "constant-added")
        );
    }

    #[test]
    fn result_codes_added_and_removed() {
        assert_eq!(
            one_change(|s| s.result_codes.push(code("CARD_DECLINED"))),
            expect(Severity::Warning, "result-codes", "", "result-code-added")
        );
        assert_eq!(
            one_change(|s| s.result_codes.clear()),
            expect(Severity::Info, "result-codes", "", "result-code-removed")
        );
    }

    #[test]
    fn array_children_use_bracket_paths() {
        assert_eq!(
            one_change(|s| data(s).fields[2].fields[0].ty = Type::Number),
            expect(Severity::Breaking, "request", "data.items[].price", "type-changed")
        );
    }

    #[test]
    fn order_is_provider_operation_severity_section_path() {
        let old = spec("pay", "zh");
        let mut new = old.clone();
        new.response.fields[1].enum_values.push("PENDING".into()); // response warning
        data(&mut new).fields[1].max_length = Some(4); // request breaking
        new.headers.push(Field::new("X-Trace", Type::String, "")); // header info
        data(&mut new).fields[0].required = false; // request info
        new.response.fields.remove(0); // response breaking
        let changes = diff(&[old.clone(), spec("b", "zh")], &[new, spec("b", "zh")]);
        assert_eq!(
            summary(&changes),
            vec![
                (Severity::Breaking, "request", "data.mode", "max-length-added"),
                (Severity::Breaking, "response", "code", "field-removed"),
                (Severity::Warning, "response", "status", "enum-value-added"),
                (Severity::Info, "header", "X-Trace", "optional-field-added"),
                (Severity::Info, "request", "data.currency", "became-optional"),
            ]
        );
        // The same input in another order gives the same output.
        let mut new2 = old.clone();
        new2.response.fields.remove(0);
        assert_eq!(diff(&[spec("b", "zh"), old.clone()], &[new2.clone(), spec("b", "zh")]), diff(&[old], &[new2]));
    }

    #[test]
    fn renderers() {
        let old = spec("pay", "zh");
        let mut new = old.clone();
        new.response.fields.remove(0);
        data(&mut new).fields[1].required = true;
        new.headers.push(Field::new("X-Trace", Type::String, ""));
        let mut changes = diff(&[old, spec("gone", "zh")], &[new]);
        changes[0].link = None;
        assert_eq!(
            render_markdown(&changes),
            "**3 breaking**, 0 warnings, 1 info change in 2 operations\n\
             \n### payermax gone\n\n\
             - **breaking** operation: operation removed (was POST /api/gone)\n\
             \n### payermax pay\n\n\
             - **breaking** request `data.mode`: became required (was optional) ([page](https://example.com/pay))\n\
             - **breaking** response `code`: field removed ([page](https://example.com/pay))\n\
             - **info** header `X-Trace`: new optional field (string) ([page](https://example.com/pay))\n"
        );
        assert_eq!(
            render_text(&changes),
            "breaking payermax/gone operation: operation removed (was POST /api/gone)\n\
             breaking payermax/pay request data.mode: became required (was optional)\n\
             breaking payermax/pay response code: field removed\n\
             info payermax/pay header X-Trace: new optional field (string)\n"
        );
        let json: serde_json::Value = serde_json::from_str(&render_json(&changes)).unwrap();
        assert_eq!(json[1]["severity"], "breaking");
        assert_eq!(json[1]["path"], "data.mode");
        assert_eq!(json[1]["kind"], "became-required");
        assert_eq!(json[1]["link"], "https://example.com/pay");
        assert!(json[0].get("link").is_none());
        assert_eq!(json.as_array().map(Vec::len), Some(4));
    }

    #[test]
    fn markdown_sorts_unsorted_input_breaking_first() {
        let old = spec("pay", "zh");
        let mut new = old.clone();
        new.headers.push(Field::new("X-Trace", Type::String, ""));
        new.response.fields.remove(0);
        let mut changes = diff(&[old], &[new]);
        changes.reverse();
        let md = render_markdown(&changes);
        let breaking = md.find("- **breaking**").unwrap();
        let info = md.find("- **info**").unwrap();
        assert!(breaking < info, "{md}");
        assert!(md.starts_with("**1 breaking**, 0 warnings, 1 info change in 1 operation\n"), "{md}");
    }
}
