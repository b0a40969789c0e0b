//! Test support: throwaway RSA keys and an independent oracle, both from the `openssl` command line.
//!
//! Every key here is generated at test time under `target/tmp` and is for tests only.
//! Signing and checking through `openssl` keeps the tests independent of the SDK's own
//! crypto: the SDK must agree with it byte for byte.

#![allow(dead_code)]

pub mod mock_gateway;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// The operations the signing tests call, one per gateway, as the docs print them.
pub mod ops {
    use paydoc_sdk::auth::Operation;

    pub const PAYBYLINK: Operation = Operation {
        name: "createPaybylink",
        method: "POST",
        path: "/aggregate-pay/api/gateway/createPaybylink",
        version: Some("1.1"),
    };
    pub const SESSION: Operation = Operation {
        name: "createPaymentSession",
        method: "POST",
        path: "/v1/payments/createPaymentSession",
        version: None,
    };
    pub const PREPAY: Operation =
        Operation { name: "prePay", method: "POST", path: "/v4/payment/prePay", version: None };
}

/// PingPong test store (invented values, the salt is 24 characters like a real one).
pub const PINGPONG_ACC_ID: &str = "2018092714313010016291";
pub const PINGPONG_CLIENT_ID: &str = "2018092714313010016";
pub const PINGPONG_SALT: &str = "0123456789ABCDEF01234567";
/// Antom test client id (the sandbox form, so requests go to `/ams/sandbox/api`).
pub const ANTOM_CLIENT_ID: &str = "SANDBOX_5YBZ1A2C3D4E5F6";
/// PayerMax test app and merchant.
pub const PAYERMAX_APP_ID: &str = "6666c8b036a24579974497c2f9a33333";
pub const PAYERMAX_MERCHANT_NO: &str = "010213834784554";
/// The notify path Antom notifications are signed for in tests.
pub const ANTOM_NOTIFY_PATH: &str = "/antom/notify";

/// One RSA key pair in every form the gateways hand out.
pub struct KeyFiles {
    /// PKCS#8 private key, PEM file (what `openssl dgst -sign` reads).
    pub private_pem_path: PathBuf,
    /// SubjectPublicKeyInfo public key, PEM file.
    pub public_pem_path: PathBuf,
    pub private_pem: String,
    /// Bare base64 of the PKCS#8 DER, one line (as PayerMax and Antom issue it).
    pub private_b64: String,
    /// PKCS#1 `RSA PRIVATE KEY` PEM.
    pub private_pkcs1_pem: String,
    /// Bare base64 of the PKCS#1 `RSAPrivateKey` DER.
    pub private_pkcs1_b64: String,
    pub public_pem: String,
    /// Bare base64 of the SubjectPublicKeyInfo DER.
    pub public_b64: String,
    /// PKCS#1 `RSA PUBLIC KEY` PEM.
    pub public_pkcs1_pem: String,
}

/// The merchant's key, the gateway's key, and an unrelated key.
pub struct TestKeys {
    pub merchant: KeyFiles,
    pub gateway: KeyFiles,
    pub wrong: KeyFiles,
}

/// Keys generated once per test binary.
pub fn keys() -> &'static TestKeys {
    static KEYS: OnceLock<TestKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = scratch_dir("keys");
        TestKeys {
            merchant: generate(&dir, "merchant", 2048),
            gateway: generate(&dir, "gateway", 2048),
            wrong: generate(&dir, "wrong", 2048),
        }
    })
}

