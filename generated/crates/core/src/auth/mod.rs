//! Signing requests and verifying responses and notifications, per gateway, without doing any I/O.
//!
//! Each provider module (`payermax`, `antom`, `pingpong`, behind the Cargo feature of the
//! same name) has a `Credentials`, an `Environment` and a `Config`. A `Config` turns an
//! [`Operation`] and the serialized business payload into the exact signed
//! [`http::Request`] to send (`Config::request`), checks the
//! signature of the [`http::Response`] that comes back (`verify_response`), and checks
//! incoming notifications (`verify_notification`). Any HTTP client can carry the requests:
//! see [`crate::transport`].
//!
//! Responses are verified by default: a missing or wrong signature is an error. The
//! explicit opt-out `danger_skip_response_verification()` exists for sandboxes that do not
//! sign; notifications are always verified.
// The helpers below serve some providers each; with only some provider features on, the rest go unused.
#![cfg_attr(not(all(feature = "payermax-core", feature = "antom-core", feature = "pingpong-core")), allow(dead_code))]

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::keys::KeyError;

#[cfg(feature = "antom-core")]
pub mod antom;
#[cfg(feature = "payermax-core")]
pub mod payermax;
#[cfg(feature = "pingpong-core")]
pub mod pingpong;

/// One documented operation of a gateway: what the signing needs to know about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The operation's name as the docs spell it, e.g. `createPaybylink`.
    pub name: &'static str,
    /// The HTTP method, e.g. `POST`.
    pub method: &'static str,
    /// The path as the docs print it, e.g. `/aggregate-pay/api/gateway/createPaybylink`,
    /// `/v1/payments/createPaymentSession` (Antom's `/ams/api` prefix is added by the
    /// environment) or `/v4/payment/prePay`.
    pub path: &'static str,
    /// PayerMax's per-operation interface version (the envelope's `version`, e.g. `1.6`);
    /// `None` for the other gateways.
    pub version: Option<&'static str>,
}

/// Where signing and verification take the time from; inject a [`FixedClock`] in tests.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
    }
}

/// A clock stopped at the given milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now_ms(&self) -> u64 {
        self.0
    }
}

/// Why a request could not be signed, or a response or notification was not accepted.
///
/// Display is one line; no variant carries key material, salts or signatures.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthError {
    /// A key could not be read or used.
    Key(KeyError),
    /// The credentials hold no private key (built for verification only), so nothing can be signed.
    NoSigningKey,
    /// A required header is absent (its name).
    MissingHeader(&'static str),
    /// A header is present but not in the expected form (its name).
    MalformedHeader(&'static str),
    /// A body field the signature needs is absent (its name).
    MissingField(&'static str),
    /// The signature does not match the content.
    BadSignature,
    /// A timestamp could not be read (the header or field name).
    BadTimestamp(&'static str),
    /// A timestamp is further from the clock than the allowed skew.
    StaleTimestamp {
        /// The header or field name.
        name: &'static str,
        /// How far it is from the clock, in seconds.
        skew_secs: u64,
        /// The allowed skew, in seconds.
        max_secs: u64,
    },
    /// A body is not what the gateway's scheme requires (the reason).
    MalformedBody(&'static str),
    /// The business payload given to `request` is JSON, but not a JSON object.
    InvalidPayload,
    /// The business payload given to `request` is not JSON: where reading it stopped.
    PayloadNotJson {
        /// The line, from 1.
        line: usize,
        /// The column, in bytes from 1 (0 when the payload ended before it).
        column: usize,
    },
    /// The configuration cannot serve this call (the reason).
    InvalidConfig(&'static str),
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Key(e) => e.fmt(f),
            AuthError::NoSigningKey => f.write_str("no private key configured: these credentials only verify"),
            AuthError::MissingHeader(h) => write!(f, "missing header `{h}`"),
            AuthError::MalformedHeader(h) => write!(f, "malformed header `{h}`"),
            AuthError::MissingField(n) => write!(f, "missing field `{n}`"),
            AuthError::BadSignature => f.write_str("signature does not verify"),
            AuthError::BadTimestamp(n) => write!(f, "unreadable timestamp in `{n}`"),
            AuthError::StaleTimestamp { name, skew_secs, max_secs } => {
                write!(f, "stale timestamp in `{name}`: {skew_secs} s from now, at most {max_secs} s allowed")
            }
            AuthError::MalformedBody(why) => write!(f, "malformed body: {why}"),
            AuthError::InvalidPayload => f.write_str("payload is not a JSON object"),
            AuthError::PayloadNotJson { line, column } => {
                write!(f, "payload is not valid JSON (line {line}, column {column})")
            }
            AuthError::InvalidConfig(why) => write!(f, "invalid configuration: {why}"),
        }
    }
}

impl std::error::Error for AuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuthError::Key(e) => Some(e),
            _ => None,
        }
    }
}

