//! Errors and warnings that name the file they are about, reported one line each.

use std::fmt;

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
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    pub at: Option<String>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{}: {}: {}", self.file, at, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
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
