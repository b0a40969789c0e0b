//! Signing and verification against independent oracles: `openssl` for RSA and digests, PingPong's published worked values.

#![cfg(all(feature = "payermax", feature = "antom", feature = "pingpong"))]

mod support;

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use paydoc_sdk::auth::{AuthError, FixedClock, Operation, antom, payermax, pingpong};
use paydoc_sdk::keys::{KeyError, PrivateKey, PublicKey};
use support::mock_gateway::Provider;
use support::ops::{PAYBYLINK, PREPAY, SESSION};
use support::*;

const NOW: u64 = 1_642_410_352_194; // 2022-01-17T09:05:52.194Z

fn header(req: &http::Request<Vec<u8>>, name: &str) -> String {
    req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_else(|| panic!("header {name}")).to_string()
}

#[test]
fn keys_read_in_every_form_and_sign_like_openssl() {
    let k = keys();
    let msg = "签名 content\nwith bytes".as_bytes();
    let expected = openssl_sign(&k.merchant, msg);
    let wrapped: String =
        k.merchant.private_b64.as_bytes().chunks(64).map(|c| format!("{}\n", String::from_utf8_lossy(c))).collect();
    for text in [
        &k.merchant.private_b64,
        &wrapped,
        &k.merchant.private_pem,
        &k.merchant.private_pkcs1_pem,
        &k.merchant.private_pkcs1_b64,
    ] {
        let key = PrivateKey::from_text(text).expect("private key reads");
        assert_eq!(key.sign_sha256(msg).expect("signs"), expected, "byte-identical to openssl");
        assert_eq!(key.bits(), 2048);
    }
    for text in [&k.merchant.public_b64, &k.merchant.public_pem, &k.merchant.public_pkcs1_pem] {
        let key = PublicKey::from_text(text).expect("public key reads");
        assert_eq!(key.verify_sha256(msg, &expected), Ok(()));
        assert!(key.verify_sha256(b"other", &expected).is_err());
        assert_eq!(key, PrivateKey::from_text(&k.merchant.private_pem).expect("reads").public_key());
    }
    // And openssl accepts what the SDK signs.
    let ours = PrivateKey::from_text(&k.merchant.private_b64).expect("reads").sign_sha256(msg).expect("signs");
    assert!(openssl_verify(&k.merchant, msg, &ours));
}

#[test]
fn wrong_kind_or_size_of_key_is_refused_without_showing_it() {
    let k = keys();
    let err = PrivateKey::from_text(&k.merchant.public_b64).expect_err("a public key is not a private key");
    assert!(matches!(err, KeyError::Invalid { .. }), "{err:?}");
    let err = PublicKey::from_text(&k.merchant.private_b64).expect_err("a private key is not a public key");
    assert!(matches!(err, KeyError::Invalid { .. }), "{err:?}");
    let err = PublicKey::from_text(&k.merchant.private_pem).expect_err("label");
    assert!(matches!(err, KeyError::WrongPemLabel { .. }), "{err:?}");
    let err = PrivateKey::from_text(&small_key_pem()).expect_err("1024 bits");
    assert_eq!(err.to_string(), "key: not an RSA private key (PKCS#8 or PKCS#1): modulus under 2048 bits");
    // A garbled key: one base64 character changed inside the modulus.
    let mut garbled = k.merchant.private_b64.clone().into_bytes();
    let mid = 136;
    garbled[mid] = if garbled[mid] == b'A' { b'B' } else { b'A' };
    let garbled = String::from_utf8(garbled).expect("ascii");
    let err = PrivateKey::from_text(&garbled).expect_err("garbled");
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(!shown.contains(&garbled[mid - 8..mid + 8]), "{shown}");
    }
    let key = PrivateKey::from_text(&k.merchant.private_b64).expect("reads");
    let debug = format!("{key:?} {:?}", key.public_key());
    assert_eq!(debug, "PrivateKey(RSA 2048 bits, redacted) PublicKey(RSA 2048 bits)");
    let creds = payermax::Credentials::new("app", "m", &k.merchant.private_b64, &k.gateway.public_b64).expect("reads");
    let debug = format!("{creds:?}");
    assert!(!debug.contains(&k.merchant.private_b64[40..60]) && debug.contains("redacted"), "{debug}");
    let pp = pingpong::Credentials::new("a", "c", PINGPONG_SALT, pingpong::SignType::Md5).expect("credentials");
    assert!(!format!("{pp:?}").contains(PINGPONG_SALT));
}

