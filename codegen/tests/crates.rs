//! A provider with more operations than one generated crate holds: how `emit::generate`
//! splits them into crates, and how the facade's features, dependencies and modules name
//! each operation's crate. (The benchmark compiles such a split; this checks its wiring.)

use std::path::Path;

use paydoc_codegen::emit::{self, crates::OPS_PER_CRATE};
use paydoc_codegen::spec::yaml;

/// `n` PayerMax operations: the committed createPaybylink spec under `n` names and paths.
fn operations(n: usize) -> Vec<(String, paydoc_codegen::spec::Spec)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("spec/payermax/createPaybylink.zh.yaml")).expect("committed spec");
    let base = yaml::spec_from_str(&text).expect("it reads");
    (0..n)
        .map(|i| {
            let mut spec = base.clone();
            spec.operation = format!("makeThing{i:03}");
            spec.path = Some(format!("/aggregate-pay/api/gateway/makeThing{i:03}"));
            (format!("payermax/makeThing{i:03}.zh.yaml"), spec)
        })
        .collect()
}

fn file<'a>(out: &'a emit::Output, rel: &str) -> &'a str {
    out.files
        .iter()
        .find(|(p, _)| p == rel)
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("{rel} is not generated"))
}

#[test]
fn operations_beyond_one_crate_go_to_the_next_and_the_facade_names_each_crate() {
    let n = OPS_PER_CRATE + OPS_PER_CRATE / 2;
    let out = emit::generate(&operations(n));
    let modules = |rel: &str| file(&out, rel).lines().filter(|l| l.starts_with("pub mod make_thing")).count();
    assert_eq!(modules("crates/payermax-1/src/lib.rs"), OPS_PER_CRATE);
    assert_eq!(modules("crates/payermax-2/src/lib.rs"), n - OPS_PER_CRATE);
    assert!(!out.files.iter().any(|(p, _)| p.starts_with("crates/payermax-3/")), "no third crate");
    // Each operation's file sits in the crate that declares it.
    assert!(out.files.iter().any(|(p, _)| p == "crates/payermax-1/src/make_thing000.rs"));
    let last = format!("make_thing{:03}", n - 1);
    assert!(out.files.iter().any(|(p, _)| *p == format!("crates/payermax-2/src/{last}.rs")));

    // The facade's feature of an operation enables its crate's feature, which enables the
    // shared crate's.
    let first_of_second = format!("payermax-make-thing{OPS_PER_CRATE:03}");
    assert!(
        out.features
            .lines()
            .any(|l| l
                == "payermax-make-thing000 = [\"payermax-core\", \"paydoc-sdk-payermax-1/payermax-make-thing000\"]")
    );
    let wanted = format!("{first_of_second} = [\"payermax-core\", \"paydoc-sdk-payermax-2/{first_of_second}\"]");
    assert!(out.features.lines().any(|l| l == wanted), "{}", out.features);
    let second = file(&out, "crates/payermax-2/Cargo.toml");
    assert!(second.contains(&format!("{first_of_second} = [\"paydoc-sdk-payermax/{first_of_second}\"]")), "{second}");
    assert!(second.contains("paydoc-sdk-payermax = { path = \"../payermax\" }"), "{second}");
    assert!(file(&out, "crates/payermax/Cargo.toml").contains(&format!("{first_of_second} = []")));
    // Every operation is in the provider's feature, and both crates are optional dependencies.
    let all = out.features.lines().find(|l| l.starts_with("payermax = ")).expect("the provider feature");
    assert_eq!(all.matches("\"payermax-make-thing").count(), n);
    for k in ["payermax", "payermax-1", "payermax-2"] {
        let dep = format!("paydoc-sdk-{k} = {{ path = \"crates/{k}\", optional = true }}");
        assert!(out.dependencies.lines().any(|l| l == dep), "{}", out.dependencies);
    }
    // The facade's module re-exports each operation from its crate, under its feature.
    let facade = file(&out, "src/payermax/mod.rs");
    let reexport = format!(
        "#[doc(inline)]\n#[cfg(feature = \"{first_of_second}\")]\npub use paydoc_sdk_payermax_2::make_thing{OPS_PER_CRATE:03};"
    );
    assert!(facade.contains(&reexport), "{facade}");
    assert!(facade.contains("pub use paydoc_sdk_payermax_1::make_thing000;"));
}
