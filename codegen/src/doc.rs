//! The document model: what every page reader produces and every site extractor reads.
//!
//! A page in any form (served HTML, Markdown copy, plain-text copy) becomes a flat list of
//! [`Block`]s in page order. Blocks carry only what the page shows; no site knowledge lives
//! here. Where a plain-text copy lost the boundaries between table cells, a row keeps its
//! raw text as one cell and says so with [`Row::joined`]; the site extractors split it.

use std::fmt;

/// The form a page came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Html,
    Markdown,
    Text,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Html => "html",
            Form::Markdown => "markdown",
            Form::Text => "text",
        }
    }
}

/// Where on the page something was found.
///
/// Text and Markdown pages know their lines (1-based). HTML has no useful line numbers
/// once parsed, so its blocks are numbered in page order and table rows by table and row
/// (both 1-based; row 1 is the first body row).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Loc {
    Line(u32),
    Block(u32),
    Row { table: u32, row: u32 },
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Line(n) => write!(f, "line {n}"),
            Loc::Block(n) => write!(f, "block {n}"),
            Loc::Row { table, row } => write!(f, "table {table} row {row}"),
        }
    }
}

/// One table row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
    /// The page lost the cell boundaries of this row (a plain-text copy): `cells` holds
    /// the whole row's text as one cell.
    pub joined: bool,
    pub loc: Loc,
}

/// One list item. Nested lists are flattened in page order with their depth (0 = top).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub depth: u8,
    pub loc: Loc,
}

/// A block of the page, in page order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading. `level` is 1..=6 where the page marks it; 0 for a short standalone line of
    /// a plain-text copy that stands where a heading would (the text form has no markup).
    Heading {
        level: u8,
        text: String,
        loc: Loc,
    },
    /// Running text. Inline markup is dropped and white space folded; hard line breaks
    /// inside a paragraph are kept as `\n`.
    Paragraph {
        text: String,
        loc: Loc,
    },
    List {
        ordered: bool,
        items: Vec<Item>,
        loc: Loc,
    },
    /// A table. `header` holds the header cells; where a text copy ran them together the
    /// reader splits them at known column words.
    Table {
        header: Vec<String>,
        rows: Vec<Row>,
        loc: Loc,
    },
    /// A code block, without any line-number gutter the site adds.
    Code {
        lang: Option<String>,
        text: String,
        loc: Loc,
    },
}

impl Block {
    pub fn loc(&self) -> Loc {
        match self {
            Block::Heading { loc, .. }
            | Block::Paragraph { loc, .. }
            | Block::List { loc, .. }
            | Block::Table { loc, .. }
            | Block::Code { loc, .. } => *loc,
        }
    }

    /// The text of a heading, or of a one-line paragraph: what a section title looks like
    /// in any form. Sites whose text copies lose heading markup are matched through this.
    pub fn label(&self) -> Option<&str> {
        match self {
            Block::Heading { text, .. } => Some(text.trim()),
            Block::Paragraph { text, .. } if !text.contains('\n') && text.chars().count() <= 80 => Some(text.trim()),
            _ => None,
        }
    }

    /// All the text of the block, for detection and search.
    pub fn text(&self) -> String {
        match self {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } | Block::Code { text, .. } => text.clone(),
            Block::List { items, .. } => items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n"),
            Block::Table { header, rows, .. } => {
                let mut out = header.join(" | ");
                for row in rows {
                    out.push('\n');
                    out.push_str(&row.cells.join(" | "));
                }
                out
            }
        }
    }
}

/// A page read into blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub form: Form,
    pub blocks: Vec<Block>,
}

impl Document {
    /// The whole page's text, block by block, for provider detection.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            out.push_str(&b.text());
            out.push('\n');
        }
        out
    }
}
