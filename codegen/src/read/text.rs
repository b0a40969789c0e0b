//! Reads plain-text copies of doc pages (what a browser's "save as text" gives) into blocks.
//!
//! Text copies have lost their markup. What is left, and what this reader recovers:
//! - `#`-prefixed lines (heading anchors some themes print) become headings;
//! - bullets (`•`, `-`, `*`) and numbered items become lists;
//! - a line made of known column titles starts a table: `|` rows are split at the pipes,
//!   tab rows at tabs, rows under a space-separated header at spaces, and rows whose cells
//!   ran together are kept whole (`Row::joined`) for the site extractors to split;
//! - JSON starting on a line of its own becomes a code block, ended by bracket matching
//!   (text that ran onto the closing line is read as the next line), and the line-number
//!   gutter some themes print after a code block (`1`, `2`, …) is dropped;
//! - every other non-blank line is a paragraph of its own: text copies do not keep
//!   paragraph boundaries reliably, so the line is the unit.

use crate::doc::{Block, Document, Form, Item, Loc, Row};

/// Column titles of documentation tables, in the languages the sites use. A line made only
/// of these (three or more) is a table header, whether or not the cells ran together.
const COLUMN_WORDS: &[&str] = &[
    // English
    "Field",
    "Fields",
    "Name",
    "Parameter",
    "Parameters",
    "Param",
    "In",
    "Location",
    "Type",
    "Data Type",
    "Required",
    "Mandatory",
    "Optional",
    "Constraints",
    "Constraint",
    "Description",
    "Enum",
    "Enums",
    "Example",
    "Examples",
    "Remark",
    "Remarks",
    "Default",
    "Length",
    "Max Length",
    "Result code",
    "Result Code",
    "Result status",
    "Result Status",
    "Result message",
    "Result Message",
    "Further action",
    "Further Action",
    "Code",
    "Status",
    "Message",
    "Value",
    "Values",
    "Meaning",
    "Attribute",
    "Parameter Name",
    "Parameter name",
    "Field Name",
    "Mandatory (Y/N)",
    "Required (Y/N)",
    "Example Value",
    "Example Values",
    "Example values",
    "Example value",
    "Whether it is required",
    "If Required",
    "Maximum length",
    "Maximum Length",
    "Length Max.",
    "Max. Length",
    "parameter",
    "type",
    "description",
    // Chinese
    "参数名",
    "参数名称",
    "参数",
    "字段",
    "字段名",
    "名称",
    "类型",
    "数据类型",
    "是否必填",
    "是否必须",
    "必填",
    "必选",
    "约束",
    "描述",
    "说明",
    "备注",
    "枚举",
    "枚举值",
    "示例",
    "示例值",
    "长度",
    "最大长度",
    "结果码",
    "结果状态",
    "结果码信息",
    "结果信息",
    "行动建议",
    "处理建议",
    "位置",
    "字段名称",
    "参数字段",
    "参数属性",
    "参数说明",
    "参数类型",
    "必填属性",
];

/// How the cells of a table's rows are separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cells {
    Pipe,
    Tab,
    Space,
    Joined,
}

struct Line<'a> {
    no: u32,
    text: &'a str,
}

/// Reads a plain-text page.
pub fn read(src: &str) -> Document {
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (i, text) in src.lines().enumerate() {
        lines.push(Line { no: u32::try_from(i + 1).unwrap_or(u32::MAX), text });
    }
    let mut reader = Reader { lines, pos: 0, pending: None, blocks: Vec::new() };
    reader.run();
    Document { form: Form::Text, blocks: reader.blocks }
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    /// Text left over on a line after a code block closed on it, read as the next line.
    pending: Option<(u32, String)>,
    blocks: Vec<Block>,
}

