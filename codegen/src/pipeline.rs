//! Ties the stages to files on disk: scrape the manifest's pages into `spec/`, emit
//! `generated/`, and write each file only when it changed (or, in check mode, report a diff).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::doc::Form;
use crate::error::{Diagnostic, Error};
use crate::extract::{self, PageInfo};
use crate::spec::manifest::Manifest;
use crate::spec::overlay::Overlay;
use crate::spec::types::{self, TypeDefs};
use crate::spec::{Provider, Spec, yaml};

/// A rescrape that keeps less than this share of the committed spec's fields is refused.
pub const SHRINK_LIMIT_PERCENT: usize = 50;

/// The project's directories.
#[derive(Clone, Debug)]
pub struct Layout {
    pub root: PathBuf,
}

impl Layout {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Layout { root: root.into() }
    }
    pub fn spec_dir(&self) -> PathBuf {
        self.root.join("spec")
    }
    pub fn generated_dir(&self) -> PathBuf {
        self.root.join("generated")
    }
    /// A path as shown to the user: relative to the root.
    pub fn show(&self, p: &Path) -> String {
        p.strip_prefix(&self.root).unwrap_or(p).display().to_string()
    }
}

/// Reads and extracts one page file.
pub fn scrape_file(path: &Path, info: &PageInfo) -> Result<Spec, Error> {
    let shown = info.file.clone();
    // Refuse an oversized page before reading it into memory.
    if let Ok(meta) = fs::metadata(path)
        && meta.len() > crate::read::MAX_PAGE_BYTES as u64
    {
        let size = usize::try_from(meta.len()).unwrap_or(usize::MAX);
        return Err(Error::new(&shown, crate::read::ReadError::TooLarge(size).to_string()));
    }
    let bytes = fs::read(path).map_err(|e| Error::new(&shown, format!("cannot read: {e}")))?;
    scrape_bytes(&bytes, &path.display().to_string(), info)
}

/// Extracts one page from its bytes; `name` picks the form by extension. Windows line
/// endings read as Unix ones (a CRLF checkout scrapes to the same spec).
pub fn scrape_bytes(bytes: &[u8], name: &str, info: &PageInfo) -> Result<Spec, Error> {
    let src = crate::read::decode(bytes).map_err(|e| Error::new(&info.file, e.to_string()))?;
    let src = normalize_newlines(src);
    let form: Form = crate::read::detect_form(name, &src);
    let doc = crate::read::read(form, &src).map_err(|e| Error::new(&info.file, e.to_string()))?;
    extract::extract(&doc, &src, info).map_err(|reason| Error::new(&info.file, reason))
}

/// `\r\n` as `\n`, borrowing when there is none.
pub fn normalize_newlines(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains("\r\n") { s.replace("\r\n", "\n").into() } else { s.into() }
}

/// What a run produced: the files it would write, warnings, and errors of pages that failed.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every spec, by its file relative to `spec/`, in file order.
    pub specs: BTreeMap<String, Spec>,
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Error>,
    /// Spec files kept as committed because their page failed or shrank, or their operation
    /// would disappear.
    pub kept: Vec<String>,
    /// How many pages the manifest lists.
    pub pages: usize,
}

/// Reads and parses `spec/manifest.yaml`; the error names the file.
pub fn load_manifest(layout: &Layout) -> Result<Manifest, Error> {
    let manifest_path = layout.spec_dir().join("manifest.yaml");
    let shown = layout.show(&manifest_path);
    let src = fs::read_to_string(&manifest_path).map_err(|e| Error::new(&shown, format!("cannot read: {e}")))?;
    Manifest::from_yaml(&src).map_err(|e| Error::new(&shown, e))
}

