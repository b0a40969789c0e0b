//! PingPong Checkout pages (VuePress/vdoing): guides with key-parameter tables
//! (`参数名 类型 是否必填 描述`, `M` = required), JSON request examples and asynchronous
//! notification rules; API reference pages with the same tables.
//!
//! A guide's table lists only the key parameters, so the fields its example shows besides
//! them are added with their types inferred from the example (and a warning each), and
//! table fields are placed where the example nests them.

use super::common::{self, Col, Tree};
use crate::doc::{Block, Document};
use crate::spec::{Example, ExampleKind, Field, Notification, Origin, Spec, Type, WarningKind};

const NOTIFY: &[&str] = &["异步通知", "通知", "Notification", "Notifications", "Webhook", "Asynchronous notification"];

pub fn extract(doc: &Document, spec: &mut Spec) {
    let mut request = Tree::default();
    let mut response = Tree::default();
    // Paths whose table gives no type, [request, response].
    let mut untyped: [Vec<String>; 2] = Default::default();
    let mut last_label = String::new();
    // Whether the page is in its response part: set by labels that name the request or the
    // response, kept through those that name neither (`场景参数` under `响应参数`).
    let mut in_response = false;
    let mut first_heading_seen = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            // vdoing prints the page title as the one h1; a text copy prints `# ` before every heading.
            Block::Heading { level: 1, text, .. }
                if spec.title.is_empty()
                    && i + 1 < doc.blocks.len()
                    && !is_notify(text)
                    && doc.form != crate::doc::Form::Text =>
            {
                spec.title = text.clone();
            }
            _ => {}
        }
        if matches!(block, Block::Heading { .. }) && !first_heading_seen {
            first_heading_seen = true;
            if spec.title.is_empty() {
                spec.title = common::title_before(doc, i, 40);
            }
        }
        match block {
            Block::Table { header, rows, .. } => {
                let roles: Vec<Col> = header.iter().map(|h| common::column_role(h)).collect();
                let has_facts = roles.contains(&Col::Type) || roles.contains(&Col::Required);
                if !roles.contains(&Col::Name) || !has_facts || roles.contains(&Col::Code) {
                    continue;
                }
                let is_response = in_response;
                for row in rows {
                    let at = row.loc.to_string();
                    let Some(cells) = common::read_row(&roles, row, &|_| None, spec) else { continue };
                    let Some(field) = common::field_from_row(&cells, &at, false, spec) else { continue };
                    if cells.ty.is_empty() {
                        untyped[usize::from(is_response)].push(cells.name.clone());
                    }
                    let mut warn = |kind, message: String| {
                        spec.warnings.push(crate::spec::Warning { kind, at: at.as_str().into(), message })
                    };
                    let path = common::normalize_path(&cells.name);
                    if is_response {
                        response.insert(&path, field, &mut warn)
                    } else {
                        request.insert(&path, field, &mut warn)
                    }
                }
            }
            // A field row without its table: an excerpt that starts mid-table.
            Block::Paragraph { text, loc } if common::row_from_text(text, *loc).is_some() => {
                let Some((roles, row)) = common::row_from_text(text, *loc) else { continue };
                let at = row.loc.to_string();
                let Some(cells) = common::read_row(&roles, &row, &|_| None, spec) else { continue };
                let Some(field) = common::field_from_row(&cells, &at, false, spec) else { continue };
                let is_response = in_response;
                let mut warn = |kind, message: String| {
                    spec.warnings.push(crate::spec::Warning { kind, at: at.as_str().into(), message })
                };
                if is_response {
                    response.insert(&cells.name, field, &mut warn)
                } else {
                    request.insert(&cells.name, field, &mut warn)
                }
            }
            Block::Code { text, loc, lang } if lang.as_deref().is_none_or(|l| l.eq_ignore_ascii_case("json")) => {
                let kind = if in_response { ExampleKind::Response } else { ExampleKind::Request };
                match common::parse_json(text) {
                    Ok(value) => spec.examples.push(Example {
                        kind,
                        title: Some(last_label.clone()).filter(|t| !t.is_empty()),
                        at: loc.to_string(),
                        value,
                    }),
                    Err(e) => spec.warn(WarningKind::ExampleInvalid, loc.to_string(), e),
                }
            }
            b => {
                if let Some(l) = b.label() {
                    last_label = l.to_string();
                    if names_response(l) {
                        in_response = true;
                    } else if names_request(l) {
                        in_response = false;
                    }
                }
            }
        }
    }
    spec.request.fields = request.fields;
    spec.response.fields = response.fields;
    for kind in [ExampleKind::Request, ExampleKind::Response] {
        let Some(ex) = spec.examples.iter().find(|e| e.kind == kind).cloned() else { continue };
        let fields = if kind == ExampleKind::Request { &mut spec.request.fields } else { &mut spec.response.fields };
        if fields.is_empty() {
            continue;
        }
        let untyped = &untyped[usize::from(kind == ExampleKind::Response)];
        type_untyped_from_example(fields, &ex.value, untyped, &mut spec.warnings, &ex.at);
        // A reference page's table is the authority, in page order; only a guide's key-parameter
        // table, whose fields the example nests elsewhere, is merged into the example's shape.
        let fields = if kind == ExampleKind::Request { &mut spec.request.fields } else { &mut spec.response.fields };
        if !is_guide_table(fields, &ex.value) {
            continue;
        }
        let inferred = place_by_example(std::mem::take(fields), &ex.value, &ex.at);
        *fields = inferred.0;
        for path in inferred.1 {
            spec.warnings.push(crate::spec::Warning {
                kind: WarningKind::TypeFromExample,
                at: ex.at.as_str().into(),
                message: format!(
                    "`{path}` is only in the example, not in the table; its type is inferred from the example value"
                ),
            });
        }
    }
    notifications(doc, spec);
}

