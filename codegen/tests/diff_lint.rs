//! Scrapes real seed pages, edits copies of their text, rescrapes, and checks the classified
//! diff and the lint report.

use paydoc_codegen::extract::PageInfo;
use paydoc_codegen::pipeline::scrape_bytes;
use paydoc_codegen::spec::Spec;
use paydoc_codegen::spec::diff::{self, Severity};
use paydoc_codegen::spec::lint;

const PAGES: [&str; 5] = [
    "000_effe751be35d6c2c.txt",
    "001_5bc4cb95680f1334.txt",
    "002_e5e5ab49e47292b0.txt",
    "003_ea69db9ca0bd726d.txt",
    "004_b9b2ca1c4e7d09c8.txt",
];

/// PayerMax applyDropinSession, zh.
const DROPIN: &str = PAGES[0];

/// The page as people read it (from spec/manifest.yaml), so the report has links.
const DROPIN_URL: &str = "https://docs.payermax.com/public/api/New%20Version/cn/v1.0/aggregate-pay_api_gateway_applyDropinSession_(for-auth-capture-copy-me).html";

fn page_text(name: &str) -> String {
    let path = format!("{}/../spec/pages/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn scrape(text: &str, name: &str) -> Spec {
    let file = format!("pages/{name}");
    let info = PageInfo { file: file.clone(), url: None, lang: None, provider: None, operation: None };
    scrape_bytes(text.as_bytes(), &file, &info).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Replaces the one occurrence of `from`; fails if the page no longer has it exactly once.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once in the page");
    text.replacen(from, to, 1)
}

/// The edits to a copy of the applyDropinSession page, each a list of replacements.
fn drop_user_id(t: &str) -> String {
    let line = t.lines().find(|l| l.starts_with("data.userIdstringYes")).expect("the data.userId row");
    replace_once(t, &format!("{line}\n"), "")
}

fn currency_optional(t: &str) -> String {
    replace_once(t, "data.currencystringYesmaxLength: 3", "data.currencystringNomaxLength: 3")
}

fn app_id_shorter(t: &str) -> String {
    replace_once(t, "appIdstringYesmaxLength: 64", "appIdstringYesmaxLength: 32")
}

fn drop_unschduled(t: &str) -> String {
    let t = replace_once(t, "可传mitTypeSCHEDULED, UNSCHDULED", "可传mitTypeSCHEDULED");
    replace_once(&t, "  • SCHEDULED\n  • UNSCHDULED\n", "  • SCHEDULED\n")
}

fn rename_country(t: &str) -> String {
    replace_once(t, "data.countrystringYes", "data.countryCodestringYes")
}

fn response_component_optional(t: &str) -> String {
    replace_once(t, "data.notSupportedComponentarray[string]Yes", "data.notSupportedComponentarray[string]No")
}

/// (severity, section, path, kind) of each change between the page and its edited copy.
fn changes_after(edit: impl Fn(&str) -> String) -> Vec<(Severity, String, String, String)> {
    let text = page_text(DROPIN);
    let old = scrape(&text, DROPIN);
    let new = scrape(&edit(&text), DROPIN);
    diff::diff(&[old], &[new])
        .into_iter()
        .map(|c| (c.severity, c.section.to_string(), c.path, c.kind.to_string()))
        .collect()
}

fn change(severity: Severity, section: &str, path: &str, kind: &str) -> (Severity, String, String, String) {
    (severity, section.to_string(), path.to_string(), kind.to_string())
}

#[test]
fn unchanged_page_has_no_changes() {
    assert_eq!(changes_after(|t| t.to_string()), vec![]);
}

#[test]
fn dropped_request_row_is_a_removed_field() {
    assert_eq!(changes_after(drop_user_id), vec![change(Severity::Warning, "request", "data.userId", "field-removed")]);
}

#[test]
fn required_to_optional_in_a_request_is_info() {
    assert_eq!(
        changes_after(currency_optional),
        vec![change(Severity::Info, "request", "data.currency", "became-optional")]
    );
}

#[test]
fn required_to_optional_in_a_response_is_breaking() {
    assert_eq!(
        changes_after(response_component_optional),
        vec![change(Severity::Breaking, "response", "data.notSupportedComponent", "became-optional")]
    );
}

#[test]
fn shorter_max_length_in_a_request_is_breaking() {
    assert_eq!(
        changes_after(app_id_shorter),
        vec![change(Severity::Breaking, "request", "appId", "max-length-decreased")]
    );
}

#[test]
fn enum_value_removed_from_a_request_is_breaking() {
    assert_eq!(
        changes_after(drop_unschduled),
        vec![change(Severity::Breaking, "request", "data.mitType", "enum-value-removed")]
    );
}

#[test]
fn renamed_row_is_one_rename() {
    assert_eq!(
        changes_after(rename_country),
        vec![change(Severity::Breaking, "request", "data.country", "field-renamed")]
    );
    let text = page_text(DROPIN);
    let changes = diff::diff(&[scrape(&text, DROPIN)], &[scrape(&rename_country(&text), DROPIN)]);
    assert_eq!(changes[0].message, "renamed to `data.countryCode` (same position and type: likely a rename)");
}

fn combined(t: &str) -> String {
    let t = drop_user_id(t);
    let t = currency_optional(&t);
    let t = app_id_shorter(&t);
    let t = drop_unschduled(&t);
    let t = rename_country(&t);
    response_component_optional(&t)
}

fn combined_changes() -> Vec<diff::Change> {
    let text = page_text(DROPIN);
    let mut old = scrape(&text, DROPIN);
    let mut new = scrape(&combined(&text), DROPIN);
    old.source.url = Some(DROPIN_URL.to_string());
    new.source.url = Some(DROPIN_URL.to_string());
    diff::diff(&[old], &[new])
}

#[test]
fn combined_edits_are_each_classified_in_report_order() {
    assert_eq!(
        changes_after(combined),
        vec![
            change(Severity::Breaking, "request", "appId", "max-length-decreased"),
            change(Severity::Breaking, "request", "data.country", "field-renamed"),
            change(Severity::Breaking, "request", "data.mitType", "enum-value-removed"),
            change(Severity::Breaking, "response", "data.notSupportedComponent", "became-optional"),
            change(Severity::Warning, "request", "data.userId", "field-removed"),
            change(Severity::Info, "request", "data.currency", "became-optional"),
        ]
    );
}

#[test]
fn combined_edits_markdown_matches_snapshot() {
    let got = diff::render_markdown(&combined_changes());
    let path = format!("{}/tests/snapshots/diff.md", env!("CARGO_MANIFEST_DIR"));
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(got, want, "render_markdown output differs from tests/snapshots/diff.md; got:\n{got}");
}

#[test]
fn combined_edits_text_and_json() {
    let changes = combined_changes();
    let text = diff::render_text(&changes);
    assert_eq!(text.lines().count(), 6);
    assert_eq!(
        text.lines().next(),
        Some("breaking payermax/applyDropinSession request appId: maxLength decreased from 64 to 32")
    );
    let json: serde_json::Value = serde_json::from_str(&diff::render_json(&changes)).expect("valid JSON");
    assert_eq!(json[4]["severity"], "warning");
    assert_eq!(json[4]["path"], "data.userId");
    assert_eq!(json[4]["link"], DROPIN_URL);
}

fn seed_specs() -> Vec<Spec> {
    PAGES.iter().map(|p| scrape(&page_text(p), p)).collect()
}

#[test]
fn lint_lists_the_real_defects_of_the_seed_pages() {
    let report = lint::render_text(&lint::lint(&seed_specs()));
    for line in [
        "spec/pages/000_effe751be35d6c2c.txt:5: warning: `(for-auth-capture-copy-me)` after the path `/aggregate-pay/api/gateway/applyDropinSession` is not part of it; cut off",
        "spec/pages/000_effe751be35d6c2c.txt:47: warning: request example `version` is `1.1` but the description gives the current value `1.6`",
        "spec/pages/001_5bc4cb95680f1334.txt:62: warning: request example `data.envInfo.terminalType` is `app`, a documented value (WEB|WAP|APP) in another case",
        "spec/pages/001_5bc4cb95680f1334.txt:62: warning: request example `data.envInfo.osType` is `ios`, a documented value (ANDROID|IOS) in another case",
        "spec/pages/000_effe751be35d6c2c.txt:41: warning: request field `data.referralCode` is in the table but no request example uses it",
        "spec/pages/001_5bc4cb95680f1334.txt:110: warning: response field `data.paymentTokenID` is in the table but no response example uses it",
        "spec/pages/001_5bc4cb95680f1334.txt:53: warning: request `version` has no maxLength in pages/001_5bc4cb95680f1334.txt (applyPaymentToken, line 53) but has maxLength 8 in pages/000_effe751be35d6c2c.txt (applyDropinSession, line 28)",
    ] {
        assert!(report.lines().any(|l| l == line), "missing from the lint report:\n{line}\nreport:\n{report}");
    }
    // Scraper limits are not page defects.
    assert!(!report.contains("is only in the example"), "{report}");
    assert!(!report.contains("child fields are not on the page"), "{report}");
    // Sorted by file, then line number as a number.
    let keys: Vec<(String, u64)> = report
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(3, ':');
            Some((parts.next()?.to_string(), parts.next()?.parse().ok()?))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

/// An English copy of the applyDropinSession page: every Chinese text translated.
fn english_dropin(zh: &str) -> String {
    const EN: &[(&str, &str)] = &[
        ("收单/Auth-Capture", "Acquiring/Auth-Capture"),
        (
            "在商户服务端调用该接口,获取用于初始化前置组件的主要参数",
            "Call this API on the merchant server to get the main parameters for initializing the front-end component",
        ),
        ("签名信息请参考技术文档", "Signature, see the technical documentation"),
        ("接口版本 当前值为:1.6", "API version. Current value: 1.6"),
        ("密钥版本 当前值为:1", "Signature Algorithm Version, Current value: 1"),
        (
            "请求时间,符合rfc3339规范,格式:yyyy-MM-dd'T'HH:mm:ss.SSSXXX 时间需要在当前时间两分钟内",
            "Request time, compliant with rfc3339 specification, format: yyyy-MM-dd'T'HH:mm:ss.SSSXXX The time must be within two minutes of the current time",
        ),
        (
            "商户应用Id,PayerMax分配给商户应用的唯一标识",
            "Merchant AppId, the unique identifier assigned to the merchant app by PayerMax",
        ),
        (
            "商户号,商户与PayerMax业务签约时生成的唯一标识",
            "Merchant Id, the unique identifier generated when the merchant signs the contract with PayerMax",
        ),
        (
            "非必填,如果需要传值,则只有传了mitType时,totalAmount才支持传0;其他情况需要大于0",
            "Optional; totalAmount may be 0 only when mitType is given, otherwise it must be greater than 0",
        ),
        ("签约代扣产品后,可传mitType", "After signing up for recurring payments, mitType may be given"),
        (
            "标价币种,大写字母,参见【交易支持国家/地区与币种】",
            "Order currency, in uppercase letters, see 【Supported Country/Region and Currency】",
        ),
        (
            "国家代码,大写字母,参见【交易支持国家/地区与币种】。 如指定了paymentMethodType,则国家代码必须上送且和支付方式对应国家匹配。 收银台可用国家地区选择策略为:上送国家代码地区>用户历史使用国家代码地区>用户IP所在国家代码地区。(可用国家地区:交易币种对应的国家与签约国家取交集)",
            "Country code, in uppercase letters, see 【Supported Country/Region and Currency】. If paymentMethodType is given, the country code must be given and match the payment method.",
        ),
        (
            "商户内部的用户Id,需要保证每个ID唯一性。支付方式绑定后会根据userId进行支付方式推荐",
            "The user ID at the merchant, unique for each user. Saved payment methods are recommended by userId.",
        ),
        (
            "用于更精准的支付方式推荐,如设备ID、设备指纹等。",
            "For more precise payment method recommendation, such as a device ID or device fingerprint.",
        ),
        ("如:CARD,APPLEPAY", "such as CARD,APPLEPAY"),
        ("前端SDK初始化参数", "Front-end SDK initialization parameter"),
        ("此页面的内容有帮助吗?", "Was this page helpful?"),
        ("感谢您帮助改进 PayerMax 产品文档!", "Thank you for your help in improving PayerMax Product Docs!"),
    ];
    let mut text = zh.to_string();
    for (from, to) in EN {
        text = replace_once(&text, from, to);
    }
    text
}

#[test]
fn lint_finds_a_cross_language_conflict() {
    let zh = page_text(DROPIN);
    let en_name = "000_en.txt";
    let en_text = english_dropin(&zh);
    // The faithful translation agrees with the Chinese page on every field.
    let en = scrape(&en_text, en_name);
    assert_eq!(en.lang, "en");
    assert_eq!(en.operation, "applyDropinSession");
    let mut specs = seed_specs();
    specs.push(en);
    let cross = |specs: &[Spec]| -> Vec<lint::Defect> {
        lint::lint(specs).into_iter().filter(|d| d.kind.starts_with("cross-language")).collect()
    };
    assert_eq!(cross(&specs), vec![]);

    // The English copy gives data.referralCode another maxLength.
    let edited =
        replace_once(&en_text, "data.referralCodestringNomaxLength: 32", "data.referralCodestringNomaxLength: 64");
    specs.pop();
    specs.push(scrape(&edited, en_name));
    let defects = cross(&specs);
    assert_eq!(
        defects,
        vec![lint::Defect {
            severity: Severity::Warning,
            file: "pages/000_en.txt".into(),
            at: "line 41".into(),
            kind: "cross-language-max-length".into(),
            message: "request `data.referralCode` has maxLength 64 in pages/000_en.txt (en, line 41) but has maxLength 32 in pages/000_effe751be35d6c2c.txt (zh, line 41)".into(),
        }]
    );
    assert_eq!(
        lint::render_text(&defects),
        "spec/pages/000_en.txt:41: warning: request `data.referralCode` has maxLength 64 in pages/000_en.txt (en, line 41) but has maxLength 32 in pages/000_effe751be35d6c2c.txt (zh, line 41)\n"
    );
}

#[test]
fn lint_cross_language_type_conflict_is_breaking() {
    let zh = page_text(DROPIN);
    let en_text = replace_once(&english_dropin(&zh), "data.totalAmountstringNo", "data.totalAmountintegerNo");
    let specs = vec![scrape(&zh, DROPIN), scrape(&en_text, "000_en.txt")];
    let defects: Vec<lint::Defect> =
        lint::lint(&specs).into_iter().filter(|d| d.kind.starts_with("cross-language")).collect();
    assert_eq!(defects.len(), 1, "{defects:?}");
    assert_eq!(defects[0].kind, "cross-language-type");
    assert_eq!(defects[0].severity, Severity::Breaking);
    assert_eq!(defects[0].at.to_string(), "line 34");
}