/// A fresh directory under `target/tmp` for this process.
pub fn scratch_dir(what: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("paydoc-{what}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Runs `openssl args…` with `stdin`, returning stdout; panics with stderr on failure.
pub fn openssl(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let (ok, out, err) = openssl_status(args, stdin);
    assert!(ok, "openssl {args:?} failed: {}", String::from_utf8_lossy(&err));
    out
}

fn openssl_status(args: &[&str], stdin: &[u8]) -> (bool, Vec<u8>, Vec<u8>) {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the openssl command line is needed by these tests");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        input.write_all(stdin).expect("write to openssl");
    }
    let out = child.wait_with_output().expect("openssl runs");
    (out.status.success(), out.stdout, out.stderr)
}

fn generate(dir: &Path, name: &str, bits: u32) -> KeyFiles {
    let private_pem_path = dir.join(format!("{name}.pem"));
    let public_pem_path = dir.join(format!("{name}.pub.pem"));
    let p = private_pem_path.to_str().expect("utf-8 path");
    openssl(&["genpkey", "-algorithm", "RSA", "-pkeyopt", &format!("rsa_keygen_bits:{bits}"), "-out", p], b"");
    let private_pem = std::fs::read_to_string(&private_pem_path).expect("read key");
    let public_pem = String::from_utf8(openssl(&["pkey", "-in", p, "-pubout"], b"")).expect("pem");
    std::fs::write(&public_pem_path, &public_pem).expect("write public key");
    let private_der = openssl(&["pkcs8", "-topk8", "-nocrypt", "-in", p, "-outform", "DER"], b"");
    let public_der = openssl(&["pkey", "-in", p, "-pubout", "-outform", "DER"], b"");
    let private_pkcs1_pem = String::from_utf8(openssl(&["rsa", "-in", p, "-traditional"], b"")).expect("pem");
    let private_pkcs1_der = openssl(&["rsa", "-in", p, "-traditional", "-outform", "DER"], b"");
    let public_pkcs1_pem = String::from_utf8(openssl(&["rsa", "-in", p, "-RSAPublicKey_out"], b"")).expect("pem");
    KeyFiles {
        private_pem_path,
        public_pem_path,
        private_pem,
        private_b64: STANDARD.encode(private_der),
        private_pkcs1_pem,
        private_pkcs1_b64: STANDARD.encode(private_pkcs1_der),
        public_pem,
        public_b64: STANDARD.encode(public_der),
        public_pkcs1_pem,
    }
}

/// A 1024-bit key (PEM), which the SDK must refuse.
pub fn small_key_pem() -> String {
    let dir = scratch_dir("small");
    generate(&dir, "small", 1024).private_pem
}

/// `openssl dgst -sha256 -sign` of `data` with `key`.
pub fn openssl_sign(key: &KeyFiles, data: &[u8]) -> Vec<u8> {
    let p = key.private_pem_path.to_str().expect("utf-8 path");
    openssl(&["dgst", "-sha256", "-sign", p], data)
}

/// `openssl dgst -sha256 -verify` of `sig` over `data` with `key`'s public half.
pub fn openssl_verify(key: &KeyFiles, data: &[u8], sig: &[u8]) -> bool {
    let dir = scratch_dir("verify");
    let sig_path = dir.join("sig.bin");
    std::fs::write(&sig_path, sig).expect("write signature");
    let p = key.public_pem_path.to_str().expect("utf-8 path");
    let (ok, _, _) =
        openssl_status(&["dgst", "-sha256", "-verify", p, "-signature", sig_path.to_str().expect("path")], data);
    let _ = std::fs::remove_dir_all(&dir);
    ok
}

/// Upper-case hex `openssl dgst -md5`/`-sha256` of `data` (`alg` is `MD5` or `SHA256`).
pub fn openssl_digest_upper(alg: &str, data: &[u8]) -> String {
    let flag = match alg {
        "MD5" => "-md5",
        "SHA256" => "-sha256",
        other => panic!("unknown digest {other}"),
    };
    let out = String::from_utf8(openssl(&["dgst", flag, "-r"], data)).expect("hex");
    out.split_whitespace().next().expect("digest").to_ascii_uppercase()
}

/// Java `URLEncoder` for the base64 alphabet, written independently of the SDK.
pub fn urlencode_b64(s: &str) -> String {
    s.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D")
}

/// PingPong's sign of a JSON object body (top-level fields but `sign`, sorted, blanks skipped), via openssl.
pub fn pingpong_sign(salt: &str, sign_type: &str, object: &serde_json::Map<String, serde_json::Value>) -> String {
    let mut keys: Vec<&String> = object.keys().filter(|k| k.as_str() != "sign").collect();
    keys.sort();
    let pairs: Vec<String> = keys
        .into_iter()
        .filter_map(|k| match &object[k] {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) if s.trim().is_empty() => None,
            serde_json::Value::String(s) => Some(format!("{k}={s}")),
            other => Some(format!("{k}={other}")),
        })
        .collect();
    openssl_digest_upper(sign_type, format!("{salt}{}", pairs.join("&")).as_bytes())
}

