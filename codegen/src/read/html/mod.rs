//! Reads a served HTML doc page into the document model, leaving out generic site chrome.
//!
//! The reader knows markup only: it picks the content root (`.vp-doc`, `main`, `article`,
//! `[role=main]`, `body`), walks it in page order and skips subtrees that are site chrome
//! (navigation, sidebars, footers, heading anchors, code-block gutters, copy buttons…).
//! The walk uses an explicit stack, so any nesting depth is safe. The tree it walks comes
//! from [`tree`]: the HTML parser's tree, built from the token stream where the page allows.

mod tree;

use tree::Tree;

use super::TextBuf;
use crate::doc::{Block, Document, Form, Item, Loc, Row};

/// Reads an HTML page. Never fails: anything that is not recognised markup is read as text
/// or left out.
pub fn read(src: &str) -> Document {
    read_tree(&tree::build(src))
}

fn read_tree(t: &Tree) -> Document {
    let mut out = Out::default();
    if let Some(root) = content_root(t) {
        out.walk(t, root);
    }
    Document { form: Form::Html, blocks: out.blocks }
}

/// Elements whose whole subtree is never page content.
pub(super) fn is_skip_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "svg"
            | "button"
            | "noscript"
            | "template"
            | "img"
            | "nav"
            | "aside"
            | "header"
            | "footer"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "input"
            | "select"
            | "textarea"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "picture"
            | "source"
    )
}

/// Classes that mark generic site chrome (themes' navigation, gutters, widgets).
pub(super) fn is_skip_class(name: &str) -> bool {
    matches!(
        name,
        "sidebar"
            | "navbar"
            | "right-menu-wrapper"
            | "page-nav"
            | "page-edit"
            | "articleInfo-wrap"
            | "line-numbers-wrapper"
            | "header-anchor"
            | "VPDocFooter"
            | "visually-hidden"
            | "lang"
            | "copy"
            | "VPLocalNav"
            | "aside"
            | "pager"
            | "prev-next"
            | "edit-info"
            | "last-updated"
    )
}

/// Elements that start and end a run of text: their direct text is a paragraph of its own.
fn is_container_tag(name: &str) -> bool {
    matches!(
        name,
        "html"
            | "body"
            | "main"
            | "article"
            | "section"
            | "div"
            | "p"
            | "blockquote"
            | "details"
            | "summary"
            | "figure"
            | "figcaption"
            | "dl"
            | "dt"
            | "dd"
            | "form"
            | "fieldset"
            | "legend"
            | "address"
            | "center"
            | "hgroup"
            | "li"
            | "caption"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "menu"
    )
}