/// Scrapes every page of the manifest, applying overlays and the layout-change guard.
pub fn scrape_manifest(layout: &Layout, accept_shrink: bool) -> Result<Outcome, Error> {
    let spec_dir = layout.spec_dir();
    let manifest = load_manifest(layout)?;
    let mut out = Outcome { pages: manifest.pages.len(), ..Default::default() };
    // Operations whose page failed without a committed spec to keep: their overlays cannot
    // be told from misspelled ones.
    let mut unknown_ops = false;
    // Each provider's type definitions, read once: `Err` when its file is broken (reported once).
    let mut type_defs: BTreeMap<Provider, Result<Option<TypeDefs>, ()>> = BTreeMap::new();
    for page in &manifest.pages {
        let info = PageInfo {
            file: page.file.clone(),
            url: Some(page.url.clone()),
            lang: Some(page.lang.clone()),
            provider: Some(page.provider),
            operation: page.operation.clone(),
        };
        let shown_page = format!("spec/{}", page.file);
        let mut spec = match scrape_file(&spec_dir.join(&page.file), &info) {
            Ok(s) => s,
            Err(e) => {
                out.errors.push(Error::new(shown_page, e.reason));
                unknown_ops |= !keep_committed(&spec_dir, page.provider, &page.file, &mut out);
                continue;
            }
        };
        let overlay_rel = format!("overlays/{}/{}.yaml", spec.provider, spec.operation);
        let overlay_path = spec_dir.join(&overlay_rel);
        if overlay_path.exists() {
            let shown_overlay = format!("spec/{overlay_rel}");
            let applied = fs::read_to_string(&overlay_path)
                .map_err(|e| vec![format!("cannot read: {e}")])
                .and_then(|s| Overlay::from_yaml(&s).map_err(|e| vec![e]))
                .and_then(|o| o.apply(&mut spec));
            match applied {
                Ok(()) => spec.source.overlay = Some(overlay_rel),
                Err(errs) => {
                    for e in errs {
                        out.errors.push(Error::new(&shown_overlay, e));
                    }
                    keep_committed(&spec_dir, spec.provider, &page.file, &mut out);
                    continue;
                }
            }
        }
        let defs = type_defs.entry(spec.provider).or_insert_with(|| load_type_defs(&spec_dir, spec.provider, &mut out));
        match defs {
            Ok(Some(defs)) => {
                let shown_defs = format!("spec/overlays/{}/{}", spec.provider, types::FILE_NAME);
                defs.apply(&mut spec, &shown_defs);
            }
            Ok(None) => {}
            // Without its definitions the page would lose fields: keep what is committed.
            Err(()) => {
                keep_committed(&spec_dir, spec.provider, &page.file, &mut out);
                continue;
            }
        }
        let file = spec.file_name();
        if let Some(reason) = shrink_reason(&spec_dir.join(&file), &spec)
            && !accept_shrink
        {
            out.errors.push(Error::new(format!("spec/{file}"), format!("{reason}; kept the committed spec (a redesign, an empty page or a login wall?). Pass --accept-shrink if the page really changed")));
            keep_committed(&spec_dir, spec.provider, &page.file, &mut out);
            continue;
        }
        // Page warnings name the page: their locations are lines of the page, not of the YAML.
        for w in &spec.warnings {
            out.warnings.push(Diagnostic {
                file: shown_page.clone(),
                at: Some(w.at.clone()),
                message: w.message.clone(),
            });
        }
        if let Some(prev) = out.specs.insert(file.clone(), spec) {
            out.errors.push(Error::new(
                format!("spec/{}", prev.source.page),
                format!("another page also gives spec/{file}; set `operation` in the manifest"),
            ));
        }
    }
    if !accept_shrink {
        keep_removed_operations(layout, &mut out);
    }
    if !unknown_ops {
        check_overlay_files(layout, &out.specs, &mut out.errors);
    }
    Ok(out)
}

