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

/// Extracts one page from its bytes; `name` picks the form by extension.
pub fn scrape_bytes(bytes: &[u8], name: &str, info: &PageInfo) -> Result<Spec, Error> {
    let src = crate::read::decode(bytes).map_err(|e| Error::new(&info.file, e.to_string()))?;
    let form: Form = crate::read::detect_form(name, src);
    let doc = crate::read::read(form, src).map_err(|e| Error::new(&info.file, e.to_string()))?;
    extract::extract(&doc, src, info).map_err(|reason| Error::new(&info.file, reason))
}

/// What a run produced: the files it would write, warnings, and errors of pages that failed.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every spec, by its file relative to `spec/`, in file order.
    pub specs: BTreeMap<String, Spec>,
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Error>,
    /// Spec files kept as committed because their page failed or shrank.
    pub kept: Vec<String>,
}

/// Scrapes every page of the manifest, applying overlays and the layout-change guard.
pub fn scrape_manifest(layout: &Layout, accept_shrink: bool) -> Result<Outcome, Error> {
    let spec_dir = layout.spec_dir();
    let manifest_path = spec_dir.join("manifest.yaml");
    let shown = layout.show(&manifest_path);
    let src = fs::read_to_string(&manifest_path).map_err(|e| Error::new(&shown, format!("cannot read: {e}")))?;
    let manifest = Manifest::from_yaml(&src).map_err(|e| Error::new(&shown, e))?;
    let mut out = Outcome::default();
    let mut type_defs: BTreeMap<Provider, Option<TypeDefs>> = BTreeMap::new();
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
                keep_committed(&spec_dir, page.provider, &page.file, &mut out);
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
        if let Some(defs) = defs {
            let shown_defs = format!("spec/overlays/{}/{}", spec.provider, types::FILE_NAME);
            defs.apply(&mut spec, &shown_defs);
        }
        let file = spec.file_name();
        if let Some(reason) = shrink_reason(&spec_dir.join(&file), &spec)
            && !accept_shrink
        {
            out.errors.push(Error::new(format!("spec/{file}"), format!("{reason}; kept the committed spec (a redesign, an empty page or a login wall?). Pass --accept-shrink if the page really changed")));
            keep_committed(&spec_dir, spec.provider, &page.file, &mut out);
            continue;
        }
        for w in &spec.warnings {
            out.warnings.push(Diagnostic {
                file: format!("spec/{file}"),
                at: Some(w.at.clone()).filter(|a| !a.is_empty()),
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
    Ok(out)
}

/// A provider's type definitions, if it has a file of them; a file that cannot be read is
/// an error of the run (and its pages are generated without it).
fn load_type_defs(spec_dir: &Path, provider: Provider, out: &mut Outcome) -> Option<TypeDefs> {
    let rel = format!("overlays/{provider}/{}", types::FILE_NAME);
    let path = spec_dir.join(&rel);
    if !path.exists() {
        return None;
    }
    let read = fs::read_to_string(&path).map_err(|e| format!("cannot read: {e}")).and_then(|s| TypeDefs::from_yaml(&s));
    match read {
        Ok(defs) => Some(defs),
        Err(e) => {
            out.errors.push(Error::new(format!("spec/{rel}"), e));
            None
        }
    }
}

/// Keeps the committed spec of a page that failed, so the run still has it and writes
/// nothing over it: found by the page file it records.
fn keep_committed(spec_dir: &Path, provider: Provider, page: &str, out: &mut Outcome) {
    let dir = spec_dir.join(provider.as_str());
    let Ok(entries) = fs::read_dir(&dir) else { return };
    let mut files: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    files.sort();
    for path in files {
        let Ok(src) = fs::read_to_string(&path) else { continue };
        let Ok(spec) = yaml::spec_from_str(&src) else { continue };
        if spec.source.page == page {
            let file = spec.file_name();
            out.kept.push(file.clone());
            out.specs.insert(file, spec);
        }
    }
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
    if old.as_deref() == Some(contents) {
        return Ok(false);
    }
    if check {
        let old = old.unwrap_or_default();
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
    pub check: bool,
}

impl Report {
    /// Prints warnings and errors one line each, diffs in full; true when the run succeeded.
    pub fn print(&self) -> bool {
        for w in &self.warnings {
            eprintln!("warning: {w}");
        }
        for d in &self.stale {
            print!("{d}");
        }
        for c in &self.changed {
            eprintln!("{c}");
        }
        for e in &self.errors {
            eprintln!("error: {e}");
        }
        if self.check && !self.stale.is_empty() {
            eprintln!("error: {} file(s) are stale; run `cargo xtask gen`", self.stale.len());
        }
        self.errors.is_empty() && (!self.check || self.stale.is_empty())
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
pub fn run(layout: &Layout, opts: Run) -> Result<Report, Error> {
    if !opts.check {
        remove_leftover_temp_files(&layout.spec_dir());
        remove_leftover_temp_files(&layout.generated_dir());
    }
    let outcome = scrape_manifest(layout, opts.accept_shrink)?;
    let mut report =
        Report { warnings: outcome.warnings, errors: outcome.errors, check: opts.check, ..Default::default() };
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
        if ensure_file_contents(layout, &path, &text, opts.check, &mut report.stale)? && !opts.check {
            report.changed.push(format!("wrote {}", layout.show(&path)));
        }
    }
    if report.errors.is_empty() {
        remove_stale(layout, &generated_spec_files(&spec_dir), &wanted, opts.check, &mut report)?;
    }
    if opts.emit {
        let generated = layout.generated_dir();
        let out = crate::emit::generate(&specs);
        for w in out.warnings {
            report.warnings.push(w);
        }
        let mut wanted = Vec::new();
        for (rel, contents) in &out.files {
            let path = generated.join(rel);
            wanted.push(path.clone());
            if ensure_file_contents(layout, &path, contents, opts.check, &mut report.stale)? && !opts.check {
                report.changed.push(format!("wrote {}", layout.show(&path)));
            }
        }
        if report.errors.is_empty() {
            let existing = generated_files(&generated, "rs", crate::emit::HEADER_PREFIX);
            remove_stale(layout, &existing, &wanted, opts.check, &mut report)?;
        }
        write_openapi(layout, &specs, opts.check, &mut report)?;
    }
    Ok(report)
}

/// Writes the OpenAPI documents (3.1 and the 3.0 variant) under `spec/openapi/`, or in
/// check mode reports them as stale.
pub fn write_openapi(layout: &Layout, specs: &[(String, Spec)], check: bool, report: &mut Report) -> Result<(), Error> {
    use crate::openapi::{Version, export_versions};
    let out = export_versions(specs, &[Version::V3_1, Version::V3_0]);
    report.warnings.extend(out.warnings);
    let dir = layout.spec_dir().join("openapi");
    for (name, contents) in &out.files {
        let path = dir.join(name);
        if ensure_file_contents(layout, &path, contents, check, &mut report.stale)? && !check {
            report.changed.push(format!("wrote {}", layout.show(&path)));
        }
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