impl Reader<'_> {
    /// The next line as (number, text), taking a pending remainder first.
    fn next_line(&mut self) -> Option<(u32, String)> {
        if let Some(p) = self.pending.take() {
            return Some(p);
        }
        let line = self.lines.get(self.pos)?;
        self.pos += 1;
        Some((line.no, line.text.to_string()))
    }

    fn peek_line(&self) -> Option<(u32, &str)> {
        if let Some((no, text)) = &self.pending {
            return Some((*no, text.as_str()));
        }
        self.lines.get(self.pos).map(|l| (l.no, l.text))
    }

    /// The next non-blank line, without taking it.
    fn peek_nonblank(&self) -> Option<&str> {
        if let Some((_, text)) = &self.pending
            && !text.trim().is_empty()
        {
            return Some(text.as_str());
        }
        self.lines[self.pos.min(self.lines.len())..].iter().map(|l| l.text).find(|t| !t.trim().is_empty())
    }

    fn run(&mut self) {
        while let Some((no, line)) = self.next_line() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Some((level, text)) = hash_heading(trimmed) {
                self.blocks.push(Block::Heading { level, text, loc: Loc::Line(no) });
                continue;
            }
            if trimmed.eq_ignore_ascii_case("json") && self.peek_nonblank().is_some_and(|t| starts_json(t.trim_start()))
            {
                self.skip_blank();
                if let Some((code_no, first)) = self.next_line() {
                    self.code(code_no, first, Some("json".to_string()));
                }
                continue;
            }
            if starts_json(trimmed) {
                self.code(no, line, None);
                continue;
            }
            if let Some((cells, header)) = table_header(trimmed) {
                self.table(no, cells, header);
                continue;
            }
            if let Some(width) = self.cell_per_line_header(trimmed) {
                self.cell_per_line_table(no, trimmed.to_string(), width);
                continue;
            }
            if bullet(&line).is_some() {
                self.list(no, line);
                continue;
            }
            self.blocks.push(Block::Paragraph { text: fold(trimmed), loc: Loc::Line(no) });
        }
    }

    fn skip_blank(&mut self) {
        while let Some((_, t)) = self.peek_line() {
            if !t.trim().is_empty() {
                break;
            }
            let _ = self.next_line();
        }
    }

    /// A table printed one cell per line (`Parameter name`, `Required`, `Description`, then
    /// each row's cells on lines of their own): the number of columns, when `first` and the
    /// next non-blank lines are three or more column titles.
    fn cell_per_line_header(&self, first: &str) -> Option<usize> {
        if !COLUMN_WORDS.contains(&first) {
            return None;
        }
        let mut width = 1;
        for line in self.lines[self.pos.min(self.lines.len())..].iter().map(|l| l.text.trim()) {
            if line.is_empty() {
                continue;
            }
            if !COLUMN_WORDS.contains(&line) || width >= 12 {
                break;
            }
            width += 1;
        }
        (width >= 3).then_some(width)
    }

    /// Reads a one-cell-per-line table: the titles, then rows of `width` cells, each row
    /// starting with a single word (a name cell). Lines after a full row that read as more of
    /// its last cell (list items, notes, sentences) are added to it; a title-like line, or a
    /// name followed by column titles (the next table's label), ends the table. A flag run
    /// into its description under a Required column (`YesThe result…`) is two cells.
    fn cell_per_line_table(&mut self, no: u32, first: String, width: usize) {
        let mut header = vec![first];
        while header.len() < width {
            self.skip_blank();
            match self.next_line() {
                Some((_, t)) => header.push(t.trim().to_string()),
                None => break,
            }
        }
        let flag_column: Vec<bool> = header
            .iter()
            .map(|h| ["Required", "Mandatory", "是否必填", "必填", "是否必须"].contains(&h.as_str()))
            .collect();
        let mut rows: Vec<Row> = Vec::new();
        loop {
            self.skip_blank();
            let Some((row_no, t)) = self.peek_line() else { break };
            let t = t.trim().to_string();
            let name_like = !t.contains(char::is_whitespace)
                && t.chars().count() <= 64
                && !COLUMN_WORDS.contains(&t.as_str())
                && hash_heading(&t).is_none();
            if !name_like {
                let more = bullet(&t).is_some()
                    || t.contains([':', '：'])
                    || t.ends_with(['.', '。', ')'])
                    || t.chars().count() > 60;
                match rows.last_mut().and_then(|r| r.cells.last_mut()) {
                    Some(cell) if more => {
                        cell.push('\n');
                        cell.push_str(&fold(&t));
                        let _ = self.next_line();
                        continue;
                    }
                    _ => break,
                }
            }
            // `Amount` then `Parameter name`, `Type`, …: the label of the next table.
            if self.next_nonblank_after_peek().is_some_and(|n| COLUMN_WORDS.contains(&n.trim())) {
                break;
            }
            let mut cells: Vec<String> = Vec::with_capacity(width);
            while cells.len() < width {
                self.skip_blank();
                let Some((_, c)) = self.next_line() else { break };
                let c = fold(c.trim());
                match flag_column.get(cells.len()).copied().unwrap_or(false).then(|| split_flag(&c)).flatten() {
                    Some((flag, rest)) => {
                        cells.push(flag.to_string());
                        cells.push(rest.to_string());
                    }
                    None => cells.push(c),
                }
            }
            rows.push(Row { cells, joined: false, loc: Loc::Line(row_no) });
        }
        self.blocks.push(Block::Table { header, rows, loc: Loc::Line(no) });
    }

    /// The non-blank line after the one `peek_line` gives.
    fn next_nonblank_after_peek(&self) -> Option<&str> {
        let from = if self.pending.is_some() { self.pos } else { self.pos + 1 };
        self.lines.get(from..)?.iter().map(|l| l.text).find(|t| !t.trim().is_empty())
    }

    /// A JSON code block starting at `first`: reads until the brackets balance.
    fn code(&mut self, no: u32, first: String, lang: Option<String>) {
        let mut scan = JsonScan::default();
        let mut text = String::new();
        let mut line = first;
        loop {
            let start = line.len() - line.trim_start().len();
            let body = if text.is_empty() { &line[start..] } else { line.as_str() };
            match scan.feed(body) {
                Some(end) => {
                    text.push_str(&body[..end]);
                    let rest = body[end..].trim();
                    if !rest.is_empty() {
                        self.pending = Some((self.current_no(), rest.to_string()));
                    }
                    break;
                }
                None => {
                    text.push_str(body);
                    text.push('\n');
                }
            }
            match self.next_line() {
                Some((_, next)) => line = next,
                None => break,
            }
        }
        let text = text.trim_end().to_string();
        let lang = lang.or_else(|| Some("json".to_string()).filter(|_| starts_json(&text)));
        self.blocks.push(Block::Code { lang, text, loc: Loc::Line(no) });
        self.skip_gutter();
    }

    /// Number of the line last taken.
    fn current_no(&self) -> u32 {
        self.pos.checked_sub(1).and_then(|i| self.lines.get(i)).map_or(0, |l| l.no)
    }

    /// Drops a line-number gutter (`1`, `2`, … one per line) right after a code block, and
    /// the further runs some themes print after it (`2` … `20` again).
    fn skip_gutter(&mut self) {
        if self.pending.is_some() {
            return;
        }
        let number = |i: usize| self.lines.get(i).and_then(|l| l.text.trim().parse::<u32>().ok());
        let mut i = self.pos;
        while self.lines.get(i).is_some_and(|l| l.text.trim().is_empty()) {
            i += 1;
        }
        let mut first = true;
        while let Some(start) = number(i) {
            if (first && start != 1) || (!first && start > 2) {
                break;
            }
            let mut j = i;
            let mut expect = start;
            while number(j) == Some(expect) {
                expect += 1;
                j += 1;
            }
            if j - i < 2 {
                break;
            }
            self.pos = j;
            i = j;
            first = false;
        }
    }

    fn table(&mut self, no: u32, cells: Cells, header: Vec<String>) {
        let width = header.len();
        let mut rows: Vec<Row> = Vec::new();
        if cells == Cells::Pipe {
            // The `|---|` line under a pipe header.
            if let Some((_, t)) = self.peek_line()
                && is_pipe_rule(t.trim())
            {
                let _ = self.next_line();
            }
        }
        // A cell's list printed as plain lines under `支持的枚举:`, one value a line.
        let mut plain_list = false;
        while let Some((row_no, t)) = self.peek_line() {
            let t = t.trim();
            if matches!(cells, Cells::Space)
                && !t.is_empty()
                && bullet(t).is_none()
                && split_spaces(t, width).iter().filter(|c| !c.is_empty()).count() < width
                && let Some(cell) = rows.last_mut().and_then(|r| r.cells.last_mut())
                && (plain_list || cell.trim_end().ends_with([':', '：']))
            {
                cell.push_str("\n- ");
                cell.push_str(&fold(t));
                plain_list = true;
                let _ = self.next_line();
                continue;
            }
            plain_list = false;
            let ends = match cells {
                Cells::Pipe => !t.contains('|'),
                Cells::Tab => !t.contains('\t'),
                Cells::Space | Cells::Joined => t.is_empty() || hash_heading(t).is_some() || table_header(t).is_some(),
            };
            if ends {
                break;
            }
            let t = t.to_string();
            let _ = self.next_line();
            if cells == Cells::Pipe && is_pipe_rule(&t) {
                continue;
            }
            // A list inside a cell (`支持的枚举:` then `• A`, `• B`): the text copy prints it
            // as bullets under the row; it belongs to the row's last cell.
            if matches!(cells, Cells::Space | Cells::Joined)
                && let (Some((_, _, item)), Some(last)) = (bullet(&t), rows.last_mut())
                && let Some(cell) = last.cells.last_mut()
            {
                cell.push_str("\n- ");
                cell.push_str(&fold(item));
                continue;
            }
            let loc = Loc::Line(row_no);
            let row = match cells {
                Cells::Pipe => Row { cells: split_pipes(&t), joined: false, loc },
                Cells::Tab => Row { cells: t.split('\t').map(|c| fold(c.trim())).collect(), joined: false, loc },
                Cells::Space => Row { cells: split_spaces(&t, width), joined: false, loc },
                Cells::Joined => Row { cells: vec![fold(&t)], joined: true, loc },
            };
            rows.push(row);
        }
        self.blocks.push(Block::Table { header, rows, loc: Loc::Line(no) });
    }

    fn list(&mut self, no: u32, first: String) {
        let mut items = Vec::new();
        let mut ordered = false;
        let mut base: Option<usize> = None;
        let mut line = Some((no, first));
        while let Some((item_no, text)) = line.take() {
            let Some((indent, is_ordered, body)) = bullet(&text) else {
                self.pending = Some((item_no, text));
                break;
            };
            let base_indent = *base.get_or_insert(indent);
            if items.is_empty() {
                ordered = is_ordered;
            }
            let depth = u8::try_from(indent.saturating_sub(base_indent) / 2).unwrap_or(u8::MAX);
            items.push(Item { text: fold(body), depth, loc: Loc::Line(item_no) });
            // Items may be separated by blank lines; the list goes on while bullets follow.
            if self.peek_nonblank().is_some_and(|t| bullet(t).is_some()) {
                self.skip_blank();
                line = self.next_line();
            }
        }
        self.blocks.push(Block::List { ordered, items, loc: Loc::Line(no) });
    }
}

