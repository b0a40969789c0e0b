//! PayerMax API reference pages (a VitePress OpenAPI layout): endpoint bullets, a header
//! parameter table, request and response field tables with dotted paths, JSON examples,
//! and an "Enum Reference" section.

use std::collections::BTreeMap;

use super::common::{self, Col, Tree};
use crate::doc::{Block, Document, Row};
use crate::spec::{Example, ExampleKind, Field, Spec, WarningKind};

const REQUEST: &[&str] = &[
    "Request Body",
    "Request",
    "请求体",
    "请求参数",
    "请求报文",
    // docs-v2: `3. Request Parameter Description`, then `3.1 Headers` and `3.2 Body`.
    "Request Parameters",
    "Request Parameter Description",
    "请求参数说明",
    "Body",
    "Request Parameter",
];
const RESPONSES: &[&str] = &[
    "Responses",
    "Response",
    "响应",
    "响应参数",
    "返回参数",
    "响应报文",
    "Response Parameters",
    "Response Parameter Description",
    "响应参数说明",
    "Response Parameter",
];
const PARAMETERS: &[&str] = &["Parameters", "参数", "Header Parameters", "请求头", "Headers", "Header", "请求头参数"];
const ENUMS: &[&str] = &["Enum Reference", "枚举参考", "枚举说明", "枚举"];
const DESCRIPTION: &[&str] = &["Description", "描述", "接口描述"];
const PARAM_EXAMPLES: &[&str] = &["Parameter Examples", "参数示例"];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Top,
    Description,
    Parameters,
    ParamExamples,
    Request,
    Response,
    /// A response's header table (docs-v2): not read.
    ResponseHeaders,
    Enums,
}

pub fn extract(doc: &Document, spec: &mut Spec) {
    let enum_ref = enum_reference(doc);
    let mut section = Section::Top;
    let mut response_part = false;
    let mut headers = Tree::default();
    let mut request = Tree::default();
    let mut response = Tree::default();
    let mut example_title: Option<String> = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Some(mut next) = section_of(block) {
            // docs-v2 numbers a `Body` and a `Headers` under both the request and the response
            // part (`4. Response Parameter Description`, `4.1 Headers`, `4.2 Body`).
            let bare = block.label().map(|l| common::strip_numbering(l).trim_end_matches([':', '：']).trim());
            let is = |name: &str| bare.is_some_and(|l| l.eq_ignore_ascii_case(name));
            if is("Body") || is("Headers") {
                if response_part {
                    // Response headers are not modelled: their table is not the request's headers.
                    next = if is("Body") { Section::Response } else { Section::ResponseHeaders };
                }
            } else {
                response_part = next == Section::Response;
            }
            section = next;
            example_title = block.label().filter(|l| l.contains("Example") || l.contains("示例")).map(str::to_string);
            if spec.title.is_empty() && section != Section::Top {
                spec.title = title_before(doc, i);
            }
            continue;
        }
        match block {
            Block::Heading { level: 1, text, .. } if spec.title.is_empty() => spec.title = text.clone(),
            Block::Paragraph { text, .. } if section == Section::Description => {
                if !spec.description.is_empty() {
                    spec.description.push('\n');
                }
                spec.description.push_str(text);
            }
            Block::Paragraph { text, .. } if section == Section::Request && text.starts_with("Content-Type:") => {
                spec.request.content_type = Some(text["Content-Type:".len()..].trim().to_string());
            }
            Block::Paragraph { text, .. } if is_example_label(text) => {
                example_title = Some(text.clone());
            }
            Block::Paragraph { text, .. } if section == Section::ParamExamples => {
                header_examples(text, &block.loc().to_string(), spec)
            }
            Block::List { items, .. } if section == Section::ParamExamples => {
                for item in items {
                    header_examples(&item.text, &item.loc.to_string(), spec);
                }
            }
            Block::Table { .. } if section == Section::ResponseHeaders => {}
            Block::Table { header, rows, loc } => {
                let mut roles: Vec<Col> = header.iter().map(|h| common::column_role(h)).collect();
                let has_facts = roles.contains(&Col::Type) || roles.contains(&Col::Required);
                let mut rows = rows.clone();
                if !roles.contains(&Col::Name) || !has_facts {
                    // A table whose header row is lost: its first row is a field row.
                    let Some(fit) = common::roles_for_cells(header) else { continue };
                    roles = fit;
                    rows.insert(0, Row { cells: header.clone(), joined: false, loc: *loc });
                } else if roles.contains(&Col::Code) {
                    continue;
                }
                if rows.is_empty() {
                    spec.warn(WarningKind::Truncated, loc.to_string(), "a field table with no rows (cut off?)");
                }
                let target = target_of(&roles, section);
                field_rows(&roles, &rows, target, &enum_ref, [&mut headers, &mut request, &mut response], spec);
            }
            Block::Paragraph { text, loc }
                if matches!(section, Section::Top | Section::Request | Section::Response | Section::Parameters) =>
            {
                // A field row without its table: an excerpt that starts mid-table.
                if let Some((roles, row)) = common::row_from_text(text, *loc) {
                    let target = target_of(&roles, section);
                    field_rows(&roles, &[row], target, &enum_ref, [&mut headers, &mut request, &mut response], spec);
                }
            }
            // A code block that is not JSON (`POST https://…` under `1. API Path`) is no example.
            Block::Code { text, lang, .. }
                if lang.as_deref().is_none_or(|l| !l.eq_ignore_ascii_case("json"))
                    && !text.trim_start().starts_with(['{', '[']) => {}
            Block::Code { text, loc, .. } => {
                let kind = match section {
                    Section::Response => ExampleKind::Response,
                    _ if example_title.as_deref().is_some_and(|t| t.starts_with("Response") || t.contains("响应")) => {
                        ExampleKind::Response
                    }
                    _ => ExampleKind::Request,
                };
                match common::parse_json(text) {
                    Ok(value) => {
                        spec.examples.push(Example { kind, title: example_title.take(), at: loc.to_string(), value })
                    }
                    Err(e) => spec.warn(WarningKind::ExampleInvalid, loc.to_string(), e),
                }
            }
            _ => {}
        }
    }
    spec.headers = headers.fields;
    spec.request.fields = request.fields;
    spec.response.fields = response.fields;
    // Enum Reference entries for fields the tables do not have.
    // The tables' paths, gathered once (a walk for each entry built every path again).
    let mut paths = std::collections::HashSet::new();
    if !enum_ref.is_empty() {
        for l in [&spec.request.fields, &spec.response.fields] {
            crate::spec::walk_fields(l, &mut |p, _| {
                paths.insert(p.to_string());
            });
        }
    }
    for path in enum_ref.keys() {
        let known = paths.contains(path.as_str());
        if !known {
            spec.warn(
                WarningKind::Contradiction,
                "",
                format!("the Enum Reference lists `{path}`, which no field table has"),
            );
        }
    }
    super::warn_childless(spec, "");
}

