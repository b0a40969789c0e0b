//! Overlays: small hand-written YAML corrections applied to a scraped spec, so a rescrape
//! never loses them (`spec/overlays/<provider>/<operation>.yaml`).

use serde::{Deserialize, Serialize};

use super::{Field, Method, Origin, Spec, Type};

/// A correction of one field, found by section and dotted path (`data.items[].price`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldPatch {
    /// `header`, `request` or `response`.
    pub section: String,
    pub path: String,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Type>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The corrections for one operation page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// One of GET, POST, PUT, PATCH, DELETE (any case); anything else does not load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldPatch>,
}

impl Overlay {
    pub fn from_yaml(src: &str) -> Result<Overlay, String> {
        super::yaml::from_str(src)
    }

    /// Applies the corrections. The path must be a URL path and every patch must find its
    /// field; the errors name the key.
    pub fn apply(&self, spec: &mut Spec) -> Result<(), Vec<String>> {
        let mut errors = Vec::new();
        if let Some(m) = self.method {
            spec.method = Some(m);
        }
        if let Some(p) = &self.path {
            match super::check_path(p) {
                Ok(()) => {
                    spec.path = Some(p.clone());
                    spec.warnings.retain(|w| w.kind != super::WarningKind::NoPath);
                }
                Err(e) => errors.push(format!("path: {e}")),
            }
        }
        if let Some(t) = &self.title {
            spec.title = t.clone();
        }
        for patch in &self.fields {
            let list = match patch.section.as_str() {
                "header" => &mut spec.headers,
                "request" => &mut spec.request.fields,
                "response" => &mut spec.response.fields,
                other => {
                    errors.push(format!("fields: unknown section `{other}` (expected header, request or response)"));
                    continue;
                }
            };
            match find_mut(list, &patch.path) {
                Some(field) => patch.apply_to(field),
                None => errors.push(format!("fields: no {} field `{}` on the page", patch.section, patch.path)),
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

impl FieldPatch {
    fn apply_to(&self, f: &mut Field) {
        if let Some(t) = &self.ty {
            f.ty = t.clone();
        }
        if let Some(r) = self.required {
            f.required = r;
        }
        if let Some(m) = self.max_length {
            f.max_length = Some(m);
        }
        if let Some(e) = &self.enum_values {
            f.enum_values = e.clone();
        }
        if let Some(c) = &self.constant {
            f.constant = Some(c.clone());
        }
        if let Some(s) = self.sensitive {
            f.sensitive = s;
        }
        if let Some(d) = &self.description {
            f.description = d.clone();
        }
        f.origin = Origin::Overlay;
    }
}

/// Finds a field by dotted path; `[]` after a segment is optional.
pub fn find_mut<'a>(fields: &'a mut [Field], path: &str) -> Option<&'a mut Field> {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let head = head.trim_end_matches("[]");
    let field = fields.iter_mut().find(|f| f.name == head)?;
    match rest {
        None => Some(field),
        Some(rest) => find_mut(&mut field.fields, rest),
    }
}
