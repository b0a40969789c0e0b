//! Prints the exact signed HTTP request the SDK would send for one operation, without sending it.
//!
//! ```text
//! cargo run -p paydoc-sdk --example dry_run -- <provider> <operation> <payload.json>
//! ```
//!
//! `<provider>` is `payermax`, `antom` or `pingpong`; `<operation>` is an operation name from
//! the provider's `OPERATIONS` (e.g. `createPaybylink`) or, for Antom and PingPong, a path
//! (`/v4/payment/prePay`); `<payload.json>` is the business payload: PayerMax's `data`
//! object, Antom's whole body, PingPong's `bizContent` object. The output is
//! `<METHOD> <full URL>`, one `Name: value` line per header, an empty line, then the body
//! bytes exactly as they would be sent.
//!
//! Configuration comes from the environment (key variables hold the key itself, bare base64
//! or PEM): `PAYERMAX_BASE_URL`, `PAYERMAX_APP_ID`, `PAYERMAX_MERCHANT_NO`,
//! `PAYERMAX_PRIVATE_KEY`, `PAYERMAX_PUBLIC_KEY`; `ANTOM_BASE_URL`, `ANTOM_CLIENT_ID`,
//! `ANTOM_PRIVATE_KEY`, `ANTOM_PUBLIC_KEY`; `PINGPONG_BASE_URL`, `PINGPONG_ACC_ID`,
//! `PINGPONG_CLIENT_ID`, `PINGPONG_SALT`, `PINGPONG_SIGN_TYPE` (`MD5` or `SHA256`). Without a
//! base URL the sandbox is used (Antom: the Asia host). `PAYDOC_NOW_MS` (milliseconds since
//! the epoch) fixes the clock. Exits 2, with one line on stderr, on unreadable input or
//! configuration.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use paydoc_sdk::auth::{Clock, FixedClock, Operation, SystemClock, antom, payermax, pingpong};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dry_run: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [provider, operation, payload_path] = args.as_slice() else {
        return Err("usage: dry_run <payermax|antom|pingpong> <operation> <payload.json>".into());
    };
    let payload = std::fs::read(payload_path).map_err(|e| format!("{payload_path}: {e}"))?;
    let clock: Arc<dyn Clock> = match std::env::var("PAYDOC_NOW_MS") {
        Ok(v) => Arc::new(FixedClock(v.trim().parse().map_err(|_| format!("PAYDOC_NOW_MS: not a number: {v:?}"))?)),
        Err(_) => Arc::new(SystemClock),
    };
    let in_file = |e: paydoc_sdk::auth::AuthError| format!("{payload_path}: {e}");
    let request = match provider.as_str() {
        "payermax" => {
            let op = find(paydoc_sdk::payermax::OPERATIONS, operation, false)?;
            let creds = payermax::Credentials::new(
                var("PAYERMAX_APP_ID")?,
                var("PAYERMAX_MERCHANT_NO")?,
                &var("PAYERMAX_PRIVATE_KEY")?,
                &var("PAYERMAX_PUBLIC_KEY")?,
            )
            .map_err(|e| format!("PAYERMAX keys: {e}"))?;
            let env =
                base_url("PAYERMAX_BASE_URL").map_or(payermax::Environment::Sandbox, payermax::Environment::Custom);
            let config =
                payermax::Config::new(creds, env).map_err(|e| format!("PAYERMAX_BASE_URL: {e}"))?.with_clock(clock);
            config.request(&op, &payload).map_err(in_file)?
        }
        "antom" => {
            let op = find(paydoc_sdk::antom::OPERATIONS, operation, true)?;
            let creds =
                antom::Credentials::new(var("ANTOM_CLIENT_ID")?, &var("ANTOM_PRIVATE_KEY")?, &var("ANTOM_PUBLIC_KEY")?)
                    .map_err(|e| format!("ANTOM credentials: {e}"))?;
            let env = base_url("ANTOM_BASE_URL").map_or(antom::Environment::Asia, antom::Environment::Custom);
            let config = antom::Config::new(creds, env).map_err(|e| format!("ANTOM_BASE_URL: {e}"))?.with_clock(clock);
            config.request(&op, &payload).map_err(in_file)?
        }
        "pingpong" => {
            let op = find(paydoc_sdk::pingpong::OPERATIONS, operation, true)?;
            let sign_type = var("PINGPONG_SIGN_TYPE")?.parse().map_err(|e| format!("PINGPONG_SIGN_TYPE: {e}"))?;
            let creds = pingpong::Credentials::new(
                var("PINGPONG_ACC_ID")?,
                var("PINGPONG_CLIENT_ID")?,
                var("PINGPONG_SALT")?,
                sign_type,
            )
            .map_err(|e| format!("PINGPONG credentials: {e}"))?;
            let env =
                base_url("PINGPONG_BASE_URL").map_or(pingpong::Environment::Sandbox, pingpong::Environment::Custom);
            let config = pingpong::Config::new(creds, env).map_err(|e| format!("PINGPONG_BASE_URL: {e}"))?;
            config.request(&op, &payload).map_err(in_file)?
        }
        other => return Err(format!("unknown provider {other:?} (payermax, antom or pingpong)")),
    };
    let mut out = format!("{} {}\n", request.method(), request.uri()).into_bytes();
    for (name, value) in request.headers() {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(request.body());
    std::io::stdout().write_all(&out).map_err(|e| format!("stdout: {e}"))
}

/// The operation named `name`, or (where `by_path`) any POST to a path given as `/…`.
fn find(ops: &[Operation], name: &str, by_path: bool) -> Result<Operation, String> {
    if let Some(op) = ops.iter().find(|op| op.name == name || op.path == name) {
        return Ok(*op);
    }
    if by_path && name.starts_with('/') {
        // `Operation` holds `&'static str` (it describes compiled-in operations); this
        // one-shot program leaks the one path it was given.
        let path: &'static str = Box::leak(name.to_string().into_boxed_str());
        return Ok(Operation { name: path, method: "POST", path, version: None });
    }
    let known: Vec<&str> = ops.iter().map(|op| op.name).collect();
    Err(format!("unknown operation {name:?} (known: {})", known.join(", ")))
}

fn var(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

fn base_url(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
