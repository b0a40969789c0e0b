//! Provider-level type definitions (`spec/overlays/<provider>/types.yaml`): the child fields
//! of objects a page collapses ("Show child parameters"), filled in after scraping.
//!
//! A definition is found by the page's own name for an object's type (`type_name`). Where
//! the page shows an object's children itself, the page wins, and a definition that gives
//! one of them another type or required flag is a warning naming both places.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Field, Format, Origin, Spec, Type, WarningKind};

/// The file name of a provider's type definitions under `spec/overlays/<provider>/`.
pub const FILE_NAME: &str = "types.yaml";

/// Objects nested deeper than this are left without children: definitions may refer to
/// each other in cycles.
const MAX_DEPTH: usize = 8;

/// Every type definition of one provider.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDefs {
    pub types: Vec<TypeDef>,
}

/// One object type as the provider's API reference defines it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// The type's name as the pages write it (`Amount`).
    pub name: String,
    /// The page the definition was read from.
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub description: String,
    pub fields: Vec<DefField>,
}

/// A field of a defined type.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefField {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
    /// Another type of the same file, for objects and arrays of objects.
    #[serde(default)]
    pub type_name: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub max_length: Option<u64>,
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<String>,
    #[serde(default)]
    pub format: Option<Format>,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub description: String,
}

impl TypeDefs {
    /// Reads and checks a definitions file: names unique, every `type_name` defined. The
    /// error is one line and names the line where YAML gives one.
    pub fn from_yaml(src: &str) -> Result<TypeDefs, String> {
        let defs: TypeDefs = super::yaml::from_str(src)?;
        let mut seen = BTreeMap::new();
        for (i, t) in defs.types.iter().enumerate() {
            if seen.insert(t.name.as_str(), i).is_some() {
                return Err(format!("type `{}` is defined twice", t.name));
            }
        }
        for t in &defs.types {
            for f in &t.fields {
                if let Some(n) = &f.type_name
                    && !seen.contains_key(n.as_str())
                {
                    return Err(format!("`{}.{}` refers to `{n}`, which the file does not define", t.name, f.name));
                }
                if f.type_name.is_some() && !f.ty.has_children() {
                    return Err(format!("`{}.{}` names a type but is a {}, not an object", t.name, f.name, f.ty));
                }
            }
        }
        Ok(defs)
    }

    fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    /// Fills in every collapsed object of `spec` whose type is defined here, and warns
    /// where a definition disagrees with children the page shows. `file` is how warnings
    /// name the definitions (`spec/overlays/antom/types.yaml`).
    pub fn apply(&self, spec: &mut Spec, file: &str) {
        let mut filled = Vec::new();
        let mut conflicts = Vec::new();
        for (section, list) in [
            ("header", &mut spec.headers),
            ("request", &mut spec.request.fields),
            ("response", &mut spec.response.fields),
        ] {
            for f in list.iter_mut() {
                self.visit(f, section, "", file, &mut filled, &mut conflicts);
            }
        }
        if filled.is_empty() && conflicts.is_empty() {
            return;
        }
        // The "children missing" warning of a filled object no longer holds.
        spec.warnings.retain(|w| {
            w.kind != WarningKind::ChildrenMissing
                || !filled.iter().any(|(section, path)| w.message.starts_with(&format!("{section} `{path}` ")))
        });
        for (at, message) in conflicts {
            spec.warn(WarningKind::Contradiction, at, message);
        }
    }

    fn visit(
        &self,
        f: &mut Field,
        section: &str,
        prefix: &str,
        file: &str,
        filled: &mut Vec<(String, String)>,
        conflicts: &mut Vec<(String, String)>,
    ) {
        let path = super::join_path(prefix, &f.name);
        let def = f.type_name.as_deref().filter(|_| f.ty.has_children()).and_then(|n| self.get(n));
        match def {
            Some(def) if f.fields.is_empty() => {
                f.fields = self.children(def, &f.at, 1);
                filled.push((section.to_string(), path.clone()));
            }
            Some(def) => {
                for child in &f.fields {
                    let Some(d) = def.fields.iter().find(|d| d.name == child.name) else { continue };
                    let mut differs = Vec::new();
                    if d.ty != child.ty {
                        differs.push(format!("type {} there, {} on the page", d.ty, child.ty));
                    }
                    if d.required != child.required {
                        differs.push(format!(
                            "{} there, {} on the page",
                            if d.required { "required" } else { "optional" },
                            if child.required { "required" } else { "optional" }
                        ));
                    }
                    if !differs.is_empty() {
                        conflicts.push((
                            child.at.clone(),
                            format!(
                                "{section} `{path}.{}` disagrees with `{}.{}` in {file} ({}); the page wins",
                                child.name,
                                def.name,
                                d.name,
                                differs.join("; ")
                            ),
                        ));
                    }
                }
            }
            None => {}
        }
        let children = super::child_prefix(&path, &f.ty);
        for c in &mut f.fields {
            if c.origin != Origin::Overlay {
                self.visit(c, section, &children, file, filled, conflicts);
            }
        }
    }

