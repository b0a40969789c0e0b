//! Reads a Markdown doc page into the document model, line by line.
//!
//! Covers what doc sites write: ATX and setext headings, paragraphs with hard breaks, GFM
//! pipe tables, fenced code, nested `-`/`*`/`+`/`1.` lists, blockquotes (read as their
//! content), YAML front matter (its `title:` only) and VuePress/VitePress `:::` containers.
//! Inline markup is dropped. Nothing recurses on the input, so any nesting depth is safe.

use std::collections::HashMap;

use super::TextBuf;
use crate::doc::{Block, Document, Form, Item, Loc, Row};

/// Reads a Markdown page. Never fails: anything that is not recognised markup is read as
/// text.
pub fn read(src: &str) -> Document {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let lines: Vec<&str> = src.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut r = Reader::default();
    r.run(&lines);
    Document { form: Form::Markdown, blocks: r.blocks }
}

fn line_no(index: usize) -> u32 {
    u32::try_from(index.saturating_add(1)).unwrap_or(u32::MAX)
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    para: Option<Para>,
    list: Option<List>,
    /// Blockquote depth of the previous line.
    quote: usize,
}

struct Para {
    lines: Vec<String>,
    line: u32,
}

struct List {
    ordered: bool,
    line: u32,
    items: Vec<RawItem>,
    /// Open items, outermost first: (marker column, content column).
    open: Vec<(usize, usize)>,
    after_blank: bool,
}

struct RawItem {
    lines: Vec<String>,
    depth: u8,
    line: u32,
}

impl Reader {
    fn run(&mut self, lines: &[&str]) {
        let mut i = self.front_matter(lines);
        while let Some(&raw) = lines.get(i) {
            let no = line_no(i);
            let (quote, content) = strip_quotes(raw, usize::MAX);
            if quote != self.quote {
                self.close_all();
                self.quote = quote;
            }
            if content.trim().is_empty() {
                self.close_para();
                if let Some(list) = &mut self.list {
                    list.after_blank = true;
                }
                i += 1;
                continue;
            }
            let indent = indent_width(content);
            let body = content.trim_start();

            if let Some(fence) = open_fence(body) {
                self.close_all();
                i = self.fence(lines, i, quote, indent, &fence);
                continue;
            }
            if body.starts_with("<!--")
                && let Some(next) = skip_comment(lines, i)
            {
                self.close_all();
                i = next;
                continue;
            }
            if let Some((level, text)) = atx_heading(body) {
                self.close_all();
                self.push_heading(level, &inline(text), no);
                i += 1;
                continue;
            }
            if let Some(container) = container(body) {
                self.close_all();
                if let Some(title) = container {
                    let text = inline(&title);
                    if !text.is_empty() {
                        self.blocks.push(Block::Paragraph { text, loc: Loc::Line(no) });
                    }
                }
                i += 1;
                continue;
            }
            if let Some(level) = setext_underline(body)
                && self.list.is_none()
                && let Some(para) = self.para.take()
            {
                let text = inline(&join_lines(&para.lines));
                self.push_heading(level, &text, para.line);
                i += 1;
                continue;
            }
            if is_thematic_break(body) {
                self.close_all();
                i += 1;
                continue;
            }
            if has_pipe(body) {
                let next = lines.get(i + 1).map(|l| strip_quotes(l, usize::MAX));
                if let Some((q, sep)) = next
                    && q == quote
                    && let Some(columns) = separator_columns(sep)
                {
                    let header = split_row(body);
                    if header.len() == columns {
                        self.close_all();
                        i = self.table(lines, i, quote, header, 2);
                        continue;
                    }
                }
                // Rows without a header and separator (an excerpt cut mid-table): a table
                // whose first row stands where the header would.
                if body.starts_with('|')
                    && body.trim_end().ends_with('|')
                    && self.para.is_none()
                    && self.list.is_none()
                    && next.is_none_or(|(_, sep)| separator_columns(sep).is_none())
                {
                    let header = split_row(body);
                    self.close_all();
                    i = self.table(lines, i, quote, header, 1);
                    continue;
                }
            }
            if let Some(m) = list_marker(body) {
                self.close_para();
                self.add_item(indent, &m, no);
                i += 1;
                continue;
            }
            if starts_html_block(body) {
                // Raw block-level HTML starts a paragraph of its own; its tags are dropped.
                self.close_all();
            }
            if self.para.is_none() && is_link_definition(body) {
                self.close_list();
                i += 1;
                continue;
            }
            if let Some(list) = &mut self.list {
                let content_col = list.open.last().map_or(0, |&(_, c)| c);
                if !list.after_blank || indent >= content_col {
                    list.after_blank = false;
                    if let Some(item) = list.items.last_mut() {
                        item.lines.push(content.to_string());
                    }
                    i += 1;
                    continue;
                }
                self.close_list();
            }
            match &mut self.para {
                Some(para) => para.lines.push(content.to_string()),
                None => self.para = Some(Para { lines: vec![content.to_string()], line: no }),
            }
            i += 1;
        }
        self.close_all();
    }

    /// Reads YAML front matter at the top; returns the index of the first line after it.
    fn front_matter(&mut self, lines: &[&str]) -> usize {
        if lines.first().map(|l| l.trim_end()) != Some("---") {
            return 0;
        }
        let Some(end) =
            lines.iter().enumerate().skip(1).find(|(_, l)| matches!(l.trim_end(), "---" | "...")).map(|(k, _)| k)
        else {
            return 0;
        };
        let keys = lines.get(1..end).unwrap_or_default();
        for (k, line) in keys.iter().enumerate() {
            if let Some(value) = line.strip_prefix("title:") {
                let text = fold(&yaml_scalar(value));
                if !text.is_empty() {
                    self.push_heading(1, &text, line_no(k + 1));
                }
                break;
            }
        }
        end + 1
    }

    fn push_heading(&mut self, level: u8, text: &str, line: u32) {
        if !text.is_empty() {
            let text = text.to_string();
            self.blocks.push(Block::Heading { level, text, loc: Loc::Line(line) });
        }
    }