/// `YesThe result of the API call.`: a flag that ran into the description after it.
fn split_flag(cell: &str) -> Option<(&str, &str)> {
    ["Yes", "No", "是", "否"].iter().find_map(|flag| {
        let rest = cell.strip_prefix(flag)?;
        let next = rest.chars().next()?;
        (next.is_ascii_uppercase() || !next.is_ascii()).then_some((*flag, rest))
    })
}

/// `# Title` as printed by themes that show heading anchors.
fn hash_heading(t: &str) -> Option<(u8, String)> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.starts_with(' ') {
        return None;
    }
    let text = fold(rest.trim());
    if text.is_empty() {
        return None;
    }
    Some((u8::try_from(hashes).unwrap_or(6), text))
}

fn starts_json(t: &str) -> bool {
    let t = t.trim_start();
    (t.starts_with('{') || t.starts_with('['))
        && t[1..].trim_start().chars().next().is_none_or(|c| matches!(c, '"' | '{' | '[' | '}' | ']'))
}

/// A bullet line: (indent, ordered, text after the marker).
fn bullet(line: &str) -> Option<(usize, bool, &str)> {
    let body = line.trim_start();
    let indent = line.len() - body.len();
    for marker in ["• ", "- ", "* ", "· "] {
        if let Some(rest) = body.strip_prefix(marker) {
            return Some((indent, false, rest.trim()));
        }
    }
    if body == "•" || body == "-" {
        return Some((indent, false, ""));
    }
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        let rest = &body[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix("、")) {
            return Some((indent, true, rest.trim()));
        }
    }
    None
}