impl From<KeyError> for AuthError {
    fn from(e: KeyError) -> Self {
        AuthError::Key(e)
    }
}

impl From<crate::keys::BadSignature> for AuthError {
    fn from(_: crate::keys::BadSignature) -> Self {
        AuthError::BadSignature
    }
}

/// Whether `verify_response` checks signatures. Verification is the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ResponsePolicy {
    Verify,
    Skip,
}

/// The value of header `name`, trimmed; missing or non-ASCII is an error.
fn header<'a>(headers: &'a http::HeaderMap, name: &'static str) -> Result<&'a str, AuthError> {
    let value = headers.get(name).ok_or(AuthError::MissingHeader(name))?;
    let text = value.to_str().map_err(|_| AuthError::MalformedHeader(name))?.trim();
    if text.is_empty() { Err(AuthError::MissingHeader(name)) } else { Ok(text) }
}

/// A header value from configuration text; refused when HTTP cannot carry it.
fn header_value(text: &str, what: &'static str) -> Result<http::HeaderValue, AuthError> {
    http::HeaderValue::from_str(text).map_err(|_| AuthError::InvalidConfig(what))
}

/// Checks that `payload` is one JSON object (the business fields), without building it, and
/// gives it as text. Malformed JSON, bytes that are not UTF-8 among them (JSON text is
/// UTF-8), is told apart from JSON of another kind, with where reading stopped (never the
/// payload's text).
fn check_payload(payload: &[u8]) -> Result<&str, AuthError> {
    let text = std::str::from_utf8(payload).map_err(|e| {
        let before = &payload[..e.valid_up_to()];
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        AuthError::PayloadNotJson { line, column: before.len() - line_start + 1 }
    })?;
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map_err(|e| AuthError::PayloadNotJson { line: e.line(), column: e.column() })?;
    match text.trim_start().as_bytes().first() {
        Some(b'{') => Ok(text),
        _ => Err(AuthError::InvalidPayload),
    }
}

/// A base URL without its trailing slashes; checked to be `http(s)://host…`.
fn base_url(url: &str) -> Result<String, AuthError> {
    let url = url.trim().trim_end_matches('/');
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && url.parse::<http::Uri>().is_ok() => Ok(url.to_string()),
        _ => Err(AuthError::InvalidConfig("base URL must be an http(s) URL")),
    }
}

/// Builds a POST-like request from its parts; the URL was checked when configured.
fn build_request(
    method: &str,
    url: &str,
    headers: Vec<(&'static str, http::HeaderValue)>,
    body: Vec<u8>,
) -> Result<http::Request<Vec<u8>>, AuthError> {
    let method =
        http::Method::from_bytes(method.as_bytes()).map_err(|_| AuthError::InvalidConfig("operation method"))?;
    let uri = url.parse::<http::Uri>().map_err(|_| AuthError::InvalidConfig("base URL and path do not form a URI"))?;
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    for (name, value) in headers {
        request.headers_mut().insert(name, value);
    }
    Ok(request)
}

/// `yyyy-MM-dd'T'HH:mm:ss.SSS+00:00` for milliseconds since the epoch (UTC).
fn rfc3339_ms(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}+00:00", rem / 3600, rem / 60 % 60, rem % 60, ms % 1000)
}

