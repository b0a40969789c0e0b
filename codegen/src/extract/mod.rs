//! Site extractors: a [`Document`] to a [`Spec`], one small module per doc site, over
//! shared helpers; then the checks every spec gets (examples against tables, sensitivity).

pub mod antom;
pub mod common;
pub mod payermax;
pub mod pingpong;

use crate::doc::Document;
use crate::spec::{Example, ExampleKind, Field, Provider, Source, Spec, Type, WarningKind, walk_fields};

/// What is known about a page besides its content.
#[derive(Clone, Debug, Default)]
pub struct PageInfo {
    /// The snapshot path as reported and recorded (relative to `spec/` for manifest pages).
    pub file: String,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub provider: Option<Provider>,
    pub operation: Option<String>,
}

/// The markers of each site, with their weight: its doc hosts count most, then the site's
/// names and API paths. Wallet names the sites list as payment methods (`Alipay`) are no
/// marker. Written in lower case; matched without ASCII case.
const NAME_MARKERS: [(Provider, usize, &str); 13] = [
    (Provider::Payermax, 10, "payermax.com"),
    (Provider::Payermax, 1, "payermax"),
    (Provider::Payermax, 1, "/aggregate-pay/"),
    (Provider::Antom, 10, "antom.com"),
    (Provider::Antom, 10, "global.alipay.com"),
    (Provider::Antom, 1, "antom"),
    (Provider::Antom, 1, "/ams/api/"),
    (Provider::Antom, 1, "/v1/payments/"),
    (Provider::Antom, 1, "/v2/payments/"),
    (Provider::Pingpong, 10, "pingpongx.com"),
    (Provider::Pingpong, 1, "pingpong"),
    (Provider::Pingpong, 1, "乒乓"),
    (Provider::Pingpong, 1, "vdoing"),
];

/// How strongly a page names each site: the weighted count of its markers.
///
/// Each marker is counted as `str::matches` would count it in the page's lower-case copy:
/// occurrences that do not overlap, leftmost first. Matching ASCII letters without case is
/// the same as lower-casing the page first: the markers' letters have no other upper-case
/// forms that could match (`K`, the Kelvin sign, lowers to `k`, which no marker holds, and
/// `İ` to `i` and a combining dot, which no marker holds after an `i`).
fn name_scores(raw: &str) -> [(Provider, usize); 3] {
    // Lower-casing the ASCII letters once makes each marker a plain (vectorised) substring
    // search; the markers are in lower case.
    let lower = raw.as_bytes().to_ascii_lowercase();
    let mut scores = [(Provider::Payermax, 0), (Provider::Antom, 0), (Provider::Pingpong, 0)];
    for (provider, weight, marker) in NAME_MARKERS {
        // `find_iter` gives the occurrences that do not overlap, leftmost first.
        let count = memchr::memmem::find_iter(&lower, marker.as_bytes()).count();
        if let Some(s) = scores.iter_mut().find(|(p, _)| *p == provider) {
            s.1 += weight * count;
        }
    }
    scores
}

/// The site a page names, where one clearly wins.
pub fn named_provider(raw: &str) -> Option<Provider> {
    named_in(&name_scores(raw))
}

fn named_in(scores: &[(Provider, usize); 3]) -> Option<Provider> {
    let best = scores.iter().max_by_key(|(_, s)| *s)?;
    (best.1 > 0 && scores.iter().filter(|(_, s)| *s == best.1).count() == 1).then_some(best.0)
}

/// Detects the site from the raw page: names and hosts first, then page structure.
pub fn detect_provider(raw: &str) -> Option<Provider> {
    if let Some(p) = named_provider(raw) {
        return Some(p);
    }
    let lower = raw.to_lowercase();
    // No names: go by the shape of the field listings.
    if lower.contains("requiredconstraintsdescription")
        || lower.contains("| required | constraints |")
        || lower.contains("<th>constraints</th>")
    {
        Some(Provider::Payermax)
    } else if raw.contains(" REQUIRED") || raw.contains(", REQUIRED)") {
        Some(Provider::Antom)
    } else if raw.contains("是否必填") {
        Some(Provider::Pingpong)
    } else {
        None
    }
}

