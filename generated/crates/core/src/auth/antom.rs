//! Antom: SHA256withRSA over `<METHOD> <path>\n<client-id>.<time>.<body>`, carried in `client-id`, `request-time` and `signature` headers.
//!
//! The signed path is the full request path: `/ams/api` + the documented path, or
//! `/ams/sandbox/api` + it when the client id starts with `SANDBOX_`. `request-time` is
//! milliseconds since the epoch. The signature is standard base64, URL-encoded as Java's
//! `URLEncoder` does, in `signature: algorithm=RSA256,keyVersion=1,signature=<value>`.
//! Responses sign `<METHOD> <path>\n<client-id>.<response-time>.<body>` with Antom's key;
//! notifications sign `POST <notify path>\n<client-id>.<request-time>.<body>`.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{AuthError, Clock, Operation, ResponsePolicy, SystemClock};
use crate::keys::{PrivateKey, PublicKey};

/// Where requests go: one of Antom's regional hosts, or any base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// Asia: `https://open-sea-global.alipay.com`.
    Asia,
    /// North America: `https://open-na-global.alipay.com`.
    NorthAmerica,
    /// Europe: `https://open-de-global.alipay.com`.
    Europe,
    /// Any base URL, e.g. a local mock gateway. The `/ams/api` prefix is still added.
    Custom(String),
}

impl Environment {
    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Asia => "https://open-sea-global.alipay.com",
            Environment::NorthAmerica => "https://open-na-global.alipay.com",
            Environment::Europe => "https://open-de-global.alipay.com",
            Environment::Custom(url) => url.trim_end_matches('/'),
        }
    }
}

/// A merchant's Antom credentials: client id, the merchant's private key, Antom's public key.
pub struct Credentials {
    client_id: String,
    private_key: Option<PrivateKey>,
    public_key: PublicKey,
}

impl Credentials {
    /// Credentials from the texts Antom hands out (keys as bare base64 DER or PEM, checked here).
    /// A client id starting with `SANDBOX_` selects the sandbox path `/ams/sandbox/api`.
    pub fn new(client_id: impl Into<String>, private_key: &str, antom_public_key: &str) -> Result<Self, AuthError> {
        Credentials::from_keys(client_id, PrivateKey::from_text(private_key)?, PublicKey::from_text(antom_public_key)?)
    }

    /// Credentials from keys already read.
    pub fn from_keys(
        client_id: impl Into<String>,
        private_key: PrivateKey,
        antom_public_key: PublicKey,
    ) -> Result<Self, AuthError> {
        let client_id = checked_client_id(client_id.into())?;
        Ok(Credentials { client_id, private_key: Some(private_key), public_key: antom_public_key })
    }

    /// Credentials that only verify responses and notifications: `request` fails with
    /// [`AuthError::NoSigningKey`].
    pub fn verify_only(client_id: impl Into<String>, antom_public_key: &str) -> Result<Self, AuthError> {
        let client_id = checked_client_id(client_id.into())?;
        Ok(Credentials { client_id, private_key: None, public_key: PublicKey::from_text(antom_public_key)? })
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
}

fn checked_client_id(id: String) -> Result<String, AuthError> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AuthError::InvalidConfig("client id must be non-empty visible ASCII"));
    }
    Ok(id)
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("private_key", &self.private_key.as_ref().map(|_| "redacted"))
            .field("public_key", &self.public_key)
            .finish()
    }
}

/// Everything an Antom call needs: credentials, environment, clock, response policy, and
/// the path notifications are posted to.
pub struct Config {
    credentials: Credentials,
    base_url: String,
    prefix: &'static str,
    clock: Arc<dyn Clock>,
    policy: ResponsePolicy,
    notify_path: Option<String>,
    max_skew_ms: Option<u64>,
}

impl Config {
    /// The body a merchant answers a notification with (HTTP 200): a `result` with
    /// `resultCode` `SUCCESS`, `resultStatus` `S`. See the response section of
    /// <https://docs.antom.com/ac/ams/paymentrn_online.md>.
    pub const ACKNOWLEDGEMENT: &'static str =
        r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;

    /// How far `response-time` and a notification's `request-time` may be from the clock
    /// by default: 5 minutes.
    pub const DEFAULT_MAX_CLOCK_SKEW_MS: u64 = 5 * 60 * 1000;