/// Where a table's rows go: header parameters when it has an In column, else the request
/// or the response by the section it stands in.
fn target_of(roles: &[Col], section: Section) -> Section {
    // A header table is one whatever the copy kept of it: its `In` column, or its section.
    if roles.contains(&Col::In) || section == Section::Parameters {
        Section::Parameters
    } else if section == Section::Response {
        Section::Response
    } else {
        Section::Request
    }
}

/// Adds a table's field rows to the header, request or response tree.
fn field_rows(
    roles: &[Col],
    rows: &[Row],
    section: Section,
    enum_ref: &BTreeMap<String, Vec<String>>,
    [headers, request, response]: [&mut Tree; 3],
    spec: &mut Spec,
) {
    let mut nesting = common::Nesting::default();
    for row in rows {
        let at = row.loc.to_string();
        let Some(cells) = common::read_row(roles, row, &|name| enum_ref.get(name).cloned(), spec) else { continue };
        let Some(mut field) = common::field_from_row(&cells, &at, false, spec) else { continue };
        let path = common::normalize_path(&nesting.path(cells.depth, &cells.name));
        if let Some(values) = enum_ref.get(path.as_str()) {
            merge_reference(&mut field, values, &path, &at, spec);
        }
        let mut warn =
            |kind, message: String| spec.warnings.push(crate::spec::Warning { kind, at: at.as_str().into(), message });
        match section {
            Section::Parameters if cells.location.is_empty() || cells.location == "header" => {
                headers.insert(&path, field, &mut warn)
            }
            Section::Response => response.insert(&path, field, &mut warn),
            _ => request.insert(&path, field, &mut warn),
        }
    }
}

