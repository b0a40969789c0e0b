//! The `dry_run` and `verify_notification` examples as a user runs them: output layout, signatures checked with openssl, exit codes.
//!
//! `cargo test` builds the examples beside the test binaries; these tests run those builds.

#![cfg(all(feature = "payermax", feature = "antom", feature = "pingpong"))]

mod support;

use std::path::PathBuf;
use std::process::{Command, Output};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use support::mock_gateway::Provider;
use support::*;

const NOW: u64 = 1_642_410_352_194; // 2022-01-17T09:05:52.194Z

fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(|d| d.parent()).expect("target profile dir").join("examples");
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(path.exists(), "{} is missing: run `cargo test -p paydoc-sdk` (it builds the examples)", path.display());
    path
}

fn run(name: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(example(name));
    cmd.env_clear().args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("example runs")
}

/// Splits dry_run output into (request line, headers, body).
fn split(out: &[u8]) -> (String, Vec<(String, String)>, Vec<u8>) {
    let at = out.windows(2).position(|w| w == b"\n\n").expect("an empty line after the headers");
    let head = String::from_utf8(out[..at].to_vec()).expect("utf-8 head");
    let mut lines = head.lines();
    let first = lines.next().expect("request line").to_string();
    let headers = lines
        .map(|l| {
            let (k, v) = l.split_once(": ").expect("Name: value");
            (k.to_string(), v.to_string())
        })
        .collect();
    (first, headers, out[at + 2..].to_vec())
}

fn get<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("header {name}"))
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_str().expect("utf-8 path").to_string()
}