/// The error for a page that names another site than the one given: a page that clearly
/// belongs to one site (its names score, the given one's do not) is not read as another's.
pub fn provider_mismatch(raw: &str, given: Provider) -> Option<String> {
    let scores = name_scores(raw);
    let named = named_in(&scores)?;
    let given_score = scores.iter().find(|(p, _)| *p == given).map_or(0, |(_, s)| *s);
    if named == given || given_score > 0 {
        return None;
    }
    Some(format!(
        "the page is from {}, not {} as given (by --provider or the manifest): one site's page is not read as another's",
        named.display_name(),
        given.display_name()
    ))
}

/// Extracts the spec of one page. The error is the reason, for the caller to prefix with
/// the file name.
pub fn extract(doc: &Document, raw: &str, info: &PageInfo) -> Result<Spec, String> {
    if let Some(given) = info.provider
        && let Some(e) = provider_mismatch(raw, given)
    {
        return Err(e);
    }
    let provider = match info.provider.or_else(|| detect_provider(raw)) {
        Some(p) => p,
        None => {
            return Err(
                "page from an unknown site: no PayerMax, Antom or PingPong markers found (pass --provider)".into()
            );
        }
    };
    let lang = info.lang.clone().unwrap_or_else(|| common::detect_lang(doc));
    let mut spec = Spec {
        provider,
        operation: String::new(),
        title: String::new(),
        lang,
        source: Source {
            page: info.file.clone(),
            url: info.url.clone(),
            form: doc.form.as_str().into(),
            overlay: None,
        },
        method: None,
        path: None,
        servers: Vec::new(),
        description: String::new(),
        scalars_as_strings: false,
        headers: Vec::new(),
        request: Default::default(),
        response: Default::default(),
        examples: Vec::new(),
        result_codes: Vec::new(),
        notifications: Vec::new(),
        warnings: Vec::new(),
    };
    match provider {
        Provider::Payermax => payermax::extract(doc, &mut spec),
        Provider::Antom => antom::extract(doc, &mut spec),
        Provider::Pingpong => pingpong::extract(doc, &mut spec),
    }
    if spec.headers.is_empty() && spec.request.fields.is_empty() && spec.response.fields.is_empty() {
        return Err(format!("no field table found: not a {} API page, or its layout changed", provider.display_name()));
    }
    if let Some(crate::doc::Block::Table { loc, header, .. }) = doc.blocks.last()
        && header.iter().any(|h| matches!(common::column_role(h), common::Col::Type | common::Col::Required))
    {
        spec.warn(
            WarningKind::Truncated,
            loc.to_string(),
            "the page ends inside a table: it may be cut off, and fields may be missing",
        );
    }
    if spec.response.fields.is_empty() && !spec.request.fields.is_empty() && provider != Provider::Pingpong {
        spec.warn(WarningKind::Truncated, "", "the page has no response fields: it may be cut off");
    }
    let endpoint = common::find_endpoint(doc);
    if let Some(e) = &endpoint {
        spec.method = e.method.as_deref().and_then(|m| m.parse().ok());
        if let Some(junk) = &e.junk {
            let message = match &e.path {
                Some(path) => format!("`{junk}` after the path `{path}` is not part of it; cut off"),
                None => format!(
                    "the page's path is only the doc site's placeholder `{junk}`, not the endpoint; the real path is not on the page"
                ),
            };
            spec.warn(WarningKind::PathJunk, e.loc.to_string(), message);
        }
        spec.path = e.path.clone();
    }
    if spec.path.is_none() {
        spec.warn(WarningKind::NoPath, "", "the page gives no endpoint path; add it in an overlay");
    }
    spec.servers = common::find_servers(doc);
    spec.operation = operation_id(&spec, info);
    if spec.title.is_empty() {
        spec.title = spec.operation.clone();
    }
    mark_sensitive(&mut spec);
    check_examples(&mut spec);
    sort_warnings(&mut spec.warnings);
    Ok(spec)
}