    /// A definition's fields as spec fields, at the place of the collapsed object on the page.
    fn children(&self, def: &TypeDef, at: &str, depth: usize) -> Vec<Field> {
        def.fields
            .iter()
            .map(|d| {
                let mut f = Field::new(d.name.clone(), d.ty.clone(), at);
                f.type_name = d.type_name.clone();
                f.required = d.required;
                f.max_length = d.max_length;
                f.enum_values = d.enum_values.clone();
                f.format = d.format;
                f.sensitive = d.sensitive;
                f.description = d.description.clone();
                f.origin = Origin::Overlay;
                if let Some(inner) = d.type_name.as_deref().and_then(|n| self.get(n))
                    && depth < MAX_DEPTH
                {
                    f.fields = self.children(inner, at, depth + 1);
                }
                f
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFS: &str = "types:
- name: Amount
  url: https://example.com/amount
  fields:
  - name: currency
    type: string
    required: true
    max_length: 3
  - name: value
    type: string
    required: true
- name: Order
  fields:
  - name: orderAmount
    type: object
    type_name: Amount
    required: true
  - name: note
    type: string
";

    fn collapsed(name: &str, type_name: &str) -> Field {
        let mut f = Field::new(name, Type::Object, "line 7");
        f.type_name = Some(type_name.into());
        f.required = true;
        f
    }

    fn spec_with(fields: Vec<Field>) -> Spec {
        let src = "provider: antom\noperation: op\ntitle: t\nlang: en\nsource: {page: pages/x.txt, form: text}\n";
        let mut spec = crate::spec::yaml::spec_from_str(src).expect("a minimal spec");
        spec.request.fields = fields;
        spec.warn(
            WarningKind::ChildrenMissing,
            "line 7",
            "request `order` is an object whose child fields are not on the page",
        );
        spec
    }

    #[test]
    fn collapsed_objects_get_their_children_at_every_level() {
        let defs = TypeDefs::from_yaml(DEFS).expect("reads");
        let mut spec = spec_with(vec![collapsed("order", "Order")]);
        defs.apply(&mut spec, "spec/overlays/antom/types.yaml");
        let listing = spec.fields_listing();
        assert!(listing.contains("request\torder.orderAmount\tobject\trequired\t-\t-\n"), "{listing}");
        assert!(listing.contains("request\torder.orderAmount.currency\tstring\trequired\t3\t-\n"), "{listing}");
        assert!(listing.contains("request\torder.note\tstring\toptional\t-\t-\n"), "{listing}");
        assert!(spec.warnings.is_empty(), "the children-missing warning goes: {:?}", spec.warnings);
        assert_eq!(spec.request.fields[0].fields[0].origin, Origin::Overlay);
    }

    #[test]
    fn the_page_wins_and_a_disagreement_names_both_places() {
        let defs = TypeDefs::from_yaml(DEFS).expect("reads");
        let mut amount = collapsed("paymentAmount", "Amount");
        let mut currency = Field::new("currency", Type::String, "line 9");
        currency.required = false;
        amount.fields.push(currency);
        let mut spec = spec_with(vec![amount]);
        defs.apply(&mut spec, "spec/overlays/antom/types.yaml");
        assert!(!spec.request.fields[0].fields[0].required, "the page's flag is kept");
        assert_eq!(spec.request.fields[0].fields.len(), 1, "nothing is added to children the page shows");
        let w = spec.warnings.iter().find(|w| w.kind == WarningKind::Contradiction).expect("a warning");
        assert_eq!(w.at, "line 9");
        assert_eq!(
            w.message,
            "request `paymentAmount.currency` disagrees with `Amount.currency` in spec/overlays/antom/types.yaml \
             (required there, optional on the page); the page wins"
        );
    }

    #[test]
    fn an_undefined_type_keeps_the_map_and_its_warning() {
        let defs = TypeDefs::from_yaml(DEFS).expect("reads");
        let mut spec = spec_with(vec![collapsed("order", "RiskData")]);
        spec.warnings[0].message = "request `order` is an object whose child fields are not on the page".into();
        defs.apply(&mut spec, "types.yaml");
        assert!(spec.request.fields[0].fields.is_empty());
        assert_eq!(spec.warnings.len(), 1);
    }

    #[test]
    fn malformed_definitions_are_one_line_errors_with_the_line() {
        let bad = DEFS.replace("    required: true\n    max_length: 3", "    required: maybe\n    max_length: 3");
        let e = TypeDefs::from_yaml(&bad).expect_err("not a boolean");
        assert!(!e.contains('\n') && e.contains("required") && e.contains("line 7"), "{e}");
        let e = TypeDefs::from_yaml(&DEFS.replace("type_name: Amount", "type_name: Money")).expect_err("undefined");
        assert_eq!(e, "`Order.orderAmount` refers to `Money`, which the file does not define");
        let e = TypeDefs::from_yaml(&DEFS.replace("fields:\n  - name: currency", "fields:\n  - nme: currency"))
            .expect_err("unknown key");
        assert!(e.contains("nme") && e.contains("line"), "{e}");
    }
}
