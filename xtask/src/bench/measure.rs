//! `cargo xtask bench`: timing scraping and generation, peak memory, and the report.

use super::*;

pub(super) fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

pub(super) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => v[n / 2],
        _ => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

pub(super) fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// A `/proc/self/status` value in KiB.
pub(super) fn status_kib(key: &str) -> Option<u64> {
    let s = fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// Resets the peak resident set size (VmHWM) to the current one; false where the kernel
/// does not allow it.
pub(super) fn reset_peak() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peak memory of `f`: (VmHWM after, VmRSS before), in MiB.
pub(super) fn peak_of<T>(f: impl FnOnce() -> T) -> (T, Option<(f64, f64, bool)>) {
    let reset = reset_peak();
    let before = status_kib("VmRSS:");
    let out = f();
    let peak = status_kib("VmHWM:");
    let mib = |k: u64| k as f64 / 1024.0;
    (out, peak.zip(before).map(|(p, b)| (mib(p), mib(b), reset)))
}

/// Runs `f` over the pages on `threads` threads, each taking the next page.
pub(super) fn parallel<T: Send>(pages: &[&CorpusPage], threads: usize, f: impl Fn(&CorpusPage) -> T + Sync) -> Vec<T> {
    paydoc_codegen::pool::map(pages, threads, |p| f(p), |_| {})
}

pub(super) fn scrape_one(p: &CorpusPage) -> Option<Spec> {
    pipeline::scrape_bytes(&p.bytes, &p.name, &p.info).ok()
}

/// The baseline: the HTML parse alone (the tree is built and dropped, as a scrape does).
pub(super) fn parse_only(p: &CorpusPage) -> bool {
    let src = std::str::from_utf8(&p.bytes).unwrap_or("");
    let html = scraper::Html::parse_document(src);
    std::hint::black_box(&html);
    true
}

/// `bench-profile`: one step over the corpus's HTML pages, in a function of its own so a
/// profiler can count it apart from making the corpus.
pub fn profile(args: &ProfileArgs) -> bool {
    let pages = corpus_pages(args.pages, args.seed);
    let html: Vec<&CorpusPage> = pages.iter().filter(|p| p.kind.is_html()).collect();
    let done = match args.step {
        ProfileStep::Scrape => profiled_scrape(&html),
        ProfileStep::Parse => profiled_parse(&html),
        ProfileStep::Gen => {
            let all: Vec<&CorpusPage> = pages.iter().collect();
            let named: Vec<(String, Spec)> =
                parallel(&all, THREADS, scrape_one).into_iter().flatten().map(|s| (s.file_name(), s)).collect();
            let t = Instant::now();
            let files = profiled_gen(&named);
            let took = secs(t.elapsed());
            outln!("bench-profile: Gen of {} operations: {files} files in {took:.3} s (one run)", named.len());
            return files > 0;
        }
    };
    outln!("bench-profile: {:?} of {} HTML pages: {done} done", args.step, html.len());
    done == html.len()
}

#[inline(never)]
fn profiled_scrape(pages: &[&CorpusPage]) -> usize {
    pages.iter().filter(|p| std::hint::black_box(scrape_one(p)).is_some()).count()
}

#[inline(never)]
fn profiled_gen(named: &[(String, Spec)]) -> usize {
    std::hint::black_box(paydoc_codegen::emit::generate(named)).files.len()
}

#[inline(never)]
fn profiled_parse(pages: &[&CorpusPage]) -> usize {
    pages.iter().filter(|p| parse_only(p)).count()
}

pub(super) fn verdict_max(value: f64, target: f64, unit: &str, smoke: bool) -> String {
    if smoke {
        format!("target ≤ {target}{unit}; smoke run, not a measurement")
    } else if value <= target {
        format!("target ≤ {target}{unit}: met")
    } else {
        format!("target ≤ {target}{unit}: missed by {:.0}%", (value / target - 1.0) * 100.0)
    }
}

/// Runs the measurements; false when a step failed (a missed target is not a failure).
pub fn bench(layout: &Layout, args: &BenchArgs) -> bool {
    if cfg!(debug_assertions) && !args.smoke && !args.here {
        return rerun_release(layout, args);
    }
    let smoke = args.smoke;
    let pages_n = if smoke { args.pages.min(8) } else { args.pages };
    let runs = if smoke { 1 } else { args.runs.max(1) };
    let mut summary: Vec<String> = Vec::new();
    let mut ok = true;

    machine();
    outln!(
        "== corpus: {pages_n} pages, seed {}, {runs} run(s) a step, {} build{}",
        args.seed,
        if cfg!(debug_assertions) { "debug" } else { "release" },
        if smoke { ", smoke" } else { "" }
    );
    let started = Instant::now();
    let pages = corpus_pages(pages_n, args.seed);
    let all: Vec<&CorpusPage> = pages.iter().collect();
    let html: Vec<&CorpusPage> = pages.iter().filter(|p| p.kind.is_html()).collect();
    let total_bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let html_bytes: usize = html.iter().map(|p| p.bytes.len()).sum();
    let fields: usize = pages.iter().map(|p| p.fields).sum();
    outln!(
        "generated in {:.1} s: {:.1} MB, {fields} fields; {} HTML pages ({:.1} MB), {} text pages",
        started.elapsed().as_secs_f64(),
        total_bytes as f64 / 1e6,
        html.len(),
        html_bytes as f64 / 1e6,
        pages.len() - html.len()
    );

    // --- Scrape --------------------------------------------------------------------------
    outln!("== scrape ({THREADS} threads, pipeline::scrape_bytes)");
    let (specs, scrape_mem) = peak_of(|| parallel(&all, THREADS, scrape_one));
    let bad = check_listings(&pages, &specs);
    let failed = specs.iter().filter(|s| s.is_none()).count();
    if bad > 0 || failed > 0 {
        eprintln!("error: {bad} pages scrape to other fields than they were written with ({failed} failed)");
        ok = false;
    }
    let (mut t_all, mut t_html, mut t_parse) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(parallel(&all, THREADS, |p| scrape_one(p).is_some()));
        t_all.push(secs(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(parallel(&html, THREADS, parse_only));
        t_parse.push(secs(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(parallel(&html, THREADS, |p| scrape_one(p).is_some()));
        t_html.push(secs(t.elapsed()));
    }
    let (t_all, t_html, t_parse) = (median(t_all), median(t_html), median(t_parse));
    let ratio = t_html / t_parse;
    outln!(
        "all pages:  {:.3} s, {:.0} pages/s, {:.1} MB/s",
        t_all,
        pages.len() as f64 / t_all,
        total_bytes as f64 / 1e6 / t_all
    );
    outln!(
        "HTML pages: scrape {:.3} s ({:.0} pages/s, {:.1} MB/s); Html::parse_document alone {:.3} s ({:.1} MB/s)",
        t_html,
        html.len() as f64 / t_html,
        html_bytes as f64 / 1e6 / t_html,
        t_parse,
        html_bytes as f64 / 1e6 / t_parse
    );
    summary.push(format!(
        "bench: scrape: {:.0} pages/s, {:.1} MB/s ({} pages, all forms, {THREADS} threads)",
        pages.len() as f64 / t_all,
        total_bytes as f64 / 1e6 / t_all,
        pages.len()
    ));
    summary.push(format!(
        "bench: scrape-vs-parse: {ratio:.2}x (HTML scrape {:.0} ms / parse only {:.0} ms; {})",
        t_html * 1e3,
        t_parse * 1e3,
        verdict_max(ratio, 1.2, "x", smoke)
    ));

    // --- Gen -----------------------------------------------------------------------------
    outln!("== gen (emit::generate over the corpus spec, after its YAML round trip)");
    let mut named: Vec<(String, Spec)> = Vec::new();
    for s in specs.into_iter().flatten() {
        let file = s.file_name();
        match yaml::spec_to_string(&s).and_then(|t| yaml::spec_from_str(&t)) {
            Ok(back) => named.push((file, back)),
            Err(e) => {
                eprintln!("error: spec/{file}: {e}");
                ok = false;
            }
        }
    }
    let (output, gen_mem) = peak_of(|| paydoc_codegen::emit::generate(&named));
    let loc: usize = output.files.iter().map(|(_, c)| c.lines().count()).sum();
    // The library's code: the facade's and the generated crates' sources.
    let src_loc: usize = output.files.iter().filter(|(p, _)| library_source(p)).map(|(_, c)| c.lines().count()).sum();
    let (files, warnings) = (output.files.len(), output.warnings.len());
    // Timed without the first output held (85 MB at 1,000 operations, which `gen` never
    // keeps while it generates again); the compile step generates its own.
    drop(output);
    let mut t_gen = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(paydoc_codegen::emit::generate(&named).files.len());
        t_gen.push(secs(t.elapsed()));
    }
    let t_gen = median(t_gen);
    let ops = named.len();
    outln!(
        "{ops} operations → {files} files, {loc} lines ({src_loc} in the library), {warnings} warnings: {:.3} s",
        t_gen
    );
    summary.push(format!(
        "bench: lines-per-op: {:.0} generated lines per operation ({src_loc} library lines for {ops} operations; no target)",
        src_loc as f64 / named.len().max(1) as f64
    ));
    // The target is for 1,000 operations; scale when the corpus has another size.
    let per_1000 = t_gen * 1000.0 / ops.max(1) as f64;
    summary.push(format!(
        "bench: gen: {t_gen:.3} s for {ops} operations ({per_1000:.3} s per 1,000; {})",
        verdict_max(per_1000, 1.0, " s", smoke).replace('≤', "<")
    ));

    outln!("== gen --check, no-op, on the seed set ({})", layout.root.display());
    let check = || pipeline::run(layout, Run { check: true, accept_shrink: false, emit: true });
    match check() {
        Ok(first) => {
            let clean = first.errors.is_empty() && first.stale.is_empty();
            if !clean {
                outln!(
                    "note: the seed set is not clean ({} stale, {} errors): the figure is not a no-op",
                    first.stale.len(),
                    first.errors.len()
                );
            }
            let mut t_check = Vec::new();
            for _ in 0..runs.max(3) {
                let t = Instant::now();
                let r = check();
                t_check.push(secs(t.elapsed()));
                std::hint::black_box(r.is_ok());
            }
            let t_check = median(t_check);
            outln!("{:.1} ms", t_check * 1e3);
            summary.push(format!(
                "bench: gen-check: {:.1} ms (seed set{}; {})",
                t_check * 1e3,
                if clean { ", no-op" } else { ", NOT clean" },
                verdict_max(t_check * 1e3, 150.0, " ms", smoke).replace('≤', "<")
            ));
        }
        Err(e) => {
            eprintln!("error: gen --check on the seed set: {e}");
            ok = false;
        }
    }

    // --- Memory --------------------------------------------------------------------------
    outln!("== peak memory (VmHWM, reset before each step through /proc/self/clear_refs)");
    for (name, m) in [("scrape", scrape_mem), ("gen", gen_mem)] {
        match m {
            Some((peak, before, reset)) => {
                let what = if reset { "" } else { " (peak not reset: includes earlier steps)" };
                outln!(
                    "{name}: peak {peak:.0} MiB, {:.0} MiB over the {before:.0} MiB before the step{what}",
                    peak - before
                );
                summary.push(format!(
                    "bench: peak-memory-{name}: {peak:.0} MiB (+{:.0} MiB over the step's start; {} pages)",
                    peak - before,
                    pages.len()
                ));
            }
            None => outln!("{name}: /proc/self/status is not readable here"),
        }
    }

    // --- Compile -------------------------------------------------------------------------
    if !smoke && !args.no_compile {
        outln!("== compile time of the generated SDK ({ops} operations)");
        let mut sizes =
            if args.compile_ops.is_empty() { vec![(ops / 10).max(1), ops] } else { args.compile_ops.clone() };
        sizes.sort_unstable();
        sizes.dedup();
        let largest = sizes.last().copied().unwrap_or(0).min(ops);
        for n in sizes {
            let n = n.min(ops);
            let generated = paydoc_codegen::emit::generate(&named[..n]);
            // `cargo build` has no target: it runs for the smaller crates, not the largest.
            match compile(&generated, n, n < largest, args) {
                Ok(lines) => summary.extend(lines),
                Err(e) => {
                    eprintln!("error: compile step: {e}");
                    ok = false;
                }
            }
        }
    }

    // --- Runtime -------------------------------------------------------------------------
    if !args.no_runtime {
        outln!("== runtime (cargo bench -p paydoc-sdk --bench runtime)");
        match runtime(runs, smoke) {
            Ok(lines) => summary.extend(lines),
            Err(e) => {
                eprintln!("error: runtime step: {e}");
                ok = false;
            }
        }
    }

    outln!("== summary");
    for s in &summary {
        outln!("{s}");
    }
    ok
}
