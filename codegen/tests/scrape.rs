//! Scraping the seed pages in every form against hand-checked golden listings, the spec's
//! YAML form, determinism, warnings the pages deserve, and pages that must be refused.

use std::fs;
use std::path::{Path, PathBuf};

use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::pipeline::{self, Layout, Run};
use paydoc_codegen::spec::{Provider, Spec, WarningKind, yaml};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// (seed text copy, golden listing, fixtures in the other forms)
const SEEDS: &[(&str, &str, &[&str])] = &[
    (
        "000_effe751be35d6c2c.txt",
        "applyDropinSession.zh.fields",
        &["html/payermax/applyDropinSession.zh.html", "md/payermax/applyDropinSession.zh.md"],
    ),
    (
        "001_5bc4cb95680f1334.txt",
        "applyPaymentToken.en.fields",
        &["html/payermax/applyPaymentToken.en.html", "md/payermax/applyPaymentToken.en.md"],
    ),
    (
        "002_e5e5ab49e47292b0.txt",
        "createPaybylink.zh.fields",
        &["html/payermax/createPaybylink.zh.html", "md/payermax/createPaybylink.zh.md"],
    ),
    (
        "003_ea69db9ca0bd726d.txt",
        "one-click-pay.zh.fields",
        &["html/pingpong/one-click-pay.zh.html", "md/pingpong/one-click-pay.zh.md"],
    ),
    ("004_b9b2ca1c4e7d09c8.txt", "createPaymentSession.zh.fields", &["md/antom/createPaymentSession.zh.md"]),
];

fn scrape(path: &Path) -> Spec {
    let info = PageInfo { file: path.display().to_string(), ..Default::default() };
    pipeline::scrape_file(path, &info).unwrap_or_else(|e| panic!("{e}"))
}

fn seed(name: &str) -> PathBuf {
    root().join("spec/pages").join(name)
}

fn fixture(name: &str) -> PathBuf {
    root().join("codegen/tests/fixtures").join(name)
}

#[test]
fn every_seed_gives_its_golden_field_listing() {
    for (page, golden, _) in SEEDS {
        let want = fs::read_to_string(root().join("codegen/tests/golden").join(golden)).expect("golden file");
        assert_eq!(scrape(&seed(page)).fields_listing(), want, "{page}");
    }
}

/// Pages written for these tests in each site's structure (not copies of any seed): other
/// operations, another language, a PingPong API reference page, an Antom Markdown page with
/// nested fields and a result-code table.
#[test]
fn other_pages_of_each_site_give_their_golden_listings() {
    for (page, golden) in [
        ("payermax-reference.en.txt", "payermax-reference.en.fields"),
        ("pingpong-reference.zh.txt", "pingpong-reference.zh.fields"),
        ("antom-reference.en.md", "antom-reference.en.fields"),
    ] {
        let path = root().join("codegen/tests/pages").join(page);
        let want = fs::read_to_string(root().join("codegen/tests/golden").join(golden)).expect("golden");
        let info = PageInfo {
            file: page.into(),
            provider: page.split('-').next().and_then(|p| p.parse().ok()),
            ..Default::default()
        };
        let spec = pipeline::scrape_file(&path, &info).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.fields_listing(), want, "{page}");
    }
    let antom = scrape(&root().join("codegen/tests/pages/antom-reference.en.md"));
    let codes: Vec<_> = antom.result_codes.iter().map(|c| (c.code.as_str(), c.status.as_deref())).collect();
    assert_eq!(codes, [("SUCCESS", Some("S")), ("ORDER_NOT_EXIST", Some("F"))]);
    assert!(!antom.warnings.iter().any(|w| w.kind == WarningKind::Truncated), "{:?}", antom.warnings);
    let payermax = scrape(&root().join("codegen/tests/pages/payermax-reference.en.txt"));
    assert_eq!(payermax.examples.len(), 2);
    assert!(payermax.warnings.iter().all(|w| w.kind != WarningKind::ExampleType), "{:?}", payermax.warnings);
}

#[test]
fn html_and_markdown_fixtures_give_the_fields_of_the_text_copy() {
    for (page, _, others) in SEEDS {
        let text = scrape(&seed(page)).fields_listing();
        for other in *others {
            assert_eq!(scrape(&fixture(other)).fields_listing(), text, "{other} vs {page}");
        }
    }
}

