//! `cargo xtask fetch`: downloads the manifest's doc pages into their snapshot files, politely and safely.
//!
//! `cargo xtask fetch` fetches every page of `spec/manifest.yaml` (its `fetch_url` when set,
//! else its `url`) into `spec/<file>`; `cargo xtask fetch URL --out FILE` fetches one page.
//!
//! # What a fetch does
//!
//! - **Bounded:** `--jobs` std threads (default 4), a connect timeout and a per-read timeout
//!   (`--timeout-secs`, default 20; one exchange is capped at six times that), and a body cap
//!   (`--max-bytes`, default 8 MiB, the scraper's own limit): a longer body is an error
//!   `body over N bytes`, found from `Content-Length` or while reading.
//! - **Only http and https.** Redirects (301, 302, 303, 307, 308) are followed here, not by
//!   the HTTP client: at most [`MAX_REDIRECTS`], and only to http or https. A redirect from
//!   https to http is refused; one from http to https (an upgrade) is followed.
//! - **Retries** on 429 and 5xx, `--retries` times (default 3), waiting the server's
//!   `Retry-After` seconds or else an exponential backoff (1 s, 2 s, 4 s, …), each wait capped
//!   at 30 s. A `Retry-After` over the cap fails the page rather than call back early.
//!   Network errors and timeouts are not retried: the next run retries them.
//! - **Identifies itself** with the User-Agent [`USER_AGENT`], asks for no compression, and
//!   honours the `HTTP(S)_PROXY`/`NO_PROXY` environment.
//! - **Conditional:** a page whose snapshot is still the one the lock file describes (same
//!   URL, same SHA-256) is requested with `If-None-Match`/`If-Modified-Since` from the lock;
//!   on `304 Not Modified` the snapshot is not touched. A snapshot whose bytes did not change
//!   is not rewritten either; one that changed is written atomically (temp file + rename).
//!
//! # Failures
//!
//! A page that fails keeps its old snapshot and its old lock entry, and is reported as one
//! line `error: spec/<file>: <url>: <reason>` on stderr; the other pages are fetched, and the
//! run fails at the end. The snapshot is stored byte for byte as served, never re-encoded: a
//! body that the scraper will refuse (empty, binary, not UTF-8) is still stored, so the
//! snapshot's diff shows what the site now serves, and is reported as a warning line
//! `warning: spec/<file>: <url>: <why>; stored as served, scrape will refuse it`. Warnings do
//! not fail the run; `scrape`/`gen` then fail on that page and keep its committed spec.
//!
//! Progress goes to stderr: one line rewritten in place (`\r`) on a terminal, one plain line
//! per page otherwise, then a summary line.
//!
//! # The lock file, `spec/manifest.lock`
//!
//! Written by the command (never by hand), YAML, one entry per manifest page keyed by the
//! snapshot file (relative to `spec/`), sorted by file, with no timestamps of its own:
//!
//! ```yaml
//! # written by `cargo xtask fetch`, do not edit: where each snapshot came from, for conditional requests
//! pages:
//!   pages/000_effe751be35d6c2c.txt:
//!     url: https://docs.payermax.com/…/aggregate-pay_api_gateway_applyDropinSession_(for-auth-capture-copy-me).html
//!     etag: '"6650f1a7-5a29"'
//!     last_modified: Fri, 24 May 2024 07:44:15 GMT
//!     sha256: 3b0c…
//!     bytes: 23081
//! ```
//!
//! `url` is the URL requested (the page's `fetch_url` or `url`, before redirects); `etag` and
//! `last_modified` are the validators the server sent (left out when it sent none); `sha256`
//! (lowercase hex) and `bytes` describe the snapshot as stored. Entries of pages no longer in
//! the manifest are dropped. The file is rewritten only when its content changes. A run cut
//! short leaves the lock behind the snapshots; the hash check then makes the next run fetch
//! those pages unconditionally, so it heals itself. An unreadable lock file is a warning and
//! is treated as empty. `fetch URL --out FILE` neither reads nor writes the lock.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{IsTerminal, Read};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use clap::Args;
use paydoc_codegen::pipeline::{self, Layout};
use paydoc_codegen::spec::manifest::Manifest;
use paydoc_codegen::spec::yaml;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The User-Agent every request sends.
pub const USER_AGENT: &str = concat!("paydoc-fetch/", env!("CARGO_PKG_VERSION"));
/// The longest redirect chain followed.
pub const MAX_REDIRECTS: usize = 5;
/// The longest wait before a retry, whether from `Retry-After` or the backoff.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);
/// One exchange (connect, request, headers, body) may take this many `--timeout-secs`.
const CALL_TIMEOUT_FACTOR: u32 = 6;
/// The lock file, in `spec/`.
pub const LOCK_FILE: &str = "manifest.lock";
const LOCK_HEADER: &str =
    "# written by `cargo xtask fetch`, do not edit: where each snapshot came from, for conditional requests\n";

/// Arguments of `cargo xtask fetch`.
#[derive(Args, Clone, Debug)]
pub struct FetchArgs {
    /// Fetch only this page (http or https) into --out. Without it, every page in spec/manifest.yaml.
    #[arg(requires = "out")]
    pub url: Option<String>,
    /// Where to store the page given as URL.
    #[arg(long, value_name = "FILE", requires = "url")]
    pub out: Option<PathBuf>,
    /// How many pages to fetch at once.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub jobs: u16,
    /// Connect timeout, and the longest wait for any read, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout_secs: u64,
    /// The largest page body accepted, in bytes.
    #[arg(long, value_name = "N", default_value_t = paydoc_codegen::read::MAX_PAGE_BYTES as u64)]
    pub max_bytes: u64,
    /// How many times to retry a page answered with 429 or 5xx.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
    /// The first retry backoff in milliseconds (doubled on each retry); for tests.
    #[arg(long, value_name = "MS", default_value_t = 1000, hide = true)]
    pub backoff_ms: u64,
}

