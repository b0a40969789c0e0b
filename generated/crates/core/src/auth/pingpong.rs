//! PingPong Checkout v4: the `{accId, clientId, signType, version, bizContent, sign}` envelope and its salted MD5/SHA-256 `sign`.
//!
//! `sign` is the upper-case hex MD5 or SHA-256 (a plain hash, not an HMAC) of the store's
//! salt immediately followed by `key=value` pairs joined with `&`: every top-level field but
//! `sign`, keys in ASCII order, blank and null values skipped, values raw (no URL-encoding),
//! `bizContent` exactly as sent (a JSON string holding the business fields). Responses and
//! notifications are signed the same way over their own top-level fields. See
//! <https://acquirer-api-docs-v4.pingpongx.com/en/notes/guide/sign/>.

use std::fmt;
use std::str::FromStr;

use md5::Digest as _;

use super::{AuthError, Operation, ResponsePolicy};

/// The hash a store signs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignType {
    /// `MD5`.
    Md5,
    /// `SHA256` (the docs recommend it over MD5).
    Sha256,
}

impl SignType {
    /// The wire name: `MD5` or `SHA256`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignType::Md5 => "MD5",
            SignType::Sha256 => "SHA256",
        }
    }
}

impl FromStr for SignType {
    type Err = AuthError;

    fn from_str(s: &str) -> Result<Self, AuthError> {
        match s.trim() {
            "MD5" | "md5" => Ok(SignType::Md5),
            "SHA256" | "sha256" => Ok(SignType::Sha256),
            _ => Err(AuthError::InvalidConfig("sign type must be MD5 or SHA256")),
        }
    }
}

/// Where requests go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    /// `https://sandbox-acquirer-payment.pingpongx.com`.
    Sandbox,
    /// Production, Frankfurt: `https://acquirer-payment.pingpongx.com`.
    Frankfurt,
    /// Production, Singapore: `https://acquirer-payment-checkout-sg.pingpongx.com`.
    Singapore,
    /// Production, United States: `https://acquirer-payment-checkout-us.pingpongx.com`.
    UnitedStates,
    /// Any base URL, e.g. a local mock gateway.
    Custom(String),
}

impl Environment {
    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://sandbox-acquirer-payment.pingpongx.com",
            Environment::Frankfurt => "https://acquirer-payment.pingpongx.com",
            Environment::Singapore => "https://acquirer-payment-checkout-sg.pingpongx.com",
            Environment::UnitedStates => "https://acquirer-payment-checkout-us.pingpongx.com",
            Environment::Custom(url) => url.trim_end_matches('/'),
        }
    }
}

/// A store's credentials: `accId`, `clientId`, the shared salt and the sign type.
#[derive(Clone)]
pub struct Credentials {
    acc_id: String,
    client_id: String,
    salt: String,
    sign_type: SignType,
}

impl Credentials {
    /// Credentials as the merchant dashboard shows them; none may be blank.
    pub fn new(
        acc_id: impl Into<String>,
        client_id: impl Into<String>,
        salt: impl Into<String>,
        sign_type: SignType,
    ) -> Result<Self, AuthError> {
        let (acc_id, client_id, salt) = (acc_id.into(), client_id.into(), salt.into());
        if acc_id.trim().is_empty() || client_id.trim().is_empty() {
            return Err(AuthError::InvalidConfig("accId and clientId must not be blank"));
        }
        if salt.trim().is_empty() || salt.trim() != salt {
            return Err(AuthError::InvalidConfig("salt must be non-blank, without surrounding spaces"));
        }
        Ok(Credentials { acc_id, client_id, salt, sign_type })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("acc_id", &self.acc_id)
            .field("client_id", &self.client_id)
            .field("salt", &"redacted")
            .field("sign_type", &self.sign_type)
            .finish()
    }
}

/// Everything a PingPong call needs: credentials, environment, response policy. (PingPong
/// signs no timestamp, so there is no clock to inject.)
pub struct Config {
    credentials: Credentials,
    base_url: String,
    policy: ResponsePolicy,
}

impl Config {
    /// The body a merchant answers a notification with: none. Any 2xx status acknowledges
    /// it ("no response message required"); anything else makes PingPong retry. See
    /// <https://acquirer-api-docs-v4-en.pingpongx.com/en/notes/notify/>.
    pub const ACKNOWLEDGEMENT: &'static str = "";

    /// A configuration on the system clock that verifies responses; fails when a custom
    /// base URL is not an http(s) URL.
    pub fn new(credentials: Credentials, environment: Environment) -> Result<Self, AuthError> {
        Ok(Config { credentials, base_url: super::base_url(environment.base_url())?, policy: ResponsePolicy::Verify })
    }

