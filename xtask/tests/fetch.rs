//! `cargo xtask fetch` as users run it: the built binary against a local HTTP server.
//!
//! The fetch logic itself is tested by the unit tests in `src/fetch.rs`; both use the
//! server in `src/test_server.rs`.

mod common;
#[path = "../src/test_server.rs"]
mod test_server;

use std::fs;
use std::path::{Path, PathBuf};

use common::{stderr, xtask};
use test_server::{Server, reply};

fn fixture(rel: &str) -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures").join(rel)).expect("fixture")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("paydoc-fetch-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("spec/pages")).expect("mkdir");
    dir
}

#[test]
fn fetch_writes_snapshots_and_lock_then_asks_conditionally() {
    let page = fixture("md/antom/createPaymentSession.zh.md");
    let served = page.clone();
    let server = Server::start(move |req| match req.path.as_str() {
        "/antom.md" if req.header("if-none-match") == Some("\"v1\"") => reply(304, Vec::new()),
        "/antom.md" => reply(200, served.clone()).with("ETag", "\"v1\""),
        _ => reply(404, "not here"),
    });
    let dir = scratch("manifest");
    let (good, missing) = (server.url("/antom.md"), server.url("/missing.md"));
    fs::write(
        dir.join("spec/manifest.yaml"),
        format!(
            "pages:\n- file: pages/antom.md\n  provider: antom\n  lang: zh\n  url: https://example.invalid/antom\n  fetch_url: {good}\n"
        ),
    )
    .expect("manifest");
    let root = dir.to_str().expect("utf-8 path");
    let args = ["--root", root, "fetch", "--jobs", "2", "--timeout-secs", "2", "--retries", "0"];

    let first = xtask(&args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(fs::read(dir.join("spec/pages/antom.md")).expect("snapshot"), page);
    let lock = fs::read_to_string(dir.join("spec/manifest.lock")).expect("lock");
    assert!(lock.contains(&format!("url: {good}")), "{lock}");

    let second = xtask(&args);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("0 fetched, 1 unchanged, 0 failed"), "{}", stderr(&second));
    let seen = server.requests("/antom.md");
    assert_eq!(seen[1].header("if-none-match"), Some("\"v1\""), "{seen:?}");

    let one = dir.join("one.md");
    let out = xtask(&["fetch", &missing, "--out", one.to_str().expect("utf-8 path"), "--retries", "0"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim(), format!("error: {}: {missing}: HTTP 404 Not Found", one.display()));
    assert!(!one.exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn fetch_url_needs_out() {
    let out = xtask(&["fetch", "http://127.0.0.1:9/x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--out"), "{}", stderr(&out));
}