/// Runs `cargo xtask fetch`: true when every page was fetched (or found unchanged).
pub fn run(layout: &Layout, args: &FetchArgs) -> bool {
    let opts = Options::from_args(args);
    match (&args.url, &args.out) {
        (Some(url), Some(out)) => fetch_one(&opts, url, out),
        (Some(_), None) | (None, Some(_)) => {
            eprintln!("error: fetch: URL and --out go together");
            false
        }
        (None, None) => {
            let outcome = fetch_manifest(layout, &opts, usize::from(args.jobs));
            for line in &outcome.lines {
                eprintln!("{line}");
            }
            outcome.ok
        }
    }
}

/// How pages are fetched.
#[derive(Clone, Debug)]
struct Options {
    timeout: Duration,
    max_bytes: u64,
    retries: u32,
    /// The first retry's wait when the server gives no `Retry-After`.
    backoff: Duration,
    max_wait: Duration,
    proxy_from_env: bool,
}

impl Options {
    fn from_args(args: &FetchArgs) -> Options {
        Options {
            timeout: Duration::from_secs(args.timeout_secs),
            max_bytes: args.max_bytes,
            retries: args.retries,
            backoff: Duration::from_millis(args.backoff_ms),
            max_wait: MAX_RETRY_WAIT,
            proxy_from_env: true,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One URL over HTTP

/// The validators of the stored snapshot, for a conditional request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
}

/// What the server answered, after redirects and retries.
#[derive(Debug)]
enum Fetched {
    Page { body: Vec<u8>, validators: Validators },
    NotModified { validators: Validators },
}

struct Client {
    agent: ureq::Agent,
    opts: Options,
}

impl Client {
    fn new(opts: Options) -> Client {
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(USER_AGENT)
            .timeout_connect(Some(opts.timeout))
            .timeout_per_read(Some(opts.timeout))
            .timeout_per_write(Some(opts.timeout))
            .timeout_per_call(Some(opts.timeout * CALL_TIMEOUT_FACTOR));
        if !opts.proxy_from_env {
            config = config.proxy(None);
        }
        Client { agent: config.build().into(), opts }
    }

    /// GETs `url`, following redirects and retrying 429/5xx; sends `cond` as
    /// `If-None-Match`/`If-Modified-Since` when given.
    fn fetch(&self, url: &str, cond: Option<&Validators>) -> Result<Fetched, String> {
        check_start(url)?;
        let mut url = url.to_string();
        let mut redirects = 0;
        let mut retries = 0;
        loop {
            let mut req = self.agent.get(&url);
            if let Some(v) = cond {
                if let Some(etag) = &v.etag {
                    req = req.header("If-None-Match", etag);
                }
                if let Some(lm) = &v.last_modified {
                    req = req.header("If-Modified-Since", lm);
                }
            }
            let mut resp = req.call().map_err(|e| describe_error(&e, &self.opts))?;
            let code = resp.status().as_u16();
            let validators = Validators { etag: header(&resp, "etag"), last_modified: header(&resp, "last-modified") };
            match code {
                200 => {
                    let body = read_body(&mut resp, &self.opts)?;
                    return Ok(Fetched::Page { body, validators });
                }
                304 if cond.is_some() => return Ok(Fetched::NotModified { validators }),
                301 | 302 | 303 | 307 | 308 => {
                    let Some(location) = header(&resp, "location") else {
                        return Err(format!("{} without a Location", describe_status(code)));
                    };
                    let next = resolve(&url, &location)?;
                    check_redirect(&url, &next)?;
                    redirects += 1;
                    if redirects > MAX_REDIRECTS {
                        return Err(format!("more than {MAX_REDIRECTS} redirects (the last to {next})"));
                    }
                    url = next;
                }
                429 | 500..=599 => {
                    let status = describe_status(code);
                    if retries >= self.opts.retries {
                        return Err(if retries == 0 { status } else { format!("{status} (after {retries} retries)") });
                    }
                    let wait = retry_wait(&self.opts, retries, header(&resp, "retry-after").as_deref())
                        .map_err(|e| format!("{status}: {e}"))?;
                    drop(resp);
                    std::thread::sleep(wait);
                    retries += 1;
                }
                _ => return Err(describe_status(code)),
            }
        }
    }
}

/// A response header as text, when present and printable.
fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    resp.headers().get(name).and_then(|v| v.to_str().ok()).map(|s| s.trim().to_string())
}

/// Reads the body as served, refusing one over the limit.
fn read_body(resp: &mut ureq::http::Response<ureq::Body>, opts: &Options) -> Result<Vec<u8>, String> {
    let max = opts.max_bytes;
    let over = || format!("body over {max} bytes");
    if resp.body().content_length().is_some_and(|n| n > max) {
        return Err(over());
    }
    let mut body = Vec::new();
    resp.body_mut()
        .as_reader()
        .take(max.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| format!("reading the body: {}", describe_error(&ureq::Error::from(e), opts)))?;
    if body.len() as u64 > max {
        return Err(over());
    }
    Ok(body)
}

/// How long to wait before retry number `retries + 1`.
fn retry_wait(opts: &Options, retries: u32, retry_after: Option<&str>) -> Result<Duration, String> {
    if let Some(secs) = retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
        let wait = Duration::from_secs(secs);
        if wait > opts.max_wait {
            return Err(format!("Retry-After {secs} s is over the {} s cap", opts.max_wait.as_secs()));
        }
        return Ok(wait);
    }
    // An HTTP-date Retry-After, or none: exponential backoff.
    Ok(opts.backoff.saturating_mul(1u32 << retries.min(16)).min(opts.max_wait))
}