    fn close_all(&mut self) {
        self.close_para();
        self.close_list();
    }

    fn close_para(&mut self) {
        if let Some(para) = self.para.take() {
            let text = inline(&join_lines(&para.lines));
            if !text.is_empty() {
                self.blocks.push(Block::Paragraph { text, loc: Loc::Line(para.line) });
            }
        }
    }

    fn close_list(&mut self) {
        let Some(list) = self.list.take() else {
            return;
        };
        let items: Vec<Item> = list
            .items
            .into_iter()
            .filter_map(|raw| {
                let text = inline(&join_lines(&raw.lines));
                (!text.is_empty()).then_some(Item { text, depth: raw.depth, loc: Loc::Line(raw.line) })
            })
            .collect();
        if !items.is_empty() {
            self.blocks.push(Block::List { ordered: list.ordered, items, loc: Loc::Line(list.line) });
        }
    }

    fn add_item(&mut self, indent: usize, m: &Marker<'_>, no: u32) {
        if let Some(list) = &mut self.list {
            let top_level = list.open.iter().all(|&(_, content)| indent < content);
            if top_level && list.ordered != m.ordered {
                self.close_list();
            }
        }
        let list = self.list.get_or_insert_with(|| List {
            ordered: m.ordered,
            line: no,
            items: Vec::new(),
            open: Vec::new(),
            after_blank: false,
        });
        while let Some(&(_, content)) = list.open.last() {
            if indent >= content {
                break;
            }
            list.open.pop();
        }
        let depth = u8::try_from(list.open.len()).unwrap_or(u8::MAX);
        list.open.push((indent, indent.saturating_add(m.content_offset)));
        list.items.push(RawItem { lines: vec![m.text.to_string()], depth, line: no });
        list.after_blank = false;
    }

    /// Reads a fenced code block opening at `lines[start]`; returns the index after it.
    fn fence(&mut self, lines: &[&str], start: usize, quote: usize, indent: usize, f: &Fence) -> usize {
        let mut body = Vec::new();
        let mut i = start + 1;
        while let Some(&raw) = lines.get(i) {
            let (q, content) = strip_quotes(raw, quote);
            if q < quote {
                break;
            }
            i += 1;
            if is_fence_close(content, f) {
                break;
            }
            body.push(remove_indent(content, indent));
        }
        let joined = body.join("\n");
        let text = joined.trim_end().trim_start_matches(['\n', '\r']).to_string();
        let text: String = text.chars().filter(|&c| c != '\u{200B}').collect();
        self.blocks.push(Block::Code { lang: f.lang.clone(), text, loc: Loc::Line(line_no(start)) });
        i
    }

    /// Reads a table whose header is `lines[start]` and whose rows start `skip` lines later
    /// (after the separator, or right after a header-less first row); returns the index
    /// after its last row.
    fn table(&mut self, lines: &[&str], start: usize, quote: usize, header: Vec<String>, skip: usize) -> usize {
        let columns = header.len();
        let header: Vec<String> = header.iter().map(|c| inline(c)).collect();
        let mut rows = Vec::new();
        let mut i = start + skip;
        while let Some(&raw) = lines.get(i) {
            let (q, content) = strip_quotes(raw, usize::MAX);
            let body = content.trim_start();
            if q != quote || body.is_empty() || (!has_pipe(body) && starts_block(body)) {
                break;
            }
            let mut cells: Vec<String> = split_row(body).iter().map(|c| inline(c)).collect();
            if cells.len() < columns {
                cells.resize(columns, String::new());
            }
            rows.push(Row { cells, joined: false, loc: Loc::Line(line_no(i)) });
            i += 1;
        }
        self.blocks.push(Block::Table { header, rows, loc: Loc::Line(line_no(start)) });
        i
    }
}

/// Strips up to `max` blockquote markers (`>` and one optional space after each); returns
/// how many were stripped and the rest of the line.
fn strip_quotes(line: &str, max: usize) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line;
    while depth < max {
        let t = rest.trim_start_matches([' ', '\t']);
        let Some(after) = t.strip_prefix('>') else {
            break;
        };
        depth += 1;
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    (depth, rest)
}

/// The column of the first non-blank character (tabs to the next multiple of 4).
fn indent_width(s: &str) -> usize {
    let mut col = 0usize;
    for c in s.chars() {
        match c {
            ' ' => col = col.saturating_add(1),
            '\t' => col = col.saturating_add(4 - col % 4),
            _ => break,
        }
    }
    col
}

/// Removes up to `n` columns of leading indentation.
fn remove_indent(s: &str, n: usize) -> &str {
    let mut col = 0usize;
    for (at, c) in s.char_indices() {
        if col >= n {
            return s.get(at..).unwrap_or_default();
        }
        match c {
            ' ' => col += 1,
            '\t' => col += 4 - col % 4,
            _ => return s.get(at..).unwrap_or_default(),
        }
    }
    if col >= n || s.trim().is_empty() { "" } else { s }
}

struct Fence {
    ch: char,
    len: usize,
    lang: Option<String>,
}

fn open_fence(body: &str) -> Option<Fence> {
    let ch = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = body.chars().take_while(|&c| c == ch).count();
    if len < 3 {
        return None;
    }
    let info = body.get(len..).unwrap_or_default().trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    let lang = info
        .split_whitespace()
        .next()
        .map(|w| w.split('{').next().unwrap_or_default().trim_start_matches('.'))
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    Some(Fence { ch, len, lang })
}

fn is_fence_close(content: &str, f: &Fence) -> bool {
    let t = content.trim();
    let n = t.chars().take_while(|&c| c == f.ch).count();
    n >= f.len && t.chars().all(|c| c == f.ch)
}