#[test]
fn payermax_request_is_the_envelope_signed_like_openssl() {
    let config = configs::payermax("https://pay-gate-uat.payermax.com/", Arc::new(FixedClock(NOW)));
    let payload = br#"{"merchantLinkId":"paylinktest001","totalAmount":"40000"}"#;
    let req = config.request(&PAYBYLINK, payload).expect("signs");
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri(), "https://pay-gate-uat.payermax.com/aggregate-pay/api/gateway/createPaybylink");
    assert_eq!(header(&req, "content-type"), "application/json; charset=utf-8");
    let expected = format!(
        r#"{{"version":"1.1","keyVersion":"1","requestTime":"2022-01-17T09:05:52.194+00:00","appId":"{PAYERMAX_APP_ID}","merchantNo":"{PAYERMAX_MERCHANT_NO}","data":{}}}"#,
        String::from_utf8_lossy(payload)
    );
    assert_eq!(String::from_utf8_lossy(req.body()), expected);
    let sig = STANDARD.encode(openssl_sign(&keys().merchant, req.body()));
    assert_eq!(header(&req, "sign"), sig);
    // Not a JSON object: refused before signing.
    assert_eq!(config.request(&PAYBYLINK, b"[1]").err(), Some(AuthError::InvalidPayload));
    let versionless = Operation { version: None, ..PAYBYLINK };
    assert!(matches!(config.request(&versionless, payload), Err(AuthError::InvalidConfig(_))));
}

#[test]
fn antom_request_signs_the_sandbox_path_like_openssl() {
    let config = configs::antom("https://open-sea-global.alipay.com", Arc::new(FixedClock(NOW)));
    let payload = br#"{"paymentRequestId":"P1","paymentAmount":{"currency":"USD","value":"100"}}"#;
    let req = config.request(&SESSION, payload).expect("signs");
    assert_eq!(req.uri(), "https://open-sea-global.alipay.com/ams/sandbox/api/v1/payments/createPaymentSession");
    assert_eq!(req.body(), payload);
    assert_eq!(header(&req, "client-id"), ANTOM_CLIENT_ID);
    assert_eq!(header(&req, "request-time"), NOW.to_string());
    assert_eq!(header(&req, "content-type"), "application/json; charset=UTF-8");
    let content = format!(
        "POST /ams/sandbox/api/v1/payments/createPaymentSession\n{ANTOM_CLIENT_ID}.{NOW}.{}",
        String::from_utf8_lossy(payload)
    );
    let sig = urlencode_b64(&STANDARD.encode(openssl_sign(&keys().merchant, content.as_bytes())));
    assert_eq!(header(&req, "signature"), format!("algorithm=RSA256,keyVersion=1,signature={sig}"));
    // A production client id uses /ams/api.
    let k = keys();
    let live =
        antom::Credentials::new("5YBZ1A2C3D4E5F6", &k.merchant.private_pem, &k.gateway.public_pem).expect("reads");
    let live = antom::Config::new(live, antom::Environment::Europe).expect("config");
    let req = live.request(&SESSION, payload).expect("signs");
    assert_eq!(req.uri(), "https://open-de-global.alipay.com/ams/api/v1/payments/createPaymentSession");
}

/// PingPong's published worked example: the logistics-upload demo of its v4 docs gives the
/// salt `BCE27A281029F5EAF3CC0E82`, the fields below and `sign` `055AD0B08E3A92A91475E24E1F0C005F`
/// (MD5). Source: the PingPong Checkout v4 API docs (acquirer-api-docs-v4.pingpongx.com),
/// logistics upload page, PHP `PingPongCheckoutClient::usage` and its cURL demo;
/// the signature rules: <https://acquirer-api-docs-v4.pingpongx.com/en/notes/guide/sign/>.
#[test]
fn pingpong_sign_matches_the_published_example() {
    let biz = r#"{"merchantTransactionId":"10019","trackingNumber":"423431241","logisticsCompany":"sf","logisticsCompanyUrl":"https://www.baidu.com"}"#;
    let fields = [
        ("accId", "2018092714313010016289"),
        ("bizContent", biz),
        ("clientId", "2018092714313010016"),
        ("signType", "MD5"),
        ("version", "1.0"),
    ];
    let sign = pingpong::sign("BCE27A281029F5EAF3CC0E82", pingpong::SignType::Md5, fields.iter().copied());
    assert_eq!(sign, "055AD0B08E3A92A91475E24E1F0C005F");
    // The same request through the config, and its published body verifies as a notification would.
    let creds = pingpong::Credentials::new(
        "2018092714313010016289",
        "2018092714313010016",
        "BCE27A281029F5EAF3CC0E82",
        pingpong::SignType::Md5,
    )
    .expect("credentials");
    let config = pingpong::Config::new(creds, pingpong::Environment::Sandbox).expect("config");
    let op = Operation { name: "upload", method: "POST", path: "/v4/logistics/upload", version: None };
    let req = config.request(&op, biz.as_bytes()).expect("signs");
    assert_eq!(req.uri(), "https://sandbox-acquirer-payment.pingpongx.com/v4/logistics/upload");
    let body: serde_json::Value = serde_json::from_slice(req.body()).expect("JSON");
    assert_eq!(body["sign"], "055AD0B08E3A92A91475E24E1F0C005F");
    assert_eq!(body["bizContent"], biz);
    assert_eq!(body["version"], "1.0");
    let published = format!(
        r#"{{"accId":"2018092714313010016289","clientId":"2018092714313010016","signType":"MD5","sign":"055AD0B08E3A92A91475E24E1F0C005F","version":"1.0","bizContent":{}}}"#,
        serde_json::Value::from(biz)
    );
    assert_eq!(config.verify_notification(&http::HeaderMap::new(), published.as_bytes()), Ok(()));
}

