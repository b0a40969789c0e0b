//! `cargo xtask fetch` as users run it: the built binary against a local HTTP server.
//!
//! The fetch logic itself is tested by the unit tests in `src/fetch.rs`. These tests are
//! `#[ignore]`d until `main.rs` has the `fetch` subcommand; then drop the `#[ignore]` lines.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// (path, lowercased header lines) of each request.
type Seen = Arc<Mutex<Vec<(String, Vec<String>)>>>;

/// A one-thread-per-connection HTTP/1.1 server on 127.0.0.1, stopped when dropped.
/// `handler` maps (path, lowercased header lines) to (status, extra headers, body).
struct Server {
    addr: String,
    seen: Seen,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

type Reply = (u16, Vec<String>, Vec<u8>);

impl Server {
    fn start(handler: impl Fn(&str, &[String]) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        let seen: Seen = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let handler = Arc::new(handler);
        let (seen2, stop2) = (seen.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, seen) = (handler.clone(), seen2.clone());
                std::thread::spawn(move || {
                    let Ok(read_half) = stream.try_clone() else { return };
                    let mut reader = BufReader::new(read_half);
                    let mut first = String::new();
                    if reader.read_line(&mut first).is_err() {
                        return;
                    }
                    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let mut headers = Vec::new();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
                            break;
                        }
                        headers.push(line.trim().to_ascii_lowercase());
                    }
                    let (status, extra, body) = handler(&path, &headers);
                    seen.lock().expect("lock").push((path, headers));
                    let mut head =
                        format!("HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
                    for h in extra {
                        head.push_str(&format!("{h}\r\n"));
                    }
                    head.push_str("\r\n");
                    let mut stream = stream;
                    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
                });
            }
        });
        Server { addr, seen, stop, thread: Some(thread) }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(&self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn fixture(rel: &str) -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures").join(rel)).expect("fixture")
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
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
    let server = Server::start(move |path, headers| match path {
        "/antom.md" if headers.iter().any(|h| h == "if-none-match: \"v1\"") => (304, vec![], vec![]),
        "/antom.md" => (200, vec!["ETag: \"v1\"".into()], served.clone()),
        _ => (404, vec![], b"not here".to_vec()),
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
    let seen = server.seen.lock().expect("lock").clone();
    assert!(seen[1].1.iter().any(|h| h == "if-none-match: \"v1\""), "{seen:?}");

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