/// When `lines[i]` opens an HTML comment that ends at the end of a line, the index of the
/// line after it.
fn skip_comment(lines: &[&str], i: usize) -> Option<usize> {
    let first = lines.get(i)?;
    let start = first.find("<!--")?;
    let tail = first.get(start + 4..)?;
    if let Some(end) = tail.find("-->") {
        let after = tail.get(end + 3..)?;
        return after.trim().is_empty().then_some(i + 1);
    }
    let mut j = i + 1;
    while let Some(line) = lines.get(j) {
        if let Some(end) = line.find("-->") {
            let after = line.get(end + 3..)?;
            return after.trim().is_empty().then_some(j + 1);
        }
        j += 1;
    }
    Some(j)
}

fn atx_heading(body: &str) -> Option<(u8, &str)> {
    let hashes = body.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = body.get(hashes..)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    // A closing sequence of `#`s after a space (or making up the whole text).
    let without = text.trim_end_matches('#');
    if without.is_empty() || without.ends_with([' ', '\t']) {
        text = without.trim_end();
    }
    Some((u8::try_from(hashes).unwrap_or(1), text))
}

/// `Some(Some(title))` for a container opening with a title, `Some(None)` for a closing
/// `:::` or an opening without a title the reader can name.
fn container(body: &str) -> Option<Option<String>> {
    if !body.starts_with(":::") {
        return None;
    }
    let rest = body.trim_start_matches(':').trim();
    if rest.is_empty() {
        return Some(None);
    }
    let (kind, title) = match rest.split_once(char::is_whitespace) {
        Some((k, t)) => (k, t.trim()),
        None => (rest, ""),
    };
    if !title.is_empty() {
        return Some(Some(title.to_string()));
    }
    let default = match kind.to_ascii_lowercase().as_str() {
        "tip" | "warning" | "danger" | "info" | "note" | "caution" | "important" => kind.to_ascii_uppercase(),
        "details" => "Details".to_string(),
        _ => return Some(None),
    };
    Some(Some(default))
}

fn setext_underline(body: &str) -> Option<u8> {
    let t = body.trim_end();
    if !t.is_empty() && t.chars().all(|c| c == '=') {
        Some(1)
    } else if !t.is_empty() && t.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

fn is_thematic_break(body: &str) -> bool {
    let mut ch = None;
    let mut n = 0;
    for c in body.chars() {
        match c {
            ' ' | '\t' => {}
            '-' | '*' | '_' if ch.is_none() || ch == Some(c) => {
                ch = Some(c);
                n += 1;
            }
            _ => return false,
        }
    }
    n >= 3
}

fn is_link_definition(body: &str) -> bool {
    let Some(rest) = body.strip_prefix('[') else {
        return false;
    };
    match rest.find("]:") {
        Some(at) => at > 0 && rest.get(at + 2..).is_some_and(|u| !u.trim().is_empty()),
        None => false,
    }
}

/// A line that opens or closes a block-level HTML element (`<div …>`, `</table>`).
fn starts_html_block(body: &str) -> bool {
    let Some(rest) = body.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest.chars().take_while(char::is_ascii_alphanumeric).count();
    let (name, after) = (rest.get(..name_len).unwrap_or_default(), rest.get(name_len..).unwrap_or_default());
    matches!(html_tag_kind(name), Some(TagKind::Space))
        && (after.is_empty() || after.starts_with([' ', '\t', '>', '/']))
}

/// A line that starts some other block, which ends a table without pipes in it.
fn starts_block(body: &str) -> bool {
    atx_heading(body).is_some()
        || open_fence(body).is_some()
        || container(body).is_some()
        || is_thematic_break(body)
        || list_marker(body).is_some()
        || body.starts_with('>')
        || starts_html_block(body)
}

struct Marker<'a> {
    ordered: bool,
    /// From the marker's column to the item's content column.
    content_offset: usize,
    text: &'a str,
}

fn list_marker(body: &str) -> Option<Marker<'_>> {
    let first = body.chars().next()?;
    let (ordered, marker_len) = if matches!(first, '-' | '*' | '+') {
        (false, 1)
    } else {
        let digits = body.chars().take_while(char::is_ascii_digit).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        match body.get(digits..digits + 1) {
            Some("." | ")") => (true, digits + 1),
            _ => return None,
        }
    };
    let rest = body.get(marker_len..)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let spaces = indent_width(rest);
    let text = rest.trim_start();
    let content_offset =
        if (1..=4).contains(&spaces) && !text.is_empty() { marker_len + spaces } else { marker_len + 1 };
    Some(Marker { ordered, content_offset, text })
}

/// Whether the text has a `|` that is not escaped.
fn has_pipe(s: &str) -> bool {
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            return true;
        }
    }
    false
}

/// Splits a table row into raw cells: outer pipes dropped, `\|` read as `|`.
fn split_row(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = t.chars();
    let mut open = false;
    while let Some(c) = chars.next() {
        open = true;
        match c {
            '\\' => match chars.next() {
                Some('|') => cell.push('|'),
                Some(n) => {
                    cell.push('\\');
                    cell.push(n);
                }
                None => cell.push('\\'),
            },
            '|' => {
                cells.push(std::mem::take(&mut cell).trim().to_string());
                open = false;
            }
            _ => cell.push(c),
        }
    }
    // A trailing pipe closes the last cell; text after the last pipe is a cell of its own.
    if open || cells.is_empty() {
        cells.push(cell.trim().to_string());
    }
    cells
}

/// The number of columns of a GFM table separator line (`|---|:-:|`), if it is one.
fn separator_columns(line: &str) -> Option<usize> {
    let body = line.trim();
    if !has_pipe(body) {
        return None;
    }
    let cells = split_row(body);
    let ok = cells.iter().all(|c| {
        let c = c.trim();
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        !c.is_empty() && c.chars().all(|ch| ch == '-')
    });
    ok.then_some(cells.len())
}

/// Joins the lines of a paragraph or item: a soft break becomes a space, a hard break
/// (trailing backslash, or two trailing spaces) `\n`.
fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    let last = lines.len().saturating_sub(1);
    for (k, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let trimmed = t.trim_end();
        if k == last {
            out.push_str(trimmed);
            break;
        }
        let trailing_spaces = t.len() - t.trim_end_matches(' ').len();
        let backslashes = trimmed.chars().rev().take_while(|&c| c == '\\').count();
        if backslashes % 2 == 1 {
            out.push_str(trimmed.strip_suffix('\\').unwrap_or(trimmed));
            out.push('\n');
        } else if trailing_spaces >= 2 {
            out.push_str(trimmed);
            out.push('\n');
        } else {
            out.push_str(trimmed);
            out.push(' ');
        }
    }
    out
}