#[test]
fn pingpong_request_matches_openssl_digests_for_both_sign_types() {
    let payload = br#"{"merchantTransactionId":"M1","amount":"10.00","currency":"USD"}"#;
    for sign_type in [pingpong::SignType::Md5, pingpong::SignType::Sha256] {
        let creds =
            pingpong::Credentials::new(PINGPONG_ACC_ID, PINGPONG_CLIENT_ID, PINGPONG_SALT, sign_type).expect("ok");
        let config = pingpong::Config::new(creds, pingpong::Environment::Frankfurt).expect("config");
        let req = config.request(&PREPAY, payload).expect("signs");
        assert_eq!(req.uri(), "https://acquirer-payment.pingpongx.com/v4/payment/prePay");
        assert_eq!(header(&req, "content-type"), "application/json");
        let body: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(req.body()).expect("JSON object");
        let keys_in_order: Vec<&str> = body.keys().map(String::as_str).collect();
        assert_eq!(keys_in_order, ["accId", "clientId", "signType", "version", "bizContent", "sign"]);
        assert_eq!(body["bizContent"], String::from_utf8_lossy(payload).as_ref());
        assert_eq!(body["signType"], sign_type.as_str());
        assert_eq!(body["sign"], pingpong_sign(PINGPONG_SALT, sign_type.as_str(), &body).as_str());
    }
}

/// A response for each provider, signed by the mock gateway's code (openssl).
fn signed_response(provider: Provider, clock_ms: u64) -> http::Response<Vec<u8>> {
    let (headers, body) = match provider {
        Provider::Antom => {
            let body = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;
            let content =
                format!("POST /ams/sandbox/api/v1/payments/createPaymentSession\n{ANTOM_CLIENT_ID}.{clock_ms}.{body}");
            let sig = urlencode_b64(&STANDARD.encode(openssl_sign(&keys().gateway, content.as_bytes())));
            let mut h = http::HeaderMap::new();
            h.insert("response-time", clock_ms.to_string().parse().expect("header"));
            h.insert("signature", format!("algorithm=RSA256,keyVersion=1,signature={sig}").parse().expect("header"));
            (h, body.as_bytes().to_vec())
        }
        // PayerMax and PingPong sign responses exactly as they sign notifications.
        other => signed_notification(other, clock_ms),
    };
    let mut response = http::Response::new(body);
    *response.headers_mut() = headers;
    response
}

struct Verifiers {
    payermax: payermax::Config,
    antom: antom::Config,
    pingpong: pingpong::Config,
}

fn verifiers(wrong_key: bool) -> Verifiers {
    let k = keys();
    let public = if wrong_key { &k.wrong.public_b64 } else { &k.gateway.public_b64 };
    let clock = Arc::new(FixedClock(NOW));
    let pm = payermax::Credentials::verify_only(public).expect("reads");
    let an = antom::Credentials::verify_only(ANTOM_CLIENT_ID, public).expect("reads");
    let salt = if wrong_key { "FFFFFFFFFFFFFFFFFFFFFFFF" } else { PINGPONG_SALT };
    let pp =
        pingpong::Credentials::new(PINGPONG_ACC_ID, PINGPONG_CLIENT_ID, salt, pingpong::SignType::Sha256).expect("ok");
    Verifiers {
        payermax: payermax::Config::new(pm, payermax::Environment::Production)
            .expect("config")
            .with_clock(clock.clone()),
        antom: antom::Config::new(an, antom::Environment::Asia)
            .expect("config")
            .with_clock(clock)
            .with_notify_path(ANTOM_NOTIFY_PATH),
        pingpong: pingpong::Config::new(pp, pingpong::Environment::Sandbox).expect("config"),
    }
}

