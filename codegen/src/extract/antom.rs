//! Antom API reference pages: fields as `name Type REQUIRED` paragraphs (text copy) or
//! `#### name (Type, REQUIRED)` headings (Markdown copy, children as deeper headings), each
//! followed by its description and a "more information" list of limits; a result-code table.

use super::common::{self, Col, Tree};
use crate::doc::{Block, Document, Loc};
use crate::spec::{Example, ExampleKind, Field, Format, ResultCode, Spec, WarningKind};

const REQUEST: &[&str] = &["入参", "请求参数", "Request parameters", "Parameters", "Request"];
const RESPONSE: &[&str] = &["出参", "响应参数", "Response parameters", "Response"];
const RESULT_CODES: &[&str] = &["结果码", "Result codes", "Result/Error codes", "Error codes", "Result code"];
const END: &[&str] = &["更多信息", "More information", "API Explorer", "示例代码", "Samples", "Sample", "示例"];
const MORE_INFO: &[&str] = &["更多信息", "More information"];
const SHOW_CHILDREN: &[&str] = &["Show child parameters", "Hide child parameters", "显示子参数", "隐藏子参数"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Top,
    Request,
    Response,
    Codes,
    Other,
}

/// A field being read.
struct Open {
    field: Field,
    path: String,
    in_more_info: bool,
    enum_list: bool,
}

pub fn extract(doc: &Document, spec: &mut Spec) {
    // Antom sends every non-array value as a string; the pages say so under "结构"/"Structure".
    spec.scalars_as_strings = true;
    let mut section = Section::Top;
    let mut request = Tree::default();
    let mut response = Tree::default();
    let mut open: Option<Open> = None;
    // Stack of (level, path) of field headings, for Markdown nesting.
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut endpoint_seen = false;
    let mut example_kind = ExampleKind::Request;
    // Table fields whose row gave no type: a type's own table (`Amount`) may describe them.
    let mut untyped: Vec<String> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        let next = if common::label_is(block, REQUEST) {
            Some(Section::Request)
        } else if common::label_is(block, RESPONSE) {
            Some(Section::Response)
        } else if common::label_is(block, RESULT_CODES) {
            Some(Section::Codes)
        } else if matches!(section, Section::Request | Section::Response)
            && common::label_is(block, END)
            && !(open.is_some() && common::label_is(block, MORE_INFO) && !matches!(block, Block::Heading { .. }))
        {
            Some(Section::Other)
        } else {
            None
        };
        if let Some(next) = next {
            finish(&mut open, section, &mut request, &mut response, spec);
            stack.clear();
            section = next;
            continue;
        }
        if !endpoint_seen {
            let text = block.text();
            if text
                .split_whitespace()
                .next()
                .is_some_and(|w| ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&w.trim_matches('`')))
            {
                endpoint_seen = true;
                if spec.title.is_empty() {
                    spec.title = common::title_before(doc, i, 60);
                }
                continue;
            }
        }
        // A parameter table in a guide (`Parameter | Required | Description`), or in the
        // request or response part of a reference page.
        if let Block::Table { header, rows, .. } = block
            && section != Section::Codes
        {
            // A table under a type's name (`Amount`) lists the children of the fields of that type.
            let of_type = i.checked_sub(1).and_then(|p| doc.blocks[p].label()).filter(|l| {
                l.starts_with(|c: char| c.is_ascii_uppercase()) && l.chars().all(|c| c.is_ascii_alphanumeric())
            });
            let mut trees = Trees { request: &mut request, response: &mut response, untyped: &mut untyped };
            if table_fields(header, rows, section, of_type, &mut trees, spec) {
                continue;
            }
        }
        match section {
            Section::Top => match block {
                Block::Heading { level: 1, text, .. } if spec.title.is_empty() => spec.title = text.clone(),
                Block::Paragraph { text, .. } if endpoint_seen && spec.description.is_empty() => {
                    spec.description = text.clone()
                }
                _ => {}
            },
            Section::Request | Section::Response => {
                if let Some((name, type_text, required, level)) = field_head(block) {
                    finish(&mut open, section, &mut request, &mut response, spec);
                    let at = block.loc().to_string();
                    if let Block::Heading { text, .. } = block
                        && text.contains('(')
                        && !text.contains(')')
                    {
                        spec.warn(
                            WarningKind::Truncated,
                            &at,
                            format!(
                                "the heading of `{name}` is cut off (`{}`): its flags may be incomplete",
                                text.trim()
                            ),
                        );
                    }
                    let mut field = match common::parse_type(&type_text, true) {
                        Some(tt) => {
                            let mut f = Field::new(&name, tt.ty, &at);
                            f.type_name = tt.type_name;
                            f.format = tt.format;
                            f
                        }
                        None => {
                            spec.warn(
                                WarningKind::Unreadable,
                                &at,
                                format!("`{name}`: unknown type `{type_text}`; read as string"),
                            );
                            Field::new(&name, crate::spec::Type::String, &at)
                        }
                    };
                    field.required = required;
                    while stack.last().is_some_and(|(l, _)| level > 0 && *l >= level) {
                        stack.pop();
                    }
                    let path = match stack.last() {
                        Some((_, parent)) if level > 0 => format!("{parent}.{name}"),
                        _ => name.clone(),
                    };
                    if level > 0 {
                        stack.push((level, path.clone()));
                    }
                    open = Some(Open { field, path, in_more_info: false, enum_list: false });
                    continue;
                }
                let Some(o) = open.as_mut() else { continue };
                body_block(o, block, spec);
            }
            Section::Codes => result_codes(block, spec),
            Section::Other => {
                if let Some(l) = block.label() {
                    if l.contains("请求") || l.to_lowercase().contains("request") {
                        example_kind = ExampleKind::Request;
                    } else if l.contains("响应") || l.to_lowercase().contains("response") {
                        example_kind = ExampleKind::Response;
                    }
                }
                if let Block::Code { text, loc, .. } = block {
                    match common::parse_json(text) {
                        Ok(value) => {
                            spec.examples.push(Example { kind: example_kind, title: None, at: loc.to_string(), value })
                        }
                        Err(e) => spec.warn(WarningKind::ExampleInvalid, loc.to_string(), e),
                    }
                }
            }
        }
    }
    finish(&mut open, section, &mut request, &mut response, spec);
    spec.request.fields = request.fields;
    spec.response.fields = response.fields;
    let collapsed = doc.blocks.iter().any(|b| common::label_is(b, SHOW_CHILDREN));
    super::warn_childless(spec, if collapsed { " (collapsed: \"Show child parameters\")" } else { "" });
}

