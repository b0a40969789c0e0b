//! Excerpts of the live doc sites in every rendering we have of them (issue #12), against
//! listings written by reading each page; provider detection and mismatch; environments;
//! enums inferred from prose; placeholder paths.

use std::fs;
use std::path::{Path, PathBuf};

use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::pipeline;
use paydoc_codegen::spec::{Provider, Server, Spec, WarningKind};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn page(name: &str) -> PathBuf {
    root().join("codegen/tests/pages/real").join(name)
}

/// Scraped as `scrape PAGE` does without `--provider`: the page's own markers decide.
fn scrape(name: &str) -> Spec {
    let info = PageInfo { file: name.into(), ..Default::default() };
    pipeline::scrape_file(&page(name), &info).unwrap_or_else(|e| panic!("{e}"))
}

/// (page, hand-read listing)
const PAGES: &[(&str, &str)] = &[
    ("payermax-delSuffixStart5.en.txt", "payermax-delSuffixStart5.en.fields"),
    ("payermax-delSuffixStart2.en.txt", "payermax-delSuffixStart2.en.fields"),
    ("payermax-delSuffixStart4.en.txt", "payermax-delSuffixStart4.en.fields"),
    ("payermax-v2-delSuffixStart10.en.txt", "payermax-v2-delSuffixStart10.en.fields"),
    ("payermax-orderAndPay-delSuffixStart1.zh.txt", "payermax-orderAndPay-delSuffixStart1.zh.fields"),
    ("payermax-orderAndPay-delSuffixStart1.pipes.zh.txt", "payermax-orderAndPay-delSuffixStart1.pipes.zh.fields"),
    ("payermax-v2-paymentOrderQry.en.txt", "payermax-v2-paymentOrderQry.en.fields"),
    ("payermax-v2-paymentOrderQry.pipes.en.txt", "payermax-v2-paymentOrderQry.en.fields"),
    ("payermax-v2-paymentOrderQry.en.md", "payermax-v2-paymentOrderQry.en.fields"),
    ("payermax-v2-paymentOrderQry.zh.md", "payermax-v2-paymentOrderQry.zh.fields"),
    ("payermax-currentBalanceQuery.en.txt", "payermax-currentBalanceQuery.en.fields"),
    ("payermax-refund.en.md", "payermax-refund.en.fields"),
    ("payermax-refund-notification.en.md", "payermax-refund-notification.en.fields"),
    ("payermax-v2-isv.en.txt", "payermax-v2-isv.en.fields"),
    ("pingpong-v4-bind.zh.txt", "pingpong-v4-bind.zh.fields"),
    ("pingpong-v4-bind.pipes.zh.txt", "pingpong-v4-bind.pipes.zh.fields"),
    ("pingpong-acquirer-payment.zh.txt", "pingpong-acquirer-payment.zh.fields"),
    ("pingpong-v2-registrations.zh.txt", "pingpong-v2-registrations.zh.fields"),
    ("pingpong-v4-void-query.zh.txt", "pingpong-v4-void-query.zh.fields"),
    ("pingpong-v4-refund-query.pipes.zh.txt", "pingpong-v4-refund-query.pipes.zh.fields"),
    ("pingpong-cancelToken.zh.txt", "pingpong-cancelToken.zh.fields"),
    ("antom-capture.en.md", "antom-capture.en.fields"),
    ("antom-notifyCapture.en.txt", "antom-notifyCapture.en.fields"),
    ("antom-capture-guide.en.txt", "antom-capture-guide.en.fields"),
    ("antom-capture-guide.pipes.en.txt", "antom-capture-guide.pipes.en.fields"),
    ("antom-inquiryPayment.en.txt", "antom-inquiryPayment.en.fields"),
    ("antom-inquiryPayment-online.en.txt", "antom-inquiryPayment-online.en.fields"),
    ("antom-notifyRefund.en.txt", "antom-notifyRefund.en.fields"),
    ("antom-omnichannel-pay.en.txt", "antom-omnichannel-pay.en.fields"),
    ("antom-omnichannel-pay.pipes.en.txt", "antom-omnichannel-pay.pipes.en.fields"),
];