/// Elements that separate words when their text is run together inside a cell or item:
/// every container, and lists, tables, code blocks, rules and headings.
fn is_block_tag(name: &str) -> bool {
    is_container_tag(name)
        || matches!(name, "ul" | "ol" | "table" | "pre" | "hr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_skipped(t: &Tree, id: u32) -> bool {
    t.elem(id).is_some_and(|e| e.skipped)
}

fn name(t: &Tree, id: u32) -> &str {
    t.elem(id).map_or("", |e| &*e.name)
}

/// The first of `.vp-doc`, `main`, `article`, `[role=main]`, `body` (in that order of
/// preference), else the document element.
fn content_root(t: &Tree) -> Option<u32> {
    let mut found: [Option<u32>; 5] = [None; 5];
    let mut first_element = None;
    for id in t.descendants() {
        let Some(el) = t.elem(id) else {
            continue;
        };
        if first_element.is_none() {
            first_element = Some(id);
        }
        let slot = if el.vp_doc {
            0
        } else if &*el.name == "main" {
            1
        } else if &*el.name == "article" {
            2
        } else if el.role_main {
            3
        } else if &*el.name == "body" {
            4
        } else {
            continue;
        };
        if let Some(s) = found.get_mut(slot)
            && s.is_none()
        {
            *s = Some(id);
        }
        if slot == 0 {
            break;
        }
    }
    found.into_iter().flatten().next().or(first_element)
}

/// One step of a walk.
enum Step {
    Elem(u32),
    Text(u32),
    /// The end of a container (or, in inline text, of a block-level element).
    End,
}

/// Pushes the children of `el` so that they pop in page order.
fn push_children(t: &Tree, stack: &mut Vec<Step>, el: u32) {
    for child in t.children_rev(el) {
        if t.text(child).is_some() {
            stack.push(Step::Text(child));
        } else if t.elem(child).is_some() {
            stack.push(Step::Elem(child));
        }
    }
}

/// Buffers the walk reuses from one element's text to the next, so that gathering the text
/// of each cell does not grow new ones.
#[derive(Default)]
struct Scratch {
    buf: TextBuf,
    stack: Vec<Step>,
}

/// The text of an element: text of its descendants, `<br>` as `\n`, block-level children
/// separated by a space, chrome left out. With `nested` given, nested `<ul>`/`<ol>` are
/// left out of the text and collected there instead.
fn inline_text(t: &Tree, el: u32, mut nested: Option<&mut Vec<u32>>, scratch: &mut Scratch) -> String {
    let Scratch { buf, stack } = scratch;
    stack.clear();
    push_children(t, stack, el);
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(id) => buf.push_str(t.text(id).unwrap_or("")),
            Step::End => buf.push_space(),
            Step::Elem(e) => {
                if is_skipped(t, e) {
                    continue;
                }
                let name = name(t, e);
                if name == "br" {
                    buf.push_break();
                    continue;
                }
                if let Some(lists) = nested.as_deref_mut()
                    && (name == "ul" || name == "ol")
                {
                    lists.push(e);
                    buf.push_space();
                    continue;
                }
                if name == "li" {
                    // A list inside a cell (`支持的枚举:` then the values): one item a line,
                    // as the text and Markdown readers give it.
                    buf.push_break();
                    buf.push_str("- ");
                    stack.push(Step::End);
                    push_children(t, stack, e);
                    continue;
                }
                if is_block_tag(name) {
                    buf.push_space();
                    stack.push(Step::End);
                }
                push_children(t, stack, e);
            }
        }
    }
    buf.take()
}

/// The text of a code block: the raw text of its descendants, `<br>` as `\n`, chrome left
/// out, without leading blank lines or trailing white space.
fn code_text(t: &Tree, el: u32) -> String {
    let mut s = String::new();
    let mut stack = Vec::new();
    push_children(t, &mut stack, el);
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(id) => {
                let text = t.text(id).unwrap_or("");
                // Both start with a byte (E2, EF) that most code never holds.
                if memchr::memchr2(0xE2, 0xEF, text.as_bytes()).is_some() {
                    s.extend(text.chars().filter(|c| !matches!(*c, '\u{200B}' | '\u{FEFF}')));
                } else {
                    s.push_str(text);
                }
            }
            Step::End => {}
            Step::Elem(e) => {
                if is_skipped(t, e) {
                    continue;
                }
                if name(t, e) == "br" {
                    s.push('\n');
                } else {
                    push_children(t, &mut stack, e);
                }
            }
        }
    }
    let mut rest = s.trim_end();
    loop {
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("\r\n") {
            rest = r;
        } else {
            break;
        }
    }
    rest.to_string()
}

/// `xxx` from a `language-xxx` class.
fn language_class(t: &Tree, el: u32) -> Option<String> {
    t.elem(el).and_then(|e| e.lang.as_deref()).map(str::to_string)
}

/// The language of a `<pre>`: from its own class, its `<code>` child's, or its parent's.
fn code_lang(t: &Tree, pre: u32) -> Option<String> {
    language_class(t, pre)
        .or_else(|| t.children(pre).find(|c| name(t, *c) == "code").and_then(|c| language_class(t, c)))
        .or_else(|| t.parent(pre).and_then(|p| language_class(t, p)))
}

