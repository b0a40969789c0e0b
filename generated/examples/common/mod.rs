//! What the real-call examples share: the request from a JSON file or a built sample, and
//! the typed outcome printed with the exit code it stands for.

use std::process::ExitCode;

use paydoc_sdk::runtime::{Failure, Outcome};

/// The request read from the JSON file given as the first argument, else `sample()`.
pub fn request<T: serde::de::DeserializeOwned>(
    sample: impl FnOnce() -> Result<T, paydoc_sdk::runtime::MissingFields>,
) -> Result<T, String> {
    match std::env::args().nth(1) {
        Some(path) => {
            let text = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
            serde_json::from_slice(&text).map_err(|e| format!("{path}: {e}"))
        }
        None => sample().map_err(|e| e.to_string()),
    }
}

/// Prints the outcome: exit 0 on success, 1 when the gateway refused the call or does not
/// know its outcome yet.
pub fn report<T: std::fmt::Debug, C: AsRef<str>>(answer: Outcome<T, C>) -> ExitCode {
    match answer {
        Ok(data) => {
            println!("success: {data:#?}");
            ExitCode::SUCCESS
        }
        Err(Failure::Rejected(e)) => {
            println!("rejected: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Unknown(e)) => {
            println!("unknown, query before retrying: {e}");
            ExitCode::from(1)
        }
    }
}