/// A YAML plain or quoted scalar on one line.
fn yaml_scalar(value: &str) -> String {
    let v = value.trim();
    if let Some(inner) = v.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        return inner.replace("\\\"", "\"");
    }
    if let Some(inner) = v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    // A plain scalar ends at a comment.
    match v.find(" #") {
        Some(at) => v.get(..at).unwrap_or(v).to_string(),
        None => v.to_string(),
    }
}

/// Folds white space to single spaces and trims; keeps `\n` as a hard break.
fn fold(s: &str) -> String {
    let mut buf = TextBuf::default();
    for c in s.chars() {
        if c == '\n' {
            buf.push_break();
        } else {
            buf.push_char(c);
        }
    }
    buf.take()
}

/// A piece of a paragraph during inline parsing.
#[derive(Clone, Debug, PartialEq)]
enum Atom {
    Ch(char),
    /// Text that no later step may read as markup (code spans, escaped characters).
    Lit(String),
    Break,
}

/// Inline Markdown to plain text: emphasis, links, images, code spans, HTML tags and
/// entities dropped or resolved; white space folded; `\n` in `s` kept as a hard break.
fn inline(s: &str) -> String {
    let mut atoms = code_spans_and_escapes(s);
    let mut gone = vec![false; atoms.len()];
    links(&atoms, &mut gone);
    emphasis(&atoms, &mut gone);
    let live: Vec<Atom> = atoms.drain(..).zip(gone).filter(|(_, g)| !g).map(|(a, _)| a).collect();
    render(&live)
}

fn code_spans_and_escapes(s: &str) -> Vec<Atom> {
    let chars: Vec<char> = s.chars().collect();
    // Backtick runs by length, for finding a code span's closing run.
    let mut runs: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut k = 0;
    while let Some(&c) = chars.get(k) {
        if c == '`' {
            let len = chars.iter().skip(k).take_while(|&&c| c == '`').count();
            runs.entry(len).or_default().push(k);
            k += len;
        } else {
            k += 1;
        }
    }
    let mut cursor: HashMap<usize, usize> = HashMap::new();
    let mut atoms = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                if let Some(&n) = chars.get(i + 1) {
                    atoms.push(Atom::Lit(n.to_string()));
                }
                i += 2;
            }
            '`' => {
                let len = chars.iter().skip(i).take_while(|&&c| c == '`').count();
                let close = runs.get(&len).and_then(|starts| {
                    let at = cursor.entry(len).or_insert(0);
                    while starts.get(*at).is_some_and(|&p| p <= i) {
                        *at += 1;
                    }
                    starts.get(*at).copied()
                });
                match close {
                    Some(end) => {
                        let code: String = chars
                            .get(i + len..end)
                            .unwrap_or_default()
                            .iter()
                            .map(|&c| if c == '\n' { ' ' } else { c })
                            .collect();
                        atoms.push(Atom::Lit(code));
                        i = end + len;
                    }
                    None => {
                        atoms.extend(std::iter::repeat_n(Atom::Ch('`'), len));
                        i += len;
                    }
                }
            }
            '\n' => {
                atoms.push(Atom::Break);
                i += 1;
            }
            _ => {
                atoms.push(Atom::Ch(c));
                i += 1;
            }
        }
    }
    atoms
}

