//! Seed pages broken the ways real pages break (cut off, rows shuffled, cells dropped,
//! headers doubled, random bytes): scraping and generating never panic, failures are one
//! line naming the file, and whatever scrapes writes a spec that reads back.

use std::path::Path;

use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::pipeline::scrape_bytes;
use paydoc_codegen::spec::yaml;
use proptest::prelude::*;

const PAGES: &[&str] = &[
    "spec/pages/000_effe751be35d6c2c.txt",
    "spec/pages/001_5bc4cb95680f1334.txt",
    "spec/pages/002_e5e5ab49e47292b0.txt",
    "spec/pages/003_ea69db9ca0bd726d.txt",
    "spec/pages/004_b9b2ca1c4e7d09c8.txt",
    "codegen/tests/fixtures/html/payermax/applyPaymentToken.en.html",
    "codegen/tests/fixtures/html/pingpong/one-click-pay.zh.html",
    "codegen/tests/fixtures/md/antom/createPaymentSession.zh.md",
    "codegen/tests/fixtures/md/payermax/createPaybylink.zh.md",
];

fn page(i: usize) -> (String, Vec<u8>) {
    let rel = PAGES[i % PAGES.len()];
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("root").join(rel);
    (rel.to_string(), std::fs::read(path).expect("page"))
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Shuffle(u64),
    DropCells(usize),
    DoubleHeaders,
    RandomBytes(usize, Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        any::<u64>().prop_map(Mutation::Shuffle),
        any::<usize>().prop_map(Mutation::DropCells),
        Just(Mutation::DoubleHeaders),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, b)| Mutation::RandomBytes(at, b)),
    ]
}

fn apply(m: &Mutation, bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    match m {
        Mutation::Truncate(at) => bytes[..at % (bytes.len() + 1)].to_vec(),
        Mutation::Shuffle(seed) => {
            // A seeded Fisher–Yates over the lines.
            let mut l = lines.clone();
            let mut s = *seed | 1;
            for i in (1..l.len()).rev() {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                l.swap(i, (s % (i as u64 + 1)) as usize);
            }
            l.join("\n").into_bytes()
        }
        Mutation::DropCells(n) => {
            // Remove every n-th cell separator (`|`, tabs) and run-together type words.
            let step = n % 5 + 1;
            let mut out = String::new();
            let mut k = 0;
            for c in text.chars() {
                if c == '|' || c == '\t' || c == '<' {
                    k += 1;
                    if k % step == 0 {
                        continue;
                    }
                }
                out.push(c);
            }
            out.replace("stringYes", "Yes").into_bytes()
        }
        Mutation::DoubleHeaders => {
            let mut out = Vec::new();
            for l in &lines {
                out.push(*l);
                let t = l.trim();
                if t.starts_with('#')
                    || t.starts_with("Field")
                    || t.starts_with("| Field")
                    || t.starts_with("<h")
                    || t == "入参"
                {
                    out.push(l);
                }
            }
            out.join("\n").into_bytes()
        }
        Mutation::RandomBytes(at, junk) => {
            let at = at % (bytes.len() + 1);
            let mut out = bytes[..at].to_vec();
            out.extend_from_slice(junk);
            out.extend_from_slice(&bytes[at..]);
            out
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn broken_pages_never_panic(which in 0usize..PAGES.len(), m in mutation()) {
        let (name, bytes) = page(which);
        let broken = apply(&m, &bytes);
        let info = PageInfo { file: name.clone(), ..Default::default() };
        match scrape_bytes(&broken, &name, &info) {
            Ok(spec) => {
                let text = yaml::spec_to_string(&spec).expect("serializes");
                let back = yaml::spec_from_str(&text).expect("reads back");
                prop_assert_eq!(yaml::spec_to_string(&back).expect("serializes"), text);
                let out = paydoc_codegen::emit::generate(&[(spec.file_name(), back)]);
                prop_assert!(!out.warnings.iter().any(|w| w.message.contains("does not parse")), "{:?}", out.warnings);
            }
            Err(e) => {
                let line = e.to_string();
                prop_assert!(line.starts_with(&format!("{name}: ")), "{}", line);
                prop_assert!(!line.contains('\n'));
            }
        }
    }
}