fn describe_status(code: u16) -> String {
    let reason = ureq::http::StatusCode::from_u16(code).ok().and_then(|s| s.canonical_reason());
    match reason {
        Some(r) => format!("HTTP {code} {r}"),
        None => format!("HTTP {code}"),
    }
}

fn describe_error(e: &ureq::Error, opts: &Options) -> String {
    let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    match e {
        ureq::Error::Timeout(t) => format!("timed out ({t}, limit {} s)", opts.timeout.as_secs_f32()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            format!("timed out (limit {} s)", opts.timeout.as_secs_f32())
        }
        ureq::Error::Io(io) => one_line(io.to_string()),
        other => one_line(other.to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// URLs

/// The URL's scheme, lowercased, when it has one.
fn scheme(url: &str) -> Option<String> {
    let (s, _) = url.split_once(':')?;
    let mut chars = s.chars();
    let first = chars.next()?;
    let ok = first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| s.to_ascii_lowercase())
}

fn check_start(url: &str) -> Result<(), String> {
    match scheme(url).as_deref() {
        Some("http" | "https") if split(url).is_some() => Ok(()),
        _ => Err("only http and https URLs are fetched".to_string()),
    }
}

/// A redirect may go to http or https, but never from https down to http.
fn check_redirect(from: &str, to: &str) -> Result<(), String> {
    let to_scheme = scheme(to);
    match (scheme(from).as_deref(), to_scheme.as_deref()) {
        (Some("https"), Some("http")) => Err(format!("refused a redirect from https to http: {to}")),
        (_, Some("http" | "https")) if split(to).is_some() => Ok(()),
        _ => Err(format!("refused a redirect to another scheme: {to}")),
    }
}

/// An absolute URL's scheme, authority, path and query (without the `?`); the fragment is dropped.
struct Parts<'a> {
    scheme: &'a str,
    authority: &'a str,
    path: &'a str,
    query: Option<&'a str>,
}

fn split(url: &str) -> Option<Parts<'_>> {
    let url = url.split('#').next().unwrap_or(url);
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    if authority.is_empty() {
        return None;
    }
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    Some(Parts { scheme, authority, path, query })
}

/// Resolves a `Location` against the URL it came from (RFC 3986, section 5.2).
fn resolve(base: &str, reference: &str) -> Result<String, String> {
    let reference = reference.trim();
    let reference = reference.split('#').next().unwrap_or(reference);
    if scheme(reference).is_some() {
        return Ok(reference.to_string());
    }
    let b = split(base).ok_or_else(|| format!("cannot resolve a redirect from {base}"))?;
    if let Some(rest) = reference.strip_prefix("//") {
        return Ok(format!("{}://{rest}", b.scheme));
    }
    let query = |q: Option<&str>| q.map(|q| format!("?{q}")).unwrap_or_default();
    let base_path = if b.path.is_empty() { "/" } else { b.path };
    if reference.is_empty() {
        return Ok(format!("{}://{}{base_path}{}", b.scheme, b.authority, query(b.query)));
    }
    if reference.starts_with('?') {
        return Ok(format!("{}://{}{base_path}{reference}", b.scheme, b.authority));
    }
    let (rpath, rquery) = match reference.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (reference, None),
    };
    let merged = if rpath.starts_with('/') {
        rpath.to_string()
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{rpath}")
    };
    Ok(format!("{}://{}{}{}", b.scheme, b.authority, remove_dot_segments(&merged), query(rquery)))
}

/// Removes `.` and `..` segments from an absolute path.
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {}
            ".." => {
                out.pop();
            }
            s => {
                out.push(s);
                continue;
            }
        }
        if last {
            out.push("");
        }
    }
    format!("/{}", out.join("/"))
}

// ---------------------------------------------------------------------------------------------
// The lock file

/// `spec/manifest.lock`: where each snapshot came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// By snapshot file, relative to `spec/`.
    #[serde(default)]
    pub pages: BTreeMap<String, LockEntry>,
}

/// One snapshot's origin and content hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockEntry {
    /// The URL requested (before redirects).
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// SHA-256 of the snapshot as stored, lowercase hex.
    pub sha256: String,
    /// The snapshot's size.
    pub bytes: u64,
}