/// Marks the markup of `[text](url)`, `[text][ref]` and `![alt](src)` as gone, keeping a
/// link's text and dropping an image whole.
fn links(atoms: &[Atom], gone: &mut [bool]) {
    let n = atoms.len();
    let mut close_paren = vec![None; n];
    let mut close_bracket = vec![None; n];
    let mut parens = Vec::new();
    let mut brackets = Vec::new();
    for (i, a) in atoms.iter().enumerate() {
        match a {
            Atom::Ch('(') => parens.push(i),
            Atom::Ch(')') => {
                if let Some(o) = parens.pop()
                    && let Some(slot) = close_paren.get_mut(o)
                {
                    *slot = Some(i);
                }
            }
            Atom::Ch('[') => brackets.push(i),
            Atom::Ch(']') => {
                if let Some(o) = brackets.pop()
                    && let Some(slot) = close_bracket.get_mut(o)
                {
                    *slot = Some(i);
                }
            }
            _ => {}
        }
    }
    let mut mark = |from: usize, to: usize| {
        for g in gone.iter_mut().take(to.saturating_add(1)).skip(from) {
            *g = true;
        }
    };
    let mut i = 0;
    while i < n {
        let Some(Some(close)) = close_bracket.get(i).copied() else {
            i += 1;
            continue;
        };
        let image = i > 0 && atoms.get(i - 1) == Some(&Atom::Ch('!'));
        let tail_end = match atoms.get(close + 1) {
            Some(Atom::Ch('(')) => close_paren.get(close + 1).copied().flatten(),
            Some(Atom::Ch('[')) => close_bracket.get(close + 1).copied().flatten(),
            _ => None,
        };
        match tail_end {
            Some(end) if image => {
                mark(i - 1, end);
                i = end + 1;
            }
            Some(end) => {
                mark(i, i);
                mark(close, end);
                i += 1;
            }
            None => i += 1,
        }
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32,
            0x00A1..=0x00BF | 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F
            | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Marks matched `*`/`_` emphasis delimiters as gone (CommonMark flanking rules, matched
/// with the nearest opener of the same character).
fn emphasis(atoms: &[Atom], gone: &mut [bool]) {
    // The character each live atom reads as for flanking: code and escapes as a letter.
    let live: Vec<(usize, char)> = atoms
        .iter()
        .enumerate()
        .filter(|(i, _)| !gone.get(*i).copied().unwrap_or(true))
        .map(|(i, a)| {
            let c = match a {
                Atom::Ch(c) => *c,
                Atom::Lit(_) => 'a',
                Atom::Break => '\n',
            };
            (i, c)
        })
        .collect();
    let is_delim = |k: usize| -> Option<char> {
        let (i, c) = *live.get(k)?;
        (matches!(c, '*' | '_') && matches!(atoms.get(i), Some(Atom::Ch(_)))).then_some(c)
    };
    // Openers per character: (first live index of the run, how many are still open).
    let mut star: Vec<(usize, usize)> = Vec::new();
    let mut under: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < live.len() {
        let Some(ch) = is_delim(k) else {
            k += 1;
            continue;
        };
        let mut len = 0;
        while is_delim(k + len) == Some(ch) {
            len += 1;
        }
        let prev = k.checked_sub(1).and_then(|p| live.get(p)).map_or(' ', |&(_, c)| c);
        let next = live.get(k + len).map_or(' ', |&(_, c)| c);
        let left = !next.is_whitespace() && (!is_punct(next) || prev.is_whitespace() || is_punct(prev));
        let right = !prev.is_whitespace() && (!is_punct(prev) || next.is_whitespace() || is_punct(next));
        let (can_open, can_close) = if ch == '*' {
            (left, right)
        } else {
            (left && (!right || is_punct(prev)), right && (!left || is_punct(next)))
        };
        let stack = if ch == '*' { &mut star } else { &mut under };
        let mut start = k;
        let mut remaining = len;
        if can_close {
            while remaining > 0 {
                let Some(top) = stack.last_mut() else {
                    break;
                };
                let used = top.1.min(remaining);
                // The opener's innermost characters and the closer's first ones.
                for j in (top.0 + top.1 - used)..(top.0 + top.1) {
                    if let Some(&(i, _)) = live.get(j)
                        && let Some(g) = gone.get_mut(i)
                    {
                        *g = true;
                    }
                }
                for j in start..start + used {
                    if let Some(&(i, _)) = live.get(j)
                        && let Some(g) = gone.get_mut(i)
                    {
                        *g = true;
                    }
                }
                top.1 -= used;
                if top.1 == 0 {
                    stack.pop();
                }
                start += used;
                remaining -= used;
            }
        }
        if can_open && remaining > 0 {
            stack.push((start, remaining));
        }
        k += len;
    }
}

/// HTML elements whose tags are dropped from running text, and whether they separate words.
fn html_tag_kind(name: &str) -> Option<TagKind> {
    let name = name.to_ascii_lowercase();
    let kind =
        match name.as_str() {
            "br" => TagKind::Break,
            "p" | "div" | "table" | "thead" | "tbody" | "tr" | "td" | "th" | "ul" | "ol" | "li" | "h1" | "h2"
            | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "hr" | "section" | "details" | "summary" | "dl"
            | "dt" | "dd" => TagKind::Space,
            "span" | "a" | "b" | "i" | "em" | "strong" | "code" | "u" | "s" | "del" | "ins" | "sub" | "sup"
            | "small" | "mark" | "kbd" | "font" | "img" | "abbr" | "cite" | "q" | "var" | "samp" | "big" | "strike"
            | "tt" => TagKind::Drop,
            _ => return None,
        };
    Some(kind)
}

enum TagKind {
    Break,
    Space,
    Drop,
}

/// What a `<` at `live[i]` starts: how many atoms it covers and what it stands for.
enum Angle {
    Tag(TagKind),
    Comment,
    Autolink(String),
}

fn parse_angle(live: &[Atom], i: usize, comment_ends: &[usize]) -> Option<(usize, Angle)> {
    const LIMIT: usize = 2048;
    let ch = |k: usize| match live.get(k) {
        Some(Atom::Ch(c)) => Some(*c),
        _ => None,
    };
    if ch(i + 1) == Some('!') && ch(i + 2) == Some('-') && ch(i + 3) == Some('-') {
        // The first `-->` after the opening.
        let at = comment_ends.partition_point(|&e| e < i + 4);
        return comment_ends.get(at).map(|&e| (e + 3 - i, Angle::Comment));
    }
    let mut text = String::new();
    let mut k = i + 1;
    loop {
        let c = ch(k)?;
        if c == '>' {
            break;
        }
        if c == '<' || c == '\n' || k - i > LIMIT {
            return None;
        }
        text.push(c);
        k += 1;
    }
    let len = k + 1 - i;
    // An autolink: a scheme and no white space, or an e-mail address.
    if !text.contains(char::is_whitespace) {
        if let Some((scheme, _)) = text.split_once(':')
            && (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        {
            return Some((len, Angle::Autolink(text)));
        }
        if text.contains('@') && !text.starts_with('@') && !text.ends_with('@') && !text.contains('/') {
            return Some((len, Angle::Autolink(text)));
        }
    }
    let tag = text.strip_prefix('/').unwrap_or(&text);
    let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let after = tag.get(name.len()..).unwrap_or_default();
    if !(after.is_empty() || after.starts_with(char::is_whitespace) || after.starts_with('/')) {
        return None;
    }
    html_tag_kind(&name).map(|kind| (len, Angle::Tag(kind)))
}

/// `&name;`, `&#123;` or `&#x1F;` at `live[i]`: how many atoms and the text it stands for.
fn parse_entity(live: &[Atom], i: usize) -> Option<(usize, String)> {
    let mut name = String::new();
    let mut k = i + 1;
    loop {
        match live.get(k) {
            Some(Atom::Ch(';')) => break,
            Some(Atom::Ch(c)) if c.is_ascii_alphanumeric() || *c == '#' => name.push(*c),
            _ => return None,
        }
        if name.len() > 32 {
            return None;
        }
        k += 1;
    }
    let text = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        let c = char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}');
        c.to_string()
    } else {
        named_entity(&name)?.to_string()
    };
    Some((k + 1 - i, text))
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "zwsp" => "\u{200B}",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "hellip" => "…",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "deg" => "°",
        "micro" => "µ",
        "para" => "¶",
        "sect" => "§",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "harr" => "↔",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        _ => return None,
    })
}

