//! The project's command line: `cargo xtask scrape|gen|…`, run from anywhere in the workspace.

mod bench;
mod fetch;
mod openapi;
mod review;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
    let layout = Layout::new(cli.root.clone().unwrap_or_else(project_root));
    let ok = match cli.command {
        Command::Scrape { files, fields, provider, lang, accept_shrink } => {
            if files.is_empty() {
                write_specs(&layout, accept_shrink)
            } else {
                scrape_files(&files, fields, provider, lang)
            }
        }
        Command::Gen { check, accept_shrink } => gen_all(&layout, check, accept_shrink),
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
fn project_root() -> PathBuf {
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
                    print!("{}", spec.fields_listing());
                } else {
                    match yaml::spec_to_string(&spec) {
                        Ok(s) => print!("{s}"),
                        Err(e) => {
                            eprintln!("error: {}: {e}", info.file);
                            ok = false;
                        }
                    }
                }
                for w in &spec.warnings {
                    let at = if w.at.is_empty() { String::new() } else { format!("{}: ", w.at) };
                    eprintln!("warning: {}: {at}{}", info.file, w.message);
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ok = false;
            }
        }
    }
    ok
}

fn write_specs(layout: &Layout, accept_shrink: bool) -> bool {
    match pipeline::run(layout, pipeline::Run { check: false, accept_shrink, emit: false }) {
        Ok(report) => report.print(),
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}

fn gen_all(layout: &Layout, check: bool, accept_shrink: bool) -> bool {
    match pipeline::run(layout, pipeline::Run { check, accept_shrink, emit: true }) {
        Ok(report) => report.print(),
        Err(e) => {
            eprintln!("error: {e}");
            false
        }
    }
}