#[test]
fn specs_are_deterministic_and_read_back_to_the_same_bytes() {
    for (page, _, _) in SEEDS {
        let first = yaml::spec_to_string(&scrape(&seed(page))).expect("serializes");
        let again = yaml::spec_to_string(&scrape(&seed(page))).expect("serializes");
        assert_eq!(first, again, "{page}");
        let back = yaml::spec_from_str(&first).expect("reads back");
        assert_eq!(yaml::spec_to_string(&back).expect("serializes"), first, "{page}");
    }
}

#[test]
fn committed_spec_and_generated_crate_are_what_gen_writes() {
    let report =
        pipeline::run(&Layout::new(root()), Run { check: true, accept_shrink: false, emit: true }).expect("runs");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.stale.is_empty(), "stale:\n{}", report.stale.join("\n"));
}

fn warnings(spec: &Spec, kind: WarningKind) -> Vec<String> {
    spec.warnings.iter().filter(|w| w.kind == kind).map(|w| format!("{}: {}", w.at, w.message)).collect()
}

#[test]
fn page_defects_and_gaps_become_warnings() {
    let s = scrape(&seed("000_effe751be35d6c2c.txt"));
    assert_eq!(s.path.as_deref(), Some("/aggregate-pay/api/gateway/applyDropinSession"));
    assert_eq!(warnings(&s, WarningKind::PathJunk).len(), 1);
    assert_eq!(
        warnings(&s, WarningKind::ExampleValue),
        ["line 47: request example `version` is `1.1` but the description gives the current value `1.6`"]
    );
    assert_eq!(warnings(&s, WarningKind::Unclear).len(), 2, "MANUAL and FINAL_AUTH descriptions");

    let s = scrape(&seed("001_5bc4cb95680f1334.txt"));
    let enums = warnings(&s, WarningKind::ExampleEnum);
    assert!(
        enums
            .iter()
            .any(|w| w
                .contains("`data.envInfo.terminalType` is `app`, a documented value (WEB|WAP|APP) in another case")),
        "{enums:?}"
    );
    assert!(enums.iter().any(|w| w.contains("`data.envInfo.osType` is `ios`")), "{enums:?}");
    assert_eq!(warnings(&s, WarningKind::ChildrenMissing).len(), 1, "riskParams");

    let s = scrape(&seed("003_ea69db9ca0bd726d.txt"));
    assert_eq!(s.provider, Provider::Pingpong);
    assert_eq!(warnings(&s, WarningKind::NoPath).len(), 1);
    assert_eq!(warnings(&s, WarningKind::TypeFromExample).len(), 16, "every example key the key-parameter table lacks");
    assert_eq!(s.notifications.len(), 2);
    assert_eq!(s.notifications[0].title, "签约异步通知");
    assert_eq!(s.notifications[0].triggers, ["用户签约成功", "商家主动发起取消签约", "用户在钱包侧发起取消签约"]);
    assert_eq!(s.notifications[0].rules.len(), 2);

    let s = scrape(&seed("004_b9b2ca1c4e7d09c8.txt"));
    assert!(s.scalars_as_strings);
    assert_eq!(warnings(&s, WarningKind::ChildrenMissing).len(), 9);
    let codes: Vec<_> = s.result_codes.iter().map(|c| (c.code.as_str(), c.status.as_deref())).collect();
    assert_eq!(
        codes,
        [
            ("SUCCESS", Some("S")),
            ("PARAM_ILLEGAL", Some("F")),
            ("PROCESS_FAIL", Some("F")),
            ("NO_PAY_OPTIONS", Some("F")),
            ("CARD_NOT_SUPPORTED", Some("F")),
            ("UNKNOWN_EXCEPTION", Some("U"))
        ]
    );
    assert_eq!(s.result_codes[0].message, "成功");
    assert_eq!(s.result_codes[0].action, "支付会话已成功创建。无需进一步操作。");
}

