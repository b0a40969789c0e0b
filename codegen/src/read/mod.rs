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

    /// The nesting scan as first written (a byte at a time): the fast scan must agree with it.
    fn html_depth_by_bytes(src: &str) -> usize {
        const VOID: [&str; 14] = [
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
            "!doctype",
        ];
        let bytes = src.as_bytes();
        let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
        while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
            i += off + 1;
            if bytes[i..].starts_with(b"!--") {
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
            let end = bytes[i..].iter().position(|&b| b == b'>').map_or(bytes.len(), |e| i + e);
            let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
            if close {
                depth = depth.saturating_sub(1);
            } else if !self_closing && !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                depth += 1;
                max = max.max(depth);
            }
            i = end.min(bytes.len());
        }
        max
    }

    #[test]
    fn html_depth_agrees_with_the_byte_scan() {
        let fixed = [
            "",
            "<",
            "<div><p>a</p><br><BR/><img src=x><Input></div>",
            "<!DOCTYPE html><html><body><!-- <div> --><div><!--></div>",
            "<div><span/></div></div></div><p>",
            "<a href='x>y'><b>",
            "<div>no end <p",
            "<!-- open comment <div>",
            "<div</div>",
            "<中文><div>",
        ];
        for src in fixed {
            assert_eq!(html_depth(src), html_depth_by_bytes(src), "{src:?}");
        }
        assert_eq!(html_depth("<div><p>a</p><br><BR/><img src=x><Input></div>"), 2);
        let alphabet = b"<>/!-= abcdiv pbr hr img input meta !DOCTYPE span\n\t\xe4\xb8\xad";
        for src in test_support::random_inputs(alphabet, 0x2545_F491_4F6C_DD1D, 3000, 200) {
            assert_eq!(html_depth(&src), html_depth_by_bytes(&src), "{src:?}");
        }
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
    let bytes = src.as_bytes();
    let comment_end = memchr::memmem::Finder::new(b"-->");
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        i += off + 1;
        let rest = bytes.get(i..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            match comment_end.find(rest) {
                Some(end) => i += end + 3,
                None => break,
            }
            continue;
        }
        let close = rest.first() == Some(&b'/');
        let name = rest.get(usize::from(close)..).unwrap_or_default();
        let name_len = name.iter().position(|b| !TAG_NAME_BYTE[usize::from(*b)]).unwrap_or(name.len());
        if name_len == 0 {
            continue;
        }
        // The tag ends at the first `>` after its name.
        let after = usize::from(close) + name_len;
        let end = memchr::memchr(b'>', rest.get(after..).unwrap_or_default()).map_or(bytes.len(), |e| i + after + e);
        if close {
            depth = depth.saturating_sub(1);
        } else if bytes.get(end.wrapping_sub(1)) != Some(&b'/')
            && !is_void_name(name.get(..name_len).unwrap_or_default())
        {
            depth += 1;
            max = max.max(depth);
        }
        i = end;
    }
    max
}

/// The bytes of a tag name as the nesting scan reads it: ASCII letters and digits, and `!`.
const TAG_NAME_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'!' as usize;
        b += 1;
    }
    table
};

/// A name of up to eight bytes as one number, its ASCII letters in lower case.
const fn name_key(name: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < name.len() {
        key = (key << 8) | name[i].to_ascii_lowercase() as u64;
        i += 1;
    }
    key
}

/// A void element's name (or `!doctype`), without ASCII case.
fn is_void_name(name: &[u8]) -> bool {
    const VOID: [u64; 14] = [
        name_key(b"area"),
        name_key(b"base"),
        name_key(b"br"),
        name_key(b"col"),
        name_key(b"embed"),
        name_key(b"hr"),
        name_key(b"img"),
        name_key(b"input"),
        name_key(b"link"),
        name_key(b"meta"),
        name_key(b"source"),
        name_key(b"track"),
        name_key(b"wbr"),
        name_key(b"!doctype"),
    ];
    // Longer names are not void (and would not fit the key); tag names hold no zero byte,
    // so keys of different lengths differ.
    name.len() <= 8 && VOID.contains(&name_key(name))
}

/// What the readers' tests ask of a document.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::doc::{Block, Document, Row};

    /// `count` pseudo-random inputs of up to `max_len` bytes drawn from `alphabet` (biased
    /// towards the markup a reader must survive), decoded lossily: the same `seed` gives the
    /// same inputs.
    pub fn random_inputs(
        alphabet: &'static [u8],
        seed: u64,
        count: usize,
        max_len: u64,
    ) -> impl Iterator<Item = String> {
        let mut seed = seed;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed >> 33
        };
        (0..count).map(move |_| {
            let len = next() % max_len;
            let bytes: Vec<u8> =
                (0..len).map(|_| alphabet[usize::try_from(next()).unwrap() % alphabet.len()]).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }

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

/// The length of the run at the start of `s` that [`TextBuf::push_char`] keeps as it is:
/// neither white space nor a zero-width space or byte-order mark.
fn kept_run(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            if matches!(b, b' ' | b'\t'..=b'\r') {
                break;
            }
            at += 1;
            continue;
        }
        let Some(c) = s.get(at..).and_then(|r| r.chars().next()) else { break };
        if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}') {
            break;
        }
        at += c.len_utf8();
    }
    at
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
        let mut rest = s;
        while !rest.is_empty() {
            // A run of characters kept as they are goes in at once: only its first one can
            // need the space before it.
            let run = kept_run(rest);
            if run > 0 {
                let (word, after) = rest.split_at(run);
                if self.space && !self.s.is_empty() && !self.s.ends_with('\n') {
                    self.s.push(' ');
                }
                self.space = false;
                self.s.push_str(word);
                rest = after;
            }
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                self.push_char(c);
                rest = chars.as_str();
            }
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

#[cfg(test)]
mod text_buf_tests {
    use super::TextBuf;

    /// Pushing a string at once gathers what pushing its characters one by one does.
    #[test]
    fn push_str_is_push_char_for_each() {
        let pieces =
            ["a", "bc", " ", "\n", "\t", "\u{200B}", "\u{FEFF}", "中文", "\u{3000}", "\u{A0}", "é", "x\u{2028}y"];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let (mut whole, mut by_char) = (TextBuf::default(), TextBuf::default());
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 60) {
                let mut s = String::new();
                for _ in 0..8 {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    s.push_str(pieces[usize::try_from(seed >> 33).unwrap() % pieces.len()]);
                }
                whole.push_str(&s);
                s.chars().for_each(|c| by_char.push_char(c));
                if seed & 1 == 0 {
                    whole.push_break();
                    by_char.push_break();
                }
            }
            assert_eq!((&whole.s, whole.space), (&by_char.s, by_char.space));
            assert_eq!(whole.take(), by_char.take());
        }
    }
}
