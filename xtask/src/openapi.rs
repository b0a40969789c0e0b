//! `cargo xtask openapi`: write the committed spec as one OpenAPI document per provider.

use std::path::PathBuf;

use clap::Args;
use paydoc_codegen::openapi::{self, Version};
use paydoc_codegen::pipeline::{self, Layout};

#[derive(Args)]
pub struct OpenapiArgs {
    /// The OpenAPI version: 3.1 (webhooks, const) or 3.0 for tools that read only 3.0.
    #[arg(long, default_value = "3.1")]
    version: Version,
    /// The directory to write `<provider>.json` (3.1) or `<provider>.3.0.json` into; by
    /// default spec/openapi.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(layout: &Layout, args: &OpenapiArgs) -> bool {
    let specs = match pipeline::load_specs(&layout.spec_dir()) {
        Ok(s) => s,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return false;
        }
    };
    if specs.is_empty() {
        eprintln!("error: {}: no spec files; run `cargo xtask scrape` first", layout.show(&layout.spec_dir()));
        return false;
    }
    let specs: Vec<(String, _)> = specs.into_iter().map(|s| (s.file_name(), s)).collect();
    let out = openapi::export(&specs, args.version);
    for w in &out.warnings {
        eprintln!("warning: {w}");
    }
    let dir = args.out.clone().unwrap_or_else(|| layout.spec_dir().join("openapi"));
    let mut ok = true;
    for (name, text) in &out.files {
        let path = dir.join(name);
        match pipeline::write_atomic(&path, text.as_bytes()) {
            Ok(()) => eprintln!("wrote {}", layout.show(&path)),
            Err(e) => {
                eprintln!("error: {}: cannot write: {e}", layout.show(&path));
                ok = false;
            }
        }
    }
    ok
}