/// A provider's type definitions, if it has a file of them. A file that cannot be read is
/// an error of the run, reported here once; the provider's pages then keep their committed
/// specs.
fn load_type_defs(spec_dir: &Path, provider: Provider, out: &mut Outcome) -> Result<Option<TypeDefs>, ()> {
    let rel = format!("overlays/{provider}/{}", types::FILE_NAME);
    let path = spec_dir.join(&rel);
    if !path.exists() {
        return Ok(None);
    }
    let read = fs::read_to_string(&path).map_err(|e| format!("cannot read: {e}")).and_then(|s| TypeDefs::from_yaml(&s));
    match read {
        Ok(defs) => Ok(Some(defs)),
        Err(e) => {
            out.errors.push(Error::new(format!("spec/{rel}"), e));
            Err(())
        }
    }
}

/// The operation guard: a committed spec that no page gives any more (its page left the
/// manifest, or now gives another operation) is kept, and the run fails, unless
/// `--accept-shrink`.
fn keep_removed_operations(layout: &Layout, out: &mut Outcome) {
    let spec_dir = layout.spec_dir();
    for path in generated_spec_files(&spec_dir) {
        let rel = path.strip_prefix(&spec_dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        if out.specs.contains_key(&rel) {
            continue;
        }
        let Ok(spec) = fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|s| yaml::spec_from_str(&s))
        else {
            continue; // an unreadable stale file is not an operation to keep
        };
        out.errors.push(Error::new(
            layout.show(&path),
            format!(
                "no page of spec/manifest.yaml gives operation `{}` any more (its page `{}` was removed or now gives another operation); kept the committed spec. Pass --accept-shrink to remove the operation",
                spec.operation, spec.source.page
            ),
        ));
        out.kept.push(rel.clone());
        out.specs.insert(rel, spec);
    }
}

/// Every overlay file must belong to an operation of the manifest: a misspelled name would
/// otherwise be ignored.
fn check_overlay_files(layout: &Layout, specs: &BTreeMap<String, Spec>, errors: &mut Vec<Error>) {
    let dir = layout.spec_dir().join("overlays");
    let Ok(entries) = fs::read_dir(&dir) else { return };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for sub in paths {
        let shown = layout.show(&sub);
        let provider = sub.file_name().and_then(|n| n.to_str()).and_then(|n| n.parse::<Provider>().ok());
        let (true, Some(provider)) = (sub.is_dir(), provider) else {
            errors.push(Error::new(shown, "not a provider directory (expected overlays/<provider>/<operation>.yaml)"));
            continue;
        };
        let Ok(files) = fs::read_dir(&sub) else { continue };
        let mut files: Vec<PathBuf> = files.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files {
            let shown = layout.show(&file);
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            // Dot files, and the provider's shared type definitions, which belong to no operation.
            if name.starts_with('.') || name == types::FILE_NAME {
                continue;
            }
            let op = name.strip_suffix(".yaml");
            let known = op.is_some_and(|op| specs.values().any(|s| s.provider == provider && s.operation == op));
            if !known {
                let mut ops: Vec<&str> =
                    specs.values().filter(|s| s.provider == provider).map(|s| s.operation.as_str()).collect();
                ops.dedup();
                errors.push(Error::new(
                    shown,
                    format!(
                        "no {provider} operation of the manifest has this name, so the overlay would be ignored (expected <operation>.yaml, one of: {})",
                        if ops.is_empty() { "none".to_string() } else { ops.join(", ") }
                    ),
                ));
            }
        }
    }
}

/// Keeps the committed spec of a page that failed, so the run still has it and writes
/// nothing over it: found by the page file it records. False when there is none.
fn keep_committed(spec_dir: &Path, provider: Provider, page: &str, out: &mut Outcome) -> bool {
    let dir = spec_dir.join(provider.as_str());
    let Ok(entries) = fs::read_dir(&dir) else { return false };
    let mut files: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    files.sort();
    let mut found = false;
    for path in files {
        let Ok(src) = fs::read_to_string(&path) else { continue };
        let Ok(spec) = yaml::spec_from_str(&src) else { continue };
        if spec.source.page == page {
            let file = spec.file_name();
            out.kept.push(file.clone());
            out.specs.insert(file, spec);
            found = true;
        }
    }
    found
}