#[test]
fn dry_run_prints_a_request_openssl_accepts() {
    let k = keys();
    let dir = scratch_dir("dry-run");
    let payload = write(&dir, "data.json", br#"{"merchantLinkId":"L1","totalAmount":"40000"}"#);
    let now = NOW.to_string();
    let out = run(
        "dry_run",
        &["payermax", "createPaybylink", &payload],
        &[
            ("PAYDOC_NOW_MS", &now),
            ("PAYERMAX_BASE_URL", "http://127.0.0.1:9"),
            ("PAYERMAX_APP_ID", PAYERMAX_APP_ID),
            ("PAYERMAX_MERCHANT_NO", PAYERMAX_MERCHANT_NO),
            ("PAYERMAX_PRIVATE_KEY", &k.merchant.private_b64),
            ("PAYERMAX_PUBLIC_KEY", &k.gateway.public_pem),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (first, headers, body) = split(&out.stdout);
    assert_eq!(first, "POST http://127.0.0.1:9/aggregate-pay/api/gateway/createPaybylink");
    assert_eq!(get(&headers, "content-type"), "application/json; charset=utf-8");
    let envelope: serde_json::Value = serde_json::from_slice(&body).expect("JSON body");
    assert_eq!(envelope["requestTime"], "2022-01-17T09:05:52.194+00:00");
    assert_eq!(envelope["data"]["merchantLinkId"], "L1");
    let sig = STANDARD.decode(get(&headers, "sign")).expect("base64");
    assert!(openssl_verify(&k.merchant, &body, &sig), "openssl verifies the printed body and sign");

    let payload = write(&dir, "body.json", br#"{"paymentRequestId":"P1"}"#);
    let out = run(
        "dry_run",
        &["antom", "createPaymentSession", &payload],
        &[
            ("PAYDOC_NOW_MS", &now),
            ("ANTOM_CLIENT_ID", ANTOM_CLIENT_ID),
            ("ANTOM_PRIVATE_KEY", &k.merchant.private_pem),
            ("ANTOM_PUBLIC_KEY", &k.gateway.public_b64),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (first, headers, body) = split(&out.stdout);
    let path = "/ams/sandbox/api/v1/payments/createPaymentSession";
    assert_eq!(first, format!("POST https://open-sea-global.alipay.com{path}"));
    assert_eq!(get(&headers, "request-time"), now);
    let encoded = get(&headers, "signature").split("signature=").nth(1).expect("signature=");
    let sig = STANDARD.decode(encoded.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=")).expect("base64");
    let mut content = format!("POST {path}\n{ANTOM_CLIENT_ID}.{now}.").into_bytes();
    content.extend_from_slice(&body);
    assert!(openssl_verify(&k.merchant, &content, &sig));

    let payload = write(&dir, "biz.json", br#"{"merchantTransactionId":"M1"}"#);
    let out = run(
        "dry_run",
        &["pingpong", "/v4/payment/prePay", &payload],
        &[
            ("PINGPONG_BASE_URL", "http://127.0.0.1:9"),
            ("PINGPONG_ACC_ID", PINGPONG_ACC_ID),
            ("PINGPONG_CLIENT_ID", PINGPONG_CLIENT_ID),
            ("PINGPONG_SALT", PINGPONG_SALT),
            ("PINGPONG_SIGN_TYPE", "MD5"),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (first, _, body) = split(&out.stdout);
    assert_eq!(first, "POST http://127.0.0.1:9/v4/payment/prePay");
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(object["sign"], pingpong_sign(PINGPONG_SALT, "MD5", &object).as_str());
}

#[test]
fn dry_run_refuses_bad_input_with_exit_2() {
    let dir = scratch_dir("dry-run-bad");
    let payload = write(&dir, "p.json", b"[\"an array\"]");
    let malformed = write(&dir, "bad.json", b"{\n  \"amount\": 1,\n}");
    let k = keys();
    let env = [
        ("PAYERMAX_APP_ID", "a"),
        ("PAYERMAX_MERCHANT_NO", "m"),
        ("PAYERMAX_PRIVATE_KEY", k.merchant.private_b64.as_str()),
        ("PAYERMAX_PUBLIC_KEY", k.gateway.public_b64.as_str()),
    ];
    for (args, env, says) in [
        (vec!["payermax", "createPaybylink", payload.as_str()], &env[..], "payload is not a JSON object"),
        (
            vec!["payermax", "createPaybylink", malformed.as_str()],
            &env[..],
            "bad.json: payload is not valid JSON (line 3, column 1)",
        ),
        (vec!["payermax", "createPaybylink", "/nonexistent/p.json"], &env[..], "/nonexistent/p.json"),
        (vec!["payermax", "noSuchOperation", payload.as_str()], &env[..], "unknown operation"),
        (vec!["payermax", "createPaybylink", payload.as_str()], &env[..1], "PAYERMAX_MERCHANT_NO is not set"),
        (vec!["stripe", "x", payload.as_str()], &env[..], "unknown provider"),
    ] {
        let out = run("dry_run", &args, env);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says) && stderr.lines().count() == 1, "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn verify_notification_exits_0_1_2() {
    let k = keys();
    let dir = scratch_dir("verify-notification");
    let now = NOW.to_string();
    let env: Vec<(&str, &str)> = vec![
        ("PAYDOC_NOW_MS", &now),
        ("PAYERMAX_PUBLIC_KEY", &k.gateway.public_b64),
        ("ANTOM_CLIENT_ID", ANTOM_CLIENT_ID),
        ("ANTOM_PUBLIC_KEY", &k.gateway.public_pem),
        ("ANTOM_NOTIFY_PATH", ANTOM_NOTIFY_PATH),
        ("PINGPONG_ACC_ID", PINGPONG_ACC_ID),
        ("PINGPONG_CLIENT_ID", PINGPONG_CLIENT_ID),
        ("PINGPONG_SALT", PINGPONG_SALT),
        ("PINGPONG_SIGN_TYPE", "SHA256"),
    ];
    for (provider, name) in
        [(Provider::PayerMax, "payermax"), (Provider::Antom, "antom"), (Provider::PingPong, "pingpong")]
    {
        let (headers, body) = signed_notification(provider, NOW);
        let lines: String = headers.iter().map(|(k, v)| format!("{k}: {}\n", v.to_str().expect("ascii"))).collect();
        let h = write(&dir, &format!("{name}.headers"), lines.as_bytes());
        let b = write(&dir, &format!("{name}.body"), &body);
        let out = run("verify_notification", &[name, &h, &b], &env);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("pretty JSON");
        let sent: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        assert_eq!(printed, sent, "{name}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("\n  "), "pretty-printed");

        let mut tampered = body.clone();
        let i = tampered.windows(7).position(|w| w == b"SUCCESS").expect("SUCCESS");
        tampered[i] = b'T';
        let t = write(&dir, &format!("{name}.tampered"), &tampered);
        let out = run("verify_notification", &[name, &h, &t], &env);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "a rejected notification never reaches stdout");

        let out = run("verify_notification", &[name, "/nonexistent/headers", &b], &env);
        assert_eq!(out.status.code(), Some(2), "{name}");
    }
    let bad = write(&dir, "bad.headers", b"sign AAAA\n");
    let b = write(&dir, "any.body", b"{}");
    let out = run("verify_notification", &["payermax", &bad, &b], &env);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.headers:1: expected `Name: value`"));
    let out = run("verify_notification", &["payermax", &bad, &b], &[]);
    assert_eq!(out.status.code(), Some(2));
}