/// One step of reading a list.
enum ListStep {
    /// A `<ul>`/`<ol>` whose children are items at this depth.
    List(u32, u8),
    Item(u32, u8),
    Text(u32, u8),
}

#[derive(Default)]
struct Out {
    blocks: Vec<Block>,
    tables: u32,
    /// Text sitting directly in the current container.
    pending: TextBuf,
    scratch: Scratch,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Out {
    fn next_loc(&self) -> Loc {
        Loc::Block(to_u32(self.blocks.len().saturating_add(1)))
    }

    fn flush(&mut self) {
        let text = self.pending.take();
        if !text.is_empty() {
            let loc = self.next_loc();
            self.blocks.push(Block::Paragraph { text, loc });
        }
    }

    fn walk(&mut self, t: &Tree, root: u32) {
        let mut stack: Vec<Step> = vec![Step::Elem(root)];
        while let Some(step) = stack.pop() {
            let el = match step {
                Step::Text(id) => {
                    self.pending.push_str(t.text(id).unwrap_or(""));
                    continue;
                }
                Step::End => {
                    self.flush();
                    continue;
                }
                Step::Elem(el) => el,
            };
            if is_skipped(t, el) {
                continue;
            }
            let name = name(t, el);
            match name {
                "br" => self.pending.push_break(),
                "hr" => self.flush(),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.flush();
                    let level = name.get(1..).and_then(|d| d.parse().ok()).unwrap_or(1);
                    let text = inline_text(t, el, None, &mut self.scratch);
                    if !text.is_empty() {
                        let loc = self.next_loc();
                        self.blocks.push(Block::Heading { level, text, loc });
                    }
                }
                "pre" => {
                    self.flush();
                    let text = code_text(t, el);
                    let lang = code_lang(t, el);
                    let loc = self.next_loc();
                    self.blocks.push(Block::Code { lang, text, loc });
                }
                "ul" | "ol" => {
                    self.flush();
                    self.list(t, el);
                }
                "table" => {
                    self.flush();
                    self.table(t, el);
                }
                _ if is_container_tag(name) => {
                    self.flush();
                    stack.push(Step::End);
                    push_children(t, &mut stack, el);
                }
                // Inline markup: its text joins the current run.
                _ => push_children(t, &mut stack, el),
            }
        }
        self.flush();
    }

    fn list(&mut self, t: &Tree, el: u32) {
        let ordered = name(t, el) == "ol";
        let loc = self.next_loc();
        let mut items = Vec::new();
        let mut stack = vec![ListStep::List(el, 0u8)];
        while let Some(step) = stack.pop() {
            match step {
                ListStep::List(list, depth) => {
                    for child in t.children_rev(list) {
                        if t.text(child).is_some() {
                            stack.push(ListStep::Text(child, depth));
                        } else if t.elem(child).is_some() {
                            if is_skipped(t, child) {
                                continue;
                            }
                            if matches!(name(t, child), "ul" | "ol") {
                                stack.push(ListStep::List(child, depth.saturating_add(1)));
                            } else {
                                stack.push(ListStep::Item(child, depth));
                            }
                        }
                    }
                }
                ListStep::Text(id, depth) => {
                    // Stray text directly in a list reads as an item of its own.
                    let buf = &mut self.scratch.buf;
                    buf.push_str(t.text(id).unwrap_or(""));
                    let text = buf.take();
                    if !text.is_empty() {
                        items.push(Item { text, depth, loc });
                    }
                }
                ListStep::Item(item, depth) => {
                    let mut nested = Vec::new();
                    let text = inline_text(t, item, Some(&mut nested), &mut self.scratch);
                    if !text.is_empty() {
                        items.push(Item { text, depth, loc });
                    }
                    for n in nested.into_iter().rev() {
                        stack.push(ListStep::List(n, depth.saturating_add(1)));
                    }
                }
            }
        }
        if !items.is_empty() {
            self.blocks.push(Block::List { ordered, items, loc });
        }
    }