/// The sections the layout guard watches: a committed spec that has one and a rescrape
/// that has lost it means a broken page more often than a docs change.
fn sections(spec: &Spec) -> [(&'static str, bool); 5] {
    [
        ("headers", !spec.headers.is_empty()),
        ("request fields", !spec.request.fields.is_empty()),
        ("response fields", !spec.response.fields.is_empty()),
        ("result codes", !spec.result_codes.is_empty()),
        ("examples", !spec.examples.is_empty()),
    ]
}

/// Why a rescrape looks like a broken page rather than a docs change, if it does.
fn shrink_reason(committed: &Path, new: &Spec) -> Option<String> {
    let src = fs::read_to_string(committed).ok()?;
    let old = yaml::spec_from_str(&src).ok()?;
    let (before, after) = (old.field_count(), new.field_count());
    if after * 100 < before * SHRINK_LIMIT_PERCENT {
        return Some(format!("the page now yields {after} fields where the committed spec has {before}"));
    }
    if old.path.is_some() && new.path.is_none() {
        return Some("the page no longer gives an endpoint".into());
    }
    let lost: Vec<&str> =
        sections(&old).iter().zip(sections(new)).filter(|(o, n)| o.1 && !n.1).map(|(o, _)| o.0).collect();
    if !lost.is_empty() {
        return Some(format!("the page lost its {} (the committed spec has them)", lost.join(", ")));
    }
    None
}

/// Writes `contents` to `path` unless it already holds them; in check mode records a
/// unified diff instead. Writes go through a temporary file and a rename.
pub fn ensure_file_contents(
    layout: &Layout,
    path: &Path,
    contents: &str,
    check: bool,
    stale: &mut Vec<String>,
) -> Result<bool, Error> {
    let shown = layout.show(path);
    let old = fs::read_to_string(path).ok();
    // A checkout with Windows line endings holds the same contents (as rust-analyzer's
    // `ensure_file_contents` compares).
    if old.as_deref().map(normalize_newlines).as_deref() == Some(&*normalize_newlines(contents)) {
        return Ok(false);
    }
    if check {
        let old = old.as_deref().map(normalize_newlines).unwrap_or_default();
        let diff = similar::TextDiff::from_lines(&old, contents);
        stale.push(format!(
            "{}",
            diff.unified_diff().context_radius(3).header(&format!("a/{shown}"), &format!("b/{shown}"))
        ));
        return Ok(true);
    }
    write_atomic(path, contents.as_bytes()).map_err(|e| Error::new(&shown, format!("cannot write: {e}")))?;
    Ok(true)
}

/// Writes through a temporary file in the same directory and renames it into place, so an
/// interrupted run leaves the old file or the new one, never a truncated one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp{}", std::process::id()));
    {
        use std::io::Write;
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Files under `dir` (recursively, with extension `ext`) whose first line starts with
/// `header`: the only files a run may delete as stale.
pub fn generated_files(dir: &Path, ext: &str, header: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext)
                && fs::read_to_string(&p).is_ok_and(|s| s.starts_with(header))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// What `run` should do.
#[derive(Clone, Copy, Debug, Default)]
pub struct Run {
    /// Write nothing; report stale files as diffs.
    pub check: bool,
    pub accept_shrink: bool,
    /// Also generate the crate (`gen`), not only the spec (`scrape`).
    pub emit: bool,
}

/// What a run did, for the command line to print.
#[derive(Debug, Default)]
pub struct Report {
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Error>,
    /// Unified diffs of stale files (check mode).
    pub stale: Vec<String>,
    /// Files written or removed.
    pub changed: Vec<String>,
    /// Files that already held what the run would write.
    pub unchanged: usize,
    pub check: bool,
    /// Manifest pages, and operations (spec files) in the run.
    pub pages: usize,
    pub operations: usize,
    /// Why `generated/` was left alone, where it was.
    pub crate_skipped: Option<String>,
    /// The command, for the summary line (`gen`, `gen --check`, `scrape`).
    pub command: &'static str,
}

/// A report as text: what goes to stdout (diffs) and to stderr (one line an item, the
/// summary last).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Printed {
    pub stdout: String,
    pub stderr: String,
    pub ok: bool,
}

impl Report {
    /// True when the run succeeded: no error, and in check mode nothing stale.
    pub fn ok(&self) -> bool {
        self.errors.is_empty() && (!self.check || self.stale.is_empty())
    }

    /// Warnings and errors one line each, diffs in full, then the summary line.
    pub fn render(&self) -> Printed {
        use std::fmt::Write;
        let mut stdout = String::new();
        let mut stderr = String::new();
        for w in &self.warnings {
            let _ = writeln!(stderr, "warning: {w}");
        }
        for d in &self.stale {
            stdout.push_str(d);
        }
        for c in &self.changed {
            let _ = writeln!(stderr, "{c}");
        }
        for e in &self.errors {
            let _ = writeln!(stderr, "error: {e}");
        }
        if let Some(why) = &self.crate_skipped {
            let _ = writeln!(stderr, "error: {why}");
        }
        if self.check && !self.stale.is_empty() {
            let _ = writeln!(stderr, "error: {} file(s) are stale; run `cargo xtask gen`", self.stale.len());
        }
        let _ = writeln!(stderr, "{}", self.summary());
        Printed { stdout, stderr, ok: self.ok() }
    }

    /// `gen: 5 pages, 5 operations; 2 files written, 0 removed, 25 unchanged; 31 warnings`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let files = if self.check {
            format!("{} stale, {} up to date", plural(self.stale.len(), "file", "files"), self.unchanged)
        } else {
            let removed = self.changed.iter().filter(|c| c.starts_with("removed ")).count();
            format!(
                "{} written, {removed} removed, {} unchanged",
                plural(self.changed.len() - removed, "file", "files"),
                self.unchanged
            )
        };
        let mut line = format!(
            "{}: {}, {}; {files}; {}",
            self.command,
            plural(self.pages, "page", "pages"),
            plural(self.operations, "operation", "operations"),
            plural(self.warnings.len(), "warning", "warnings"),
        );
        if !self.errors.is_empty() {
            line.push_str(&format!(", {}", plural(self.errors.len(), "error", "errors")));
        }
        line
    }
}

