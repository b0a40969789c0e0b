//! Fuzzes the spec YAML loader: no input may panic, and what loads writes back stably.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paydoc_codegen::spec::yaml;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Ok(spec) = yaml::spec_from_str(src)
        && let Ok(text) = yaml::spec_to_string(&spec)
    {
        let back = yaml::spec_from_str(&text).expect("a written spec reads back");
        assert_eq!(yaml::spec_to_string(&back).ok(), Some(text));
    }
});
