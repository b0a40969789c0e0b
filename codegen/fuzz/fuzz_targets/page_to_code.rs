//! Fuzzes the whole path from page bytes to generated code: no input may panic, and the
//! code emitted for any spec parses as Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paydoc_codegen::extract::PageInfo;

fuzz_target!(|data: &[u8]| {
    let info = PageInfo { file: "fuzz.txt".into(), ..Default::default() };
    let Ok(spec) = paydoc_codegen::pipeline::scrape_bytes(data, "fuzz", &info) else { return };
    let out = paydoc_codegen::emit::generate(&[("fuzz/x.yaml".into(), spec)]);
    // Rendering failures are reported as warnings; none may happen.
    assert!(!out.warnings.iter().any(|w| w.message.contains("does not parse")), "{:?}", out.warnings);
});