/// The trees table rows go into, and the table fields that came without a type.
struct Trees<'a> {
    request: &'a mut Tree,
    response: &'a mut Tree,
    untyped: &'a mut Vec<String>,
}

/// Reads a field table's rows into the request (or, in the response part, the response);
/// a type's table (`of_type`) under every field of that type, or whose row gave no type and
/// whose name ends with the type's (`paymentAmount` for `Amount`). False when the table is
/// no field table.
fn table_fields(
    header: &[String],
    rows: &[crate::doc::Row],
    section: Section,
    of_type: Option<&str>,
    trees: &mut Trees<'_>,
    spec: &mut Spec,
) -> bool {
    let roles: Vec<Col> = header.iter().map(|h| common::column_role(h)).collect();
    let has_facts = roles.contains(&Col::Type) || roles.contains(&Col::Required);
    if !roles.contains(&Col::Name) || !has_facts || roles.contains(&Col::Code) {
        return false;
    }
    // (in the response, prefix) of each place the rows go.
    let mut places: Vec<(bool, String)> = Vec::new();
    match of_type {
        Some(t) => {
            for (is_response, tree) in [(false, &*trees.request), (true, &*trees.response)] {
                crate::spec::walk_fields(&tree.fields, &mut |path, f| {
                    let named = f.type_name.as_deref() == Some(t);
                    let untyped = trees.untyped.iter().any(|u| u == path)
                        && f.name.to_ascii_lowercase().ends_with(&t.to_ascii_lowercase());
                    if named || untyped {
                        places.push((is_response, crate::spec::child_prefix(path, &f.ty)));
                    }
                });
            }
            if places.is_empty() {
                spec.warn(
                    WarningKind::Unclear,
                    header_loc(rows),
                    format!("a table of the type `{t}`, which no field has; its rows are skipped"),
                );
                return true;
            }
        }
        None => places.push((section == Section::Response, String::new())),
    }
    let mut nesting = common::Nesting::default();
    for row in rows {
        let at = row.loc.to_string();
        let Some(cells) = common::read_row(&roles, row, &|_| None, spec) else { continue };
        let Some(mut field) = common::field_from_row(&cells, &at, true, spec) else { continue };
        if field.max_length.is_none() && !field.ty.has_children() {
            field.max_length = common::max_length_in(&field.description);
        }
        let path = common::normalize_path(&nesting.path(cells.depth, &cells.name));
        for (is_response, prefix) in &places {
            let full = crate::spec::join_path(prefix, &path);
            if cells.ty.is_empty() {
                trees.untyped.push(full.clone());
            }
            let mut warn = |kind, message: String| {
                spec.warnings.push(crate::spec::Warning { kind, at: at.as_str().into(), message })
            };
            let tree = if *is_response { &mut *trees.response } else { &mut *trees.request };
            tree.insert(&full, field.clone(), &mut warn);
        }
    }
    true
}