#[test]
fn the_markdown_copy_of_antom_gives_the_same_result_codes() {
    let text = scrape(&seed("004_b9b2ca1c4e7d09c8.txt"));
    let md = scrape(&fixture("md/antom/createPaymentSession.zh.md"));
    let strip = |s: &Spec| {
        s.result_codes
            .iter()
            .map(|c| (c.code.clone(), c.status.clone(), c.message.clone(), c.action.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&md), strip(&text));
}

#[test]
fn examples_are_parsed_with_their_keys_in_page_order() {
    let s = scrape(&seed("002_e5e5ab49e47292b0.txt"));
    assert_eq!(s.examples.iter().filter(|e| e.kind == paydoc_codegen::spec::ExampleKind::Response).count(), 2);
    let req =
        s.examples.iter().find(|e| e.kind == paydoc_codegen::spec::ExampleKind::Request).expect("request example");
    let keys: Vec<&String> = req.value.as_object().expect("object").keys().collect();
    assert_eq!(keys, ["version", "keyVersion", "requestTime", "appId", "merchantNo", "data"]);
}

#[test]
fn a_page_cut_mid_table_keeps_the_rows_it_shows_with_a_warning() {
    let src = fs::read_to_string(seed("002_e5e5ab49e47292b0.txt")).expect("seed");
    // Cut right after the `data.userInfo.userId` row.
    let end = src.lines().position(|l| l.starts_with("data.userInfo.userId")).expect("row") + 1;
    let cut: String = src.lines().take(end).collect::<Vec<_>>().join("\n");
    let info = PageInfo { file: "cut.txt".into(), ..Default::default() };
    let spec = pipeline::scrape_bytes(cut.as_bytes(), "cut.txt", &info).expect("still a page");
    let listing = spec.fields_listing();
    assert!(listing.contains("request\tdata.userInfo.userId\tstring\trequired\t64\t-"), "{listing}");
    assert!(!listing.contains("notifyUrl"));
    assert!(!warnings(&spec, WarningKind::Truncated).is_empty());

    // Cut inside the nested rows: the parent is gone, the children stay under a made-up parent.
    let rows: Vec<&str> =
        src.lines().filter(|l| !l.starts_with("data |") && !l.starts_with("data.userInfo |")).collect();
    let spec = pipeline::scrape_bytes(rows.join("\n").as_bytes(), "cut.txt", &info).expect("still a page");
    assert!(spec.fields_listing().contains("request\tdata.userInfo.username\tstring\toptional\t64\t-"));
    assert!(warnings(&spec, WarningKind::Truncated).iter().any(|w| w.contains("`data` is not on the page")));
}

#[test]
fn a_huge_or_deeply_nested_page_is_refused_quickly() {
    let dir = std::env::temp_dir().join(format!("paydoc-huge-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("mkdir");
    let huge = dir.join("huge.txt");
    let mut text = String::from("PayerMax\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str("data.fieldstringYesmaxLength: 8description\n");
    }
    fs::write(&huge, &text).expect("write");
    let started = std::time::Instant::now();
    let err =
        pipeline::scrape_file(&huge, &PageInfo { file: "huge.txt".into(), ..Default::default() }).expect_err("refused");
    assert!(err.to_string().starts_with("huge.txt: the page is 524"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "refused without reading it all");

    let deep = format!(
        "<html><body><main>{}PayerMax{}</main></body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let started = std::time::Instant::now();
    let err = pipeline::scrape_bytes(
        deep.as_bytes(),
        "deep.html",
        &PageInfo { file: "deep.html".into(), ..Default::default() },
    )
    .expect_err("refused");
    assert!(err.to_string().contains("nests elements 100003 levels deep, over the limit of 512"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn bad_pages_are_refused_with_the_file_and_the_reason() {
    let info = PageInfo { file: "bad.txt".into(), ..Default::default() };
    let cases: &[(&[u8], &str)] = &[
        (b"", "the page is empty"),
        (b"   \n\n", "the page is empty"),
        (b"\x00\x01\x02binary", "binary data"),
        (b"\xff\xfe\xfd not utf-8", "not UTF-8"),
        (b"Welcome to our site. Nothing to see here.", "unknown site"),
        (b"PayerMax login required. Please sign in.", "no field table found"),
    ];
    for (bytes, reason) in cases {
        let err = pipeline::scrape_bytes(bytes, "bad.txt", &info).expect_err("refused");
        let line = err.to_string();
        assert!(line.starts_with("bad.txt: "), "{line}");
        assert!(line.contains(reason), "{line}");
        assert!(!line.contains('\n'));
    }
}

#[test]
fn excerpts_that_start_mid_table_keep_their_rows() {
    let info = |f: &str| PageInfo { file: f.into(), provider: Some(Provider::Payermax), ..Default::default() };
    // Text: run-together rows with no header above them.
    let text =
        "data.cardInfo.cvvstringYesCard cvv, three digits.\ndata.envInfo.clientIpstringYesmaxLength: 64user ip\n";
    let spec = pipeline::scrape_bytes(text.as_bytes(), "cut.txt", &info("cut.txt")).expect("rows");
    assert_eq!(
        spec.fields_listing(),
        "- -\nrequest\tdata\tobject\toptional\t-\t-\nrequest\tdata.cardInfo\tobject\toptional\t-\t-\n\
         request\tdata.cardInfo.cvv\tstring\trequired\t-\t-\nrequest\tdata.envInfo\tobject\toptional\t-\t-\n\
         request\tdata.envInfo.clientIp\tstring\trequired\t64\t-\n"
    );
    // Markdown: pipe rows with no header or separator.
    let md = "| appId | string | Yes | maxLength: 64 | 商户应用Id |  |\n| data.userId | string | No |  | 用户 |  |\n";
    let spec = pipeline::scrape_bytes(md.as_bytes(), "cut.md", &info("cut.md")).expect("rows");
    assert!(spec.fields_listing().contains("request\tappId\tstring\trequired\t64\t-\nrequest\tdata\tobject\toptional"));
    assert!(spec.fields_listing().contains("request\tdata.userId\tstring\toptional\t-\t-"));
    // HTML: a table whose header row was cut off.
    let html = "<html><body><main><table><tr><td>data.amount</td><td>number</td><td>Yes</td><td></td><td>金额</td><td></td></tr>\
                <tr><td>data.note</td><td>string</td><td>No</td><td>maxLength: 8</td><td></td><td></td></tr></table></main></body></html>";
    let spec = pipeline::scrape_bytes(html.as_bytes(), "cut.html", &info("cut.html")).expect("rows");
    assert!(
        spec.fields_listing()
            .ends_with("request\tdata.amount\tnumber\trequired\t-\t-\nrequest\tdata.note\tstring\toptional\t8\t-\n"),
        "{}",
        spec.fields_listing()
    );
    // PingPong: space-separated rows with no header.
    let pp = "token String M 支付凭证\nbizContent.amount Integer O 金额\n";
    let info = PageInfo { file: "cut.txt".into(), provider: Some(Provider::Pingpong), ..Default::default() };
    let spec = pipeline::scrape_bytes(pp.as_bytes(), "cut.txt", &info).expect("rows");
    assert!(spec.fields_listing().contains("request\ttoken\tstring\trequired\t-\t-\n"), "{}", spec.fields_listing());
    assert!(spec.fields_listing().contains("request\tbizContent.amount\tinteger\toptional\t-\t-\n"));
}

#[test]
fn an_english_antom_text_copy_reads_like_the_chinese_one() {
    let page = "Antom docs\n\nquery\n\nPOST /v1/payments/query\n\nUse this API to query a payment.\n\n\
                Request parameters\n\npaymentRequestId String  REQUIRED\n\nThe ID of the payment request.\n\n\
                More information:\n\n  • Maximum length: 64 characters\n\norder Order REQUIRED\n\nThe order.\n\n\
                Show child parameters\n\nflag Boolean\n\nWhether to do it.\n\n\
                Response parameters\n\nresult Result REQUIRED\n\nThe result.\n\nShow child parameters\n\n\
                Result codes\n\nResult codeResult messageFurther action\nSUCCESSSSuccess\n\nNo further action.\n\n\
                ORDER_NOT_EXISTFThe order does not exist.\n\nCheck the ID.\n";
    let info = PageInfo { file: "query.txt".into(), ..Default::default() };
    let spec = pipeline::scrape_bytes(page.as_bytes(), "query.txt", &info).expect("scrapes");
    assert_eq!(spec.provider, Provider::Antom);
    assert_eq!(
        spec.fields_listing(),
        "POST /v1/payments/query\nrequest\tpaymentRequestId\tstring\trequired\t64\t-\nrequest\torder\tobject\trequired\t-\t-\n\
         request\tflag\tboolean\toptional\t-\t-\nresponse\tresult\tobject\trequired\t-\t-\n"
    );
    let codes: Vec<_> = spec
        .result_codes
        .iter()
        .map(|c| (c.code.as_str(), c.status.as_deref(), c.message.as_str(), c.action.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("SUCCESS", Some("S"), "Success", "No further action."),
            ("ORDER_NOT_EXIST", Some("F"), "The order does not exist.", "Check the ID.")
        ]
    );
}
