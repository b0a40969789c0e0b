//! The generated SDK as a user meets it: validation at the boundaries, redacted `Debug`,
//! constants, responses that carry what the docs do not list, Antom's string-encoded
//! scalars, and a call through a transport.

#![cfg(all(feature = "payermax", feature = "antom"))]

use paydoc_sdk::payermax::apply_payment_token::{
    ApplyPaymentTokenRequest, ApplyPaymentTokenResponse, CardInfo, Status,
};
use paydoc_sdk::payermax::create_paybylink::{CreatePaybylinkRequest, CreatePaybylinkResponse, LinkStatus};
use paydoc_sdk::runtime::{self, Validate};

/// The page's own createPaybylink request example, which satisfies its table.
const PAYBYLINK: &str = r#"{
  "version": "1.1", "keyVersion": "1", "requestTime": "2022-01-22T10:00:00.500+08:00",
  "appId": "6666c8b036a24579974497c2f9a33333", "merchantNo": "010213834784554",
  "data": {
    "merchantLinkId": "paylinktest001", "linkType": "ONETIME", "expiresTime": "86400",
    "country": "ID", "currency": "IDR", "totalAmount": "40000", "language": "en",
    "description": "冬季新款运动鞋", "linkDescription": "链接收款衣物鞋帽",
    "userInfo": {"userId": "98", "username": "孟艳"},
    "goodsDetails": [
      {"goodsName": "运动鞋", "goodsDescription": "冬季新款减震跑步运动鞋", "quantity": "2", "price": "20000", "goodsCurrency": "IDR", "showUrl": "http://example.com/400x400"}
    ],
    "merchantInfo": {"logoUrl": "http://example.com/logo/100x100", "contactEmail": "test@example.com"},
    "notifyUrl": "http://www.notifyUrl.example.com"
  }
}"#;

fn paybylink() -> CreatePaybylinkRequest {
    serde_json::from_str(PAYBYLINK).expect("the example reads")
}

fn violations(r: &impl Validate) -> Vec<String> {
    match r.validate() {
        Ok(()) => Vec::new(),
        Err(v) => v.0.iter().map(|v| v.to_string()).collect(),
    }
}

#[test]
fn the_page_example_is_valid() {
    assert_eq!(violations(&paybylink()), Vec::<String>::new());
}

#[test]
fn max_length_counts_characters_at_the_boundary() {
    let mut r = paybylink();
    // goodsName: maxLength 128.
    r.data.goods_details[0].goods_name = "a".repeat(128);
    assert!(violations(&r).is_empty());
    r.data.goods_details[0].goods_name = "a".repeat(129);
    assert_eq!(violations(&r), ["data.goodsDetails[0].goodsName: 129 characters, maxLength 128"]);
    // 128 Chinese characters are 384 bytes but 128 characters: allowed.
    r.data.goods_details[0].goods_name = "鞋".repeat(128);
    assert!(violations(&r).is_empty());
    r.data.goods_details[0].goods_name = "鞋".repeat(129);
    assert_eq!(violations(&r), ["data.goodsDetails[0].goodsName: 129 characters, maxLength 128"]);
}

#[test]
fn every_violation_is_reported_with_its_wire_path() {
    let mut r = paybylink();
    let item = r.data.goods_details[0].clone();
    r.data.goods_details = vec![item.clone(), item.clone(), item];
    r.data.goods_details[2].goods_name = "x".repeat(130);
    r.data.currency = "IDRX".into();
    r.app_id = String::new();
    r.merchant_no = Some("9".repeat(33));
    r.data.user_info.username = Some("名".repeat(65));
    assert_eq!(
        violations(&r),
        [
            "appId: required, but empty",
            "merchantNo: 33 characters, maxLength 32",
            "data.currency: 4 characters, maxLength 3",
            "data.userInfo.username: 65 characters, maxLength 64",
            "data.goodsDetails[2].goodsName: 130 characters, maxLength 128",
        ]
    );
}