impl Lock {
    fn to_text(&self) -> Result<String, String> {
        Ok(format!("{LOCK_HEADER}{}", yaml::to_string(self)?))
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

// ---------------------------------------------------------------------------------------------
// Pages

/// One page to fetch.
#[derive(Clone, Debug)]
struct Job {
    /// As shown in messages: `spec/<file>` or the `--out` path.
    shown: String,
    path: PathBuf,
    url: String,
    /// The page's lock entry from the last run.
    previous: Option<LockEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// New bytes, written.
    Written,
    /// 200 with the same bytes as the snapshot: not rewritten.
    Same,
    /// 304: the snapshot was not touched.
    NotModified,
}

#[derive(Debug)]
struct PageReport {
    shown: String,
    url: String,
    result: Result<(Status, LockEntry), String>,
    /// Reasons, without the `warning: file: url:` prefix.
    warnings: Vec<String>,
}

impl PageReport {
    fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> =
            self.warnings.iter().map(|w| format!("warning: {}: {}: {w}", self.shown, self.url)).collect();
        if let Err(e) = &self.result {
            lines.push(format!("error: {}: {}: {e}", self.shown, self.url));
        }
        lines
    }

    fn progress_word(&self) -> String {
        match &self.result {
            Ok((Status::Written, e)) => format!("fetched, {} bytes", e.bytes),
            Ok((Status::Same, e)) => format!("unchanged, {} bytes", e.bytes),
            Ok((Status::NotModified, _)) => "not modified".to_string(),
            Err(_) => "failed".to_string(),
        }
    }
}

/// Fetches one page into its snapshot, conditionally when the snapshot is the locked one.
fn fetch_page(client: &Client, job: &Job) -> PageReport {
    let mut warnings = Vec::new();
    let result = fetch_page_inner(client, job, &mut warnings);
    PageReport { shown: job.shown.clone(), url: job.url.clone(), result, warnings }
}

fn fetch_page_inner(client: &Client, job: &Job, warnings: &mut Vec<String>) -> Result<(Status, LockEntry), String> {
    let current = fs::read(&job.path).ok();
    let current_hash = current.as_deref().map(sha256_hex);
    let locked =
        job.previous.as_ref().filter(|p| p.url == job.url && current_hash.as_deref() == Some(p.sha256.as_str()));
    let cond = locked
        .map(|p| Validators { etag: p.etag.clone(), last_modified: p.last_modified.clone() })
        .filter(|v| v.etag.is_some() || v.last_modified.is_some());
    match client.fetch(&job.url, cond.as_ref())? {
        Fetched::NotModified { validators } => {
            let Some(p) = locked else {
                return Err("304 Not Modified without a stored snapshot".to_string());
            };
            let entry = LockEntry {
                etag: validators.etag.or_else(|| p.etag.clone()),
                last_modified: validators.last_modified.or_else(|| p.last_modified.clone()),
                ..p.clone()
            };
            Ok((Status::NotModified, entry))
        }
        Fetched::Page { body, validators } => {
            if let Err(e) = paydoc_codegen::read::decode(&body) {
                warnings.push(format!("{e}; stored as served, scrape will refuse it"));
            }
            let sha256 = sha256_hex(&body);
            let entry = LockEntry {
                url: job.url.clone(),
                etag: validators.etag,
                last_modified: validators.last_modified,
                sha256: sha256.clone(),
                bytes: body.len() as u64,
            };
            if current.as_deref() == Some(body.as_slice()) {
                return Ok((Status::Same, entry));
            }
            pipeline::write_atomic(&job.path, &body).map_err(|e| format!("cannot write {}: {e}", job.shown))?;
            Ok((Status::Written, entry))
        }
    }
}

/// Runs `jobs` on `workers` threads; `on_done` sees each report as it arrives (on this thread).
/// Reports come back in job order.
fn fetch_all(client: &Client, jobs: &[Job], workers: usize, on_done: impl FnMut(&PageReport)) -> Vec<PageReport> {
    paydoc_codegen::pool::map(jobs, workers, |job| fetch_page(client, job), on_done)
}

/// The progress display on stderr.
struct Progress {
    tty: bool,
    total: usize,
    done: usize,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress { tty: std::io::stderr().is_terminal(), total, done: 0 }
    }

    fn page(&mut self, report: &PageReport) {
        self.done += 1;
        let line = format!("fetch [{}/{}] {}: {}", self.done, self.total, report.shown, report.progress_word());
        if self.tty {
            // Clear the line, then write over it; stderr is unbuffered.
            eprint!("\r\x1b[2K{line}");
        } else {
            eprintln!("{line}");
        }
    }

    fn finish(&self) {
        if self.tty && self.done > 0 {
            eprint!("\r\x1b[2K");
        }
    }
}

/// What a manifest run did; `lines` are its warnings and errors, in manifest order.
#[derive(Debug)]
struct Outcome {
    ok: bool,
    lines: Vec<String>,
    /// Every fetched page's report, in manifest order; the tests look at them.
    #[cfg_attr(not(test), expect(dead_code))]
    pages: Vec<PageReport>,
}

/// A manifest `file` must stay inside `spec/`.
fn check_snapshot_path(file: &str) -> Result<(), String> {
    let p = Path::new(file);
    if file.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(format!("snapshot path {file:?} is not a relative path inside spec/"));
    }
    Ok(())
}