#[test]
fn every_real_page_gives_its_hand_read_listing() {
    let mut failures = Vec::new();
    for (name, golden) in PAGES {
        let want = fs::read_to_string(root().join("codegen/tests/golden/real").join(golden)).expect("golden");
        let spec = scrape(name);
        let want_provider: Provider = name.split('-').next().and_then(|p| p.parse().ok()).expect("provider prefix");
        assert_eq!(spec.provider, want_provider, "{name}");
        if spec.fields_listing() != want {
            failures.push(format!("{name}:\n--- got\n{}--- want\n{want}", spec.fields_listing()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_page_with_sources_is_listed() {
    let listed = fs::read_to_string(page("SOURCES.md")).expect("SOURCES.md");
    for entry in fs::read_dir(page("")).expect("dir") {
        let name = entry.expect("entry").file_name().to_string_lossy().to_string();
        if name == "SOURCES.md" {
            continue;
        }
        assert!(listed.contains(&format!("`{name}`")), "{name} has no source URL in SOURCES.md");
        assert!(PAGES.iter().any(|(p, _)| *p == name), "{name} has no listing");
    }
}

fn warnings(spec: &Spec, kind: WarningKind) -> Vec<String> {
    spec.warnings.iter().filter(|w| w.kind == kind).map(|w| w.message.clone()).collect()
}

#[test]
fn placeholder_paths_are_junk_not_endpoints() {
    for name in ["payermax-delSuffixStart5.en.txt", "payermax-v2-delSuffixStart10.en.txt"] {
        let spec = scrape(name);
        assert_eq!((spec.method.map(|m| m.as_str()), spec.path.as_deref()), (Some("POST"), None), "{name}");
        let junk = warnings(&spec, WarningKind::PathJunk);
        assert_eq!(junk.len(), 1, "{name}: {junk:?}");
        assert!(junk[0].contains("delSuffixStart"), "{junk:?}");
        assert_eq!(warnings(&spec, WarningKind::NoPath).len(), 1, "{name}");
    }
    for name in ["payermax-orderAndPay-delSuffixStart1.zh.txt", "payermax-orderAndPay-delSuffixStart1.pipes.zh.txt"] {
        let spec = scrape(name);
        assert_eq!(spec.operation, "orderAndPay", "{name}");
        let junk = warnings(&spec, WarningKind::PathJunk);
        assert!(junk.len() == 1 && junk[0].starts_with("`delSuffixStart1` after the path"), "{name}: {junk:?}");
    }
}

#[test]
fn header_tables_are_headers_in_every_rendering() {
    // The balance page, the refund excerpts and the ISV parameters show no header table.
    let has_headers =
        |n: &str| n.starts_with("payermax-") && !["Balance", "refund", "isv"].iter().any(|p| n.contains(p));
    for (name, _) in PAGES.iter().filter(|(n, _)| has_headers(n)) {
        let spec = scrape(name);
        assert!(spec.headers.iter().any(|h| h.name == "sign"), "{name}: no sign header");
        assert!(spec.request.fields.iter().all(|f| f.name != "sign"), "{name}: sign read as a body field");
    }
}

#[test]
fn environments_become_servers() {
    let sandbox = |url: &str| Server { name: "sandbox".into(), url: url.into() };
    let production = |url: &str| Server { name: "production".into(), url: url.into() };
    let payermax = [sandbox("https://pay-gate-uat.payermax.com"), production("https://pay-gate.payermax.com")];
    for name in ["payermax-v2-paymentOrderQry.en.txt", "payermax-v2-paymentOrderQry.pipes.en.txt"] {
        assert_eq!(scrape(name).servers, payermax, "{name}");
    }
    assert_eq!(scrape("payermax-v2-paymentOrderQry.zh.md").servers, payermax);
    let pingpong = [
        sandbox("https://sandbox-acquirer-payment.pingpongx.com"),
        production("https://acquirer-payment.pingpongx.com"),
    ];
    for name in [
        "pingpong-v4-bind.zh.txt",
        "pingpong-v4-bind.pipes.zh.txt",
        "pingpong-acquirer-payment.zh.txt",
        "pingpong-v4-void-query.zh.txt",
        "pingpong-cancelToken.zh.txt",
    ] {
        assert_eq!(scrape(name).servers, pingpong, "{name}");
    }
    // `https://{host}/…` names no host.
    assert!(scrape("pingpong-v2-registrations.zh.txt").servers.is_empty());
}

fn field<'a>(fields: &'a [paydoc_codegen::spec::Field], path: &str) -> &'a paydoc_codegen::spec::Field {
    let mut found = None;
    paydoc_codegen::spec::walk_fields(fields, &mut |p, f| {
        if p == path {
            found = Some(f);
        }
    });
    found.unwrap_or_else(|| panic!("no field {path}"))
}

#[test]
fn enums_from_prose_are_marked_inferred_and_enum_columns_are_not() {
    let spec = scrape("antom-inquiryPayment-online.en.txt");
    assert!(field(&spec.response.fields, "paymentStatus").enum_inferred);
    let spec = scrape("pingpong-v4-bind.zh.txt");
    assert!(field(&spec.request.fields, "paymentMethod.type").enum_inferred);
    let spec = scrape("payermax-currentBalanceQuery.en.txt");
    assert!(field(&spec.request.fields, "data.accountType").enum_inferred);
    // The seed's `terminalType` says "value is WEB,WAP,APP" and its example sends `app`.
    let seed = root().join("spec/pages/001_5bc4cb95680f1334.txt");
    let info = PageInfo { file: "001.txt".into(), ..Default::default() };
    let spec = pipeline::scrape_file(&seed, &info).unwrap_or_else(|e| panic!("{e}"));
    assert!(field(&spec.request.fields, "data.envInfo.terminalType").enum_inferred);
    // An Enum column is the page's own list.
    let mit = field(&spec.request.fields, "data.mitType");
    assert!(!mit.enum_values.is_empty() && !mit.enum_inferred, "{mit:?}");
}

#[test]
fn a_page_of_another_site_is_refused_naming_both() {
    let info =
        PageInfo { file: "antom-capture.en.md".into(), provider: Some(Provider::Payermax), ..Default::default() };
    let err = pipeline::scrape_file(&page("antom-capture.en.md"), &info).expect_err("mismatch").to_string();
    assert!(err.contains("Antom") && err.contains("PayerMax") && err.contains("antom-capture.en.md"), "{err}");
    let info =
        PageInfo { file: "pingpong-v4-bind.zh.txt".into(), provider: Some(Provider::Antom), ..Default::default() };
    let err = pipeline::scrape_file(&page("pingpong-v4-bind.zh.txt"), &info).expect_err("mismatch").to_string();
    assert!(err.contains("PingPong") && err.contains("Antom"), "{err}");
}

#[test]
fn a_page_without_site_markers_trusts_the_given_provider() {
    let text = "Request Body\n\nFieldTypeRequiredConstraintsDescriptionEnum\namountbigdecimalYesThe amount\n\
                createdAtdatetime是When\nlinkurlREQUIREDWhere to go\n";
    for provider in Provider::ALL {
        let info = PageInfo { file: "excerpt.txt".into(), provider: Some(provider), ..Default::default() };
        let spec = pipeline::scrape_bytes(text.as_bytes(), "excerpt.txt", &info).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.provider, provider);
    }
}

#[test]
fn run_together_rows_split_at_the_longest_type_word_with_every_flag() {
    let text = "Skip to content\n\nx\n\n  • Endpoint: POST /a/b\n\nRequest Body\n\n\
                FieldTypeRequiredConstraintsDescriptionEnum\namountbigdecimalYesThe amount\n\
                createdAtdatetime是When\nlinkurlREQUIREDWhere to go\nnotestringNoA note\n\
                titlestring是A title\ncodestringREQUIREDA code\n";
    let info = PageInfo { file: "x.txt".into(), provider: Some(Provider::Payermax), ..Default::default() };
    let spec = pipeline::scrape_bytes(text.as_bytes(), "x.txt", &info).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(String, String, bool)> =
        spec.request.fields.iter().map(|f| (f.name.clone(), f.ty.to_string(), f.required)).collect();
    let want = [
        ("amount", "number", true),
        ("createdAt", "string", true),
        ("link", "string", true),
        ("note", "string", false),
        ("title", "string", true),
        ("code", "string", true),
    ];
    assert_eq!(got, want.map(|(n, t, r)| (n.to_string(), t.to_string(), r)));
}

#[test]
fn pages_cut_off_keep_what_they_show_and_say_so() {
    for name in [
        "antom-capture.en.md",
        "payermax-delSuffixStart4.en.txt",
        "payermax-v2-paymentOrderQry.en.txt",
        "pingpong-v4-bind.zh.txt",
    ] {
        let spec = scrape(name);
        assert!(spec.field_count() > 0, "{name}");
        assert!(!warnings(&spec, WarningKind::Truncated).is_empty(), "{name}: no warning that it is cut off");
    }
    let spec = scrape("pingpong-v4-bind.zh.txt");
    assert!(warnings(&spec, WarningKind::Truncated).iter().any(|w| w.contains("merchantRe")), "{:?}", spec.warnings);
}

/// A page written for this test in docs-v2's structure (the stored excerpts stop before
/// the response part): `Headers` and `Body` under the response part are the response's,
/// and numbered example headings say which message they show.
#[test]
fn docs_v2_response_part_and_numbered_examples() {
    let path = root().join("codegen/tests/pages/payermax-v2-reference.en.md");
    let want = fs::read_to_string(root().join("codegen/tests/golden/payermax-v2-reference.en.fields")).expect("golden");
    let info = PageInfo {
        file: "payermax-v2-reference.en.md".into(),
        provider: Some(Provider::Payermax),
        ..Default::default()
    };
    let spec = pipeline::scrape_file(&path, &info).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.fields_listing(), want);
    let kinds: Vec<_> = spec.examples.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [paydoc_codegen::spec::ExampleKind::Request, paydoc_codegen::spec::ExampleKind::Response]);
}