    fn table(&mut self, t: &Tree, el: u32) {
        // (row cells, row sits in <thead>)
        let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
        let mut stack = Vec::new();
        for child in t.children_rev(el).filter(|c| t.elem(*c).is_some()) {
            stack.push((child, false));
        }
        while let Some((e, in_head)) = stack.pop() {
            if is_skipped(t, e) {
                continue;
            }
            match name(t, e) {
                "tr" => {
                    let scratch = &mut self.scratch;
                    let cells = t
                        .children(e)
                        .filter(|c| matches!(name(t, *c), "td" | "th"))
                        .map(|c| inline_text(t, c, None, scratch))
                        .collect();
                    rows.push((cells, in_head));
                }
                // A nested table outside any cell, captions and column specs hold no rows.
                "table" | "caption" | "colgroup" | "col" => {}
                name => {
                    let head = in_head || name == "thead";
                    for child in t.children_rev(e).filter(|c| t.elem(*c).is_some()) {
                        stack.push((child, head));
                    }
                }
            }
        }
        if rows.is_empty() {
            return;
        }
        let head_at = rows.iter().position(|(_, h)| *h).unwrap_or(0);
        let header = if head_at < rows.len() { rows.remove(head_at).0 } else { Vec::new() };
        self.tables = self.tables.saturating_add(1);
        let table = self.tables;
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, (cells, _))| Row {
                cells,
                joined: false,
                loc: Loc::Row { table, row: to_u32(i.saturating_add(1)) },
            })
            .collect();
        let loc = self.next_loc();
        self.blocks.push(Block::Table { header, rows, loc });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::test_support::{codes, headings, paragraphs, random_inputs, tables};

    const DROPIN: &str = include_str!("../../../tests/fixtures/html/payermax/applyDropinSession.zh.html");
    const TOKEN: &str = include_str!("../../../tests/fixtures/html/payermax/applyPaymentToken.en.html");
    const PAYBYLINK: &str = include_str!("../../../tests/fixtures/html/payermax/createPaybylink.zh.html");
    const ONE_CLICK: &str = include_str!("../../../tests/fixtures/html/pingpong/one-click-pay.zh.html");

    /// Block locs count 1, 2, 3…; table rows count per table from 1; items share their
    /// list's loc.
    fn assert_locs(doc: &Document) {
        let mut table = 0;
        for (i, b) in doc.blocks.iter().enumerate() {
            assert_eq!(b.loc(), Loc::Block(u32::try_from(i + 1).unwrap()), "{b:?}");
            match b {
                Block::Table { rows, .. } => {
                    table += 1;
                    for (r, row) in rows.iter().enumerate() {
                        let row_no = u32::try_from(r + 1).unwrap();
                        assert_eq!(row.loc, Loc::Row { table, row: row_no });
                        assert!(!row.joined);
                    }
                }
                Block::List { items, loc, .. } => {
                    assert!(items.iter().all(|it| it.loc == *loc));
                }
                _ => {}
            }
        }
    }

    fn assert_no_chrome(doc: &Document) {
        let text = doc.text();
        for chrome in [
            "Skip to content",
            "Released under",
            "上次更新",
            "header-anchor",
            "\u{200B}",
            "Next page",
            "Previous page",
            "On this page",
            "Return to top",
            "Sidebar Navigation",
            "Appearance",
            "Menu",
            "Theme by",
            "目录",
            "跟随系统",
            "商户接入指南",
            "PayerMax Docs",
        ] {
            assert!(!text.contains(chrome), "chrome {chrome:?} leaked into the blocks");
        }
        for b in &doc.blocks {
            if let Block::Heading { text, .. } = b {
                assert!(!text.ends_with('#') && !text.starts_with('#'), "{text:?}");
            }
        }
    }

    fn assert_json_codes(doc: &Document, count: usize) {
        let codes = codes(doc);
        assert_eq!(codes.len(), count);
        for (lang, text) in codes {
            assert_eq!(lang, Some("json"));
            assert!(!text.ends_with('\n'));
            assert!(!text.contains("json{"), "the language label leaked: {text:?}");
            serde_json::from_str::<serde_json::Value>(text).unwrap();
        }
    }

    fn assert_payermax_tables(doc: &Document, request_rows: usize, response_rows: usize) {
        let tables = tables(doc);
        assert_eq!(tables.len(), 3);
        let params = ["Field", "In", "Type", "Required", "Constraints", "Description"];
        let fields = ["Field", "Type", "Required", "Constraints", "Description", "Enum"];
        assert_eq!(tables[0].0, params);
        assert_eq!(tables[1].0, fields);
        assert_eq!(tables[2].0, fields);
        assert_eq!(tables[0].1.len(), 2);
        assert_eq!(tables[1].1.len(), request_rows);
        assert_eq!(tables[2].1.len(), response_rows);
        for (header, rows) in tables {
            for row in rows {
                assert_eq!(row.cells.len(), header.len(), "{row:?}");
                assert!(row.cells.iter().all(|c| c.trim() == c));
            }
        }
    }

    #[test]
    fn payermax_apply_dropin_session() {
        let doc = read(DROPIN);
        assert_eq!(doc.form, Form::Html);
        assert_eq!(
            headings(&doc),
            [
                (1, "Apply Drop-in Session"),
                (2, "Description"),
                (2, "Parameters"),
                (2, "Parameter Examples"),
                (2, "Request Body"),
                (2, "Example"),
                (2, "Responses"),
                (3, "200"),
                (2, "Response Example"),
                (2, "Enum Reference"),
                (3, "data.mitType"),
            ]
        );
        assert_payermax_tables(&doc, 15, 6);
        let tables = tables(&doc);
        assert_eq!(tables[0].1[0].cells, ["Content-Type", "header", "string", "Yes", "", ""]);
        let mit = &tables[1].1[7];
        assert_eq!(mit.cells[0], "data.mitType");
        assert_eq!(mit.cells[5], "SCHEDULED, UNSCHDULED");
        assert_eq!(mit.loc, Loc::Row { table: 2, row: 8 });
        // `&#39;` is decoded.
        assert!(tables[1].1[2].cells[4].contains("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"));
        assert_json_codes(&doc, 2);
        assert_no_chrome(&doc);
        assert_locs(&doc);
        // The first block is the title; the page ends with the enum list.
        assert!(matches!(doc.blocks.first(), Some(Block::Heading { level: 1, .. })));
        match doc.blocks.last() {
            Some(Block::List { ordered: false, items, .. }) => {
                let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
                assert_eq!(texts, ["SCHEDULED", "UNSCHDULED"]);
            }
            other => panic!("last block {other:?}"),
        }
        assert!(paragraphs(&doc).contains(&"Content-Type: application/json"));
    }

    #[test]
    fn payermax_apply_payment_token() {
        let doc = read(TOKEN);
        assert_eq!(
            headings(&doc),
            [
                (1, "applyPaymentToken"),
                (2, "Parameters"),
                (2, "Parameter Examples"),
                (2, "Request Body"),
                (2, "Example"),
                (2, "Responses"),
                (3, "200"),
                (2, "Response Example"),
                (2, "Enum Reference"),
                (3, "data.mitType"),
                (3, "data.status"),
            ]
        );
        assert_payermax_tables(&doc, 34, 7);
        assert_json_codes(&doc, 2);
        assert_no_chrome(&doc);
        assert_locs(&doc);
    }

    #[test]
    fn payermax_create_paybylink() {
        let doc = read(PAYBYLINK);
        assert_eq!(
            headings(&doc),
            [
                (1, "创建链接"),
                (2, "Description"),
                (2, "Parameters"),
                (2, "Parameter Examples"),
                (2, "Request Body"),
                (2, "Example"),
                (2, "Responses"),
                (3, "200"),
                (2, "Response Example: 1"),
                (2, "Response Example: 2"),
                (2, "Enum Reference"),
                (3, "data.linkType"),
                (3, "data.linkStatus"),
            ]
        );
        assert_payermax_tables(&doc, 29, 9);
        assert_json_codes(&doc, 3);
        assert_no_chrome(&doc);
        assert_locs(&doc);
        let paras = paragraphs(&doc);
        assert!(paras.contains(&"成功示例"));
        assert!(paras.contains(&"异常示例"));
    }

    #[test]
    fn pingpong_one_click_pay() {
        let doc = read(ONE_CLICK);
        assert_eq!(
            headings(&doc),
            [
                (1, "一键支付"),
                (2, "对接流程"),
                (3, "签约流程"),
                (3, "解约"),
                (3, "授权流程(旧版,计划在未来版本移除)"),
                (3, "取消授权(旧版,计划在未来版本移除)"),
                (3, "支付流程"),
                (4, "关键入参:"),
                (2, "异步通知"),
                (3, "签约异步通知"),
                (3, "授权异步通知(计划在未来版本移除)"),
            ]
        );
        // The title (outside the content div) comes first.
        assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, text, .. } if text == "一键支付"));
        let tables = tables(&doc);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].0, ["参数名", "类型", "是否必填", "描述"]);
        let names: Vec<&str> = tables[0].1.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(names, ["token", "bizType", "merchantUserId"]);
        assert!(tables[0].1[1].cells[3].contains("\"CodeGrant\""));

        let codes = codes(&doc);
        assert_eq!(codes.len(), 1);
        let (lang, text) = codes[0];
        assert_eq!(lang, Some("json"));
        assert_eq!(text.lines().count(), 29);
        assert!(text.ends_with('}'), "the gutter leaked: {:?}", &text[text.len() - 20..]);
        assert!(!text.contains("\n1\n2\n3"));
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(v["bizContent"]["bizType"], "CodeGrant");

        let paras = paragraphs(&doc);
        assert!(paras.contains(&"认证接口\n授权接口"), "the <br> is kept as a line break");
        // The warning container: its title, then its list.
        let at = doc.blocks.iter().position(|b| matches!(b, Block::Paragraph { text, .. } if text == "注意")).unwrap();
        match &doc.blocks[at + 1] {
            Block::List { ordered: true, items, .. } => {
                assert_eq!(items.len(), 2);
                assert_eq!(items[1].text, "响应报文异常重试2次");
            }
            other => panic!("{other:?}"),
        }
        let lists = doc.blocks.iter().filter(|b| matches!(b, Block::List { .. })).count();
        assert_eq!(lists, 6);
        assert_no_chrome(&doc);
        assert_locs(&doc);
        assert!(!doc.text().contains("2024/05/24"));
    }

    /// The HTML builds and their Markdown sources read to the same blocks, locs aside.
    #[test]
    fn same_blocks_as_the_markdown_sources() {
        fn shape(doc: &Document) -> Vec<String> {
            doc.blocks
                .iter()
                .map(|b| match b {
                    Block::Heading { level, .. } => format!("h{level} {}", b.text()),
                    Block::Paragraph { .. } => format!("p {}", b.text()),
                    Block::List { items, ordered, .. } => {
                        let depths: Vec<u8> = items.iter().map(|i| i.depth).collect();
                        format!("list {ordered} {depths:?} {}", b.text())
                    }
                    Block::Table { .. } => format!("table {}", b.text()),
                    Block::Code { lang, .. } => format!("code {lang:?} {}", b.text()),
                })
                .collect()
        }
        let pairs = [
            (DROPIN, include_str!("../../../tests/fixtures/md/payermax/applyDropinSession.zh.md")),
            (TOKEN, include_str!("../../../tests/fixtures/md/payermax/applyPaymentToken.en.md")),
            (PAYBYLINK, include_str!("../../../tests/fixtures/md/payermax/createPaybylink.zh.md")),
            (ONE_CLICK, include_str!("../../../tests/fixtures/md/pingpong/one-click-pay.zh.md")),
        ];
        for (html, md) in pairs {
            assert_eq!(shape(&read(html)), shape(&crate::read::markdown::read(md)));
        }
    }

    #[test]
    fn nested_lists_flatten_with_depth() {
        let doc = read(
            "<main><ul><li>a <b>bold</b><ul><li>a1</li><li>a2<ol><li>deep</li></ol></li></ul></li>\
             <li>b</li><li><p>c para</p><p>second</p></li></ul></main>",
        );
        let Some(Block::List { ordered, items, loc }) = doc.blocks.first() else {
            panic!("{doc:?}");
        };
        assert!(!ordered);
        assert_eq!(*loc, Loc::Block(1));
        let got: Vec<(&str, u8)> = items.iter().map(|i| (i.text.as_str(), i.depth)).collect();
        assert_eq!(got, [("a bold", 0), ("a1", 1), ("a2", 1), ("deep", 2), ("b", 0), ("c para second", 0)]);
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn tables_without_thead_use_the_first_row() {
        let doc = read(
            "<body><table><tr><th>Name</th><th>Type</th></tr><tr><td> a </td><td></td></tr>\
             <tr><td><p>x</p><p>y</p></td><td>1<br>2</td></tr></table>\
             <table><thead><tr><th>H</th></tr></thead><tbody><tr><td>v</td></tr></tbody></table></body>",
        );
        let tables = tables(&doc);
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].0, ["Name", "Type"]);
        assert_eq!(tables[0].1[0].cells, ["a", ""]);
        assert_eq!(tables[0].1[1].cells, ["x y", "1\n2"]);
        assert_eq!(tables[0].1[1].loc, Loc::Row { table: 1, row: 2 });
        assert_eq!(tables[1].0, ["H"]);
        assert_eq!(tables[1].1[0].loc, Loc::Row { table: 2, row: 1 });
        assert_locs(&doc);
    }

    #[test]
    fn text_in_containers_and_skipped_elements() {
        let doc = read(
            "<body><nav>Home</nav><div>loose <em>text</em><p>para &amp; more</p>tail<br>line</div>\
             <script>var x = 1;</script><style>p{}</style><button>Copy</button>\
             <blockquote><p>quoted</p></blockquote><details><summary>More</summary><p>hidden</p></details>\
             <p>   </p><p>zero\u{200B}width</p><footer>foot</footer></body>",
        );
        assert_eq!(
            paragraphs(&doc),
            ["loose text", "para & more", "tail\nline", "quoted", "More", "hidden", "zerowidth"]
        );
        assert_locs(&doc);
    }

    #[test]
    fn code_language_and_text() {
        let doc = read(
            "<main><pre class=\"language-yaml\"><code>a: 1\nb: 2\n\n</code></pre>\
             <pre><code class=\"language-rust\">fn x() {}</code></pre>\
             <div class=\"language-sh\"><span class=\"lang\">sh</span><pre><code>ls<br>pwd</code></pre></div>\
             <pre>plain</pre></main>",
        );
        assert_eq!(
            codes(&doc),
            [(Some("yaml"), "a: 1\nb: 2"), (Some("rust"), "fn x() {}"), (Some("sh"), "ls\npwd"), (None, "plain")]
        );
        assert_eq!(doc.blocks.len(), 4);
    }

    #[test]
    fn root_preference() {
        let doc = read("<body><p>outside</p><article><p>inside</p></article></body>");
        assert_eq!(paragraphs(&doc), ["inside"]);
        let doc = read("<body><p>only body</p></body>");
        assert_eq!(paragraphs(&doc), ["only body"]);
        let doc = read("<main><h2>T <a class=\"header-anchor\" href=\"#t\">#</a></h2></main>");
        assert_eq!(headings(&doc), [(2, "T")]);
    }

    /// Reads `src` from the token stream and from the full parse: where the stream gives a
    /// tree, both read the same. True when the stream gave one.
    fn streams_as_parsed(src: &str) -> bool {
        let parsed = read_tree(&tree::parsed(src));
        match tree::stream(src) {
            Some(t) => {
                assert_eq!(read_tree(&t), parsed, "{src:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn the_token_stream_reads_as_the_parsed_tree() {
        for page in [DROPIN, TOKEN, PAYBYLINK, ONE_CLICK] {
            assert!(streams_as_parsed(page), "a doc page needed the full parse");
        }
        let streamed = [
            "<main><ul><li>a <b>bold</b><ul><li>a1</li></ul></li></ul></main>",
            "<!DOCTYPE html><html><head><title>x</title><script>if (a < b) {}</script></head>\n<body>\n\
             <div class=\"vp-doc\"><p>a<!-- c -->b</p><pre>\ncode</pre></div></body></html>\n",
            "<body><table>\n<thead><tr><th>H</th></tr></thead>\n<tbody><tr><td>v</td></tr></tbody></table>",
            "<p>a</span>b</p><div>x</p>y</div>",
            "<body><svg viewBox=\"0 0 1 1\"><path d=\"M0\"/><g><rect/></g></svg><p>after</p></body>",
            "text only",
            "<ul>stray<li>x</li><!-- c -->more</ul>",
            "<body><p>a</p></body>\n<!-- tail -->\n",
            "<nav><main><p>in chrome</p></main></nav>",
            "<table><tr><td>c</td></tr></table>",
            "<p><div>x</div>",
        ];
        let mut used = 0;
        for src in streamed {
            used += usize::from(streams_as_parsed(src));
        }
        assert!(used >= 7, "{used}");
        // Pseudo-random markup: wherever the stream gives a tree, it is the parser's.
        let alphabet =
            b"<>/=\"' abcdiv pre ul li table tr td th h1 br code p span svg nav class=copy &#;\n\t\xe4\xb8\xad";
        let mut agreed = 0;
        for src in random_inputs(alphabet, 0x2545_F491_4F6C_DD1D, 3000, 300) {
            agreed += usize::from(streams_as_parsed(&src));
        }
        assert!(agreed > 0);
    }

    #[test]
    fn garbage_does_not_panic() {
        let inputs = [
            String::new(),
            "<<<<".to_string(),
            ">>>>".to_string(),
            "<div><p><table><tr><td>x</div></p>".to_string(),
            "</td></tr></table></li></ul>text".to_string(),
            "<table><td>orphan".to_string(),
            "<ul>stray<li></li><ol>x</ol>".to_string(),
            "<pre class=\"language-\"></pre><h7>x</h7><h1></h1>".to_string(),
            "&#0;&#xD800;&bogus;&".to_string(),
            String::from_utf8_lossy(&[0xff, 0xfe, 0x3c, 0x00, 0x80, 0x3e, 0xc3, 0x28]).into_owned(),
        ];
        for src in &inputs {
            let doc = read(src);
            assert_locs(&doc);
        }
        // Pseudo-random bytes, decoded lossily, biased towards markup.
        let alphabet = b"<>/=\"' abcdiv pre ul li table tr td th h1 br code &#;\n\t\x80\xe4\xb8\xad";
        for src in random_inputs(alphabet, 0x9E37_79B9_7F4A_7C15, 300, 400) {
            assert_locs(&read(&src));
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let n = 5_000;
        let src = format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(paragraphs(&read(&src)), ["deep"]);

        // Inline nesting parses fast, so it can go far deeper.
        let n = 100_000;
        let src = format!("<p>{}x{}</p>", "<span>".repeat(n), "</span>".repeat(n));
        assert_eq!(paragraphs(&read(&src)), ["x"]);
        let src = format!("<table><tr><td>{}cell</td></tr></table>", "<b>".repeat(n));
        assert_eq!(tables(&read(&src))[0].0, ["cell"]);

        let n = 2_000;
        let src = format!("{}x", "<ul><li>".repeat(n));
        let doc = read(&src);
        let Some(Block::List { items, .. }) = doc.blocks.first() else {
            panic!("{doc:?}");
        };
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].depth, u8::MAX);
        let src = format!("{}x", "<blockquote><table><tr><td>".repeat(n));
        read(&src);
    }
}
