//! Verifies a saved incoming notification and prints its body only if the signature holds.
//!
//! ```text
//! cargo run -p paydoc-sdk --example verify_notification -- <provider> <headers-file> <body-file>
//! ```
//!
//! `<headers-file>` holds one `Name: value` per line (blank lines ignored); `<body-file>` the
//! raw body bytes. Only the gateway's public key (or PingPong's salt) is needed:
//! `PAYERMAX_PUBLIC_KEY`; `ANTOM_CLIENT_ID`, `ANTOM_PUBLIC_KEY`, `ANTOM_NOTIFY_PATH`;
//! `PINGPONG_ACC_ID`, `PINGPONG_CLIENT_ID`, `PINGPONG_SALT`, `PINGPONG_SIGN_TYPE`.
//! `PAYDOC_NOW_MS` fixes the clock Antom's `request-time` is checked against (to re-check
//! an old notification).
//!
//! Prints the verified body (pretty JSON) and exits 0; exits 1 when the notification does
//! not verify, 2 on unreadable input or configuration, each failure one line on stderr.

use std::process::ExitCode;
use std::sync::Arc;

use paydoc_sdk::auth::{AuthError, Clock, FixedClock, SystemClock, antom, payermax, pingpong};

enum Failure {
    /// The notification did not verify.
    Rejected(AuthError),
    /// Input or configuration could not be read.
    Unusable(String),
}

fn main() -> ExitCode {
    match run() {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(Failure::Rejected(e)) => {
            eprintln!("verify_notification: rejected: {e}");
            ExitCode::from(1)
        }
        Err(Failure::Unusable(e)) => {
            eprintln!("verify_notification: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<String, Failure> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [provider, headers_path, body_path] = args.as_slice() else {
        return Err(Failure::Unusable(
            "usage: verify_notification <payermax|antom|pingpong> <headers-file> <body-file>".into(),
        ));
    };
    let headers = read_headers(headers_path)?;
    let body = std::fs::read(body_path).map_err(|e| Failure::Unusable(format!("{body_path}: {e}")))?;
    let verdict = match provider.as_str() {
        "payermax" => {
            let creds = payermax::Credentials::verify_only(&var("PAYERMAX_PUBLIC_KEY")?)
                .map_err(|e| Failure::Unusable(format!("PAYERMAX_PUBLIC_KEY: {e}")))?;
            payermax::Config::new(creds, payermax::Environment::Production)
                .map_err(|e| Failure::Unusable(e.to_string()))?
                .verify_notification(&headers, &body)
        }
        "antom" => {
            let clock: Arc<dyn Clock> = match std::env::var("PAYDOC_NOW_MS") {
                Ok(v) => Arc::new(FixedClock(
                    v.trim().parse().map_err(|_| Failure::Unusable(format!("PAYDOC_NOW_MS: not a number: {v:?}")))?,
                )),
                Err(_) => Arc::new(SystemClock),
            };
            let creds = antom::Credentials::verify_only(var("ANTOM_CLIENT_ID")?, &var("ANTOM_PUBLIC_KEY")?)
                .map_err(|e| Failure::Unusable(format!("ANTOM credentials: {e}")))?;
            antom::Config::new(creds, antom::Environment::Asia)
                .map_err(|e| Failure::Unusable(e.to_string()))?
                .with_clock(clock)
                .with_notify_path(var("ANTOM_NOTIFY_PATH")?)
                .verify_notification(&headers, &body)
        }
        "pingpong" => {
            let sign_type = var("PINGPONG_SIGN_TYPE")?
                .parse()
                .map_err(|e| Failure::Unusable(format!("PINGPONG_SIGN_TYPE: {e}")))?;
            let creds = pingpong::Credentials::new(
                var("PINGPONG_ACC_ID")?,
                var("PINGPONG_CLIENT_ID")?,
                var("PINGPONG_SALT")?,
                sign_type,
            )
            .map_err(|e| Failure::Unusable(format!("PINGPONG credentials: {e}")))?;
            pingpong::Config::new(creds, pingpong::Environment::Sandbox)
                .map_err(|e| Failure::Unusable(e.to_string()))?
                .verify_notification(&headers, &body)
        }
        other => return Err(Failure::Unusable(format!("unknown provider {other:?} (payermax, antom or pingpong)"))),
    };
    verdict.map_err(Failure::Rejected)?;
    // Verified: show it. A body that is not JSON is shown as text.
    Ok(match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_else(|_| String::from_utf8_lossy(&body).into_owned()),
        Err(_) => String::from_utf8_lossy(&body).into_owned(),
    })
}

/// `Name: value` lines into a header map; a line without a colon or with an invalid name or
/// value is an error naming the file and line.
fn read_headers(path: &str) -> Result<http::HeaderMap, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| Failure::Unusable(format!("{path}: {e}")))?;
    let mut headers = http::HeaderMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| Failure::Unusable(format!("{path}:{}: {why}", i + 1));
        let (name, value) = line.split_once(':').ok_or_else(|| bad("expected `Name: value`"))?;
        let name = http::HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| bad("invalid header name"))?;
        let value = http::HeaderValue::from_str(value.trim()).map_err(|_| bad("invalid header value"))?;
        headers.append(name, value);
    }
    Ok(headers)
}

fn var(name: &str) -> Result<String, Failure> {
    std::env::var(name).map_err(|_| Failure::Unusable(format!("{name} is not set")))
}
