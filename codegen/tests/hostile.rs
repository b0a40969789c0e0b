//! Pages and specs built to break the generated code: comment terminators, quotes,
//! backslashes, control and bidi characters in descriptions; keyword, digit-led, dashed,
//! spaced and CJK field names, and names no identifier may hold (`areaM²`); names and enum values that collide after case conversion;
//! empty and digit-only enum values; a maxLength of 10^30; nesting 200 levels deep.
//! The generated crate must compile, pass its own example test (which proves the exact
//! wire names survive), and say what it renamed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::spec::{Body, Example, ExampleKind, Field, Provider, Source, Spec, Type, WarningKind};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace").to_path_buf()
}

fn field(name: &str, ty: Type, required: bool) -> Field {
    let mut f = Field::new(name, ty, "line 1");
    f.required = required;
    f
}

/// Two operations whose roots differ only in an optional nested object: they share a
/// generic envelope whose parameter is optional (`Option<Inner>` must not need `Default`).
fn envelope_pair() -> Vec<(String, Spec)> {
    ["first", "second"]
        .iter()
        .map(|op| {
            let mut inner = field("inner", Type::Object, false);
            inner.fields = vec![field(&format!("{op}Only"), Type::String, true)];
            let mut spec = hostile_spec();
            spec.operation = (*op).into();
            spec.request.fields = vec![field("id", Type::String, true), inner];
            let value = serde_json::json!({"id": "x", "inner": {format!("{op}Only"): "y"}});
            spec.examples = vec![Example { kind: ExampleKind::Request, title: None, at: "line 3".into(), value }];
            (format!("antom/{op}.en.yaml"), spec)
        })
        .collect()
}

/// An operation whose request and response each have an object of the same fields with an
/// enum: the response must still read a value the docs do not list, so the two objects
/// cannot share one struct with the request's closed enum.
fn shared_object_with_enum() -> (String, Spec) {
    let party = || {
        let mut kind = field("kind", Type::String, true);
        kind.enum_values = vec!["PERSON".into(), "COMPANY".into()];
        let mut party = field("party", Type::Object, true);
        party.fields = vec![field("name", Type::String, true), kind];
        party
    };
    let mut spec = hostile_spec();
    spec.operation = "shared".into();
    spec.scalars_as_strings = false;
    spec.request.fields = vec![party()];
    spec.response.fields = vec![party()];
    let at = "line 4".to_string();
    spec.examples = vec![
        Example {
            kind: ExampleKind::Request,
            title: None,
            at: at.clone(),
            value: serde_json::json!({"party": {"name": "a", "kind": "PERSON"}}),
        },
        Example {
            kind: ExampleKind::Response,
            title: None,
            at: at.clone(),
            value: serde_json::json!({
                "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
                "party": {"name": "a", "kind": "TRUST"}
            }),
        },
        // Without Antom's required `result`: the example test checks that the type refuses it.
        Example {
            kind: ExampleKind::Response,
            title: None,
            at,
            value: serde_json::json!({"party": {"name": "a", "kind": "PERSON"}}),
        },
    ];
    ("antom/shared.en.yaml".into(), spec)
}

/// An Antom-like spec no page would give: empty and digit enum values, string-encoded
/// scalars, an object without children, names that make the same Rust name.
fn hostile_spec() -> Spec {
    let mut level = field("e", Type::String, false);
    level.enum_values = vec!["".into(), "01".into(), "Self".into(), "self".into()];
    let mut amount = field("amount", Type::Integer, true);
    amount.description = "a trailing backslash \\".into();
    let flag = field("flag", Type::Boolean, false);
    let bag = field("bag", Type::Object, false);
    let mut dash = field("-", Type::String, false);
    dash.description = "a name that is only punctuation".into();
    let plus = field("+", Type::String, false);
    let example =
        serde_json::json!({"e": "", "amount": "20", "flag": "true", "bag": {"x": 1}, "-": "dash", "+": "plus"});
    Spec {
        provider: Provider::Antom,
        operation: "type".into(),
        title: "A hostile */ title".into(),
        lang: "en".into(),
        source: Source { page: "pages/hostile.txt".into(), url: None, form: "text".into(), overlay: None },
        method: Some(paydoc_codegen::spec::Method::Post),
        path: Some("/v1/\"quoted\"/path".into()),
        servers: Vec::new(),
        description: "Control \u{1b}[31m and bidi \u{2066} characters.".into(),
        scalars_as_strings: true,
        headers: Vec::new(),
        request: Body { content_type: None, fields: vec![level, amount, flag, bag, dash, plus] },
        // `map` and `key` are the names a generated `Deserialize` would give its own bindings.
        response: Body {
            content_type: None,
            fields: vec![
                field("ok", Type::Boolean, true),
                field("map", Type::String, true),
                field("key", Type::Integer, false),
            ],
        },
        examples: vec![Example { kind: ExampleKind::Request, title: None, at: "line 2".into(), value: example }],
        result_codes: Vec::new(),
        notifications: Vec::new(),
        warnings: Vec::new(),
    }
}