/// Fetches every manifest page and updates the lock file.
fn fetch_manifest(layout: &Layout, opts: &Options, workers: usize) -> Outcome {
    let spec_dir = layout.spec_dir();
    let manifest_path = spec_dir.join("manifest.yaml");
    let lock_path = spec_dir.join(LOCK_FILE);
    let failed = |line: String| Outcome { ok: false, lines: vec![line], pages: Vec::new() };
    let manifest = match fs::read_to_string(&manifest_path) {
        Ok(src) => match Manifest::from_yaml(&src) {
            Ok(m) => m,
            Err(e) => return failed(format!("error: {}: {e}", layout.show(&manifest_path))),
        },
        Err(e) => return failed(format!("error: {}: cannot read: {e}", layout.show(&manifest_path))),
    };
    let mut lines = Vec::new();
    let lock = match fs::read_to_string(&lock_path) {
        Ok(src) => yaml::from_str::<Lock>(&src).unwrap_or_else(|e| {
            lines.push(format!("warning: {}: {e}; fetching every page unconditionally", layout.show(&lock_path)));
            Lock::default()
        }),
        Err(_) => Lock::default(),
    };

    let mut ok = true;
    let mut seen = BTreeSet::new();
    let mut jobs = Vec::new();
    for page in &manifest.pages {
        let path = spec_dir.join(&page.file);
        let shown = layout.show(&path);
        let url = page.fetch_url.clone().unwrap_or_else(|| page.url.clone());
        let problem = if let Err(e) = check_snapshot_path(&page.file) {
            Some(e)
        } else if !seen.insert(page.file.clone()) {
            Some("listed twice in the manifest".to_string())
        } else {
            None
        };
        if let Some(e) = problem {
            lines.push(format!("error: {shown}: {url}: {e}"));
            ok = false;
            continue;
        }
        jobs.push(Job { shown, path, url, previous: lock.pages.get(&page.file).cloned() });
    }

    let client = Client::new(opts.clone());
    let mut progress = Progress::new(jobs.len());
    let pages = fetch_all(&client, &jobs, workers, |r| progress.page(r));
    progress.finish();

    let mut new_lock = Lock::default();
    let (mut fetched, mut unchanged, mut errors) = (0, 0, 0);
    for (page, report) in manifest.pages.iter().filter(|p| seen.contains(&p.file)).zip(&pages) {
        lines.extend(report.lines());
        match &report.result {
            Ok((status, entry)) => {
                if *status == Status::Written {
                    fetched += 1;
                } else {
                    unchanged += 1;
                }
                new_lock.pages.insert(page.file.clone(), entry.clone());
            }
            Err(_) => {
                errors += 1;
                ok = false;
                if let Some(old) = lock.pages.get(&page.file) {
                    new_lock.pages.insert(page.file.clone(), old.clone());
                }
            }
        }
    }
    match new_lock.to_text() {
        Ok(text) => {
            let old = fs::read(&lock_path).ok();
            // Rewritten only when it changes; not created just to say nothing was fetched.
            let same = old.as_deref() == Some(text.as_bytes()) || (old.is_none() && new_lock.pages.is_empty());
            if !same && let Err(e) = pipeline::write_atomic(&lock_path, text.as_bytes()) {
                lines.push(format!("error: {}: cannot write: {e}", layout.show(&lock_path)));
                ok = false;
            }
        }
        Err(e) => {
            lines.push(format!("error: {}: {e}", layout.show(&lock_path)));
            ok = false;
        }
    }
    lines.push(format!(
        "fetch: {} pages: {fetched} fetched, {unchanged} unchanged, {errors} failed",
        manifest.pages.len()
    ));
    Outcome { ok, lines, pages }
}