/// Small pages in the sites' structures for shapes the stored excerpts lack: a header table
/// that lost its `In` column, and a stray letter a collapsed widget left in a table.
#[test]
fn a_header_table_without_its_in_column_and_a_stray_letter() {
    let text = "Skip to content\n\nx\n\n  • Endpoint: POST /a/b/query\n\nParameters\n\n\
                FieldTypeRequiredConstraintsDescription\nsignstringYes\nContent-TypestringYes\n\n\
                Request Body\n\nFieldTypeRequiredConstraintsDescriptionEnum\namountstringYesAmount\n";
    let info = PageInfo { file: "x.txt".into(), provider: Some(Provider::Payermax), ..Default::default() };
    let spec = pipeline::scrape_bytes(text.as_bytes(), "x.txt", &info).unwrap_or_else(|e| panic!("{e}"));
    let headers: Vec<&str> = spec.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(headers, ["sign", "Content-Type"]);
    let body: Vec<&str> = spec.request.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(body, ["amount"]);

    let text = "# 请求地址\nPOST https://sandbox-acquirer-payment.pingpongx.com/v4/x\n# 请求参数\n\
                字段名称 类型 必填 描述\nrequestId String(64) M 唯一请求号\nR\ntoken String M 令牌\n";
    let spec =
        pipeline::scrape_bytes(text.as_bytes(), "y.txt", &PageInfo { file: "y.txt".into(), ..Default::default() })
            .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = spec.request.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["requestId", "token"]);
    assert!(spec.warnings.iter().all(|w| !w.message.contains("`R`")), "{:?}", spec.warnings);
}