/// Writes the live atoms out as text, resolving HTML tags and entities.
fn render(live: &[Atom]) -> String {
    let mut comment_ends = Vec::new();
    for (k, w) in live.windows(3).enumerate() {
        if let [Atom::Ch('-'), Atom::Ch('-'), Atom::Ch('>')] = w {
            comment_ends.push(k);
        }
    }
    let mut buf = TextBuf::default();
    let mut i = 0;
    while let Some(atom) = live.get(i) {
        match atom {
            Atom::Lit(s) => buf.push_str(s),
            Atom::Break => buf.push_break(),
            Atom::Ch('<') => {
                if let Some((len, angle)) = parse_angle(live, i, &comment_ends) {
                    match angle {
                        Angle::Tag(TagKind::Break) => buf.push_break(),
                        Angle::Tag(TagKind::Space) => buf.push_space(),
                        Angle::Tag(TagKind::Drop) | Angle::Comment => {}
                        Angle::Autolink(text) => buf.push_str(&text),
                    }
                    i += len;
                    continue;
                }
                buf.push_char('<');
            }
            Atom::Ch('&') => {
                if let Some((len, text)) = parse_entity(live, i) {
                    buf.push_str(&text);
                    i += len;
                    continue;
                }
                buf.push_char('&');
            }
            Atom::Ch(c) => buf.push_char(*c),
        }
        i += 1;
    }
    buf.take()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::test_support::{codes, headings, paragraphs, random_inputs, tables};

    const DROPIN: &str = include_str!("../../tests/fixtures/md/payermax/applyDropinSession.zh.md");
    const TOKEN: &str = include_str!("../../tests/fixtures/md/payermax/applyPaymentToken.en.md");
    const PAYBYLINK: &str = include_str!("../../tests/fixtures/md/payermax/createPaybylink.zh.md");
    const ONE_CLICK: &str = include_str!("../../tests/fixtures/md/pingpong/one-click-pay.zh.md");
    const ANTOM: &str = include_str!("../../tests/fixtures/md/antom/createPaymentSession.zh.md");

    fn items(block: &Block) -> Vec<(&str, u8)> {
        match block {
            Block::List { items, .. } => items.iter().map(|i| (i.text.as_str(), i.depth)).collect(),
            other => panic!("not a list: {other:?}"),
        }
    }

    /// The line a loc names, from the page source.
    fn line_of(src: &str, loc: Loc) -> &str {
        let Loc::Line(n) = loc else {
            panic!("not a line loc: {loc:?}");
        };
        src.lines().nth(usize::try_from(n).unwrap() - 1).unwrap()
    }

    /// Every loc is a line, lines never go back, rows and items sit on lines of their own.
    fn assert_locs(doc: &Document) {
        let mut last = 0;
        for b in &doc.blocks {
            let Loc::Line(n) = b.loc() else {
                panic!("{b:?}");
            };
            assert!(n >= 1 && n >= last, "{b:?} after line {last}");
            last = n;
            match b {
                Block::Table { rows, .. } => {
                    for row in rows {
                        let Loc::Line(r) = row.loc else {
                            panic!("{row:?}");
                        };
                        assert!(r > last, "{row:?}");
                        last = r;
                    }
                }
                Block::List { items, .. } => {
                    for item in items {
                        let Loc::Line(r) = item.loc else {
                            panic!("{item:?}");
                        };
                        assert!(r >= last, "{item:?}");
                        last = r;
                    }
                }
                _ => {}
            }
        }
    }

    fn assert_clean(doc: &Document) {
        let text = doc.text();
        for markup in ["**", "\u{200B}", "|---", "```", ":::", "&quot;", "<br"] {
            assert!(!text.contains(markup), "markup {markup:?} leaked into the blocks");
        }
        for b in &doc.blocks {
            if let Block::Heading { text, .. } | Block::Paragraph { text, .. } = b {
                assert!(!text.starts_with('#') && !text.starts_with('>'), "{text:?}");
            }
        }
    }

    fn assert_json_codes(doc: &Document, count: usize) {
        let codes = codes(doc);
        assert_eq!(codes.len(), count);
        for (lang, text) in codes {
            assert_eq!(lang, Some("json"));
            assert!(!text.ends_with('\n'));
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
                assert!(!row.joined);
            }
        }
    }

    #[test]
    fn payermax_apply_dropin_session() {
        let doc = read(DROPIN);
        assert_eq!(doc.form, Form::Markdown);
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
        assert_eq!(tables[0].1[0].loc, Loc::Line(14));
        let mit = &tables[1].1[7];
        assert_eq!(mit.cells[0], "data.mitType");
        assert_eq!(mit.cells[5], "SCHEDULED, UNSCHDULED");
        assert_eq!(mit.loc, Loc::Line(35));
        assert!(line_of(DROPIN, mit.loc).starts_with("| data.mitType |"));
        // Every row's loc names its own line.
        for (_, rows) in &tables {
            for row in rows.iter() {
                let line = line_of(DROPIN, row.loc);
                assert!(line.starts_with(&format!("| {} |", row.cells[0])), "{line:?}");
            }
        }
        assert_json_codes(&doc, 2);
        assert_eq!(doc.blocks.iter().find(|b| matches!(b, Block::Code { .. })).unwrap().loc(), Loc::Line(46));
        assert_clean(&doc);
        assert_locs(&doc);
        let first_list = doc.blocks.iter().find(|b| matches!(b, Block::List { .. })).unwrap();
        assert_eq!(
            items(first_list),
            [
                ("Endpoint: POST /aggregate-pay/api/gateway/applyDropinSession(for-auth-capture-copy-me)", 0),
                ("Tags: 收单/Auth-Capture", 0)
            ]
        );
        assert_eq!(items(doc.blocks.last().unwrap()), [("SCHEDULED", 0), ("UNSCHDULED", 0)]);
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
        assert_clean(&doc);
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
        assert_clean(&doc);
        assert_locs(&doc);
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
        // The front matter's title, on its own line; no other key is read.
        assert_eq!(doc.blocks[0], Block::Heading { level: 1, text: "一键支付".into(), loc: Loc::Line(2) });
        assert!(!doc.text().contains("permalink"));
        assert!(!doc.text().contains("797c5b"));

        let tables = tables(&doc);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].0, ["参数名", "类型", "是否必填", "描述"]);
        assert_eq!(tables[0].1.len(), 3);
        assert_eq!(tables[0].1[0].loc, Loc::Line(64));
        assert_eq!(tables[0].1[2].cells[0], "merchantUserId");

        let codes = codes(&doc);
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].1.lines().count(), 29);
        assert!(codes[0].1.ends_with('}'));
        assert_json_codes(&doc, 1);

        // `认证接口\` is a hard break inside the paragraph.
        assert!(paragraphs(&doc).contains(&"认证接口\n授权接口"));
        // The `::: warning 注意` container: its title, then its content.
        let at = doc.blocks.iter().position(|b| matches!(b, Block::Paragraph { text, .. } if text == "注意")).unwrap();
        assert_eq!(doc.blocks[at].loc(), Loc::Line(108));
        assert_eq!(
            items(&doc.blocks[at + 1]),
            [("当http code 为200的时候,表明商户已经收到报文,商户无需返回额外信息。", 0), ("响应报文异常重试2次", 0)]
        );
        assert!(matches!(&doc.blocks[at + 1], Block::List { ordered: true, .. }));
        assert!(matches!(&doc.blocks[at + 2], Block::Heading { level: 3, .. }));
        assert_clean(&doc);
        assert_locs(&doc);
    }

    #[test]
    fn antom_create_payment_session() {
        let doc = read(ANTOM);
        let heads = headings(&doc);
        assert_eq!(
            &heads[..4],
            [(1, "createPaymentSession"), (1, "结构"), (2, "入参"), (4, "productCode (String, REQUIRED)")]
        );
        let split = heads.iter().position(|h| *h == (2, "出参")).unwrap();
        let end = heads.iter().position(|h| *h == (2, "更多信息")).unwrap();
        let request = heads[..split].iter().filter(|h| h.0 == 4).count();
        let response = heads[split..end].iter().filter(|h| h.0 == 4).count();
        assert_eq!((request, response), (15, 4));

        // The code span is kept as its text.
        let paras = paragraphs(&doc);
        assert_eq!(paras[0], "POST /v1/payments/createPaymentSession");
        // The blockquote reads as a paragraph and a list, markup stripped.
        assert!(paras.contains(
            &"注意:将每个字段(除数组外)的数据类型设置为字符串。这意味字段值必须使用双引号(\" \")括起来。例如:"
        ));
        let quote_at = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Paragraph { text, .. } if text.starts_with("注意:将每个字段")))
            .unwrap();
        assert_eq!(doc.blocks[quote_at].loc(), Loc::Line(11));
        let list = &doc.blocks[quote_at + 1];
        assert_eq!(
            items(list),
            [
                ("如果字段的数据类型为整数属性,且其值为 20,设置为 \"20\"。", 0),
                ("如果字段的数据类型为布尔属性,且其值为 true,设置为 \"true\"。", 0)
            ]
        );
        assert_eq!(list.loc(), Loc::Line(13));
        let notes = paras.iter().filter(|p| p.starts_with("注意:")).count();
        assert_eq!(notes, 7);

        let tables = tables(&doc);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].0, ["结果码", "结果状态", "结果码信息", "行动建议"]);
        assert_eq!(tables[0].1.len(), 6);
        let last = &tables[0].1[5];
        assert_eq!(last.cells[0], "UNKNOWN_EXCEPTION");
        assert_eq!(last.loc, Loc::Line(165));
        assert!(line_of(ANTOM, last.loc).starts_with("| UNKNOWN_EXCEPTION |"));
        assert!(codes(&doc).is_empty());
        assert_clean(&doc);
        assert_locs(&doc);
    }

    #[test]
    fn inline_markup_is_dropped() {
        assert_eq!(inline("**bold** and *em* and _em_ and __strong__"), "bold and em and em and strong");
        assert_eq!(inline("`a | b` and ``x ` y``"), "a | b and x ` y");
        assert_eq!(inline("[text](http://x.y/(z)) and ![img](a.png) and [ref][1]"), "text and and ref");
        assert_eq!(inline("a<br>b<br/>c<br />d"), "a\nb\nc\nd");
        assert_eq!(inline("&quot;q&quot; &amp; &lt;tag&gt; &#39;s&#x4E2D; &unknown;"), "\"q\" & <tag> 's中 &unknown;");
        assert_eq!(inline("merchant_user_id and __init__ file"), "merchant_user_id and init file");
        assert_eq!(inline("a * b * c and 2*3"), "a * b * c and 2*3");
        assert_eq!(inline("fields data.* match"), "fields data.* match");
        assert_eq!(inline("\\*not em\\* and \\`tick"), "*not em* and `tick");
        assert_eq!(inline("<span class=\"x\">in</span> List<String> <https://a.b/c>"), "in List<String> https://a.b/c");
        assert_eq!(inline("a <!-- hidden --> b"), "a b");
        assert_eq!(inline("  spaced \t out  \n next "), "spaced out\nnext");
        assert_eq!(inline("**unclosed and `unclosed"), "**unclosed and `unclosed");
        assert_eq!(inline("***both***"), "both");
    }

    #[test]
    fn tables_keep_empty_cells_and_escaped_pipes() {
        let src = "| a | b | c | d |\n|:--|--:|:-:|---|\n| x \\| y | `code` |  |  |\n| short |\nno pipe row\n\nafter";
        let doc = read(src);
        let tables = tables(&doc);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].0, ["a", "b", "c", "d"]);
        let rows: Vec<&[String]> = tables[0].1.iter().map(|r| r.cells.as_slice()).collect();
        assert_eq!(rows, [&["x | y", "code", "", ""][..], &["short", "", "", ""], &["no pipe row", "", "", ""]]);
        assert_eq!(tables[0].1[2].loc, Loc::Line(5));
        assert_eq!(paragraphs(&doc), ["after"]);
        // A separator with another column count makes no table.
        let doc = read("| a | b |\n|---|\n| x | y |");
        assert!(super::tests::tables(&doc).is_empty());
    }

    #[test]
    fn lists_nest_by_indentation() {
        let src = "- a\n  - a1\n    1. deep\n  - a2\n  continued\n- b\n\n  more b\n\n* c\n\ntext";
        let doc = read(src);
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(
            items(&doc.blocks[0]),
            [("a", 0), ("a1", 1), ("deep", 2), ("a2 continued", 1), ("b more b", 0), ("c", 0)]
        );
        let Block::List { items: list, ordered, loc } = &doc.blocks[0] else { unreachable!() };
        assert!(!ordered);
        assert_eq!(*loc, Loc::Line(1));
        let lines: Vec<Loc> = list.iter().map(|i| i.loc).collect();
        assert_eq!(lines, [1, 2, 3, 4, 6, 10].map(Loc::Line));
        assert_eq!(paragraphs(&doc), ["text"]);
        // Another kind of marker at the top starts another list.
        let doc = read("- a\n1. b\n2) c");
        assert_eq!(doc.blocks.len(), 2);
        assert!(matches!(&doc.blocks[1], Block::List { ordered: true, .. }));
    }

    #[test]
    fn paragraphs_and_breaks() {
        let doc = read("one\ntwo  \nthree\\\nfour\n\nSetext\n===\n\nSub\n---\n***\n# Closed #\n#nospace");
        assert_eq!(paragraphs(&doc), ["one two\nthree\nfour", "#nospace"]);
        assert_eq!(headings(&doc), [(1, "Setext"), (2, "Sub"), (1, "Closed")]);
        assert_eq!(doc.blocks[1].loc(), Loc::Line(6));
    }

    #[test]
    fn fences_quotes_and_containers() {
        let src = "~~~\nraw **kept** <br>\n> not a quote\n~~~\n\n> > ```yaml\n> > a: 1\n> > ```\n\n::: tip\nin tip\n:::\n\n```\nunclosed\n";
        let doc = read(src);
        assert_eq!(
            codes(&doc),
            [(None, "raw **kept** <br>\n> not a quote"), (Some("yaml"), "a: 1"), (None, "unclosed")]
        );
        assert_eq!(paragraphs(&doc), ["TIP", "in tip"]);
        assert_eq!(doc.blocks[1].loc(), Loc::Line(6));
        // A code block's content keeps its indentation, relative to the fence.
        let doc = read("1. step\n   ```json\n   {\n     \"a\": 1\n   }\n   ```");
        assert_eq!(codes(&doc), [(Some("json"), "{\n  \"a\": 1\n}")]);
    }

    #[test]
    fn raw_html_blocks_read_as_text() {
        let doc = read("- item\n<div align=\"center\">\n<b>Bold</b> html\n</div>\n\nline<br>\n<br>next");
        assert_eq!(items(&doc.blocks[0]), [("item", 0)]);
        assert_eq!(paragraphs(&doc), ["Bold html", "line\n\nnext"]);
    }

    #[test]
    fn front_matter_only_at_the_top() {
        let doc = read("---\ntitle: \"Quoted: title\"\ndate: 2024\n---\ntext");
        assert_eq!(headings(&doc), [(1, "Quoted: title")]);
        assert_eq!(paragraphs(&doc), ["text"]);
        let doc = read("---\nnot closed\ntitle: x");
        assert!(headings(&doc).is_empty());
        assert_eq!(paragraphs(&doc), ["not closed title: x"]);
        let doc = read("\u{FEFF}---\ntitle: BOM\n---\n");
        assert_eq!(headings(&doc), [(1, "BOM")]);
    }

    #[test]
    fn garbage_does_not_panic() {
        let inputs = [
            String::new(),
            "<<<<".to_string(),
            ">".to_string(),
            "|".to_string(),
            "|\n|".to_string(),
            "|-|\n|-|".to_string(),
            "```".to_string(),
            ":::".to_string(),
            "---".to_string(),
            "---\n---".to_string(),
            "#".to_string(),
            "-".to_string(),
            "1.".to_string(),
            "\\".to_string(),
            "`".to_string(),
            "[](".to_string(),
            "![x](".to_string(),
            "[a]]((()))[".to_string(),
            "&#;&#x;&#99999999999;&#0;".to_string(),
            "<!--".to_string(),
            "a\n<!-- x\ny --> tail\n<!--".to_string(),
            "\t-\t\t*\t1)\t".to_string(),
            String::from_utf8_lossy(&[0xff, 0xfe, b'|', 0x00, b'\n', 0x80, b'`', 0xc3, 0x28]).into_owned(),
        ];
        for src in &inputs {
            assert_locs(&read(src));
        }
        // Pseudo-random bytes, decoded lossily, biased towards markup.
        let alphabet = b"|-*_`#>:![]()<>&;\\ \n\n\t1.abc\xe4\xb8\xad\x80~=";
        for src in random_inputs(alphabet, 0x2545_F491_4F6C_DD1D, 2_000, 300) {
            assert_locs(&read(&src));
        }
    }

    #[test]
    fn deep_and_long_input_is_fine() {
        let n = 100_000;
        let doc = read(&format!("{} deep", ">".repeat(n)));
        assert_eq!(paragraphs(&doc), ["deep"]);
        let doc = read(&format!("{}x{}", "[".repeat(n), "](".repeat(n)));
        assert_eq!(doc.blocks.len(), 1);
        read(&"*a _b ".repeat(n));
        read(&"`` ` ".repeat(n));
        read(&"<!-- <a ".repeat(n));
        read(&"&amp".repeat(n));
        let nested: String = (0..3_000).map(|d| format!("{}- d{d}\n", " ".repeat(d * 2))).collect();
        let doc = read(&nested);
        let got = items(&doc.blocks[0]);
        assert_eq!(got.len(), 3_000);
        assert_eq!(got[2_999].1, u8::MAX);
        assert_eq!(got[3].1, 3);
    }
}
