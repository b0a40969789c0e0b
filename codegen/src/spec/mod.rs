//! The spec model: one operation of one doc page, normalized; the single type between the
//! scraping and the generating halves of the pipeline.
//!
//! Submodules: [`yaml`] (the only place that touches the YAML crate), [`manifest`] (the
//! page list), [`overlay`] (hand-written corrections applied after scraping).

pub mod diff;
pub mod lint;
pub mod manifest;
pub mod overlay;
pub mod types;
pub mod yaml;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The doc sites this project knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Payermax,
    Antom,
    Pingpong,
}

impl Provider {
    pub const ALL: [Provider; 3] = [Provider::Payermax, Provider::Antom, Provider::Pingpong];

    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Payermax => "payermax",
            Provider::Antom => "antom",
            Provider::Pingpong => "pingpong",
        }
    }

    /// The name people write, for doc comments.
    pub fn display_name(self) -> &'static str {
        match self {
            Provider::Payermax => "PayerMax",
            Provider::Antom => "Antom",
            Provider::Pingpong => "PingPong Checkout",
        }
    }
}

impl FromStr for Provider {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown provider `{s}` (expected payermax, antom or pingpong)"))
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A field's wire type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array(Box<Type>),
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::String => f.write_str("string"),
            Type::Integer => f.write_str("integer"),
            Type::Number => f.write_str("number"),
            Type::Boolean => f.write_str("boolean"),
            Type::Object => f.write_str("object"),
            Type::Array(item) => write!(f, "array<{item}>"),
        }
    }
}

impl FromStr for Type {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "string" => Type::String,
            "integer" => Type::Integer,
            "number" => Type::Number,
            "boolean" => Type::Boolean,
            "object" => Type::Object,
            _ => match s.strip_prefix("array<").and_then(|r| r.strip_suffix('>')) {
                Some(item) => Type::Array(Box::new(item.parse()?)),
                None => return Err(format!("unknown type `{s}`")),
            },
        })
    }
}

impl Serialize for Type {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Type {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Type {
    /// The innermost item type of nested arrays.
    pub fn leaf(&self) -> &Type {
        match self {
            Type::Array(item) => item.leaf(),
            t => t,
        }
    }

    /// Whether values of this type have child fields (objects, arrays of objects).
    pub fn has_children(&self) -> bool {
        matches!(self.leaf(), Type::Object)
    }
}

/// A format hint the page states for a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    DateTime,
    Url,
}

/// Where a field's facts came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The page's field table or field list.
    #[default]
    Table,
    /// Only an example on the page; the type is inferred from the example value.
    Example,
    /// A hand-written overlay.
    Overlay,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_table(o: &Origin) -> bool {
    *o == Origin::Table
}

/// One field of a header set, request or response, with its children.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The exact wire name.
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
    /// The page's own name for an object type (`Amount`), where it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    /// The enum values come from the description's prose ("value is A,B,C", "Valid values
    /// are:", `枚举值:`), not from an Enum column or Enum Reference: the vendors' own examples
    /// send other values, so requests must not reject undocumented ones.
    #[serde(default, skip_serializing_if = "is_false")]
    pub enum_inferred: bool,
    /// The one value the field must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
    /// A value the description calls "current" (`当前值为:1.6`): a hint, not a constraint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Card data, credentials, tokens and signatures: never printed by generated code.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    #[serde(default, skip_serializing_if = "is_table")]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Where on the page the field is defined (`line 24`, `table 3 row 5`).
    pub at: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

impl Field {
    pub fn new(name: impl Into<String>, ty: Type, at: impl Into<String>) -> Self {
        Field {
            name: name.into(),
            ty,
            type_name: None,
            required: false,
            max_length: None,
            enum_values: Vec::new(),
            enum_inferred: false,
            constant: None,
            current_value: None,
            format: None,
            sensitive: false,
            origin: Origin::Table,
            description: String::new(),
            at: at.into(),
            fields: Vec::new(),
        }
    }

    /// Visits this field and all below it with their dotted paths (`data.items[].price`).
    pub fn walk<'a>(&'a self, prefix: &str, f: &mut dyn FnMut(&str, &'a Field)) {
        let path = join_path(prefix, &self.name);
        f(&path, self);
        let children = child_prefix(&path, &self.ty);
        for c in &self.fields {
            c.walk(&children, f);
        }
    }
}

/// A field's dotted path under `prefix`.
pub fn join_path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") }
}

/// The prefix of a field's children: its path, with `[]` after an array.
pub fn child_prefix(path: &str, ty: &Type) -> String {
    match ty {
        Type::Array(_) => format!("{path}[]"),
        _ => path.to_string(),
    }
}

