//! Benchmarks: a synthetic, deterministic corpus of doc pages (`cargo xtask bench-corpus`)
//! and the measurements of scraping, generation, generated-code compile time, runtime and
//! peak memory (`cargo xtask bench`). BENCHMARKS.md has the figures and how to read them.
//!
//! The corpus has four kinds of page, in turn: PayerMax as VitePress serves it (HTML
//! tables), PayerMax as a text copy (run-together rows, like `spec/pages/000_*.txt`),
//! PingPong as vuepress-theme-vdoing serves it (HTML), and Antom as a text copy (`name
//! Type REQUIRED` paragraphs, like `spec/pages/004_*.txt`). Each page has 30–200 fields,
//! nested 1–4 levels (`data.a.b`, `[]` arrays; Antom text copies are flat, as the site
//! collapses child parameters), enums, constants, and Chinese or English descriptions.
//! Every page is written together with the field listing it must scrape to, and both
//! commands check that it does.
//!
//! By concern: [`synth`] makes the pages' operations and fields, [`json`] their examples,
//! [`render`] the pages as each site serves them, [`corpus`] holds and writes the corpus,
//! [`measure`] times scraping and generation, [`machine`] describes the machine, and
//! [`compile`] builds and runs the generated crate.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clap::Args;
use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::pipeline::{self, Layout, Run};
use paydoc_codegen::spec::manifest::{Manifest, Page};
use paydoc_codegen::spec::{Provider, Spec, yaml};

const DEFAULT_SEED: u64 = 1;
/// The first line of a corpus manifest: `bench-corpus` overwrites only its own corpora.
const MANIFEST_HEADER: &str = "# synthetic bench corpus written by `cargo xtask bench-corpus`";
/// Threads for the scrape figures (the benchmark machine has two cores).
const THREADS: usize = 2;

/// `cargo xtask bench-corpus [N] [--seed S] [--out DIR]`.
#[derive(Args, Debug, Clone)]
pub struct CorpusArgs {
    /// Number of pages, spread evenly over the four page kinds.
    #[arg(default_value_t = 1000)]
    pub pages: usize,
    /// Seed of the generator: the same N and seed give the same bytes.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// The project root to write (spec/manifest.yaml, spec/pages/…, spec/<provider>/…);
    /// by default target/bench-corpus under the root.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `cargo xtask bench-profile scrape|parse [--pages N] [--seed S]`.
#[derive(Args, Debug, Clone)]
pub struct ProfileArgs {
    /// What to run: the scrape or the bare HTML parse of the corpus's HTML pages, or generation.
    pub step: ProfileStep,
    /// Pages in the synthetic corpus (half of them HTML).
    #[arg(long, default_value_t = 400)]
    pub pages: usize,
    /// Seed of the corpus generator.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileStep {
    Scrape,
    Parse,
    /// `emit::generate` over the spec scraped from the whole corpus (the scrape is not profiled
    /// apart: filter the profile on `profiled_gen`).
    Gen,
}

/// `cargo xtask bench [--pages N] [--runs R] [--smoke]`.
#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// Pages (and so operations) in the synthetic corpus.
    #[arg(long, default_value_t = 1000)]
    pub pages: usize,
    /// Runs of each timed step; figures are medians.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Everything on a few pages, once, without the compile-time step: checks that the
    /// commands still work (CI). Its figures are not measurements.
    #[arg(long)]
    pub smoke: bool,
    /// Seed of the corpus generator.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Skip the generated-code compile-time step.
    #[arg(long)]
    pub no_compile: bool,
    /// Crates to compile, by their number of operations (the corpus's first ones), comma
    /// separated; by default a tenth of the corpus and all of it.
    #[arg(long, value_delimiter = ',')]
    pub compile_ops: Vec<usize>,
    /// Runs of each compile command (each is a full compile of the crate).
    #[arg(long, default_value_t = 1)]
    pub compile_runs: usize,
    /// A build whose processes hold more than this much memory (GiB) is stopped and
    /// reported as such; by default 60% of the machine's memory. The build is also stopped
    /// when the machine has less than 10% of its memory available.
    #[arg(long)]
    pub compile_mem_gib: Option<f64>,
    /// A build that runs longer than this many seconds is stopped and reported as such.
    #[arg(long, default_value_t = 1800)]
    pub compile_timeout: u64,
    /// Skip the runtime step (`cargo bench -p paydoc-sdk --bench runtime`).
    #[arg(long)]
    pub no_runtime: bool,
    /// Measure in this build even when it is a debug build (by default a debug build
    /// re-runs itself with `cargo run --release`).
    #[arg(long)]
    pub here: bool,
}

mod compile;
mod corpus;
mod json;
mod machine;
mod measure;
mod render;
mod synth;

use compile::*;
pub use corpus::corpus;
use corpus::*;
use json::*;
use machine::*;
use measure::*;
pub use measure::{bench, profile};
use render::*;
use synth::*;