/// Page order: by where on the page (line, block or table), then the rest.
pub(crate) fn sort_warnings(warnings: &mut Vec<crate::spec::Warning>) {
    warnings.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.cmp(b)));
    warnings.dedup();
}

/// The operation id: the last path segment, else the manifest's, else the file name's.
fn operation_id(spec: &Spec, info: &PageInfo) -> String {
    if let Some(op) = &info.operation {
        return op.clone();
    }
    if let Some(seg) = spec.path.as_deref().and_then(|p| p.rsplit('/').find(|s| !s.is_empty() && !s.starts_with('{'))) {
        return seg.to_string();
    }
    let stem = info.file.rsplit(['/', '\\']).next().unwrap_or(&info.file);
    let stem = stem.split('.').next().unwrap_or(stem);
    let id: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) { format!("page_{id}") } else { id }
}

/// Names of fields that carry card data, credentials, tokens or signatures. Matched on the
/// wire name folded to lower case without separators.
pub fn is_sensitive_name(name: &str) -> bool {
    // Folded into a buffer on the stack: names are short (a longer one is folded into a `String`).
    let folded = name.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase());
    let mut buf = [0u8; 64];
    let long: String;
    let n: &str = if name.len() <= buf.len() {
        let mut len = 0;
        for (slot, b) in buf.iter_mut().zip(folded) {
            *slot = b;
            len += 1;
        }
        std::str::from_utf8(buf.get(..len).unwrap_or(&[])).unwrap_or("")
    } else {
        long = folded.map(char::from).collect();
        &long
    };
    const EXACT: &[&str] = &["pan", "sign", "cvv", "cvc", "cvv2", "cvc2", "token"];
    const CONTAINS: &[&str] = &[
        "cardno",
        "cardnumber",
        "cardidentifierno",
        "cvv",
        "cvc",
        "securitycode",
        "holdername",
        "holderfullname",
        "cardholder",
        "signature",
        "secret",
        "password",
        "privatekey",
        "accesstoken",
        "paymenttoken",
        "cardtoken",
    ];
    const SUFFIX: &[&str] = &["token", "tokenid", "key", "sign"];
    // A card's expiry, not a link's or a session's (`expiresTime`, `expiryTime`).
    // A plain scan: names are too short to pay for setting up a string search.
    let has = |part: &str| n.as_bytes().windows(part.len()).any(|w| w == part.as_bytes());
    let card_expiry = has("expir") && (has("card") || n.ends_with("month") || n.ends_with("year"));
    EXACT.contains(&n)
        || card_expiry
        || CONTAINS.iter().any(|c| has(c))
        || (SUFFIX.iter().any(|s| n.ends_with(s)) && !n.ends_with("keyversion"))
}

fn mark_sensitive(spec: &mut Spec) {
    fn mark(fields: &mut [Field]) {
        for f in fields {
            if is_sensitive_name(&f.name) && !f.ty.has_children() && f.constant.is_none() {
                f.sensitive = true;
            }
            mark(&mut f.fields);
        }
    }
    mark(&mut spec.headers);
    mark(&mut spec.request.fields);
    mark(&mut spec.response.fields);
}

/// Checks each example against its field table: keys the table lacks, values outside an
/// enum, constants and current values broken, values of another type.
fn check_examples(spec: &mut Spec) {
    let mut warnings = Vec::new();
    for ex in &spec.examples {
        let fields = match ex.kind {
            ExampleKind::Request => &spec.request.fields,
            ExampleKind::Response => &spec.response.fields,
            ExampleKind::Headers => &spec.headers,
        };
        check_value(&ex.value, fields, "", ex, spec.scalars_as_strings, &mut warnings);
    }
    // Fields never used by any example of their kind are not warned about here: `lint` reports them.
    for (kind, at, message) in warnings {
        spec.warn(kind, at, message);
    }
}