    /// Accept responses without checking their `sign`. Only for a sandbox that does not
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

    /// The signed request for `op`: `payload` (the serialized business object) travels as
    /// the `bizContent` string, byte for byte.
    pub fn request(&self, op: &Operation, payload: &[u8]) -> Result<http::Request<Vec<u8>>, AuthError> {
        let biz = super::check_payload(payload)?;
        let c = &self.credentials;
        let fields = [
            ("accId", c.acc_id.as_str()),
            ("bizContent", biz),
            ("clientId", c.client_id.as_str()),
            ("signType", c.sign_type.as_str()),
            ("version", "1.0"),
        ];
        let sign = sign(&c.salt, c.sign_type, fields.iter().copied());
        let mut body = serde_json::Map::new();
        for (k, v) in [
            ("accId", c.acc_id.as_str()),
            ("clientId", c.client_id.as_str()),
            ("signType", c.sign_type.as_str()),
            ("version", "1.0"),
            ("bizContent", biz),
            ("sign", sign.as_str()),
        ] {
            body.insert(k.to_string(), v.into());
        }
        let body = serde_json::Value::Object(body).to_string().into_bytes();
        let headers = vec![("content-type", http::HeaderValue::from_static("application/json"))];
        super::build_request(op.method, &format!("{}{}", self.base_url, op.path), headers, body)
    }

    /// Checks the `sign` of a response body (its top-level fields), whatever the status;
    /// skipped only after [`Config::danger_skip_response_verification`].
    pub fn verify_response(&self, op: &Operation, response: &http::Response<Vec<u8>>) -> Result<(), AuthError> {
        let _ = op;
        match self.policy {
            ResponsePolicy::Skip => Ok(()),
            ResponsePolicy::Verify => self.verify_body(response.body()),
        }
    }

    /// Checks an incoming notification: the `sign` field over the body's top-level fields
    /// (headers carry nothing signed).
    pub fn verify_notification(&self, headers: &http::HeaderMap, body: &[u8]) -> Result<(), AuthError> {
        let _ = headers;
        self.verify_body(body)
    }

    fn verify_body(&self, body: &[u8]) -> Result<(), AuthError> {
        let value: serde_json::Value =
            serde_json::from_slice(body).map_err(|_| AuthError::MalformedBody("not JSON"))?;
        let object = value.as_object().ok_or(AuthError::MalformedBody("not a JSON object"))?;
        let given = match object.get("sign") {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim(),
            Some(serde_json::Value::String(_)) | Some(serde_json::Value::Null) | None => {
                return Err(AuthError::MissingField("sign"));
            }
            Some(_) => return Err(AuthError::MalformedBody("`sign` is not a string")),
        };
        let sign_type = match object.get("signType").and_then(|v| v.as_str()) {
            Some(t) => t.parse().map_err(|_| AuthError::MalformedBody("unknown `signType`"))?,
            None => self.credentials.sign_type,
        };
        // Non-string values (booleans, numbers, objects) take their compact JSON text.
        let texts: Vec<(&str, String)> = object
            .iter()
            .filter(|(k, _)| k.as_str() != "sign")
            .filter_map(|(k, v)| match v {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some((k.as_str(), s.clone())),
                other => Some((k.as_str(), other.to_string())),
            })
            .collect();
        let mut fields: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fields.sort_by(|a, b| a.0.cmp(b.0));
        let expected = sign(&self.credentials.salt, sign_type, fields.into_iter());
        if constant_time_eq(expected.as_bytes(), given.to_ascii_uppercase().as_bytes()) {
            Ok(())
        } else {
            Err(AuthError::BadSignature)
        }
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

/// The upper-case hex `sign` of `fields` (already in ASCII key order, `sign` excluded):
/// hash of `salt` + `k1=v1&k2=v2…`, blank values skipped.
pub fn sign<'a>(salt: &str, sign_type: SignType, fields: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut content = String::from(salt);
    let mut first = true;
    for (k, v) in fields {
        if v.trim().is_empty() {
            continue;
        }
        if !first {
            content.push('&');
        }
        first = false;
        content.push_str(k);
        content.push('=');
        content.push_str(v);
    }
    let digest: Vec<u8> = match sign_type {
        SignType::Md5 => md5::Md5::digest(content.as_bytes()).to_vec(),
        SignType::Sha256 => ring::digest::digest(&ring::digest::SHA256, content.as_bytes()).as_ref().to_vec(),
    };
    digest.iter().map(|b| format!("{b:02X}")).collect()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
