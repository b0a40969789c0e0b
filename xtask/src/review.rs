//! The review commands: `diff` (classified spec changes against a git revision or another
//! spec directory) and `lint` (defects of the doc pages themselves).

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Args, ValueEnum};
use paydoc_codegen::error::Error;
use paydoc_codegen::pipeline::{self, Layout};
use paydoc_codegen::spec::diff::{self, Severity};
use paydoc_codegen::spec::{Provider, Spec, lint, yaml};

use crate::out;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Text,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailOn {
    Breaking,
    Warning,
}

impl FailOn {
    fn hit(self, severity: Severity) -> bool {
        match self {
            FailOn::Breaking => severity == Severity::Breaking,
            FailOn::Warning => severity != Severity::Info,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            FailOn::Breaking => "breaking",
            FailOn::Warning => "warning",
        }
    }

    /// Whether the threshold passes; when it does not, says so in one line: which threshold,
    /// and how many `what` crossed it.
    fn judge(threshold: Option<FailOn>, severities: impl Iterator<Item = Severity>, what: (&str, &str)) -> bool {
        let Some(f) = threshold else { return true };
        let n = severities.filter(|s| f.hit(*s)).count();
        if n == 0 {
            return true;
        }
        let noun = if n == 1 { what.0 } else { what.1 };
        let level = match f {
            FailOn::Breaking => "breaking",
            FailOn::Warning => "a warning or worse",
        };
        errln!("error: --fail-on {}: {n} {noun} {level}", f.as_str());
        false
    }
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// A git revision, or a spec directory, to compare from. By default the merge base with
    /// `main`, else `HEAD`.
    base: Option<String>,
    /// A spec directory to compare to; by default the working tree's `spec/`.
    new: Option<PathBuf>,
    /// How to print the changes: a Markdown report for a pull request, a JSON array, or one
    /// line a change.
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
    /// Exit non-zero when a change is at least this severe.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// Exit non-zero when a defect is at least this severe.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

fn report(errors: Vec<Error>) -> bool {
    for e in errors {
        errln!("error: {e}");
    }
    false
}

/// The project's manifest must parse, as `gen` requires, even where the command reads only
/// the spec files.
fn check_manifest(layout: &Layout) -> Result<(), Vec<Error>> {
    pipeline::load_manifest(layout).map(|_| ()).map_err(|e| vec![e])
}

pub fn diff_cmd(layout: &Layout, args: &DiffArgs) -> bool {
    let new = match &args.new {
        Some(dir) => load_dir(dir),
        None => check_manifest(layout).and_then(|()| pipeline::load_specs(&layout.spec_dir())),
    };
    let new = match new {
        Ok(s) => s,
        Err(e) => return report(e),
    };
    let old = match args.base.as_deref() {
        Some(b) if Path::new(b).is_dir() => load_dir(Path::new(b)),
        Some(rev) => specs_at(&layout.root, rev),
        None => default_base(&layout.root).and_then(|rev| specs_at(&layout.root, &rev)),
    };
    let old = match old {
        Ok(s) => s,
        Err(e) => return report(e),
    };
    let changes = diff::diff(&old, &new);
    out::stdout(&match args.format {
        Format::Markdown => diff::render_markdown(&changes),
        Format::Json => diff::render_json(&changes),
        Format::Text => diff::render_text(&changes),
    });
    FailOn::judge(args.fail_on, changes.iter().map(|c| c.severity), ("change is", "changes are"))
}

pub fn lint_cmd(layout: &Layout, args: &LintArgs) -> bool {
    let specs = match check_manifest(layout).and_then(|()| pipeline::load_specs(&layout.spec_dir())) {
        Ok(s) => s,
        Err(e) => return report(e),
    };
    let defects = lint::lint(&specs);
    out::stdout(&lint::render_text(&defects));
    FailOn::judge(args.fail_on, defects.iter().map(|d| d.severity), ("defect is", "defects are"))
}

/// A spec directory, or a project root holding one (whose manifest must then parse).
fn load_dir(dir: &Path) -> Result<Vec<Spec>, Vec<Error>> {
    let spec = dir.join("spec");
    if spec.is_dir() {
        if spec.join("manifest.yaml").exists() {
            check_manifest(&Layout::new(dir))?;
        }
        return pipeline::load_specs(&spec);
    }
    pipeline::load_specs(dir)
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out =
        Command::new("git").arg("-C").arg(root).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(paydoc_codegen::error::one_line(&String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8(out.stdout).map_err(|_| "git printed something that is not UTF-8".into())
}

/// The merge base with `main` where there is one, else `HEAD`.
fn default_base(root: &Path) -> Result<String, Vec<Error>> {
    match git(root, &["merge-base", "main", "HEAD"]) {
        Ok(rev) => Ok(rev.trim().to_string()),
        Err(_) => Ok("HEAD".to_string()),
    }
}

/// The spec files as they are at a git revision.
fn specs_at(root: &Path, rev: &str) -> Result<Vec<Spec>, Vec<Error>> {
    let listing = git(root, &["ls-tree", "-r", "--name-only", rev, "--", "spec/"])
        .map_err(|e| vec![Error::new(format!("git revision {rev}"), e)])?;
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for path in listing.lines() {
        // Only the provider directories hold specs (spec/openapi/ holds other YAML).
        let under_provider = Provider::ALL
            .iter()
            .any(|p| path.strip_prefix(&format!("spec/{p}/")).is_some_and(|rest| !rest.contains('/')));
        if !under_provider || !path.ends_with(".yaml") {
            continue;
        }
        match git(root, &["show", &format!("{rev}:{path}")]).and_then(|s| yaml::spec_from_str(&s)) {
            Ok(spec) => specs.push(spec),
            Err(e) => errors.push(Error::new(format!("{rev}:{path}"), e)),
        }
    }
    if errors.is_empty() { Ok(specs) } else { Err(errors) }
}