/// Removes what an interrupted run's atomic writes left behind (`.name.tmp<pid>`).
fn remove_leftover_temp_files(dir: &Path) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if name.starts_with('.')
                && name
                    .rsplit_once(".tmp")
                    .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
            {
                let _ = fs::remove_file(p);
            }
        }
    }
}

/// Scrapes the manifest into `spec/` and, with `emit`, generates `generated/`.
///
/// The crate is all or nothing: when any page, overlay or guard fails, the spec files of the
/// pages that went through are written, and `generated/` is left exactly as it was, so an
/// operation never leaves the crate (or its module list and client) because its page broke.
pub fn run(layout: &Layout, opts: Run) -> Result<Report, Error> {
    if !opts.check {
        remove_leftover_temp_files(&layout.spec_dir());
        remove_leftover_temp_files(&layout.generated_dir());
    }
    let outcome = scrape_manifest(layout, opts.accept_shrink)?;
    let mut report = Report {
        warnings: outcome.warnings,
        errors: outcome.errors,
        check: opts.check,
        pages: outcome.pages,
        operations: outcome.specs.len(),
        command: match (opts.emit, opts.check) {
            (true, true) => "gen --check",
            (true, false) => "gen",
            (false, true) => "scrape --check",
            (false, false) => "scrape",
        },
        ..Default::default()
    };
    let spec_dir = layout.spec_dir();
    // Every spec goes through its YAML form, so what is generated is what is committed.
    let mut specs = Vec::new();
    let mut wanted = Vec::new();
    for (file, spec) in &outcome.specs {
        let path = spec_dir.join(file);
        wanted.push(path.clone());
        let text = match yaml::spec_to_string(spec) {
            Ok(t) => t,
            Err(e) => {
                report.errors.push(Error::new(format!("spec/{file}"), format!("cannot serialize: {e}")));
                continue;
            }
        };
        match yaml::spec_from_str(&text) {
            Ok(back) => specs.push((file.clone(), back)),
            Err(e) => report.errors.push(Error::new(format!("spec/{file}"), format!("does not read back: {e}"))),
        }
        if outcome.kept.contains(file) {
            continue;
        }
        write_or_check(layout, &path, &text, opts.check, &mut report)?;
    }
    if report.errors.is_empty() {
        remove_stale(layout, &generated_spec_files(&spec_dir), &wanted, opts.check, &mut report)?;
    }
    if opts.emit {
        if !report.errors.is_empty() {
            let what = if opts.check { "not compared" } else { "left as it was" };
            report.crate_skipped = Some(format!(
                "generated/ {what}: {} error(s) above; fix them and run `cargo xtask gen` again",
                report.errors.len()
            ));
        } else {
            let generated = layout.generated_dir();
            let out = crate::emit::generate(&specs);
            report.warnings.extend(out.warnings);
            // The manifest is checked before anything is written: a crate whose features
            // have nowhere to go is not written at all.
            let manifest = manifest_with_features(layout, &out.features, &out.dependencies)?;
            let mut wanted = Vec::new();
            for (rel, contents) in &out.files {
                let path = generated.join(rel);
                wanted.push(path.clone());
                write_or_check(layout, &path, contents, opts.check, &mut report)?;
            }
            let mut existing = generated_files(&generated, "rs", crate::emit::HEADER_PREFIX);
            existing.extend(generated_files(&generated, "toml", crate::emit::MANIFEST_HEADER_PREFIX));
            remove_stale(layout, &existing, &wanted, opts.check, &mut report)?;
            if !opts.check {
                remove_empty_dirs(&generated.join("crates"));
            }
            if let Some((path, text)) = manifest {
                write_or_check(layout, &path, &text, opts.check, &mut report)?;
            }
            ensure_rule_table(layout, opts.check, &mut report)?;
            write_openapi(layout, &specs, opts.check, &mut report)?;
        }
    }
    crate::error::dedup(&mut report.warnings);
    Ok(report)
}