#[test]
fn violations_never_print_the_values() {
    let mut r = paybylink();
    r.data.merchant_info.contact_email = format!("{}@secret.example", "s".repeat(130));
    let text = r.validate().expect_err("too long").to_string();
    assert_eq!(text, "data.merchantInfo.contactEmail: 145 characters, maxLength 128");
    assert!(!text.contains("secret"));
}

#[test]
fn responses_take_unknown_values_fields_and_missing_options() {
    let json = r#"{"code": "APPLY_SUCCESS", "msg": "", "newTopLevel": 1, "data": {
        "linkId": "a", "merchantLinkId": "b", "linkUrl": "c", "linkStatus": "PAUSED",
        "qrCodeUrl": "d", "expiresAt": "e", "brandNew": {"x": 1}}}"#;
    let r: CreatePaybylinkResponse = serde_json::from_str(json).expect("forward compatible");
    assert_eq!(r.data.link_status, LinkStatus::Unknown("PAUSED".into()));
    assert_eq!(serde_json::to_value(&r.data.link_status).expect("writes"), "PAUSED");
    assert_eq!(LinkStatus::from("EXPIRED".to_string()), LinkStatus::Expired);

    // applyPaymentToken's redirectUrl and paymentTokenID are optional.
    let r: ApplyPaymentTokenResponse = serde_json::from_str(
        r#"{"code": "APPLY_SUCCESS", "msg": "", "data": {"requestId": "r", "status": "SUCCESS"}}"#,
    )
    .expect("reads");
    assert_eq!(r.data.status, Status::Success);
    assert_eq!(r.data.redirect_url, None);
}

fn token_request() -> ApplyPaymentTokenRequest {
    let json = r#"{"version": "1.4", "keyVersion": "1", "requestTime": "2024-01-01T00:00:00.000+00:00", "appId": "app",
      "data": {"requestId": "r1", "country": "RU", "paymentMethodType": "CARD", "userId": "u", "frontCallbackUrl": "https://example.com",
        "tokenScope": "tokenAcq",
        "cardInfo": {"cardIdentifierNo": "4024023875811263", "cardHolderFullName": "ZHANG SAN", "cardExpirationMonth": "12", "cardExpirationYear": "33", "cvv": "123"},
        "envInfo": {"userAgent": "ua", "clientIp": "1.2.3.4", "terminalType": "APP", "osType": "IOS", "deviceLanguage": "zh_CN", "screenHeight": "768", "screenWidth": "1024"}}}"#;
    serde_json::from_str(json).expect("reads")
}

#[test]
fn debug_redacts_every_sensitive_value() {
    let r = token_request();
    let shown = format!("{r:?}");
    for secret in ["4024023875811263", "ZHANG SAN", "\"12\"", "\"33\"", "\"123\""] {
        assert!(!shown.contains(secret), "{secret} leaked: {shown}");
    }
    assert!(shown.contains("cvv: <redacted>"), "{shown}");
    assert!(shown.contains("card_identifier_no: Some(<redacted>)"), "{shown}");
    assert!(shown.contains("user_agent: \"ua\""), "non-sensitive fields still show: {shown}");
    let card = CardInfo {
        card_org: None,
        card_identifier_no: None,
        card_holder_full_name: None,
        card_expiration_month: None,
        card_expiration_year: None,
        cvv: "999".into(),
    };
    assert_eq!(
        format!("{card:?}"),
        "CardInfo { card_org: None, card_identifier_no: None, card_holder_full_name: None, card_expiration_month: None, card_expiration_year: None, cvv: <redacted> }"
    );
}

#[test]
fn constants_are_filled_in_and_enforced() {
    let r = token_request();
    let json = serde_json::to_value(&r).expect("writes");
    assert_eq!(json["data"]["tokenScope"], "tokenAcq");
    let wrong = serde_json::to_string(&json).expect("json").replace("tokenAcq", "tokenX");
    assert!(serde_json::from_str::<ApplyPaymentTokenRequest>(&wrong).is_err());
    let mut without = json.clone();
    without["data"].as_object_mut().expect("object").remove("tokenScope");
    assert!(
        serde_json::from_value::<ApplyPaymentTokenRequest>(without).is_err(),
        "a request without its constant is not the page's request"
    );
}

