//! Fuzzes the text reader and the extractors behind it: no input may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paydoc_codegen::doc::Form;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = paydoc_codegen::read::decode(data)
        && let Ok(doc) = paydoc_codegen::read::read(Form::Text, src)
    {
        let _ = paydoc_codegen::extract::extract(&doc, src, &Default::default());
    }
});