fn header_loc(rows: &[crate::doc::Row]) -> String {
    rows.first().map(|r| r.loc.to_string()).unwrap_or_default()
}

fn finish(open: &mut Option<Open>, section: Section, request: &mut Tree, response: &mut Tree, spec: &mut Spec) {
    let Some(mut o) = open.take() else { return };
    let at = o.field.at.clone();
    o.field.description = o.field.description.trim().to_string();
    common::apply_hints(&mut o.field, &at.to_string(), spec);
    let mut warn = |kind, message: String| spec.warnings.push(crate::spec::Warning { kind, at: at.clone(), message });
    match section {
        Section::Response => response.insert(&o.path, o.field, &mut warn),
        _ => request.insert(&o.path, o.field, &mut warn),
    }
}

/// `name Type [object] [REQUIRED]` (text) or `name (Type, REQUIRED)` (Markdown heading).
fn field_head(block: &Block) -> Option<(String, String, bool, u8)> {
    let (text, level) = match block {
        Block::Heading { text, level, .. } => (text.as_str(), *level),
        Block::Paragraph { text, .. } if !text.contains('\n') => (text.as_str(), 0),
        _ => return None,
    };
    let text = text.trim().trim_matches('`');
    if let Some((name, rest)) = text.split_once('(') {
        let name = name.trim().trim_matches('`');
        // A page cut inside the heading (`currency (String, REQUIRE`) keeps what it shows.
        let (inner, cut) = match rest.trim_end().strip_suffix(')') {
            Some(inner) => (inner, false),
            None if level > 0 && !rest.contains(')') => (rest.trim_end(), true),
            None => return None,
        };
        let mut parts = inner.split(',').map(str::trim);
        let ty = parts.next()?.to_string();
        let required =
            parts.any(|p| p.eq_ignore_ascii_case("REQUIRED") || (cut && p.len() >= 5 && "REQUIRED".starts_with(p)));
        if !common::is_field_name(name) || name.contains(' ') || common::parse_type(&ty, true).is_none() {
            return None;
        }
        return Some((name.to_string(), ty, required, level));
    }
    if level > 0 {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let (name, rest) = words.split_first()?;
    if !common::is_field_name(name) || name.contains('.') || rest.is_empty() || rest.len() > 3 {
        return None;
    }
    let required = rest.last() == Some(&"REQUIRED");
    let type_words = if required { &rest[..rest.len() - 1] } else { rest };
    let ty = match type_words {
        [t] if common::parse_type(t, false).is_some() || t.starts_with("Array<") || t.starts_with("List<") => {
            t.to_string()
        }
        [t, "object"] if common::parse_type(t, true).is_some() => t.to_string(),
        // English copies drop the word `object`: `order Order REQUIRED`. A lowerCamel name
        // and an UpperCamel type read as a field head.
        [t] if name.starts_with(|c: char| c.is_ascii_lowercase()) && common::parse_type(t, true).is_some() => {
            t.to_string()
        }
        _ => return None,
    };
    Some((name.to_string(), ty, required, 0))
}

/// A block under a field: description, "more information" limits, listed values.
fn body_block(o: &mut Open, block: &Block, spec: &mut Spec) {
    match block {
        Block::Paragraph { text, .. } => {
            if common::label_is(block, SHOW_CHILDREN) {
                return;
            }
            if common::label_is(block, MORE_INFO) {
                o.in_more_info = true;
                return;
            }
            o.in_more_info = false;
            let lower = text.to_lowercase();
            o.enum_list = lower.contains("有效值为")
                || lower.contains("valid values are")
                || lower.contains("possible values are");
            push_line(&mut o.field.description, text);
        }
        Block::Heading { .. } if common::label_is(block, MORE_INFO) => o.in_more_info = true,
        Block::List { items, .. } => {
            for item in items {
                let text = item.text.trim();
                if o.in_more_info {
                    more_info(o, text, item.loc, spec);
                } else {
                    if o.enum_list && o.field.ty.leaf() != &crate::spec::Type::Boolean {
                        let value: String =
                            text.split([':', '：', ' ']).next().unwrap_or("").trim_matches('`').to_string();
                        if !value.is_empty()
                            && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                            && !o.field.enum_values.contains(&value)
                        {
                            o.field.enum_values.push(value);
                            o.field.enum_inferred = true;
                        }
                    }
                    push_line(&mut o.field.description, &format!("- {text}"));
                }
            }
        }
        _ => {}
    }
}

fn more_info(o: &mut Open, text: &str, loc: Loc, spec: &mut Spec) {
    if let Some(c) = common::parse_constraints(text) {
        if c.max_length.is_some() {
            o.field.max_length = c.max_length;
        }
        if let Some(big) = c.overflow {
            spec.warn(
                WarningKind::Unreadable,
                loc.to_string(),
                format!("`{}`: maximum length {big} is too large to be a length; ignored", o.path),
            );
        }
        return;
    }
    let lower = text.to_lowercase();
    if lower.contains("iso 8601") || lower.contains("iso8601") {
        o.field.format = Some(Format::DateTime);
    }
    push_line(&mut o.field.description, text);
}

fn push_line(desc: &mut String, text: &str) {
    if !desc.is_empty() {
        desc.push('\n');
    }
    desc.push_str(text.trim());
}

/// The result-code table: a real table, or a text copy's `CODESmessage` rows each followed
/// by its advice paragraph.
fn result_codes(block: &Block, spec: &mut Spec) {
    match block {
        Block::Table { header, rows, .. } => {
            let mut roles: Vec<Col> = header.iter().map(|h| common::column_role(h)).collect();
            // A status column under another title: every cell is S, F or U.
            if !roles.contains(&Col::Status)
                && let Some(i) = (0..roles.len()).find(|&i| {
                    roles[i] == Col::Other
                        && !rows.is_empty()
                        && rows.iter().all(|r| r.cells.get(i).is_some_and(|c| matches!(c.as_str(), "S" | "F" | "U")))
                })
            {
                roles[i] = Col::Status;
            }
            for row in rows {
                if row.joined {
                    if let Some(cell) = row.cells.first() {
                        code_line(cell, row.loc, spec);
                    }
                    continue;
                }
                let mut code = ResultCode {
                    code: String::new(),
                    status: None,
                    message: String::new(),
                    action: String::new(),
                    at: row.loc.to_string(),
                };
                for (role, cell) in roles.iter().zip(&row.cells) {
                    match role {
                        Col::Code | Col::Name => code.code = cell.clone(),
                        Col::Status => code.status = Some(cell.clone()).filter(|s| !s.is_empty()),
                        Col::Message | Col::Description => code.message = cell.clone(),
                        Col::Action => code.action = cell.clone(),
                        _ => {}
                    }
                }
                if !code.code.is_empty() {
                    spec.result_codes.push(code);
                }
            }
        }
        Block::Paragraph { text, loc } => {
            if !code_line(text, *loc, spec)
                && let Some(last) = spec.result_codes.last_mut()
            {
                push_line(&mut last.action, text);
            }
        }
        _ => {}
    }
}

/// `SUCCESSS成功`: code `SUCCESS`, status `S`, message `成功`. False when it is not one.
fn code_line(text: &str, loc: Loc, spec: &mut Spec) -> bool {
    let upper_len = text.chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_').count();
    let mut head = &text[..upper_len];
    let mut message = &text[upper_len..];
    // An English message starts with a capital: `SUCCESSSSuccess`.
    if message.starts_with(|c: char| c.is_ascii_lowercase()) && head.len() > 1 {
        message = &text[upper_len - 1..];
        head = &text[..upper_len - 1];
    }
    let Some(status) = head.chars().last().filter(|c| matches!(c, 'S' | 'F' | 'U')) else { return false };
    let code = &head[..head.len() - 1];
    if code.len() < 2 || !code.contains(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    spec.result_codes.push(ResultCode {
        code: code.to_string(),
        status: Some(status.to_string()),
        message: message.trim().to_string(),
        action: String::new(),
        at: loc.to_string(),
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block::Paragraph { text: t.into(), loc: Loc::Line(1) }
    }

    #[test]
    fn field_heads_in_both_forms() {
        assert_eq!(field_head(&para("order Order object REQUIRED")).unwrap().1, "Order");
        let (n, t, r, _) = field_head(&para("paymentNotifyUrl URL")).unwrap();
        assert_eq!((n.as_str(), t.as_str(), r), ("paymentNotifyUrl", "URL", false));
        let h = Block::Heading { level: 4, text: "order (Order, REQUIRED)".into(), loc: Loc::Line(1) };
        assert_eq!(field_head(&h).unwrap(), ("order".into(), "Order".into(), true, 4));
        assert!(field_head(&para("API Explorer")).is_none());
        assert_eq!(field_head(&para("paymentFactor PaymentFactor")).unwrap().1, "PaymentFactor");
        assert!(field_head(&para("order Order REQUIRED")).unwrap().2);
        assert!(field_head(&para("结构")).is_none());
    }
}
