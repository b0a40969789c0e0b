//! `cargo xtask bench-corpus`: the corpus in memory, its check against the expected listings, and writing it to disk.

use super::*;

/// One corpus page in memory.
pub(super) struct CorpusPage {
    pub(super) kind: Kind,
    pub(super) bytes: Vec<u8>,
    pub(super) info: PageInfo,
    /// The file name the page is scraped as (its extension picks the form).
    pub(super) name: String,
    pub(super) expected: String,
    pub(super) fields: usize,
    pub(super) lang: Lang,
    pub(super) op: String,
}

pub(super) fn corpus_pages(n: usize, seed: u64) -> Vec<CorpusPage> {
    (0..n)
        .map(|i| {
            let p = make_page(i, seed);
            let bytes = render(&p, seed, i).into_bytes();
            let fields = Fld::count(&p.headers) + Fld::count(&p.request) + Fld::count(&p.response);
            CorpusPage {
                kind: p.kind,
                info: PageInfo {
                    file: p.file.clone(),
                    url: Some(p.url.clone()),
                    lang: Some(p.lang.code().to_string()),
                    provider: Some(p.kind.provider()),
                    operation: None,
                },
                name: p.file.clone(),
                expected: expected_listing(&p),
                fields,
                lang: p.lang,
                op: p.op.clone(),
                bytes,
            }
        })
        .collect()
}

/// Checks scraped specs against the listings their pages were written with; prints the
/// first differences and returns how many pages differ.
pub(super) fn check_listings(pages: &[CorpusPage], specs: &[Option<Spec>]) -> usize {
    let mut bad = 0;
    for (p, s) in pages.iter().zip(specs) {
        let Some(s) = s else {
            bad += 1;
            continue;
        };
        let got = s.fields_listing();
        if got != p.expected {
            bad += 1;
            if bad <= 3 {
                let first = got.lines().zip(p.expected.lines()).position(|(a, b)| a != b);
                let (g, e) = match first {
                    Some(i) => (got.lines().nth(i).unwrap_or(""), p.expected.lines().nth(i).unwrap_or("")),
                    None => ("(a different number of fields)", ""),
                };
                eprintln!("error: {}: scrapes to a different listing:\n  got:      {g}\n  expected: {e}", p.info.file);
            }
        }
    }
    bad
}

// ---------------------------------------------------------------------------------------
// bench-corpus
// ---------------------------------------------------------------------------------------

/// Writes the corpus: pages, manifest and (through the pipeline) the spec.
pub fn corpus(layout: &Layout, args: &CorpusArgs) -> bool {
    let out = args.out.clone().unwrap_or_else(|| layout.root.join("target/bench-corpus"));
    let spec_dir = out.join("spec");
    let manifest_path = spec_dir.join("manifest.yaml");
    if let Ok(existing) = fs::read_to_string(&manifest_path)
        && !existing.starts_with(MANIFEST_HEADER)
    {
        eprintln!("error: {}: a manifest that bench-corpus did not write; pick another --out", manifest_path.display());
        return false;
    }
    let started = Instant::now();
    let pages = corpus_pages(args.pages, args.seed);
    let pages_dir = spec_dir.join("pages");
    if let Err(e) = fs::create_dir_all(&pages_dir) {
        eprintln!("error: {}: cannot create: {e}", pages_dir.display());
        return false;
    }
    let mut manifest = Manifest::default();
    let mut wanted = BTreeSet::new();
    for p in &pages {
        let path = spec_dir.join(&p.info.file);
        if fs::read(&path).ok().as_deref() != Some(p.bytes.as_slice())
            && let Err(e) = pipeline::write_atomic(&path, &p.bytes)
        {
            eprintln!("error: {}: cannot write: {e}", path.display());
            return false;
        }
        wanted.insert(path);
        manifest.pages.push(Page {
            file: p.info.file.clone(),
            provider: p.kind.provider(),
            lang: p.lang.code().to_string(),
            url: p.info.url.clone().unwrap_or_default(),
            fetch_url: None,
            operation: None,
        });
    }
    // Pages of an earlier, larger corpus.
    if let Ok(entries) = fs::read_dir(&pages_dir) {
        for e in entries.flatten() {
            let path = e.path();
            let ours = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.len() > 5 && n.as_bytes()[..4].iter().all(u8::is_ascii_digit) && n.as_bytes()[4] == b'_'
            });
            if ours && !wanted.contains(&path) {
                let _ = fs::remove_file(&path);
            }
        }
    }
    let text = match yaml::to_string(&manifest) {
        Ok(t) => format!("{MANIFEST_HEADER} {} --seed {}: generated, do not edit\n{t}", args.pages, args.seed),
        Err(e) => {
            eprintln!("error: cannot write the manifest: {e}");
            return false;
        }
    };
    if let Err(e) = pipeline::write_atomic(&manifest_path, text.as_bytes()) {
        eprintln!("error: {}: cannot write: {e}", manifest_path.display());
        return false;
    }
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let fields: usize = pages.iter().map(|p| p.fields).sum();
    outln!(
        "bench-corpus: wrote {} pages ({:.1} MB, {fields} fields; {} HTML, {} text) to {} in {:.1} s",
        pages.len(),
        bytes as f64 / 1e6,
        pages.iter().filter(|p| p.kind.is_html()).count(),
        pages.iter().filter(|p| !p.kind.is_html()).count(),
        spec_dir.display(),
        started.elapsed().as_secs_f64()
    );
    let corpus_layout = Layout::new(&out);
    let started = Instant::now();
    let report = match pipeline::run(&corpus_layout, Run { check: false, accept_shrink: true, emit: false }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    outln!(
        "bench-corpus: scraped them into spec/ in {:.1} s: {} files written, {} warnings, {} errors",
        started.elapsed().as_secs_f64(),
        report.changed.len(),
        report.warnings.len(),
        report.errors.len()
    );
    for e in report.errors.iter().take(5) {
        eprintln!("error: {e}");
    }
    // Each page must scrape to the fields it was written with.
    let specs: Vec<Option<Spec>> = pages
        .iter()
        .map(|p| {
            let file = spec_dir.join(format!("{}/{}.{}.yaml", p.kind.provider(), p.op, p.lang.code()));
            fs::read_to_string(file).ok().and_then(|s| yaml::spec_from_str(&s).ok())
        })
        .collect();
    let bad = check_listings(&pages, &specs);
    if bad > 0 {
        eprintln!("error: {bad} of {} pages do not scrape to the fields they were written with", pages.len());
    } else {
        outln!("bench-corpus: every page scrapes to the fields it was written with");
    }
    report.errors.is_empty() && bad == 0
}