fn section_of(block: &Block) -> Option<Section> {
    let label = block.label()?;
    let l = common::strip_numbering(label).trim_end_matches([':', '：']).trim();
    let is = |names: &[&str]| names.iter().any(|n| l.eq_ignore_ascii_case(n));
    if is(REQUEST) {
        Some(Section::Request)
    } else if is(RESPONSES) || l == "200" {
        Some(Section::Response)
    } else if is(PARAMETERS) {
        Some(Section::Parameters)
    } else if is(PARAM_EXAMPLES) {
        Some(Section::ParamExamples)
    } else if is(ENUMS) {
        Some(Section::Enums)
    } else if is(DESCRIPTION) {
        Some(Section::Description)
    } else if matches!(block, Block::Heading { .. }) && (l.starts_with("Response Example") || l.starts_with("响应示例"))
    {
        Some(Section::Response)
    } else if matches!(block, Block::Heading { .. }) && (l.starts_with("Request Example") || l.starts_with("请求示例"))
    {
        Some(Section::Request)
    } else {
        None
    }
}

fn is_example_label(text: &str) -> bool {
    let t = common::strip_numbering(text);
    t.chars().count() < 40
        && (t.eq_ignore_ascii_case("Example")
            || t.starts_with("Response Example")
            || t.starts_with("Request Example")
            || t.ends_with("示例"))
}

/// The page title: the last short line before the first section, skipping site chrome.
fn title_before(doc: &Document, end: usize) -> String {
    doc.blocks[..end]
        .iter()
        .rev()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.as_str()),
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .rfind(|t| !t.eq_ignore_ascii_case("Skip to content") && t.chars().count() <= 80 && !t.contains("Endpoint"))
        .map(str::to_string)
        .unwrap_or_default()
}

/// The "Enum Reference" section: `data.status` followed by its values.
fn enum_reference(doc: &Document) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let mut in_section = false;
    let mut current: Option<String> = None;
    for block in &doc.blocks {
        if let Some(s) = section_of(block) {
            in_section = s == Section::Enums;
            current = None;
            continue;
        }
        if !in_section {
            continue;
        }
        match block {
            Block::List { items, .. } => {
                if let Some(name) = current.take() {
                    out.insert(
                        name,
                        items.iter().map(|i| i.text.trim().to_string()).filter(|t| !t.is_empty()).collect(),
                    );
                }
            }
            b => {
                let Some(label) = b.label() else { continue };
                if current.is_none()
                    && common::is_field_name(label)
                    && (label.contains('.') || label.chars().any(|c| c.is_lowercase()))
                {
                    current = Some(label.to_string());
                } else if let Some(name) = current.take() {
                    // A text copy that ran the values together (`ACTIVEEXPIRED`).
                    out.insert(name, vec![label.to_string()]);
                }
            }
        }
    }
    out
}

/// Merges an Enum Reference entry into a field; a reference that is the table's values run
/// together (a text copy) agrees with them.
fn merge_reference(field: &mut Field, values: &[String], path: &str, at: &str, spec: &mut Spec) {
    if field.enum_values.is_empty() {
        if values.len() == 1 && field.description.contains(values[0].as_str()) && values[0].len() > 12 {
            // One run-together value that the description also holds: too unclear to use.
            spec.warn(
                WarningKind::Unreadable,
                at,
                format!("`{path}`: Enum Reference value `{}` may be several values run together", values[0]),
            );
        }
        field.enum_values = values.to_vec();
        return;
    }
    if field.enum_values == values || (values.len() == 1 && field.enum_values.concat() == values[0]) {
        return;
    }
    spec.warn(
        WarningKind::Contradiction,
        at,
        format!(
            "`{path}`: the table lists {} but the Enum Reference lists {}",
            field.enum_values.join("|"),
            values.join("|")
        ),
    );
}

/// `Content-Type: "application/json"` items, or several run together on one line.
fn header_examples(text: &str, at: &str, spec: &mut Spec) {
    let mut map = serde_json::Map::new();
    let mut rest = text.trim();
    while let Some(colon) = rest.find(':') {
        let name = rest[..colon].trim();
        let after = rest[colon + 1..].trim_start();
        if !common::is_field_name(name) {
            break;
        }
        let Some(body) = after.strip_prefix('"') else {
            map.insert(name.to_string(), serde_json::Value::String(after.to_string()));
            break;
        };
        let Some(end) = body.find('"') else { break };
        map.insert(name.to_string(), serde_json::Value::String(body[..end].to_string()));
        rest = body[end + 1..].trim_start();
    }
    if map.is_empty() {
        return;
    }
    // One headers example for the page: later items extend the first.
    if let Some(ex) = spec.examples.iter_mut().find(|e| e.kind == ExampleKind::Headers)
        && let serde_json::Value::Object(existing) = &mut ex.value
    {
        existing.extend(map);
        return;
    }
    spec.examples.push(Example {
        kind: ExampleKind::Headers,
        title: None,
        at: at.to_string(),
        value: serde_json::Value::Object(map),
    });
}