impl Verifiers {
    fn response(&self, provider: Provider, r: &http::Response<Vec<u8>>) -> Result<(), AuthError> {
        match provider {
            Provider::PayerMax => self.payermax.verify_response(&PAYBYLINK, r),
            Provider::Antom => self.antom.verify_response(&SESSION, r),
            Provider::PingPong => self.pingpong.verify_response(&PREPAY, r),
        }
    }

    fn notification(&self, provider: Provider, h: &http::HeaderMap, b: &[u8]) -> Result<(), AuthError> {
        match provider {
            Provider::PayerMax => self.payermax.verify_notification(h, b),
            Provider::Antom => self.antom.verify_notification(h, b),
            Provider::PingPong => self.pingpong.verify_notification(h, b),
        }
    }
}

/// Flips one byte inside the signature, wherever the provider carries it.
fn flip_signature(provider: Provider, headers: &mut http::HeaderMap, body: &mut Vec<u8>) {
    match provider {
        Provider::PayerMax | Provider::Antom => {
            let name = if provider == Provider::PayerMax { "sign" } else { "signature" };
            let mut v = headers[name].to_str().expect("ascii").to_string();
            // A base64 character well inside the signature value.
            let at = v.len() - 40;
            let c = if &v[at..=at] == "A" { "B" } else { "A" };
            v.replace_range(at..=at, c);
            headers.insert(name, v.parse().expect("header"));
        }
        Provider::PingPong => {
            let mut o: serde_json::Value = serde_json::from_slice(body).expect("JSON");
            let sign = o["sign"].as_str().expect("sign").to_string();
            let flipped = format!("{}{}", if sign.starts_with('0') { '1' } else { '0' }, &sign[1..]);
            o["sign"] = flipped.into();
            *body = o.to_string().into_bytes();
        }
    }
}

fn drop_signature(provider: Provider, headers: &mut http::HeaderMap, body: &mut Vec<u8>) -> AuthError {
    match provider {
        Provider::PayerMax => {
            headers.remove("sign");
            AuthError::MissingHeader("sign")
        }
        Provider::Antom => {
            headers.remove("signature");
            AuthError::MissingHeader("signature")
        }
        Provider::PingPong => {
            let mut o: serde_json::Value = serde_json::from_slice(body).expect("JSON");
            o.as_object_mut().expect("object").remove("sign");
            *body = o.to_string().into_bytes();
            AuthError::MissingField("sign")
        }
    }
}

fn flip_body(body: &mut [u8]) {
    // `SUCCESS` becomes `TUCCESS`: still JSON, different content.
    let i = body.windows(7).position(|w| w == b"SUCCESS").expect("SUCCESS in the body");
    body[i] = b'T';
}

#[test]
fn responses_and_notifications_verify_and_every_tampering_is_rejected() {
    let good = verifiers(false);
    let wrong = verifiers(true);
    for provider in [Provider::PayerMax, Provider::Antom, Provider::PingPong] {
        // Responses.
        let ok = signed_response(provider, NOW);
        assert_eq!(good.response(provider, &ok), Ok(()), "{provider:?} response");
        assert_eq!(wrong.response(provider, &ok), Err(AuthError::BadSignature), "{provider:?} response, wrong key");
        let mut r = signed_response(provider, NOW);
        flip_body(r.body_mut());
        assert_eq!(good.response(provider, &r), Err(AuthError::BadSignature), "{provider:?} response, body");
        let mut r = signed_response(provider, NOW);
        let (mut h, mut b) = (r.headers().clone(), r.body().clone());
        flip_signature(provider, &mut h, &mut b);
        (*r.headers_mut(), *r.body_mut()) = (h, b);
        assert!(good.response(provider, &r).is_err(), "{provider:?} response, signature");
        let mut r = signed_response(provider, NOW);
        let (mut h, mut b) = (r.headers().clone(), r.body().clone());
        let want = drop_signature(provider, &mut h, &mut b);
        (*r.headers_mut(), *r.body_mut()) = (h, b);
        assert_eq!(good.response(provider, &r), Err(want), "{provider:?} response, no signature");

        // Notifications.
        let (h, b) = signed_notification(provider, NOW);
        assert_eq!(good.notification(provider, &h, &b), Ok(()), "{provider:?} notification");
        assert_eq!(wrong.notification(provider, &h, &b), Err(AuthError::BadSignature), "{provider:?} wrong key");
        let mut flipped = b.clone();
        flip_body(&mut flipped);
        assert_eq!(good.notification(provider, &h, &flipped), Err(AuthError::BadSignature), "{provider:?} body");
        let (mut h2, mut b2) = (h.clone(), b.clone());
        flip_signature(provider, &mut h2, &mut b2);
        assert!(good.notification(provider, &h2, &b2).is_err(), "{provider:?} notification, signature");
        let (mut h2, mut b2) = (h.clone(), b.clone());
        let want = drop_signature(provider, &mut h2, &mut b2);
        assert_eq!(good.notification(provider, &h2, &b2), Err(want), "{provider:?} notification, no signature");
    }
}