/// Where the README holds the diff-rule table that `gen` writes from [`crate::spec::diff::Rule`].
pub const RULE_TABLE_START: &str = "<!-- diff rules: generated from codegen/src/spec/diff.rs (Rule) -->\n";
pub const RULE_TABLE_END: &str = "<!-- end diff rules -->";

/// `text` with what lies between the `start` and `end` markers replaced by `inner`; `None`
/// when it lacks them.
pub fn splice(text: &str, start: &str, end: &str, inner: &str) -> Option<String> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(format!("{}{inner}{}", &text[..from], &text[to..]))
}

/// Writes (or checks) the diff-rule table of the project's README, where it has the markers.
fn ensure_rule_table(layout: &Layout, check: bool, report: &mut Report) -> Result<(), Error> {
    let path = layout.root.join("README.md");
    let Ok(readme) = fs::read_to_string(&path) else { return Ok(()) };
    let readme = normalize_newlines(&readme);
    let table = crate::spec::diff::rule_table_markdown();
    let Some(wanted) = splice(&readme, RULE_TABLE_START, RULE_TABLE_END, &table) else { return Ok(()) };
    write_or_check(layout, &path, &wanted, check, report)
}

/// `generated/Cargo.toml` with the operation features in its `[features]` table and the
/// generated crates in its `[dependencies]`, to write or check. `None` for a project
/// without that manifest (a corpus being benchmarked).
fn manifest_with_features(
    layout: &Layout,
    features: &str,
    dependencies: &str,
) -> Result<Option<(PathBuf, String)>, Error> {
    let path = layout.generated_dir().join("Cargo.toml");
    let Ok(manifest) = fs::read_to_string(&path) else { return Ok(None) };
    let manifest = normalize_newlines(&manifest);
    splice_manifest(&manifest, features, dependencies)
        .map(|wanted| Some((path.clone(), wanted)))
        .map_err(|e| Error::new(layout.show(&path), e))
}