/// Milliseconds since the epoch of an RFC 3339 date-time (`…T…[.fff](Z|±hh:mm)`), or of a
/// decimal count of milliseconds (Antom sends either form).
fn parse_timestamp_ms(text: &str) -> Option<i64> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d, h, mi, s) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    let mut frac_ms = 0;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = text.get(start..i)?;
        if digits.is_empty() {
            return None;
        }
        frac_ms = format!("{digits:0<3}").get(..3)?.parse().ok()?;
    }
    let offset_min = match text.get(i..)? {
        "Z" | "z" => 0,
        tz if tz.len() == 6 && matches!(&tz[..1], "+" | "-") && &tz[3..4] == ":" => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            let sign = if &tz[..1] == "-" { -1 } else { 1 };
            sign * (oh * 60 + om)
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    Some(((days * 86_400 + h * 3600 + mi * 60 + s - offset_min * 60) * 1000) + frac_ms)
}

/// Checks that `text` (header or field `name`) is within `max_ms` of `now_ms`.
fn check_fresh(name: &'static str, text: &str, now_ms: u64, max_ms: u64) -> Result<(), AuthError> {
    let at = parse_timestamp_ms(text).ok_or(AuthError::BadTimestamp(name))?;
    let skew = (now_ms as i64).abs_diff(at);
    if skew > max_ms {
        return Err(AuthError::StaleTimestamp { name, skew_secs: skew / 1000, max_secs: max_ms / 1000 });
    }
    Ok(())
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_and_matches_known_dates() {
        // 2022-01-17T09:05:52.194Z, PayerMax's documented example instant.
        let ms = 1_642_410_352_194;
        assert_eq!(rfc3339_ms(ms), "2022-01-17T09:05:52.194+00:00");
        assert_eq!(parse_timestamp_ms("2022-01-17T09:05:52.194+00:00"), Some(ms as i64));
        assert_eq!(parse_timestamp_ms("2022-01-17T17:05:52.194+08:00"), Some(ms as i64));
        assert_eq!(parse_timestamp_ms("2022-01-17T09:05:52.1944Z"), Some(ms as i64));
        assert_eq!(parse_timestamp_ms("1642410352194"), Some(ms as i64));
        assert_eq!(rfc3339_ms(0), "1970-01-01T00:00:00.000+00:00");
        assert_eq!(rfc3339_ms(951_782_400_000), "2000-02-29T00:00:00.000+00:00");
        for bad in ["", "2022-01-17", "2022-13-17T09:05:52Z", "2022-01-17T09:05:52+0800", "2022-01-17T09:05:52.Z"] {
            assert_eq!(parse_timestamp_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn freshness_is_symmetric() {
        assert!(check_fresh("t", "1000", 61_000, 60_000).is_ok());
        assert!(check_fresh("t", "121000", 61_000, 60_000).is_ok());
        assert_eq!(
            check_fresh("t", "1000", 62_000, 60_000),
            Err(AuthError::StaleTimestamp { name: "t", skew_secs: 61, max_secs: 60 })
        );
        assert_eq!(check_fresh("t", "soon", 0, 1), Err(AuthError::BadTimestamp("t")));
    }

    #[test]
    fn payload_must_be_one_object() {
        assert!(check_payload(b" {\"a\":\"1\"} ").is_ok());
        for bad in [&b"[1]"[..], b"\"x\"", b" 12 "] {
            assert_eq!(check_payload(bad), Err(AuthError::InvalidPayload), "{bad:?}");
        }
        for (bad, line, column) in
            [(&b""[..], 1, 0), (b"{", 1, 1), (b"{} {}", 1, 4), (b"[not an object]", 1, 3), (b"{\n  \"a\": 1,\n}", 3, 1)]
        {
            assert_eq!(check_payload(bad), Err(AuthError::PayloadNotJson { line, column }), "{bad:?}");
        }
        assert_eq!(
            AuthError::PayloadNotJson { line: 3, column: 1 }.to_string(),
            "payload is not valid JSON (line 3, column 1)"
        );
    }
}