fn check_value(
    value: &serde_json::Value,
    fields: &[Field],
    prefix: &str,
    ex: &Example,
    strings: bool,
    out: &mut Vec<(WarningKind, String, String)>,
) {
    let serde_json::Value::Object(map) = value else { return };
    let kind = match ex.kind {
        ExampleKind::Request => "request",
        ExampleKind::Response => "response",
        ExampleKind::Headers => "header",
    };
    for f in fields.iter().filter(|f| f.required && f.constant.is_none() && f.origin == crate::spec::Origin::Table) {
        if map.get(&f.name).is_none_or(serde_json::Value::is_null) && ex.kind != ExampleKind::Headers {
            let path = if prefix.is_empty() { f.name.clone() } else { format!("{prefix}.{}", f.name) };
            out.push((
                WarningKind::ExampleIncomplete,
                ex.at.clone(),
                format!("{kind} example leaves out `{path}`, which the table marks required"),
            ));
        }
    }
    for (key, v) in map {
        let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        let Some(field) = fields.iter().find(|f| &f.name == key) else {
            out.push((
                WarningKind::ExampleKeyMissing,
                ex.at.clone(),
                format!("{kind} example key `{path}` is not in the field table"),
            ));
            continue;
        };
        if v.is_null() {
            continue;
        }
        if !type_fits(&field.ty, v, strings) {
            out.push((
                WarningKind::ExampleType,
                ex.at.clone(),
                format!("{kind} example `{path}` is {} but the table says {}", json_kind(v), field.ty),
            ));
            continue;
        }
        match v {
            serde_json::Value::Object(_) if field.ty.has_children() && !field.fields.is_empty() => {
                check_value(v, &field.fields, &path, ex, strings, out);
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    if item.is_object() && !field.fields.is_empty() {
                        check_value(item, &field.fields, &format!("{path}[]"), ex, strings, out);
                    } else if let Some(s) = item.as_str() {
                        check_scalar(s, field, &path, kind, ex, out);
                    }
                }
            }
            serde_json::Value::String(s) => check_scalar(s, field, &path, kind, ex, out),
            serde_json::Value::Number(n) => check_scalar(&n.to_string(), field, &path, kind, ex, out),
            _ => {}
        }
    }
}

fn check_scalar(
    s: &str,
    field: &Field,
    path: &str,
    kind: &str,
    ex: &Example,
    out: &mut Vec<(WarningKind, String, String)>,
) {
    // A sensitive value is never repeated in a warning.
    let s_shown = if field.sensitive { "<redacted>" } else { s };
    if !field.enum_values.is_empty() && !field.enum_values.iter().any(|e| e == s) {
        let other_case = field.enum_values.iter().any(|e| e.eq_ignore_ascii_case(s));
        let message = if other_case {
            format!(
                "{kind} example `{path}` is `{s_shown}`, a documented value ({}) in another case",
                field.enum_values.join("|")
            )
        } else {
            format!(
                "{kind} example `{path}` is `{s_shown}`, not one of the documented values {}",
                field.enum_values.join("|")
            )
        };
        out.push((WarningKind::ExampleEnum, ex.at.clone(), message));
    }
    if let Some(c) = &field.constant
        && c != s
    {
        out.push((
            WarningKind::ExampleValue,
            ex.at.clone(),
            format!("{kind} example `{path}` is `{s_shown}` but the field is the constant `{c}`"),
        ));
    }
    if let Some(c) = &field.current_value
        && c != s
    {
        out.push((
            WarningKind::ExampleValue,
            ex.at.clone(),
            format!("{kind} example `{path}` is `{s_shown}` but the description gives the current value `{c}`"),
        ));
    }
}

