//! The project's command line: `cargo xtask scrape|gen|…`, run from anywhere in the workspace.

#[macro_use]
mod out;
mod bench;
mod fetch;
mod openapi;
mod review;
#[cfg(test)]
mod test_server;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use paydoc_codegen::error::Diagnostic;
use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::pipeline::{self, Layout};
use paydoc_codegen::spec::{Provider, yaml};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Scrape payment-gateway doc pages into a YAML spec and generate the Rust SDK")]
struct Cli {
    /// The project root (holding spec/ and generated/); by default this workspace.
    #[arg(long, global = true)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Rescrape every manifest page into spec/, or scrape the given files to stdout.
    Scrape {
        /// Page files (HTML, Markdown or text). Without any, every page in spec/manifest.yaml.
        files: Vec<PathBuf>,
        /// Print a flat field listing instead of YAML.
        #[arg(long)]
        fields: bool,
        /// The doc site, where the page does not make it clear.
        #[arg(long)]
        provider: Option<Provider>,
        /// The page's language (en, zh); detected when not given.
        #[arg(long)]
        lang: Option<String>,
        /// Write specs even where a page now yields far fewer fields than the committed spec.
        #[arg(long)]
        accept_shrink: bool,
    },
    /// Write a synthetic corpus of N doc pages (and its spec) for the benchmarks.
    BenchCorpus(bench::CorpusArgs),
    /// Measure scraping, generation, generated-code compile time, runtime and peak memory.
    Bench(bench::BenchArgs),
    /// Download the manifest's pages into their snapshot files, or one URL into --out.
    Fetch(fetch::FetchArgs),
    /// Compare the spec with a git revision or another spec directory, classified by what it breaks.
    Diff(review::DiffArgs),
    /// Report the doc pages' own defects, one line each with the page and line.
    Lint(review::LintArgs),
    /// Write the spec as OpenAPI, one document per provider (by default spec/openapi/).
    Openapi(openapi::OpenapiArgs),
    /// Scrape the manifest pages and generate the SDK crate in generated/.
    Gen {
        /// Write nothing; fail with a diff if spec/ or generated/ is stale.
        #[arg(long)]
        check: bool,
        /// Write specs even where a page now yields far fewer fields than the committed spec.
        #[arg(long)]
        accept_shrink: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(root) = &cli.root
        && !root.is_dir()
    {
        errln!("error: {}: --root is not a directory", root.display());
        return ExitCode::FAILURE;
    }
    let layout = Layout::new(cli.root.clone().unwrap_or_else(project_root));
    let ok = match cli.command {
        Command::Scrape { files, fields, provider, lang, accept_shrink } => {
            if files.is_empty() {
                run_pipeline(&layout, pipeline::Run { check: false, accept_shrink, emit: false })
            } else {
                scrape_files(&files, fields, provider, lang)
            }
        }
        Command::Gen { check, accept_shrink } => {
            run_pipeline(&layout, pipeline::Run { check, accept_shrink, emit: true })
        }
        Command::Fetch(args) => fetch::run(&layout, &args),
        Command::BenchCorpus(args) => bench::corpus(&layout, &args),
        Command::Bench(args) => bench::bench(&layout, &args),
        Command::Diff(args) => review::diff_cmd(&layout, &args),
        Command::Lint(args) => review::lint_cmd(&layout, &args),
        Command::Openapi(args) => openapi::run(&layout, &args),
    };
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// The workspace root: where this crate's manifest directory's parent is.
pub(crate) fn project_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

fn scrape_files(files: &[PathBuf], fields: bool, provider: Option<Provider>, lang: Option<String>) -> bool {
    let mut ok = true;
    for file in files {
        let info =
            PageInfo { file: file.display().to_string(), url: None, lang: lang.clone(), provider, operation: None };
        match pipeline::scrape_file(file, &info) {
            Ok(spec) => {
                if fields {
                    out::stdout(&spec.fields_listing());
                } else {
                    match yaml::spec_to_string(&spec) {
                        Ok(s) => out::stdout(&s),
                        Err(e) => {
                            errln!("error: {}: {e}", info.file);
                            ok = false;
                        }
                    }
                }
                let mut warnings: Vec<Diagnostic> = spec
                    .warnings
                    .iter()
                    .map(|w| Diagnostic { file: info.file.clone(), at: Some(w.at.clone()), message: w.message.clone() })
                    .collect();
                paydoc_codegen::error::dedup(&mut warnings);
                for w in &warnings {
                    errln!("warning: {w}");
                }
            }
            Err(e) => {
                errln!("error: {e}");
                ok = false;
            }
        }
    }
    ok
}

/// `gen` and the manifest form of `scrape`.
fn run_pipeline(layout: &Layout, run: pipeline::Run) -> bool {
    match pipeline::run(layout, run) {
        Ok(report) => {
            let printed = report.render();
            out::stdout(&printed.stdout);
            out::stderr(&printed.stderr);
            printed.ok
        }
        Err(e) => {
            errln!("error: {e}");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// Every flag and argument of every command says what it does in `--help`.
    #[test]
    fn every_flag_has_help_text() {
        let cli = Cli::command();
        let mut missing = Vec::new();
        let mut commands = vec![cli.clone()];
        commands.extend(cli.get_subcommands().cloned());
        for cmd in &commands {
            if cmd.get_name() != "cargo xtask" && cmd.get_about().is_none() {
                missing.push(format!("command {}", cmd.get_name()));
            }
            for arg in cmd.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && !arg.is_hide_set() && arg.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    missing.push(format!("{} {}", cmd.get_name(), arg.get_id()));
                }
            }
        }
        assert!(missing.is_empty(), "no help text: {missing:?}");
    }
}