#[test]
fn antom_checks_its_other_headers_and_the_clock() {
    let good = verifiers(false);
    let (h, b) = signed_notification(Provider::Antom, NOW);
    for name in ["client-id", "request-time"] {
        let mut h2 = h.clone();
        h2.remove(name);
        assert_eq!(
            good.antom.verify_notification(&h2, &b),
            Err(AuthError::MissingHeader(match name {
                "client-id" => "client-id",
                _ => "request-time",
            }))
        );
    }
    // Signed an hour before the clock: stale, though the signature is good.
    let (h, b) = signed_notification(Provider::Antom, NOW - 3_600_000);
    assert_eq!(
        good.antom.verify_notification(&h, &b),
        Err(AuthError::StaleTimestamp { name: "request-time", skew_secs: 3600, max_secs: 300 })
    );
    let r = signed_response(Provider::Antom, NOW + 3_600_000);
    assert!(matches!(good.antom.verify_response(&SESSION, &r), Err(AuthError::StaleTimestamp { .. })));
    let mut r = signed_response(Provider::Antom, NOW);
    r.headers_mut().remove("response-time");
    assert_eq!(good.antom.verify_response(&SESSION, &r), Err(AuthError::MissingHeader("response-time")));
    // Without a notify path there is nothing to check against.
    let k = keys();
    let creds = antom::Credentials::verify_only(ANTOM_CLIENT_ID, &k.gateway.public_pem).expect("reads");
    let bare = antom::Config::new(creds, antom::Environment::Asia).expect("config");
    let (h, b) = signed_notification(Provider::Antom, NOW);
    assert!(matches!(bare.verify_notification(&h, &b), Err(AuthError::InvalidConfig(_))));
    assert_eq!(bare.request(&SESSION, b"{}").err(), Some(AuthError::NoSigningKey));
}

#[test]
fn skipping_response_verification_is_explicit_and_spares_notifications() {
    let k = keys();
    let creds = payermax::Credentials::verify_only(&k.gateway.public_b64).expect("reads");
    let config = payermax::Config::new(creds, payermax::Environment::Sandbox)
        .expect("config")
        .danger_skip_response_verification();
    let unsigned = http::Response::new(br#"{"code":"APPLY_SUCCESS"}"#.to_vec());
    assert_eq!(config.verify_response(&PAYBYLINK, &unsigned), Ok(()));
    assert_eq!(config.verify_notification(unsigned.headers(), unsigned.body()), Err(AuthError::MissingHeader("sign")));
    assert!(format!("{config:?}").contains("verify_responses: false"));
}

#[test]
fn acknowledgements_are_the_documented_bodies() {
    let pm: serde_json::Value = serde_json::from_str(payermax::Config::ACKNOWLEDGEMENT).expect("JSON");
    assert_eq!(pm, serde_json::json!({"code": "SUCCESS", "msg": "Success"}));
    let an: serde_json::Value = serde_json::from_str(antom::Config::ACKNOWLEDGEMENT).expect("JSON");
    assert_eq!(an["result"]["resultStatus"], "S");
    assert_eq!(an["result"]["resultCode"], "SUCCESS");
    assert_eq!(pingpong::Config::ACKNOWLEDGEMENT, "");
}

#[test]
fn configuration_errors_are_one_line_and_name_the_problem() {
    let k = keys();
    let creds = payermax::Credentials::new("a", "m", &k.merchant.private_b64, &k.gateway.public_b64).expect("reads");
    let err = payermax::Config::new(creds, payermax::Environment::Custom("ftp://x".into())).expect_err("scheme");
    assert_eq!(err.to_string(), "invalid configuration: base URL must be an http(s) URL");
    let err = payermax::Credentials::new("a", "m", "", &k.gateway.public_b64).expect_err("empty key");
    assert_eq!(err.to_string(), "key is empty");
    let err = "SHA1".parse::<pingpong::SignType>().expect_err("sign type");
    assert_eq!(err.to_string(), "invalid configuration: sign type must be MD5 or SHA256");
    assert!(antom::Credentials::verify_only("bad id", &k.gateway.public_b64).is_err());
}
