//! Errors and warnings that name the file they are about, reported one line each.

use std::fmt;

use crate::spec::Loc;

/// A failure about one input: the file and the reason, printed on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    pub reason: String,
}

impl Error {
    pub fn new(file: impl Into<String>, reason: impl Into<String>) -> Self {
        Error { file: file.into(), reason: one_line(&reason.into()) }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for Error {}

/// A note about an input that does not stop the run: the file, where in it, and what.
/// `at` belongs to `file`: a page's line is reported with the page, never with the spec
/// file scraped from it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub file: String,
    pub at: Option<Loc>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    /// `file:LINE: message` for a line (as compilers and `lint` print it), `file: table 3
    /// row 5: message` for another place, `file: message` for the whole file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => match at.line() {
                Some(n) => write!(f, "{}:{n}: {}", self.file, self.message),
                None if *at == Loc::Page => write!(f, "{}: {}", self.file, self.message),
                None => write!(f, "{}: {at}: {}", self.file, self.message),
            },
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Drops repeated diagnostics, keeping the first of each in order.
pub fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert(d.clone()));
}

/// Folds a message onto one line so every report stays one line per item.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split(['\n', '\r']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}