/// `fetch URL --out FILE`: one page, unconditionally, without the lock file.
fn fetch_one(opts: &Options, url: &str, out: &Path) -> bool {
    let client = Client::new(opts.clone());
    let job = Job { shown: out.display().to_string(), path: out.to_path_buf(), url: url.to_string(), previous: None };
    let report = fetch_page(&client, &job);
    for line in report.lines() {
        eprintln!("{line}");
    }
    if report.result.is_ok() {
        eprintln!("fetch: {}: {}", report.shown, report.progress_word());
    }
    report.result.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Instant, SystemTime};

    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::test_server::{Reply, Server, reply};

    use paydoc_codegen::extract::PageInfo;
    use paydoc_codegen::spec::Provider;

    // --- helpers -------------------------------------------------------------------------

    fn fixture(rel: &str) -> Vec<u8> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures").join(rel);
        fs::read(&p).expect("fixture")
    }

    fn opts() -> Options {
        Options {
            timeout: Duration::from_secs(2),
            max_bytes: paydoc_codegen::read::MAX_PAGE_BYTES as u64,
            retries: 2,
            backoff: Duration::from_millis(10),
            max_wait: Duration::from_secs(30),
            proxy_from_env: false,
        }
    }

    /// A scratch project whose manifest lists `pages` as (file, url).
    fn project(name: &str, pages: &[(&str, &str)]) -> Layout {
        let dir = std::env::temp_dir().join(format!("paydoc-fetch-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let mut m = String::from("pages:\n");
        for (file, url) in pages {
            m.push_str(&format!("- file: {file}\n  provider: payermax\n  lang: en\n  url: {url}\n"));
        }
        fs::create_dir_all(dir.join("spec/pages")).expect("mkdir");
        fs::write(dir.join("spec/manifest.yaml"), m).expect("manifest");
        Layout::new(dir)
    }

    fn fetch_url(opts: Options, url: &str) -> Result<Fetched, String> {
        Client::new(opts).fetch(url, None)
    }

    fn body_of(r: Result<Fetched, String>) -> Vec<u8> {
        match r {
            Ok(Fetched::Page { body, .. }) => body,
            other => panic!("expected a page, got {other:?}"),
        }
    }

    // --- tests ---------------------------------------------------------------------------

    #[test]
    fn first_run_fetches_and_second_run_gets_304_without_rewriting() {
        let page = fixture("md/antom/createPaymentSession.zh.md");
        let served = page.clone();
        let server = Server::start(move |req| {
            if req.header("if-none-match") == Some("\"v1\"") {
                reply(304, "")
            } else {
                reply(200, served.clone()).with("ETag", "\"v1\"").with("Last-Modified", "Fri, 24 May 2024 07:44:15 GMT")
            }
        });
        let url = server.url("/antom.md");
        let layout = project("304", &[("pages/antom.md", &url)]);
        let snapshot = layout.spec_dir().join("pages/antom.md");

        let first = fetch_manifest(&layout, &opts(), 4);
        assert!(first.ok, "{:?}", first.lines);
        assert_eq!(fs::read(&snapshot).expect("snapshot"), page);
        let lock_text = fs::read_to_string(layout.spec_dir().join(LOCK_FILE)).expect("lock");
        assert!(lock_text.starts_with(LOCK_HEADER), "{lock_text}");
        let lock: Lock = yaml::from_str(&lock_text).expect("lock parses");
        let entry = &lock.pages["pages/antom.md"];
        assert_eq!(entry.url, url);
        assert_eq!(entry.etag.as_deref(), Some("\"v1\""));
        assert_eq!(entry.last_modified.as_deref(), Some("Fri, 24 May 2024 07:44:15 GMT"));
        assert_eq!(entry.sha256, sha256_hex(&page));
        assert_eq!(entry.bytes, page.len() as u64);

        let mtime = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).expect("mtime");
        let (snap_before, lock_before) = (mtime(&snapshot), mtime(&layout.spec_dir().join(LOCK_FILE)));
        std::thread::sleep(Duration::from_millis(20));
        let second = fetch_manifest(&layout, &opts(), 4);
        assert!(second.ok, "{:?}", second.lines);
        assert!(matches!(second.pages[0].result, Ok((Status::NotModified, _))));
        let reqs = server.requests("/antom.md");
        assert_eq!(reqs.len(), 2);
        assert_eq!(reqs[0].header("if-none-match"), None);
        assert_eq!(reqs[1].header("if-none-match"), Some("\"v1\""));
        assert_eq!(reqs[1].header("if-modified-since"), Some("Fri, 24 May 2024 07:44:15 GMT"));
        assert_eq!(reqs[0].header("user-agent"), Some(USER_AGENT));
        assert_eq!(reqs[0].header("accept-encoding"), None, "snapshots are stored as served, uncompressed");
        assert_eq!(mtime(&snapshot), snap_before, "a 304 must not rewrite the snapshot");
        assert_eq!(mtime(&layout.spec_dir().join(LOCK_FILE)), lock_before, "an unchanged lock is not rewritten");
        assert_eq!(second.lines.last().map(String::as_str), Some("fetch: 1 pages: 0 fetched, 1 unchanged, 0 failed"));

        // A snapshot edited by hand no longer matches the lock: fetched unconditionally again.
        fs::write(&snapshot, "edited").expect("edit");
        let third = fetch_manifest(&layout, &opts(), 1);
        assert!(third.ok, "{:?}", third.lines);
        assert_eq!(server.requests("/antom.md")[2].header("if-none-match"), None);
        assert_eq!(fs::read(&snapshot).expect("snapshot"), page);
        let _ = fs::remove_dir_all(&layout.root);
    }

    #[test]
    fn a_200_with_the_same_bytes_does_not_rewrite() {
        let server = Server::start(|_| reply(200, "# same\n"));
        let layout = project("same", &[("pages/a.md", &server.url("/a"))]);
        let snapshot = layout.spec_dir().join("pages/a.md");
        fs::write(&snapshot, "# same\n").expect("write");
        let before = fs::metadata(&snapshot).and_then(|m| m.modified()).expect("mtime");
        std::thread::sleep(Duration::from_millis(20));
        let out = fetch_manifest(&layout, &opts(), 2);
        assert!(out.ok, "{:?}", out.lines);
        assert!(matches!(out.pages[0].result, Ok((Status::Same, _))));
        assert_eq!(fs::metadata(&snapshot).and_then(|m| m.modified()).expect("mtime"), before);
        let _ = fs::remove_dir_all(&layout.root);
    }

    #[test]
    fn failed_pages_keep_their_snapshot_and_lock_entry_and_the_rest_is_fetched() {
        let good = fixture("md/payermax/applyPaymentToken.en.md");
        let served = good.clone();
        let server = Server::start(move |req| match req.path.as_str() {
            "/good" => reply(200, served.clone()).with("ETag", "\"g\""),
            "/missing" => reply(404, "no such page"),
            _ => reply(500, "oops"),
        });
        let (good_url, missing_url, broken_url) = (server.url("/good"), server.url("/missing"), server.url("/broken"));
        let layout = project(
            "fail",
            &[("pages/good.md", &good_url), ("pages/missing.md", &missing_url), ("pages/broken.md", &broken_url)],
        );
        let spec = layout.spec_dir();
        fs::write(spec.join("pages/missing.md"), "old missing").expect("write");
        fs::write(spec.join("pages/broken.md"), "old broken").expect("write");
        let old_entry = LockEntry {
            url: broken_url.clone(),
            etag: None,
            last_modified: Some("Mon, 01 Jan 2024 00:00:00 GMT".into()),
            sha256: "0".repeat(64),
            bytes: 3,
        };
        let mut old_lock = Lock::default();
        old_lock.pages.insert("pages/broken.md".into(), old_entry.clone());
        old_lock.pages.insert("pages/gone.md".into(), old_entry.clone());
        fs::write(spec.join(LOCK_FILE), old_lock.to_text().expect("yaml")).expect("lock");

        let t = Instant::now();
        let out = fetch_manifest(&layout, &opts(), 3);
        assert!(!out.ok);
        assert_eq!(
            out.lines,
            vec![
                format!("error: spec/pages/missing.md: {missing_url}: HTTP 404 Not Found"),
                format!("error: spec/pages/broken.md: {broken_url}: HTTP 500 Internal Server Error (after 2 retries)"),
                "fetch: 3 pages: 1 fetched, 0 unchanged, 2 failed".to_string(),
            ]
        );
        assert_eq!(fs::read(spec.join("pages/good.md")).expect("good"), good);
        assert_eq!(fs::read_to_string(spec.join("pages/missing.md")).expect("kept"), "old missing");
        assert_eq!(fs::read_to_string(spec.join("pages/broken.md")).expect("kept"), "old broken");
        assert_eq!(server.requests("/missing").len(), 1, "a 404 is not retried");
        assert_eq!(server.requests("/broken").len(), 3, "a 500 is retried --retries times");
        assert!(t.elapsed() >= Duration::from_millis(30), "backoff 10 ms then 20 ms");

        let lock: Lock = yaml::from_str(&fs::read_to_string(spec.join(LOCK_FILE)).expect("lock")).expect("parses");
        assert_eq!(lock.pages.keys().collect::<Vec<_>>(), ["pages/broken.md", "pages/good.md"]);
        assert_eq!(lock.pages["pages/broken.md"], old_entry, "a failed page keeps its entry");
        let _ = fs::remove_dir_all(&layout.root);
    }

    #[test]
    fn a_429_with_retry_after_is_retried_after_that_many_seconds() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let server = Server::start(move |_| {
            if c.fetch_add(1, Ordering::SeqCst) == 0 {
                reply(429, "slow down").with("Retry-After", "1")
            } else {
                reply(200, "# page\n")
            }
        });
        let t = Instant::now();
        let body = body_of(fetch_url(opts(), &server.url("/p")));
        assert_eq!(body, b"# page\n");
        assert!(t.elapsed() >= Duration::from_secs(1), "waited {:?}", t.elapsed());
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_retry_after_over_the_cap_fails_at_once() {
        let server = Server::start(|_| reply(503, "").with("Retry-After", "3600"));
        let e = fetch_url(opts(), &server.url("/p")).expect_err("fails");
        assert_eq!(e, "HTTP 503 Service Unavailable: Retry-After 3600 s is over the 30 s cap");
        assert_eq!(server.requests("/p").len(), 1);
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let o = Options { backoff: Duration::from_secs(1), ..opts() };
        let waits: Vec<u64> = (0..7).map(|i| retry_wait(&o, i, None).expect("wait").as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(retry_wait(&o, 0, Some(" 7 ")), Ok(Duration::from_secs(7)));
        // An HTTP-date falls back to the backoff.
        assert_eq!(retry_wait(&o, 1, Some("Wed, 21 Oct 2015 07:28:00 GMT")), Ok(Duration::from_secs(2)));
    }

    #[test]
    fn a_slow_response_hits_the_timeout() {
        let server = Server::start(|_| Reply { delay: Duration::from_millis(1500), ..reply(200, "late") });
        let t = Instant::now();
        let e = fetch_url(Options { timeout: Duration::from_millis(200), ..opts() }, &server.url("/slow"))
            .expect_err("times out");
        assert!(e.starts_with("timed out"), "{e}");
        assert!(t.elapsed() < Duration::from_secs(1), "took {:?}", t.elapsed());
        assert_eq!(server.requests("/slow").len(), 1, "a timeout is not retried");
    }

    #[test]
    fn a_two_hop_redirect_chain_is_followed() {
        let server = Server::start(|req| match req.path.as_str() {
            "/docs/a" => reply(301, "").with("Location", "../hop/b?x=1"),
            "/hop/b?x=1" => reply(302, "").with("Location", "/final"),
            "/final" => reply(200, "# final\n"),
            _ => reply(404, ""),
        });
        assert_eq!(body_of(fetch_url(opts(), &server.url("/docs/a"))), b"# final\n");
        assert_eq!(server.requests("/final").len(), 1);
    }

    #[test]
    fn a_redirect_chain_over_the_cap_fails() {
        let server = Server::start(|req| {
            let n: usize = req.path.trim_start_matches("/r").parse().unwrap_or(0);
            reply(307, "").with("Location", format!("/r{}", n + 1))
        });
        let e = fetch_url(opts(), &server.url("/r0")).expect_err("too many");
        assert!(e.starts_with("more than 5 redirects"), "{e}");
        assert_eq!(server.seen.lock().expect("lock").len(), MAX_REDIRECTS + 1);
    }

    #[test]
    fn a_redirect_to_another_scheme_is_refused() {
        let server = Server::start(|_| reply(302, "").with("Location", "ftp://127.0.0.1/page.md"));
        let e = fetch_url(opts(), &server.url("/p")).expect_err("refused");
        assert_eq!(e, "refused a redirect to another scheme: ftp://127.0.0.1/page.md");

        assert_eq!(
            check_redirect("https://a.example/x", "http://a.example/x"),
            Err("refused a redirect from https to http: http://a.example/x".to_string())
        );
        assert_eq!(check_redirect("http://a.example/x", "https://a.example/x"), Ok(()));
        assert!(check_redirect("https://a.example/x", "javascript:alert(1)").is_err());
        assert!(check_redirect("https://a.example/x", "file:///etc/passwd").is_err());
        assert_eq!(
            fetch_url(opts(), "file:///etc/passwd").expect_err("refused"),
            "only http and https URLs are fetched"
        );
        assert!(fetch_url(opts(), "ftp://127.0.0.1/x").is_err());
    }

    #[test]
    fn redirect_locations_resolve_like_a_browser() {
        let base = "https://h.example/a/b/c?q=1";
        for (reference, want) in [
            ("https://o.example/x", "https://o.example/x"),
            ("//o.example/x", "https://o.example/x"),
            ("/x/./y/../z", "https://h.example/x/z"),
            ("d", "https://h.example/a/b/d"),
            ("../d?e=f#frag", "https://h.example/a/d?e=f"),
            ("../../../..", "https://h.example/"),
            ("?z=2", "https://h.example/a/b/c?z=2"),
            ("", "https://h.example/a/b/c?q=1"),
            ("./", "https://h.example/a/b/"),
        ] {
            assert_eq!(resolve(base, reference).as_deref(), Ok(want), "{reference}");
        }
        assert_eq!(resolve("http://h.example", "x").as_deref(), Ok("http://h.example/x"));
    }

    #[test]
    fn an_oversized_body_is_refused_with_or_without_content_length() {
        let server = Server::start(|req| {
            let r = reply(200, vec![b'a'; 2000]);
            if req.path == "/chunkless" { Reply { no_length: true, ..r } } else { r }
        });
        let small = Options { max_bytes: 1000, ..opts() };
        for path in ["/sized", "/chunkless"] {
            let e = fetch_url(small.clone(), &server.url(path)).expect_err("too big");
            assert_eq!(e, "body over 1000 bytes", "{path}");
        }
        let exact = Options { max_bytes: 2000, ..opts() };
        assert_eq!(body_of(fetch_url(exact, &server.url("/chunkless"))).len(), 2000);
    }

    #[test]
    fn a_body_that_is_not_utf8_is_stored_as_served_with_a_warning() {
        let gbk: Vec<u8> = b"# \xd6\xa7\xb8\xb6\n| a | b |\n".to_vec(); // "支付" in GBK
        let served = gbk.clone();
        let server =
            Server::start(move |_| reply(200, served.clone()).with("Content-Type", "text/markdown; charset=gbk"));
        let url = server.url("/gbk.md");
        let layout = project("gbk", &[("pages/gbk.md", &url)]);
        let out = fetch_manifest(&layout, &opts(), 1);
        assert!(out.ok, "a warning does not fail the run: {:?}", out.lines);
        assert_eq!(
            out.lines[0],
            format!(
                "warning: spec/pages/gbk.md: {url}: the page is not UTF-8 text; stored as served, scrape will refuse it"
            )
        );
        assert_eq!(fs::read(layout.spec_dir().join("pages/gbk.md")).expect("stored"), gbk);
        let _ = fs::remove_dir_all(&layout.root);
    }

    #[test]
    fn manifest_paths_must_stay_inside_spec() {
        let layout = project("escape", &[("../escape.md", "http://127.0.0.1:9/x"), ("/etc/x", "http://127.0.0.1:9/y")]);
        let out = fetch_manifest(&layout, &opts(), 1);
        assert!(!out.ok);
        assert!(out.lines[0].ends_with("snapshot path \"../escape.md\" is not a relative path inside spec/"));
        assert!(out.lines[1].contains("\"/etc/x\""));
        assert!(!layout.root.join("escape.md").exists());
        let _ = fs::remove_dir_all(&layout.root);
    }

    #[test]
    fn fetched_fixture_pages_feed_the_scraper() {
        let html = fixture("html/payermax/createPaybylink.zh.html");
        let md = fixture("md/antom/createPaymentSession.zh.md");
        let (h, m) = (html.clone(), md.clone());
        let server = Server::start(move |req| match req.path.as_str() {
            "/createPaybylink.html" => reply(200, h.clone()),
            "/createPaymentSession.md" => reply(200, m.clone()),
            _ => reply(404, ""),
        });
        let layout = project(
            "scrape",
            &[
                ("pages/createPaybylink.html", &server.url("/createPaybylink.html")),
                ("pages/createPaymentSession.md", &server.url("/createPaymentSession.md")),
            ],
        );
        let started = SystemTime::now();
        let out = fetch_manifest(&layout, &opts(), 2);
        assert!(out.ok, "{:?}", out.lines);
        for (file, provider, lang, want) in [
            ("pages/createPaybylink.html", Provider::Payermax, "zh", &html),
            ("pages/createPaymentSession.md", Provider::Antom, "zh", &md),
        ] {
            let path = layout.spec_dir().join(file);
            let bytes = fs::read(&path).expect("snapshot");
            assert_eq!(&bytes, want, "{file} stored byte for byte");
            assert!(fs::metadata(&path).and_then(|m| m.modified()).expect("mtime") >= started - Duration::from_secs(1));
            let info = PageInfo {
                file: file.to_string(),
                url: None,
                lang: Some(lang.to_string()),
                provider: Some(provider),
                operation: None,
            };
            let spec = pipeline::scrape_bytes(&bytes, file, &info).expect("the fetched page scrapes");
            assert!(spec.path.is_some(), "{file}: no endpoint");
            assert!(spec.fields_listing().lines().count() > 10, "{file}: {}", spec.fields_listing());
        }
        let _ = fs::remove_dir_all(&layout.root);
    }

    #[test]
    fn fetch_all_runs_every_job_once_and_keeps_job_order() {
        let server = Server::start(|req| {
            let n: u64 = req.path.trim_start_matches('/').parse().unwrap_or(0);
            Reply { delay: Duration::from_millis(100 - n * 10), ..reply(200, req.path.clone()) }
        });
        let dir = std::env::temp_dir().join(format!("paydoc-fetch-order-{}", std::process::id()));
        let jobs: Vec<Job> = (0..8)
            .map(|i| Job {
                shown: format!("p{i}"),
                path: dir.join(format!("p{i}")),
                url: server.url(&format!("/{i}")),
                previous: None,
            })
            .collect();
        let client = Client::new(opts());
        let mut done = 0;
        let t = Instant::now();
        let reports = fetch_all(&client, &jobs, 4, |_| done += 1);
        // One at a time would take 520 ms; four at a time about 160 ms.
        assert!(t.elapsed() < Duration::from_millis(450), "ran in parallel: {:?}", t.elapsed());
        assert_eq!(done, 8);
        let shown: Vec<&str> = reports.iter().map(|r| r.shown.as_str()).collect();
        assert_eq!(shown, ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"]);
        for i in 0..8 {
            assert_eq!(fs::read_to_string(dir.join(format!("p{i}"))).expect("written"), format!("/{i}"));
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