fn type_fits(ty: &Type, v: &serde_json::Value, strings: bool) -> bool {
    use serde_json::Value as V;
    match (ty, v) {
        (_, V::Null) => true,
        (Type::String, V::String(_)) => true,
        (Type::Integer, V::Number(n)) => n.is_i64() || n.is_u64(),
        (Type::Number, V::Number(_)) => true,
        (Type::Boolean, V::Bool(_)) => true,
        (Type::Integer | Type::Number | Type::Boolean, V::String(_)) => strings,
        (Type::Object, V::Object(_)) => true,
        (Type::Array(_), V::Array(_)) => true,
        _ => false,
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Warns about objects whose children the page does not show.
pub(crate) fn warn_childless(spec: &mut Spec, why: &str) {
    let mut found = Vec::new();
    for (section, list) in [("request", &spec.request.fields), ("response", &spec.response.fields)] {
        walk_fields(list, &mut |path, f| {
            if f.ty.has_children() && f.fields.is_empty() {
                found.push((
                    f.at.clone(),
                    format!("{section} `{path}` is an object whose child fields are not on the page{why}"),
                ));
            }
        });
    }
    for (at, msg) in found {
        spec.warn(WarningKind::ChildrenMissing, at, msg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_names() {
        for n in [
            "cvv",
            "cardIdentifierNo",
            "cardExpirationMonth",
            "cardHolderFullName",
            "paymentTokenID",
            "sign",
            "token",
            "clientKey",
            "sessionKey",
        ] {
            assert!(is_sensitive_name(n), "{n}");
        }
        for n in ["cardExpirationYear", "expiryMonth"] {
            assert!(is_sensitive_name(n), "{n}");
        }
        for n in [
            "keyVersion",
            "tokenScope",
            "userId",
            "signType",
            "country",
            "designer",
            "expiresTime",
            "expiresAt",
            "paymentSessionExpiryTime",
        ] {
            assert!(!is_sensitive_name(n), "{n}");
        }
        // Names longer than the stack buffer fold the same way.
        assert!(is_sensitive_name(&format!("{}_cardNo", "x".repeat(70))));
        assert!(!is_sensitive_name(&format!("{}_country", "x".repeat(70))));
    }

    /// The one-pass count gives what counting each marker in the lower-cased page gives.
    #[test]
    fn name_scores_count_as_the_lower_cased_page_does() {
        fn by_lowering(raw: &str) -> [(Provider, usize); 3] {
            let lower = raw.to_lowercase();
            let mut scores = [(Provider::Payermax, 0), (Provider::Antom, 0), (Provider::Pingpong, 0)];
            for (provider, weight, marker) in NAME_MARKERS {
                if let Some(s) = scores.iter_mut().find(|(p, _)| *p == provider) {
                    s.1 += weight * lower.matches(marker).count();
                }
            }
            scores
        }
        for raw in [
            "",
            "p",
            "PayerMax docs.PAYERMAX.COM payermaxpayermax",
            "/v1/payments/v1/payments/ /V2/Payments/ /ams/api/ams/api/",
            "Antom antom.com GLOBAL.ALIPAY.COM global.alipay.co",
            "PingPong pingpongx.com 乒乓乒乓 vdoing VDOING",
            "İvdoing \u{212A}payermax ẞantom Σpingpong",
            "/aggregate-pay//aggregate-pay/ aggregate-pay",
        ] {
            assert_eq!(name_scores(raw), by_lowering(raw), "{raw}");
        }
    }

    #[test]
    fn provider_detection_by_names_then_structure() {
        assert_eq!(detect_provider("PayerMax分配"), Some(Provider::Payermax));
        assert_eq!(detect_provider("Antom 返回"), Some(Provider::Antom));
        assert_eq!(detect_provider("checkout.pingpongx.com"), Some(Provider::Pingpong));
        assert_eq!(detect_provider("FieldTypeRequiredConstraintsDescriptionEnum"), Some(Provider::Payermax));
        assert_eq!(detect_provider("hello world"), None);
    }
}
