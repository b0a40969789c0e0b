//! Page readers: page bytes in any of the three forms to a [`Document`].

pub mod html;
pub mod markdown;
pub mod text;

use crate::doc::{Document, Form};

/// Largest page accepted, in bytes. Real doc pages are well under 1 MiB.
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Deepest element nesting accepted in HTML. Real doc pages nest a few dozen levels; the
/// HTML parser's time grows with the square of the depth, so deeper pages are refused
/// before parsing.
pub const MAX_HTML_DEPTH: usize = 512;

/// Why a page could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    Empty,
    TooLarge(usize),
    Binary,
    NotUtf8,
    TooDeep(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Empty => write!(f, "the page is empty"),
            ReadError::TooLarge(n) => {
                write!(f, "the page is {n} bytes, over the {MAX_PAGE_BYTES}-byte limit")
            }
            ReadError::Binary => write!(f, "the page is binary data, not a doc page"),
            ReadError::NotUtf8 => write!(f, "the page is not UTF-8 text"),
            ReadError::TooDeep(n) => {
                write!(f, "the HTML nests elements {n} levels deep, over the limit of {MAX_HTML_DEPTH}")
            }
        }
    }
}

/// Picks the form from the file name, else from the content.
pub fn detect_form(file_name: &str, src: &str) -> Form {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        return Form::Html;
    }
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return Form::Markdown;
    }
    if lower.ends_with(".txt") {
        // A snapshot fetched as Markdown into a `.txt` file (a site's `.md` copy): it opens
        // with a `# ` heading and has deeper ones, which a browser's text copy never does.
        let first = src.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let deeper = src.lines().any(|l| l.starts_with("## ") || l.starts_with("### ") || l.starts_with("#### "));
        return if first.starts_with("# ") && deeper { Form::Markdown } else { Form::Text };
    }
    let head: String = src.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body") {
        Form::Html
    } else if src.lines().any(|l| l.starts_with("# ") || l.starts_with("## ") || l.starts_with("```")) {
        Form::Markdown
    } else {
        Form::Text
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn find_byte_finds_the_first() {
        let hay = b"0123456789abcdef<ghij<<";
        for start in 0..hay.len() {
            assert_eq!(find_byte(&hay[start..], b'<'), hay[start..].iter().position(|&b| b == b'<'));
            assert_eq!(find_byte(&hay[start..], b'>'), None);
        }
        assert_eq!(find_byte(b"\x80\xff\x00<", b'<'), Some(3));
    }

    #[test]
    fn the_form_comes_from_the_name_then_the_content() {
        assert_eq!(detect_form("a.html", ""), Form::Html);
        assert_eq!(detect_form("a.md", ""), Form::Markdown);
        assert_eq!(detect_form("a.txt", "Skip to content\n\n# Title\n"), Form::Text);
        assert_eq!(detect_form("a.txt", "# createX\n\n## 入参\n\n#### a (String)\n"), Form::Markdown);
        assert_eq!(detect_form("page", "<!DOCTYPE html><html>"), Form::Html);
    }
}

/// Checks the bytes are a text page and decodes them.
pub fn decode(bytes: &[u8]) -> Result<&str, ReadError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    let src = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    if src.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(src)
}

/// Reads a page of the given form.
pub fn read(form: Form, src: &str) -> Result<Document, ReadError> {
    Ok(match form {
        Form::Html => {
            let depth = html_depth(src);
            if depth > MAX_HTML_DEPTH {
                return Err(ReadError::TooDeep(depth));
            }
            html::read(src)
        }
        Form::Markdown => markdown::read(src),
        Form::Text => text::read(src),
    })
}

/// The deepest nesting of elements, from a scan of the tags (void elements, self-closing
/// tags, comments and end tags counted as HTML parsers do, closely enough for a limit).
pub fn html_depth(src: &str) -> usize {
    const VOID: [&[u8]; 14] = [
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"!doctype",
    ];
    // Without case: the name (longer names are not void) folded once, not once per void name.
    let is_void = |name: &str| {
        let mut buf = [0u8; 8];
        let Some(folded) = buf.get_mut(..name.len()) else { return false };
        folded.copy_from_slice(name.as_bytes());
        folded.make_ascii_lowercase();
        VOID.contains(&&*folded)
    };
    let bytes = src.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = find_byte(&bytes[i..], b'<') {
        i += off + 1;
        if bytes[i..].starts_with(b"!--") {
            // Comments are short: a plain scan, not a string search set up for each.
            match bytes[i..].windows(3).position(|w| w == b"-->") {
                Some(end) => i += end + 3,
                None => break,
            }
            continue;
        }
        let close = bytes.get(i) == Some(&b'/');
        let name_start = if close { i + 1 } else { i };
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'!').count();
        let name = &src[name_start..name_start + name_len];
        if name.is_empty() {
            continue;
        }
        let end = find_byte(&bytes[i..], b'>').map_or(bytes.len(), |e| i + e);
        let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
        if close {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !is_void(name) {
            depth += 1;
            max = max.max(depth);
        }
        i = end.min(bytes.len());
    }
    max
}

/// Where `needle` first occurs in `hay`, testing eight bytes at a time.
fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let mut at = 0;
    for chunk in hay.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A zero byte in `x` is a byte equal to `needle` (the test has no false positives).
        let x = u64::from_le_bytes(word) ^ pattern;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    hay.get(at..)?.iter().position(|&b| b == needle).map(|p| at + p)
}

/// What the readers' tests ask of a document.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::doc::{Block, Document, Row};

    pub fn headings(doc: &Document) -> Vec<(u8, &str)> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text, .. } => Some((*level, text.as_str())),
                _ => None,
            })
            .collect()
    }

    pub fn tables(doc: &Document) -> Vec<(&[String], &[Row])> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table { header, rows, .. } => Some((header.as_slice(), rows.as_slice())),
                _ => None,
            })
            .collect()
    }

    pub fn codes(doc: &Document) -> Vec<(Option<&str>, &str)> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Code { lang, text, .. } => Some((lang.as_deref(), text.as_str())),
                _ => None,
            })
            .collect()
    }

    pub fn paragraphs(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Text being gathered by the HTML and Markdown readers: white space folded to single
/// spaces, hard breaks kept as `\n`, zero-width spaces and byte-order marks dropped.
#[derive(Default)]
pub(crate) struct TextBuf {
    s: String,
    space: bool,
}

impl TextBuf {
    pub(crate) fn push_char(&mut self, c: char) {
        if matches!(c, '\u{200B}' | '\u{FEFF}') {
            return;
        }
        if c.is_whitespace() {
            self.space = true;
        } else {
            if self.space && !self.s.is_empty() && !self.s.ends_with('\n') {
                self.s.push(' ');
            }
            self.space = false;
            self.s.push(c);
        }
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    pub(crate) fn push_break(&mut self) {
        self.s.push('\n');
        self.space = false;
    }

    /// A boundary between words (a block-level element inside a cell or item).
    pub(crate) fn push_space(&mut self) {
        self.space = true;
    }

    /// The text gathered so far, trimmed; the buffer starts again empty.
    pub(crate) fn take(&mut self) -> String {
        let out = self.s.trim().to_string();
        self.s.clear();
        self.space = false;
        out
    }
}