/// Headers and body of a signed notification, made with the gateway's key (or, for
/// PingPong, the store's salt), independently of the SDK.
pub fn signed_notification(provider: mock_gateway::Provider, now_ms: u64) -> (http::HeaderMap, Vec<u8>) {
    use mock_gateway::Provider;
    let k = keys();
    let mut headers = http::HeaderMap::new();
    let body = match provider {
        Provider::PayerMax => {
            let body = format!(
                r#"{{"code":"APPLY_SUCCESS","msg":"","keyVersion":"1","appId":"{PAYERMAX_APP_ID}","merchantNo":"{PAYERMAX_MERCHANT_NO}","notifyTime":"2022-01-17T09:05:52.194+00:00","notifyType":"PAYMENT","data":{{"outTradeNo":"T1","status":"SUCCESS"}}}}"#
            );
            let sig = STANDARD.encode(openssl_sign(&k.gateway, body.as_bytes()));
            headers.insert("sign", sig.parse().expect("header"));
            body.into_bytes()
        }
        Provider::Antom => {
            let body = r#"{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"P1","paymentId":"2024"}"#;
            let time = now_ms.to_string();
            let content = format!("POST {ANTOM_NOTIFY_PATH}\n{ANTOM_CLIENT_ID}.{time}.{body}");
            let sig = urlencode_b64(&STANDARD.encode(openssl_sign(&k.gateway, content.as_bytes())));
            headers.insert("client-id", ANTOM_CLIENT_ID.parse().expect("header"));
            headers.insert("request-time", time.parse().expect("header"));
            headers
                .insert("signature", format!("algorithm=RSA256,keyVersion=1,signature={sig}").parse().expect("header"));
            body.as_bytes().to_vec()
        }
        Provider::PingPong => {
            let mut object = serde_json::Map::new();
            object.insert("accId".into(), PINGPONG_ACC_ID.into());
            object.insert("clientId".into(), PINGPONG_CLIENT_ID.into());
            object.insert("signType".into(), "SHA256".into());
            object.insert("version".into(), "1.0".into());
            object.insert(
                "bizContent".into(),
                r#"{"merchantTransactionId":"M1","status":"SUCCESS","amount":"10.00","currency":"USD"}"#.into(),
            );
            let sign = pingpong_sign(PINGPONG_SALT, "SHA256", &object);
            object.insert("sign".into(), sign.into());
            serde_json::Value::Object(object).to_string().into_bytes()
        }
    };
    (headers, body)
}

/// The SDK configurations the tests use, against `base_url`.
pub mod configs {
    use std::sync::Arc;

    use paydoc_sdk::auth::{Clock, antom, payermax, pingpong};

    use super::*;

    pub fn payermax(base_url: &str, clock: Arc<dyn Clock>) -> payermax::Config {
        let k = keys();
        let creds = payermax::Credentials::new(
            PAYERMAX_APP_ID,
            PAYERMAX_MERCHANT_NO,
            &k.merchant.private_b64,
            &k.gateway.public_b64,
        )
        .expect("test keys read");
        payermax::Config::new(creds, payermax::Environment::Custom(base_url.into())).expect("config").with_clock(clock)
    }

    pub fn antom(base_url: &str, clock: Arc<dyn Clock>) -> antom::Config {
        let k = keys();
        let creds = antom::Credentials::new(ANTOM_CLIENT_ID, &k.merchant.private_b64, &k.gateway.public_b64)
            .expect("test keys read");
        antom::Config::new(creds, antom::Environment::Custom(base_url.into()))
            .expect("config")
            .with_clock(clock)
            .with_notify_path(ANTOM_NOTIFY_PATH)
    }

    pub fn pingpong(base_url: &str) -> pingpong::Config {
        let creds =
            pingpong::Credentials::new(PINGPONG_ACC_ID, PINGPONG_CLIENT_ID, PINGPONG_SALT, pingpong::SignType::Sha256)
                .expect("credentials");
        pingpong::Config::new(creds, pingpong::Environment::Custom(base_url.into())).expect("config")
    }
}
