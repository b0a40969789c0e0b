//! Page readers: page bytes in any of the three forms to a [`Document`].

pub mod html;
pub mod markdown;
pub mod text;

use crate::doc::{Document, Form};

/// Largest page accepted, in bytes. Real doc pages are well under 1 MiB.
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Why a page could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    Empty,
    TooLarge(usize),
    Binary,
    NotUtf8,
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
        return Form::Text;
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
pub fn read(form: Form, src: &str) -> Document {
    match form {
        Form::Html => html::read(src),
        Form::Markdown => markdown::read(src),
        Form::Text => text::read(src),
    }
}