/// A guide's table: some top-level table field is missing from the example's top level
/// but appears nested inside it.
fn is_guide_table(fields: &[Field], example: &serde_json::Value) -> bool {
    let serde_json::Value::Object(top) = example else { return false };
    let nested = common::infer_fields(example, "");
    fields.iter().any(|f| {
        let mut paths = Vec::new();
        find_key(&nested, &f.name, "", &mut paths);
        !top.contains_key(&f.name) && paths.iter().any(|p| p.contains('.'))
    })
}

/// Fields whose table gives no type take the type of their example value.
fn type_untyped_from_example(
    fields: &mut [Field],
    example: &serde_json::Value,
    untyped: &[String],
    warnings: &mut Vec<crate::spec::Warning>,
    at: &str,
) {
    for path in untyped {
        let mut value = Some(example);
        for seg in path.split('.') {
            value = value.and_then(|v| v.get(seg.trim_end_matches("[]")));
        }
        let (Some(v), Some(f)) = (value, crate::spec::overlay::find_mut(fields, path)) else { continue };
        if v.is_null() || f.ty.has_children() {
            continue;
        }
        f.ty = common::infer_type(v);
        let unclear = format!("`{path}`: the table gives no type");
        warnings.retain(|w| !(w.kind == WarningKind::Unclear && w.message.starts_with(&unclear)));
        warnings.push(crate::spec::Warning {
            kind: WarningKind::TypeFromExample,
            at: at.into(),
            message: format!("`{path}` has no type in the table; {} is inferred from the example value", f.ty),
        });
    }
}

/// Whether the label above a table or code block says it is about the response.
fn names_response(label: &str) -> bool {
    let l = label.to_lowercase();
    ["出参", "响应", "返回", "response", "output"].iter().any(|k| l.contains(k))
}

/// Whether a label names the request part.
fn names_request(label: &str) -> bool {
    let l = label.to_lowercase();
    ["入参", "请求", "request", "input"].iter().any(|k| l.contains(k))
}

fn is_notify(text: &str) -> bool {
    NOTIFY.iter().any(|n| text.contains(n))
}

/// Merges a guide's table fields into the shape its example shows: the example's other keys
/// become example-typed fields, and table fields go where the example puts them. Returns
/// the fields and the paths that only the example gives.
fn place_by_example(table: Vec<Field>, example: &serde_json::Value, at: &str) -> (Vec<Field>, Vec<String>) {
    let mut fields = common::infer_fields(example, at);
    if fields.is_empty() {
        return (table, Vec::new());
    }
    let mut leftovers = Vec::new();
    for tf in table {
        let mut paths = Vec::new();
        find_key(&fields, &tf.name, "", &mut paths);
        match paths.as_slice() {
            [one] => {
                if let Some(slot) = crate::spec::overlay::find_mut(&mut fields, one) {
                    let children = std::mem::take(&mut slot.fields);
                    *slot = tf;
                    if slot.fields.is_empty() && slot.ty.has_children() {
                        slot.fields = children;
                    }
                }
            }
            _ => leftovers.push(tf),
        }
    }
    // Fields the example does not show keep their place at the top level.
    fields.extend(leftovers);
    let mut inferred = Vec::new();
    crate::spec::walk_fields(&fields, &mut |path, f| {
        if f.origin == Origin::Example && !matches!(f.ty, Type::Object) {
            inferred.push(path.to_string());
        }
    });
    (fields, inferred)
}

fn find_key(fields: &[Field], name: &str, prefix: &str, out: &mut Vec<String>) {
    // One path buffer for the whole walk: a path is copied out only where the name matches.
    let mut path = prefix.to_string();
    find_key_under(fields, name, &mut path, out);
}

fn find_key_under(fields: &[Field], name: &str, path: &mut String, out: &mut Vec<String>) {
    for f in fields {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&f.name);
        if f.name == name {
            out.push(path.clone());
        }
        find_key_under(&f.fields, name, path, out);
        path.truncate(len);
    }
}

/// The notification section: its rules (the list under its heading) and one notification
/// per sub-heading, with the triggers listed under it.
fn notifications(doc: &Document, spec: &mut Spec) {
    let Some(start) = doc.blocks.iter().position(|b| matches!(b, Block::Heading { text, .. } if is_notify(text)))
    else {
        return;
    };
    let Block::Heading { level: top_level, .. } = &doc.blocks[start] else { return };
    let mut rules = Vec::new();
    let mut current: Option<Notification> = None;
    let mut events = Vec::new();
    for block in &doc.blocks[start + 1..] {
        match block {
            Block::Heading { level, text, loc } => {
                // A deeper heading, or (text copies print every heading as `#`) one that names a notification.
                if *level > *top_level || is_notify(text) {
                    events.extend(current.take());
                    current = Some(Notification {
                        title: text.clone(),
                        triggers: Vec::new(),
                        rules: Vec::new(),
                        at: loc.to_string(),
                    });
                } else {
                    break;
                }
            }
            Block::List { items, .. } => {
                let texts = items.iter().map(|i| i.text.trim_end_matches([';', ';', '。']).to_string());
                match current.as_mut() {
                    Some(n) => n.triggers.extend(texts),
                    None => rules.extend(texts),
                }
            }
            Block::Paragraph { text, .. } if text.starts_with("上次更新") || text.starts_with("Last Updated") => {
                break;
            }
            _ => {}
        }
    }
    events.extend(current);
    for mut n in events {
        n.rules = rules.clone();
        spec.notifications.push(n);
    }
}
