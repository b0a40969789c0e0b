//! PayerMax: the request envelope around `data`, and SHA256withRSA over the exact body bytes in a `sign` header.
//!
//! Requests are `POST` with `Content-Type: application/json; charset=utf-8` and the body
//! `{"version","keyVersion","requestTime","appId","merchantNo","data"}`; the `sign` header is
//! the standard base64 of the merchant's SHA256withRSA signature over those exact bytes.
//! Responses and notifications carry a `sign` header over their raw body, made with
//! PayerMax's key. Nothing else (method, URL, other headers) is signed.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{AuthError, Clock, Operation, ResponsePolicy, SystemClock};
use crate::keys::{PrivateKey, PublicKey};

/// Where requests go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// UAT: `https://pay-gate-uat.payermax.com`.
    Sandbox,
    /// Production: `https://pay-gate.payermax.com`.
    Production,
    /// Any base URL, e.g. a local mock gateway (`http://127.0.0.1:8080`).
    Custom(String),
}

impl Environment {
    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://pay-gate-uat.payermax.com",
            Environment::Production => "https://pay-gate.payermax.com",
            Environment::Custom(url) => url.trim_end_matches('/'),
        }
    }
}

/// A merchant's PayerMax credentials: app id, merchant number, the merchant's private key
/// and PayerMax's public key.
pub struct Credentials {
    app_id: String,
    merchant_no: String,
    private_key: Option<PrivateKey>,
    public_key: PublicKey,
}

impl Credentials {
    /// Credentials from the texts the merchant dashboard hands out. Keys may be bare base64
    /// DER (PKCS#8 private, SubjectPublicKeyInfo public) or PEM; they are checked here.
    pub fn new(
        app_id: impl Into<String>,
        merchant_no: impl Into<String>,
        private_key: &str,
        payermax_public_key: &str,
    ) -> Result<Self, AuthError> {
        Ok(Credentials::from_keys(
            app_id,
            merchant_no,
            PrivateKey::from_text(private_key)?,
            PublicKey::from_text(payermax_public_key)?,
        ))
    }

    /// Credentials from keys already read.
    pub fn from_keys(
        app_id: impl Into<String>,
        merchant_no: impl Into<String>,
        private_key: PrivateKey,
        payermax_public_key: PublicKey,
    ) -> Self {
        Credentials {
            app_id: app_id.into(),
            merchant_no: merchant_no.into(),
            private_key: Some(private_key),
            public_key: payermax_public_key,
        }
    }

    /// Credentials that only verify responses and notifications (no private key): `request`
    /// fails with [`AuthError::NoSigningKey`].
    pub fn verify_only(payermax_public_key: &str) -> Result<Self, AuthError> {
        Ok(Credentials {
            app_id: String::new(),
            merchant_no: String::new(),
            private_key: None,
            public_key: PublicKey::from_text(payermax_public_key)?,
        })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("app_id", &self.app_id)
            .field("merchant_no", &self.merchant_no)
            .field("private_key", &self.private_key.as_ref().map(|_| "redacted"))
            .field("public_key", &self.public_key)
            .finish()
    }
}

/// Everything a PayerMax call needs: credentials, environment, clock, response policy.
pub struct Config {
    credentials: Credentials,
    base_url: String,
    clock: Arc<dyn Clock>,
    policy: ResponsePolicy,
}

impl Config {
    /// The `{"code":"SUCCESS","msg":"Success"}` body a merchant answers a notification with
    /// (HTTP 200), as PayerMax's notification docs require.
    pub const ACKNOWLEDGEMENT: &'static str = r#"{"code":"SUCCESS","msg":"Success"}"#;

    /// A configuration on the system clock that verifies responses; fails when a custom
    /// base URL is not an http(s) URL.
    pub fn new(credentials: Credentials, environment: Environment) -> Result<Self, AuthError> {
        Ok(Config {
            credentials,
            base_url: super::base_url(environment.base_url())?,
            clock: Arc::new(SystemClock),
            policy: ResponsePolicy::Verify,
        })
    }

    /// Takes `requestTime` from `clock` instead of the system clock.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Accept responses without checking their `sign` header. Only for a sandbox that does
    /// not sign: anyone on the path could then change what the SDK reports. Notifications
    /// are still verified.
    pub fn danger_skip_response_verification(mut self) -> Self {
        self.policy = ResponsePolicy::Skip;
        self
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The signed request for `op` with `payload` (the serialized `data` object) in the envelope.
    pub fn request(&self, op: &Operation, payload: &[u8]) -> Result<http::Request<Vec<u8>>, AuthError> {
        let key = self.credentials.private_key.as_ref().ok_or(AuthError::NoSigningKey)?;
        let version = op.version.ok_or(AuthError::InvalidConfig("PayerMax operation without an interface version"))?;
        super::check_payload(payload)?;
        let c = &self.credentials;
        let json = |s: &str| serde_json::Value::from(s).to_string();
        let mut body = Vec::with_capacity(payload.len() + 192);
        body.extend_from_slice(b"{\"version\":");
        body.extend_from_slice(json(version).as_bytes());
        body.extend_from_slice(b",\"keyVersion\":\"1\",\"requestTime\":");
        body.extend_from_slice(json(&super::rfc3339_ms(self.clock.now_ms())).as_bytes());
        body.extend_from_slice(b",\"appId\":");
        body.extend_from_slice(json(&c.app_id).as_bytes());
        if !c.merchant_no.is_empty() {
            body.extend_from_slice(b",\"merchantNo\":");
            body.extend_from_slice(json(&c.merchant_no).as_bytes());
        }
        body.extend_from_slice(b",\"data\":");
        body.extend_from_slice(payload);
        body.push(b'}');
        let sign = STANDARD.encode(key.sign_sha256(&body)?);
        let headers = vec![
            ("content-type", http::HeaderValue::from_static("application/json; charset=utf-8")),
            ("sign", super::header_value(&sign, "signature")?),
        ];
        super::build_request(op.method, &format!("{}{}", self.base_url, op.path), headers, body)
    }

    /// Checks the `sign` header of a response to `op` against its raw body (PayerMax's key),
    /// whatever the status; skipped only after [`Config::danger_skip_response_verification`].
    pub fn verify_response(&self, op: &Operation, response: &http::Response<Vec<u8>>) -> Result<(), AuthError> {
        let _ = op;
        match self.policy {
            ResponsePolicy::Skip => Ok(()),
            ResponsePolicy::Verify => self.verify_signed(response.headers(), response.body()),
        }
    }

    /// Checks an incoming notification: its `sign` header over the raw POST body.
    pub fn verify_notification(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<(), AuthError> {
        self.verify_signed(headers, body)
    }

    fn verify_signed(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<(), AuthError> {
        let sign = super::header(headers, "sign")?;
        let sig = STANDARD.decode(sign).map_err(|_| AuthError::MalformedHeader("sign"))?;
        Ok(self.credentials.public_key.verify_sha256(body, &sig)?)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("verify_responses", &(self.policy == ResponsePolicy::Verify))
            .finish_non_exhaustive()
    }
}