/// Visits every field of a list with its dotted path.
pub fn walk_fields<'a>(fields: &'a [Field], f: &mut dyn FnMut(&str, &'a Field)) {
    for field in fields {
        field.walk("", f);
    }
}

/// A request or response body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default)]
    pub fields: Vec<Field>,
}

/// Which message an example shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    Headers,
    Request,
    Response,
}

/// A JSON example from the page, parsed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub kind: ExampleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub at: String,
    pub value: serde_json::Value,
}

/// A row of a result-code table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultCode {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    pub at: String,
}

/// One kind of asynchronous notification a page describes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    pub title: String,
    /// What triggers it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<String>,
    /// Delivery rules the page states for all notifications (acknowledgement, retries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    pub at: String,
}

/// What a warning is about, so `lint` and reviewers can sort them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// Junk the doc site appended to the path.
    PathJunk,
    /// The page gives no endpoint path.
    NoPath,
    /// A field's type is known only from an example.
    TypeFromExample,
    /// An example value outside the documented enum (or in another case).
    ExampleEnum,
    /// An example key the field table lacks.
    ExampleKeyMissing,
    /// An example that leaves out a field the table marks required.
    ExampleIncomplete,
    /// An example value of another type than the table's.
    ExampleType,
    /// An example value that breaks a constant, or a "current value" the example disagrees with.
    ExampleValue,
    /// An example that is not valid JSON.
    ExampleInvalid,
    /// An object whose children are not on the page.
    ChildrenMissing,
    /// A cell or paragraph that could not be read fully.
    Unreadable,
    /// A table cut off, a section missing.
    Truncated,
    /// A description that is only a value: an enum, a constant, or an example?
    Unclear,
    /// The page contradicts itself.
    Contradiction,
}

/// Something the page leaves unclear or contradicts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub kind: WarningKind,
    pub at: String,
    pub message: String,
}

/// Where the page came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The snapshot, relative to `spec/`.
    pub page: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The form the page was read in: html, markdown or text.
    pub form: String,
    /// The overlay applied after scraping, relative to `spec/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<String>,
}

/// A host the page names for calling the API: `https://pay-gate-uat.payermax.com`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Server {
    /// `sandbox` or `production`: from the page's label ("Test Environment", "测试环境")
    /// or, where it gives none, from the host's name.
    pub name: String,
    /// Scheme and host, without a path: the endpoint's `path` is joined to it.
    pub url: String,
}

/// One operation as one doc page describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub provider: Provider,
    /// The operation id: the last path segment where the page gives a path.
    pub operation: String,
    pub title: String,
    /// The page's language (`en`, `zh`).
    pub lang: String,
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The environments the page lists, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The site sends every non-array value as a JSON string (`"20"`, `"true"`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub scalars_as_strings: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Field>,
    #[serde(default)]
    pub request: Body,
    #[serde(default)]
    pub response: Body,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub result_codes: Vec<ResultCode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notifications: Vec<Notification>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Spec {
    /// The file this spec is written to, relative to `spec/`.
    pub fn file_name(&self) -> String {
        format!("{}/{}.{}.yaml", self.provider, self.operation, self.lang)
    }

    /// Counts every field, headers included: the layout-change guard compares this.
    pub fn field_count(&self) -> usize {
        let mut n = 0;
        for list in [&self.headers, &self.request.fields, &self.response.fields] {
            walk_fields(list, &mut |_, _| n += 1);
        }
        n
    }

    pub fn warn(&mut self, kind: WarningKind, at: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning { kind, at: at.into(), message: message.into() });
    }

    /// The flat listing of `scrape --fields`: `METHOD PATH`, then one tab-separated line a field.
    pub fn fields_listing(&self) -> String {
        let mut out = format!("{} {}\n", self.method.as_deref().unwrap_or("-"), self.path.as_deref().unwrap_or("-"));
        for (section, list) in
            [("header", &self.headers), ("request", &self.request.fields), ("response", &self.response.fields)]
        {
            walk_fields(list, &mut |path, f| {
                let values = match (&f.constant, f.enum_values.is_empty()) {
                    (Some(c), _) => c.clone(),
                    (None, false) => f.enum_values.join("|"),
                    (None, true) => "-".to_string(),
                };
                out.push_str(&format!(
                    "{section}\t{path}\t{}\t{}\t{}\t{values}\n",
                    f.ty,
                    if f.required { "required" } else { "optional" },
                    f.max_length.map_or_else(|| "-".to_string(), |m| m.to_string()),
                ));
            });
        }
        out
    }
}