#[test]
fn antom_scalars_travel_as_strings() {
    use paydoc_sdk::antom::create_payment_session::CreatePaymentSessionRequest;
    let json = r#"{"productCode": "CASHIER_PAYMENT", "paymentRequestId": "p1", "order": {}, "paymentAmount": {"currency": "USD", "value": "100"},
        "paymentMethod": {"paymentMethodType": "CARD"}, "paymentRedirectUrl": "https://example.com", "settlementStrategy": {},
        "enableInstallmentCollection": "true"}"#;
    let r: CreatePaymentSessionRequest = serde_json::from_str(json).expect("reads");
    assert_eq!(r.enable_installment_collection, Some(true));
    let back = serde_json::to_value(&r).expect("writes");
    assert_eq!(back["enableInstallmentCollection"], "true");
    // A plain JSON boolean is accepted too.
    let plain = json.replace("\"true\"", "true");
    assert_eq!(
        serde_json::from_str::<CreatePaymentSessionRequest>(&plain).expect("reads").enable_installment_collection,
        Some(true)
    );
    assert!(serde_json::from_str::<CreatePaymentSessionRequest>(&json.replace("\"true\"", "\"maybe\"")).is_err());
}

type Calls = std::rc::Rc<std::cell::RefCell<Vec<(runtime::Method, String, serde_json::Value)>>>;

/// A transport that records each call and answers with a canned body.
struct Canned {
    answer: &'static str,
    seen: Calls,
}

impl runtime::Transport for Canned {
    type Error = std::convert::Infallible;
    fn send(&self, method: runtime::Method, path: &str, body: Vec<u8>) -> Result<Vec<u8>, Self::Error> {
        let body = serde_json::from_slice(&body).expect("JSON body");
        self.seen.borrow_mut().push((method, path.to_string(), body));
        Ok(self.answer.as_bytes().to_vec())
    }
}

#[test]
fn the_client_validates_sends_and_decodes() {
    let answer = r#"{"code": "APPLY_SUCCESS", "msg": "SUCCESS.", "data": {"linkId": "l", "merchantLinkId": "m", "linkUrl": "u", "linkStatus": "ACTIVE", "qrCodeUrl": "q", "expiresAt": "e"}}"#;
    let seen = Calls::default();
    let client = paydoc_sdk::payermax::Client::new(Canned { answer, seen: seen.clone() });

    let mut bad = paybylink();
    bad.data.country = "IDN".into();
    match client.create_paybylink(&bad) {
        Err(runtime::Error::Invalid(v)) => assert_eq!(v.to_string(), "data.country: 3 characters, maxLength 2"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(seen.borrow().is_empty(), "an invalid request is not sent");

    let response = client.create_paybylink(&paybylink()).expect("call");
    assert_eq!(response.data.link_status, LinkStatus::Active);
    let calls = seen.borrow();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0, runtime::Method::Post);
    assert_eq!(calls[0].1, "/aggregate-pay/api/gateway/createPaybylink");
    assert_eq!(calls[0].2["data"]["country"], "ID");
}

#[test]
fn a_malformed_response_error_repeats_none_of_it() {
    let answer = r#"{"code": "APPLY_SUCCESS", "msg": "", "data": {"requestId": "r", "status": "SUCCESS", "paymentTokenID": 4024023875811263}}"#;
    let canned = Canned { answer, seen: Calls::default() };
    let err =
        runtime::call::<paydoc_sdk::payermax::apply_payment_token::ApplyPaymentToken, _>(&canned, &token_request())
            .expect_err("a number where the token string belongs");
    let text = err.to_string();
    assert!(matches!(err, runtime::Error::Decode(runtime::DecodeError { category: "data", line: 1, .. })), "{text}");
    assert!(!text.contains("4024023875811263"), "{text}");
}