/// The facade's manifest `text` with `features` and `dependencies` between their markers,
/// or what is missing.
pub fn splice_manifest(text: &str, features: &str, dependencies: &str) -> Result<String, String> {
    use crate::emit::{DEPENDENCIES_END, DEPENDENCIES_START, FEATURES_END, FEATURES_START};
    let missing = |what: &str, table: &str, start: &str, end: &str| {
        format!("no place for the {what}: its [{table}] table needs the lines `{}` and `{end}`", start.trim_end())
    };
    let text = splice(text, FEATURES_START, FEATURES_END, features)
        .ok_or_else(|| missing("operation features", "features", FEATURES_START, FEATURES_END))?;
    splice(&text, DEPENDENCIES_START, DEPENDENCIES_END, dependencies)
        .ok_or_else(|| missing("generated crates", "dependencies", DEPENDENCIES_START, DEPENDENCIES_END))
}

/// Removes the folders under `dir` that removing stale files left empty (a crate of
/// operations that is no longer needed), and nothing else.
fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            remove_empty_dirs(&p);
            // Fails, as wanted, unless the folder is empty.
            let _ = fs::remove_dir(&p);
        }
    }
}

/// [`ensure_file_contents`], counted in the report.
fn write_or_check(layout: &Layout, path: &Path, contents: &str, check: bool, report: &mut Report) -> Result<(), Error> {
    if ensure_file_contents(layout, path, contents, check, &mut report.stale)? {
        if !check {
            report.changed.push(format!("wrote {}", layout.show(path)));
        }
    } else {
        report.unchanged += 1;
    }
    Ok(())
}

/// Writes the OpenAPI documents (3.1 and the 3.0 variant) under `spec/openapi/`, or in
/// check mode reports them as stale.
pub fn write_openapi(layout: &Layout, specs: &[(String, Spec)], check: bool, report: &mut Report) -> Result<(), Error> {
    use crate::openapi::{Version, export_versions};
    let out = export_versions(specs, &[Version::V3_1, Version::V3_0]);
    report.warnings.extend(out.warnings);
    let dir = layout.spec_dir().join("openapi");
    for (name, contents) in &out.files {
        write_or_check(layout, &dir.join(name), contents, check, report)?;
    }
    Ok(())
}

/// Spec files under the provider directories of `spec/` that carry the scrape header.
fn generated_spec_files(spec_dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in Provider::ALL {
        out.extend(generated_files(&spec_dir.join(p.as_str()), "yaml", yaml::SPEC_HEADER_PREFIX));
    }
    out
}

fn remove_stale(
    layout: &Layout,
    existing: &[PathBuf],
    wanted: &[PathBuf],
    check: bool,
    report: &mut Report,
) -> Result<(), Error> {
    for path in existing {
        if wanted.contains(path) {
            continue;
        }
        let shown = layout.show(path);
        if check {
            report.stale.push(format!("--- a/{shown}\n+++ /dev/null\n(stale generated file)\n"));
        } else {
            fs::remove_file(path).map_err(|e| Error::new(&shown, format!("cannot remove stale file: {e}")))?;
            report.changed.push(format!("removed {shown}"));
        }
    }
    Ok(())
}

/// Reads every spec file under `spec_dir` (the provider directories), in file order. Errors
/// name the file.
pub fn load_specs(spec_dir: &Path) -> Result<Vec<Spec>, Vec<Error>> {
    if !spec_dir.is_dir() {
        return Err(vec![Error::new(spec_dir.display().to_string(), "no such directory")]);
    }
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for path in generated_spec_files(spec_dir) {
        let shown = path.display().to_string();
        match fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|s| yaml::spec_from_str(&s)) {
            Ok(spec) => specs.push(spec),
            Err(e) => errors.push(Error::new(shown, e)),
        }
    }
    if errors.is_empty() { Ok(specs) } else { Err(errors) }
}