    /// A configuration on the system clock that verifies responses; fails when a custom
    /// base URL is not an http(s) URL.
    pub fn new(credentials: Credentials, environment: Environment) -> Result<Self, AuthError> {
        let prefix = if credentials.client_id.starts_with("SANDBOX_") { "/ams/sandbox/api" } else { "/ams/api" };
        Ok(Config {
            credentials,
            base_url: super::base_url(environment.base_url())?,
            prefix,
            clock: Arc::new(SystemClock),
            policy: ResponsePolicy::Verify,
            notify_path: None,
            max_skew_ms: Some(Self::DEFAULT_MAX_CLOCK_SKEW_MS),
        })
    }

    /// Takes `request-time` (and the freshness checks' "now") from `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The path of your notify URL (e.g. `/antom/notify`), which Antom signs into every
    /// notification; [`Config::verify_notification`] needs it.
    pub fn with_notify_path(mut self, path: impl Into<String>) -> Self {
        self.notify_path = Some(path.into());
        self
    }

    /// How far timestamps may be from the clock; `None` turns the freshness check off
    /// (signatures are still checked). Antom does not publish its own limit.
    pub fn with_max_clock_skew_ms(mut self, max: Option<u64>) -> Self {
        self.max_skew_ms = max;
        self
    }

    /// Accept responses without checking their signature. Only for a sandbox that does not
    /// sign: anyone on the path could then change what the SDK reports. Notifications are
    /// still verified.
    pub fn danger_skip_response_verification(mut self) -> Self {
        self.policy = ResponsePolicy::Skip;
        self
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The path requests for `op` go to, and which is signed: `/ams/api/v1/…` (or the sandbox prefix).
    pub fn request_path(&self, op: &Operation) -> String {
        if op.path.starts_with("/ams/") { op.path.to_string() } else { format!("{}{}", self.prefix, op.path) }
    }

    /// The signed request for `op` whose body is `payload` (the whole JSON body), as is.
    pub fn request(&self, op: &Operation, payload: &[u8]) -> Result<http::Request<Vec<u8>>, AuthError> {
        let key = self.credentials.private_key.as_ref().ok_or(AuthError::NoSigningKey)?;
        super::check_payload(payload)?;
        let path = self.request_path(op);
        let time = self.clock.now_ms().to_string();
        let content = signed_content(op.method, &path, &self.credentials.client_id, &time, payload);
        let signature = java_url_encode(&STANDARD.encode(key.sign_sha256(&content)?));
        let headers = vec![
            ("content-type", http::HeaderValue::from_static("application/json; charset=UTF-8")),
            ("client-id", super::header_value(&self.credentials.client_id, "client id")?),
            ("request-time", super::header_value(&time, "request time")?),
            (
                "signature",
                super::header_value(&format!("algorithm=RSA256,keyVersion=1,signature={signature}"), "signature")?,
            ),
        ];
        super::build_request(op.method, &format!("{}{}", self.base_url, path), headers, payload.to_vec())
    }

    /// Checks a response to `op`: `signature` over `<METHOD> <path>\n<client-id>.<response-time>.<body>`
    /// with Antom's key, and `response-time` within the allowed skew. A missing header is
    /// an error (the official SDK silently skips the check then; this one fails closed).
    pub fn verify_response(&self, op: &Operation, response: &http::Response<Vec<u8>>) -> Result<(), AuthError> {
        if self.policy == ResponsePolicy::Skip {
            return Ok(());
        }
        let headers = response.headers();
        let sig = signature_of(headers)?;
        let time = super::header(headers, "response-time")?;
        let path = self.request_path(op);
        let content = signed_content(op.method, &path, &self.credentials.client_id, time, response.body());
        self.credentials.public_key.verify_sha256(&content, &sig)?;
        self.check_fresh("response-time", time)
    }

    /// Checks an incoming notification POSTed to the configured notify path
    /// ([`Config::with_notify_path`]): `signature` over
    /// `POST <notify path>\n<client-id>.<request-time>.<body>`, the `client-id` header is this
    /// merchant's, and `request-time` is within the allowed skew.
    pub fn verify_notification(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<(), AuthError> {
        let notify_path =
            self.notify_path.as_deref().ok_or(AuthError::InvalidConfig("Antom notify path not configured"))?;
        let sig = signature_of(headers)?;
        let client_id = super::header(headers, "client-id")?;
        let time = super::header(headers, "request-time")?;
        let content = signed_content("POST", notify_path, client_id, time, body);
        self.credentials.public_key.verify_sha256(&content, &sig)?;
        if client_id != self.credentials.client_id {
            return Err(AuthError::MalformedHeader("client-id"));
        }
        self.check_fresh("request-time", time)
    }

    fn check_fresh(&self, name: &'static str, time: &str) -> Result<(), AuthError> {
        match self.max_skew_ms {
            Some(max) => super::check_fresh(name, time, self.clock.now_ms(), max),
            None => Ok(()),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("path_prefix", &self.prefix)
            .field("notify_path", &self.notify_path)
            .field("max_clock_skew_ms", &self.max_skew_ms)
            .field("verify_responses", &(self.policy == ResponsePolicy::Verify))
            .finish_non_exhaustive()
    }
}

/// `<METHOD> <path>\n<client-id>.<time>.<body>`, the bytes Antom signs.
pub fn signed_content(method: &str, path: &str, client_id: &str, time: &str, body: &[u8]) -> Vec<u8> {
    let mut content = Vec::with_capacity(method.len() + path.len() + client_id.len() + time.len() + body.len() + 4);
    for part in [method.as_bytes(), b" ", path.as_bytes(), b"\n", client_id.as_bytes(), b".", time.as_bytes(), b"."] {
        content.extend_from_slice(part);
    }
    content.extend_from_slice(body);
    content
}

/// The raw signature bytes of a `signature: algorithm=RSA256,keyVersion=1,signature=<urlencoded base64>` header.
fn signature_of(headers: &http::HeaderMap) -> Result<Vec<u8>, AuthError> {
    const NAME: &str = "signature";
    let value = super::header(headers, NAME)?;
    let mut signature = None;
    for part in value.split(',') {
        let (k, v) = part.trim().split_once('=').ok_or(AuthError::MalformedHeader(NAME))?;
        match k.trim() {
            "algorithm" if v.trim() != "RSA256" => return Err(AuthError::MalformedHeader(NAME)),
            "signature" => signature = Some(v.trim()),
            _ => {}
        }
    }
    let encoded =
        url_decode(signature.ok_or(AuthError::MalformedHeader(NAME))?).ok_or(AuthError::MalformedHeader(NAME))?;
    STANDARD.decode(encoded).map_err(|_| AuthError::MalformedHeader(NAME))
}

/// URL-encodes as Java's `URLEncoder.encode(s, "UTF-8")`: `A-Za-z0-9.-*_` kept, space → `+`,
/// every other byte `%XX` (upper case).
pub fn java_url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; None on a broken escape or non-UTF-8 result.
fn url_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding_matches_java_for_base64_alphabet() {
        assert_eq!(java_url_encode("a+b/c=="), "a%2Bb%2Fc%3D%3D");
        assert_eq!(java_url_encode("x y*_.-"), "x+y*_.-");
        assert_eq!(url_decode("a%2Bb%2Fc%3D%3D").as_deref(), Some("a+b/c=="));
        assert_eq!(url_decode("%2"), None);
        assert_eq!(url_decode("%zz"), None);
    }

    #[test]
    fn signature_header_tolerates_spaces_and_refuses_other_algorithms() {
        let mut h = http::HeaderMap::new();
        h.insert("signature", http::HeaderValue::from_static("algorithm=RSA256, keyVersion=1, signature=AAEC"));
        assert_eq!(signature_of(&h), Ok(vec![0, 1, 2]));
        h.insert("signature", http::HeaderValue::from_static("algorithm=RSA, keyVersion=1,signature=AAEC"));
        assert_eq!(signature_of(&h), Err(AuthError::MalformedHeader("signature")));
        h.insert("signature", http::HeaderValue::from_static("algorithm=RSA256,keyVersion=1"));
        assert_eq!(signature_of(&h), Err(AuthError::MalformedHeader("signature")));
        h.clear();
        assert_eq!(signature_of(&h), Err(AuthError::MissingHeader("signature")));
    }

    #[test]
    fn signed_content_layout() {
        let c = signed_content("POST", "/ams/api/v1/payments/pay", "SANDBOX_X", "1700000000000", b"{}");
        assert_eq!(c, b"POST /ams/api/v1/payments/pay\nSANDBOX_X.1700000000000.{}");
    }
}