#[test]
fn hostile_pages_and_specs_generate_a_crate_that_compiles_and_keeps_wire_names() {
    let page = root().join("codegen/tests/hostile/payermax-hostile.md");
    let info = PageInfo { file: "payermax-hostile.md".into(), ..Default::default() };
    let scraped = paydoc_codegen::pipeline::scrape_file(&page, &info).expect("the page scrapes");
    assert!(
        scraped.warnings.iter().any(|w| w.kind == WarningKind::Unreadable && w.message.contains("too large")),
        "{:?}",
        scraped.warnings
    );
    let mut depth = 0;
    paydoc_codegen::spec::walk_fields(&scraped.request.fields, &mut |p, _| {
        depth = depth.max(p.matches("deep").count())
    });
    assert_eq!(depth, 200);

    let mut specs =
        vec![("payermax/hostile.zh.yaml".to_string(), scraped), ("antom/type.en.yaml".to_string(), hostile_spec())];
    specs.extend(envelope_pair());
    specs.push(shared_object_with_enum());
    let out = paydoc_codegen::emit::generate(&specs);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert!(!warnings.iter().any(|w| w.contains("does not parse")), "{warnings:#?}");
    for expected in [
        "fields `userId` and `user_id` both make the Rust field `user_id`; `user_id` is `user_id_2`",
        "fields `user-name` and `user name` both make the Rust field `user_name`",
        "enum `Kind`: values `A-B` and `A_B` both make the variant `AB`; `A_B` is `AB2`",
        "enum `E`: values `Self` and `self` both make the variant `SelfValue`",
        "fields `-` and `+` both make the Rust field `field`",
        "200 different types want the name `HostileRequestDeep`",
    ] {
        assert!(warnings.iter().any(|w| w.contains(expected)), "no warning like {expected:?}: {warnings:#?}");
    }
    let all: String = out.files.iter().map(|(_, text)| text.as_str()).collect();
    for wire in [
        "rename = \"3ds\"",
        "rename = \"user name\"",
        "rename = \"user-name\"",
        "rename = \"user_id\"",
        // `userId` is `user_id` in camelCase: the struct's `rename_all` spells it.
        "serde(rename_all = \"camelCase\")",
        "pub 名称: Option<String>",
        "rename = \"areaM²\"",
        "rename = \"m²\"",
    ] {
        assert!(all.contains(wire), "{wire} missing");
    }
    assert!(all.contains("pub struct RequestEnvelope<Inner>"), "the two Antom operations share an envelope");
    assert!(
        !all.contains('\u{202e}') && !all.contains('\u{2066}') && !all.contains('\u{7}'),
        "direction and control characters are dropped from docs"
    );

    // Write the crate next to the project's runtime and build and test it.
    let dir = std::env::temp_dir().join(format!("paydoc-hostile-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    for (rel, bytes) in paydoc_codegen::standalone::files(&root(), &out).expect("standalone project") {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }
    fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock");
    let target = root().join("target/hostile");
    let out = Command::new(env!("CARGO"))
        // The doc-tests of the provider modules call the seed operations, which this crate has not.
        // Both optional directions too: every struct reads and writes.
        .args(["test", "--offline", "--quiet", "-p", "paydoc-sdk", "--tests"])
        .args(["--features", "deserialize-requests,serialize-responses"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "the hostile crate in {} does not build or pass its tests:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("test result: ok. 8 passed"), "its example tests ran:\n{stdout}");
    let _ = fs::remove_dir_all(&dir);
}