/// Recognises a table header line; returns how its rows separate cells and the titles.
fn table_header(t: &str) -> Option<(Cells, Vec<String>)> {
    // Cheap rejections first: this runs on every line of a page.
    let lead = t.trim_start_matches(['|', ' ', '\t']);
    if t.len() > 600 || !COLUMN_WORDS.iter().any(|w| lead.starts_with(w)) {
        return None;
    }
    let (cells, parts): (Cells, Vec<String>) = if t.contains('|') {
        (Cells::Pipe, split_pipes(t))
    } else if t.contains('\t') {
        (Cells::Tab, t.split('\t').map(|c| c.trim().to_string()).collect())
    } else if t.contains(' ') && t.split(' ').filter(|w| !w.is_empty()).all(|w| COLUMN_WORDS.contains(&w)) {
        (Cells::Space, t.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect())
    } else {
        (Cells::Joined, segment(t)?)
    };
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    if parts.len() < 3 || !parts.iter().all(|p| COLUMN_WORDS.contains(&p.as_str())) {
        return None;
    }
    Some((cells, parts))
}

/// Splits run-together column titles (`FieldTypeRequired…`), preferring the fewest, longest
/// words; `None` unless the whole line is covered.
fn segment(t: &str) -> Option<Vec<String>> {
    let n = t.len();
    // best[i] = (fewest words covering t[i..], byte length of the first).
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, 0));
    for i in (0..n).rev() {
        if !t.is_char_boundary(i) {
            continue;
        }
        let rest = &t[i..];
        if rest.starts_with(' ') {
            best[i] = best[i + 1].map(|(count, _)| (count, 1));
            continue;
        }
        for w in COLUMN_WORDS {
            if rest.starts_with(w)
                && let Some((count, _)) = best[i + w.len()]
                && best[i].is_none_or(|(c, _)| count + 1 < c)
            {
                best[i] = Some((count + 1, w.len()));
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let (_, len) = best[i]?;
        let word = &t[i..i + len.max(1)];
        if word != " " {
            out.push(word.to_string());
        }
        i += len.max(1);
    }
    Some(out)
}

fn is_pipe_rule(t: &str) -> bool {
    !t.is_empty() && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Splits a `|` row; a leading and a trailing pipe do not make empty cells.
fn split_pipes(t: &str) -> Vec<String> {
    let t = t.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| fold(c.trim())).collect()
}

/// Splits a row under a space-separated header into `width` cells; the last takes the rest.
fn split_spaces(t: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = t.trim();
    while out.len() + 1 < width {
        match rest.split_once(char::is_whitespace) {
            Some((cell, tail)) => {
                out.push(cell.to_string());
                rest = tail.trim_start();
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        out.push(fold(rest));
    }
    out
}

/// Folds runs of white space to one space.
pub(crate) fn fold(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Tracks JSON bracket depth across lines, aware of strings and escapes.
#[derive(Default)]
struct JsonScan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    started: bool,
}

impl JsonScan {
    /// Feeds one line; returns the byte index just past the closing bracket if it is here.
    fn feed(&mut self, line: &str) -> Option<usize> {
        for (i, c) in line.char_indices() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if c == '\\' {
                    self.escaped = true;
                } else if c == '"' {
                    self.in_string = false;
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' | '[' => {
                    self.depth += 1;
                    self.started = true;
                }
                '}' | ']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.started && self.depth == 0 {
                        return Some(i + c.len_utf8());
                    }
                }
                _ => {}
            }
        }
        // A string never spans lines in the pages' JSON; a lost quote must not swallow the page.
        self.in_string = false;
        self.escaped = false;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cells_values_on_plain_lines_stay_in_the_cell() {
        let doc = read(
            "字段名称 类型 必填 描述\ntype String M 支持的枚举:\nBoost\nTNG eWallet\nRabbit LINE Pay\nnext String O 下一个\n",
        );
        let tables = crate::read::test_support::tables(&doc);
        let rows = tables[0].1;
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[0].cells[3], "支持的枚举:\n- Boost\n- TNG eWallet\n- Rabbit LINE Pay");
        assert_eq!(rows[1].cells[0], "next");
    }

    #[test]
    fn a_table_printed_one_cell_per_line() {
        let doc = read(
            "Parameter name\n\nRequired\n\nDescription\n\nid\n\nYes\n\nThe id.\n\na.b\n\nNo\n\nA b.\n\nNext step\n",
        );
        let tables = crate::read::test_support::tables(&doc);
        assert_eq!(tables[0].0, ["Parameter name", "Required", "Description"]);
        let rows: Vec<&[String]> = tables[0].1.iter().map(|r| r.cells.as_slice()).collect();
        assert_eq!(
            rows,
            [["id", "Yes", "The id."].map(String::from).as_slice(), ["a.b", "No", "A b."].map(String::from).as_slice()]
        );
        assert_eq!(crate::read::test_support::paragraphs(&doc), ["Next step"]);
    }

    #[test]
    fn run_together_header_is_split_at_column_words() {
        assert_eq!(
            segment("FieldInTypeRequiredConstraintsDescription").unwrap(),
            ["Field", "In", "Type", "Required", "Constraints", "Description"]
        );
        assert_eq!(segment("结果码结果码信息行动建议").unwrap(), ["结果码", "结果码信息", "行动建议"]);
        assert_eq!(segment("FieldTypeRequiredX"), None);
    }

    #[test]
    fn joined_rows_are_kept_whole_until_a_blank_line() {
        let doc = read("FieldTypeRequiredDescription\nastringYesfoo\nb.cintegerNo\n\nAfter\n");
        let Block::Table { header, rows, .. } = &doc.blocks[0] else { panic!("{doc:?}") };
        assert_eq!(header, &["Field", "Type", "Required", "Description"]);
        assert_eq!(rows.len(), 2);
        assert!(rows[0].joined);
        assert_eq!(rows[1].cells, ["b.cintegerNo"]);
        assert_eq!(rows[1].loc, Loc::Line(3));
        assert!(matches!(&doc.blocks[1], Block::Paragraph { text, .. } if text == "After"));
    }

    #[test]
    fn pipe_rows_keep_empty_cells() {
        let doc = read("| Field | Type | Required |\n|---|---|---|\na | string | Yes |\nb | | No |\nnext\n");
        let Block::Table { rows, .. } = &doc.blocks[0] else { panic!("{doc:?}") };
        assert_eq!(rows[0].cells, ["a", "string", "Yes"]);
        assert_eq!(rows[1].cells, ["b", "", "No"]);
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn bullets_under_a_row_belong_to_its_last_cell() {
        let doc =
            read("字段名称 类型 必填 描述\na String M 支持的枚举:\n    • Boost\n    • TNG eWallet\nb String M x\n");
        let Block::Table { rows, .. } = &doc.blocks[0] else { panic!("{doc:?}") };
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells[3], "支持的枚举:\n- Boost\n- TNG eWallet");
    }

    #[test]
    fn space_header_splits_rows_into_its_width() {
        let doc = read("参数名 类型 是否必填 描述\ntoken String M 已有 字段\n");
        let Block::Table { rows, .. } = &doc.blocks[0] else { panic!("{doc:?}") };
        assert_eq!(rows[0].cells, ["token", "String", "M", "已有 字段"]);
    }

    #[test]
    fn json_block_ends_at_its_bracket_and_gutter_is_dropped() {
        let doc = read("json\n{\n\"a\": \"}{\",\n\"b\": [1]\n}Responses\n");
        assert!(matches!(&doc.blocks[0], Block::Code { lang: Some(l), text, .. }
            if l == "json" && text.ends_with('}') && text.contains("\"}{\"")));
        assert!(matches!(&doc.blocks[1], Block::Paragraph { text, loc: Loc::Line(5) } if text == "Responses"));
        let doc = read("{\n  \"a\": 1\n}\n1\n2\n3\n\nafter\n");
        assert_eq!(doc.blocks.len(), 2, "{doc:?}");
        let doc = read("{\n  \"a\": 1\n}\n1\n2\n3\n2\n3\nafter\n");
        assert_eq!(doc.blocks.len(), 2, "a second gutter run goes too: {doc:?}");
        assert!(matches!(&doc.blocks[1], Block::Paragraph { text, .. } if text == "after"));
    }

    #[test]
    fn bullets_with_blank_lines_between_are_one_list_with_depths() {
        let doc = read("  • a\n\n    • b\n  • c\ntext\n  1. one\n");
        let Block::List { items, ordered, .. } = &doc.blocks[0] else { panic!("{doc:?}") };
        assert!(!ordered);
        let got: Vec<_> = items.iter().map(|i| (i.text.as_str(), i.depth)).collect();
        assert_eq!(got, [("a", 0), ("b", 1), ("c", 0)]);
        assert!(matches!(&doc.blocks[2], Block::List { ordered: true, .. }));
    }

    #[test]
    fn hash_lines_are_headings() {
        let doc = read("# 对接流程\n#hashtag\n");
        assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, text, .. } if text == "对接流程"));
        assert!(matches!(&doc.blocks[1], Block::Paragraph { .. }));
    }

    #[test]
    fn unbalanced_json_runs_to_the_end_without_panicking() {
        let doc = read("{\n\"a\": [\n");
        assert!(matches!(&doc.blocks[0], Block::Code { .. }));
        for s in ["[", "{", "\"", "| |", "•", "1.", "#", "{\"\\", "FieldTypeRequired\n|"] {
            let _ = read(s);
        }
    }
}
