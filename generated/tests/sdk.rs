//! The generated SDK as a user meets it: validation at the boundaries, redacted `Debug`,
//! constants, builders, responses that carry what the docs do not list, every provider's
//! success and error outcomes, decode errors with paths, and Antom's string-encoded scalars.

#![cfg(all(feature = "payermax", feature = "antom", feature = "pingpong"))]

use paydoc_sdk::payermax::apply_payment_token::{
    ApplyPaymentTokenRequest, ApplyPaymentTokenResponse, CardInfo, Status,
};
use paydoc_sdk::payermax::create_paybylink::{CreatePaybylinkRequest, CreatePaybylinkResponse, LinkStatus};
use paydoc_sdk::runtime::{self, Validate};

#[path = "support/paybylink.rs"]
mod paybylink;

/// The page's own createPaybylink request example, which satisfies its table.
fn paybylink() -> CreatePaybylinkRequest {
    paybylink::request()
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
    let data = r.data.expect("data");
    assert_eq!(data.link_status, LinkStatus::Unknown("PAUSED".into()));
    assert_eq!(serde_json::to_value(&data.link_status).expect("writes"), "PAUSED");
    assert_eq!(LinkStatus::from("EXPIRED".to_string()), LinkStatus::Expired);

    // applyPaymentToken's redirectUrl and paymentTokenID are optional.
    let r: ApplyPaymentTokenResponse = serde_json::from_str(
        r#"{"code": "APPLY_SUCCESS", "msg": "", "data": {"requestId": "r", "status": "SUCCESS"}}"#,
    )
    .expect("reads");
    let data = r.data.expect("data");
    assert_eq!(data.status, Status::Success);
    assert_eq!(data.redirect_url, None);
}

fn token_request() -> ApplyPaymentTokenRequest {
    use paydoc_sdk::payermax::apply_payment_token::{
        ApplyPaymentTokenRequestData, EnvInfo, OsType, PaymentMethodType, TerminalType,
    };
    let card = CardInfo {
        card_org: None,
        card_identifier_no: Some("4024023875811263".into()),
        card_holder_full_name: Some("ZHANG SAN".into()),
        card_expiration_month: Some("12".into()),
        card_expiration_year: Some("33".into()),
        cvv: "123".into(),
    };
    let env = EnvInfo::builder()
        .user_agent("ua")
        .client_ip("1.2.3.4")
        .terminal_type(TerminalType::App)
        .os_type(OsType::Ios)
        .device_language("zh_CN")
        .screen_height("768")
        .screen_width("1024")
        .build()
        .expect("complete");
    let data = ApplyPaymentTokenRequestData::builder()
        .request_id("r1")
        .country("RU")
        .payment_method_type(PaymentMethodType::Card)
        .user_id("u")
        .front_callback_url("https://example.com")
        .card_info(card)
        .env_info(env)
        .build()
        .expect("complete");
    ApplyPaymentTokenRequest::builder()
        .data(data)
        .version("1.4")
        .key_version("1")
        .request_time("2024-01-01T00:00:00.000+00:00")
        .app_id("app")
        .build()
        .expect("complete")
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
fn constants_are_filled_in() {
    let json = serde_json::to_value(token_request()).expect("writes");
    assert_eq!(json["data"]["tokenScope"], "tokenAcq", "the builder fills the constant; no caller can change it");
}

#[test]
fn antom_scalars_travel_as_strings() {
    use paydoc_sdk::antom::create_payment_session::CreatePaymentSessionRequest;
    let mut r: CreatePaymentSessionRequest = antom_session();
    r.enable_installment_collection = Some(true);
    let back = serde_json::to_value(&r).expect("writes");
    assert_eq!(back["enableInstallmentCollection"], "true");
    assert_eq!(back["paymentAmount"], serde_json::json!({"currency": "USD", "value": "100"}));
}

/// A createPaymentSession request with its required fields.
fn antom_session() -> paydoc_sdk::antom::create_payment_session::CreatePaymentSessionRequest {
    use paydoc_sdk::antom::create_payment_session::{
        Amount, CreatePaymentSessionRequest, Order, PaymentMethod, SettlementStrategy,
    };
    let usd = || Amount::builder().currency("USD").value("100").build().expect("complete");
    CreatePaymentSessionRequest::builder()
        .product_code("CASHIER_PAYMENT")
        .payment_request_id("p1")
        .order(Order::builder().order_amount(usd()).build().expect("complete"))
        .payment_amount(usd())
        .payment_method(PaymentMethod { payment_method_type: Some("CARD".into()), ..PaymentMethod::default() })
        .payment_redirect_url("https://example.com")
        .settlement_strategy(SettlementStrategy::default())
        .build()
        .expect("complete")
}

#[test]
fn a_payermax_error_body_is_the_gateways_typed_error() {
    use paydoc_sdk::payermax::ResultCode;
    let body = br#"{"code":"INVALID_PARAMETER","msg":"merchantLinkId is required"}"#;
    let answer = runtime::outcome::<CreatePaybylinkResponse>(body).expect("an error body decodes");
    let Err(runtime::Failure::Rejected(e)) = answer else { panic!("a failure, got {answer:?}") };
    assert_eq!(e.code, ResultCode::Unknown("INVALID_PARAMETER".into()), "a code the pages do not list");
    assert_eq!(e.message, "merchantLinkId is required");
    assert_eq!(e.raw_body(), body);
    assert_eq!(e.to_string(), "INVALID_PARAMETER (merchantLinkId is required)");
    assert!(!format!("{e:?}").contains("merchantLinkId is required\"}"), "Debug shows no raw body");
    // The page's own error example gives only the code.
    let answer = runtime::outcome::<CreatePaybylinkResponse>(br#"{"code":"xx"}"#).expect("decodes");
    assert!(
        matches!(answer, Err(runtime::Failure::Rejected(ref e)) if e.code.as_str() == "xx" && e.message.is_empty())
    );
}

#[test]
fn a_payermax_success_gives_the_data_and_needs_it() {
    let body = br#"{"code":"APPLY_SUCCESS","msg":"","data":{"linkId":"l","merchantLinkId":"m","linkUrl":"u","linkStatus":"ACTIVE","qrCodeUrl":"q","expiresAt":"e"}}"#;
    let data = runtime::outcome::<CreatePaybylinkResponse>(body).expect("decodes").expect("a success");
    assert_eq!(data.link_status, LinkStatus::Active);
    let err = runtime::outcome::<CreatePaybylinkResponse>(br#"{"code":"APPLY_SUCCESS","msg":""}"#)
        .expect_err("a success without its data");
    assert_eq!(err.to_string(), "data: missing from a successful response");
}

#[test]
fn decode_errors_name_the_json_path_and_never_the_value() {
    let body = br#"{"code":"APPLY_SUCCESS","msg":"","data":{"requestId":"r","status":"SUCCESS","paymentTokenID":4024023875811263}}"#;
    let err = runtime::outcome::<ApplyPaymentTokenResponse>(body).expect_err("a number where a string belongs");
    assert_eq!(err.path, "data.paymentTokenID");
    assert_eq!(err.to_string(), "data.paymentTokenID: invalid type, expected a string");
    assert!(!err.to_string().contains("4024023875811263"));
    let err = runtime::outcome::<CreatePaybylinkResponse>(br#"{"code":"APPLY_SUCCESS","data":{"linkId":"l"}}"#)
        .expect_err("required fields left out");
    assert_eq!(err.to_string(), "data: missing field `merchantLinkId`");
    let err = runtime::outcome::<CreatePaybylinkResponse>(b"{\"code\": ").expect_err("cut short");
    assert_eq!(err.to_string(), "code: the body is cut short");
}

mod antom {
    use paydoc_sdk::antom::ResultCode;
    use paydoc_sdk::antom::create_payment_session::CreatePaymentSessionResponse;
    use paydoc_sdk::runtime::{self, Failure};

    fn answer(code: &str, status: &str) -> runtime::Outcome<CreatePaymentSessionResponse, ResultCode> {
        let body = format!(r#"{{"result":{{"resultCode":"{code}","resultStatus":"{status}","resultMessage":"m"}}}}"#);
        runtime::outcome::<CreatePaymentSessionResponse>(body.as_bytes()).expect("decodes")
    }

    #[test]
    fn success_gives_the_response() {
        let body = br#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},
            "paymentSessionId":"id","paymentSessionData":"data","paymentSessionExpiryTime":"2024-01-01T00:00:00+08:00"}"#;
        let r = runtime::outcome::<CreatePaymentSessionResponse>(body).expect("decodes").expect("a success");
        assert_eq!(r.result.result_code, ResultCode::Success);
        assert_eq!(r.payment_session_id.as_deref(), Some("id"));
    }

    #[test]
    fn f_is_a_rejection_with_the_pages_code() {
        match answer("PARAM_ILLEGAL", "F") {
            Err(Failure::Rejected(e)) => assert_eq!(e.code, ResultCode::ParamIllegal),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn u_is_unknown_not_a_failure() {
        match answer("UNKNOWN_EXCEPTION", "U") {
            Err(Failure::Unknown(e)) => assert_eq!(e.code, ResultCode::UnknownException),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_code_the_page_does_not_list_reaches_unknown() {
        match answer("RISK_REJECT", "F") {
            Err(Failure::Rejected(e)) => assert_eq!(e.code, ResultCode::Unknown("RISK_REJECT".into())),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_result_is_required() {
        let err =
            runtime::outcome::<CreatePaymentSessionResponse>(br#"{"paymentSessionId":"id"}"#).expect_err("no result");
        assert_eq!(err.to_string(), "missing field `result`");
    }
}

mod pingpong {
    use paydoc_sdk::pingpong::ResultCode;
    use paydoc_sdk::pingpong::one_click_pay::OneClickPayResponse;
    use paydoc_sdk::runtime::{self, Failure, PingPongReply};

    type Reply = PingPongReply<OneClickPayResponse, ResultCode>;

    #[test]
    fn the_success_code_gives_the_biz_content() {
        let body = br#"{"accId":"a","clientId":"c","code":"000000","description":"Success","signType":"MD5","sign":"S","bizContent":"{}"}"#;
        assert!(runtime::outcome::<Reply>(body).expect("decodes").is_ok());
    }

    #[test]
    fn another_code_is_the_gateways_error() {
        let body = br#"{"code":"400001","description":"bad request","bizContent":""}"#;
        match runtime::outcome::<Reply>(body).expect("decodes") {
            Err(Failure::Rejected(e)) => {
                assert_eq!(e.code, ResultCode::Unknown("400001".into()));
                assert_eq!(e.message, "bad request");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn processing_is_unknown_not_a_failure() {
        let body = br#"{"code":"002000","description":"Transaction processing"}"#;
        match runtime::outcome::<Reply>(body).expect("decodes") {
            Err(Failure::Unknown(e)) => assert_eq!(e.code, ResultCode::V002000),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn biz_content_errors_name_their_path() {
        let body = br#"{"code":"000000","description":"","bizContent":"{not json"}"#;
        let err = runtime::outcome::<Reply>(body).expect_err("bizContent is not JSON");
        assert!(err.to_string().starts_with("bizContent: not JSON"), "{err}");
    }
}

#[test]
fn builders_take_fields_by_name_and_report_what_is_missing() {
    use paydoc_sdk::payermax::apply_payment_token::ApplyPaymentTokenRequestData;
    use paydoc_sdk::payermax::create_paybylink::{CreatePaybylinkRequestData, LinkType, MerchantInfo, UserInfo};
    let err = CreatePaybylinkRequestData::builder().country("ID").currency("IDR").build().expect_err("incomplete");
    assert_eq!(
        err.to_string(),
        "missing required fields: merchantLinkId, linkType, totalAmount, description, userInfo, goodsDetails, merchantInfo, notifyUrl"
    );
    let data = CreatePaybylinkRequestData::builder()
        .merchant_link_id("paylinktest001")
        .link_type(LinkType::Onetime)
        .country("ID")
        .currency("IDR")
        .total_amount("40000")
        .description("冬季新款运动鞋")
        .user_info(UserInfo::builder().user_id("98").build().expect("userId is enough"))
        .goods_details(Vec::new())
        .merchant_info(MerchantInfo::builder().contact_email("test@example.com").build().expect("complete"))
        .notify_url("http://www.notifyUrl.example.com")
        .build()
        .expect("complete");
    assert_eq!(
        serde_json::to_value(&data).expect("writes"),
        serde_json::to_value(paybylink().data.with_goods(Vec::new()).without_optionals()).expect("writes")
    );
    // Constants are filled in by the builder, never by the caller.
    let token = ApplyPaymentTokenRequestData::builder().build().expect_err("required fields");
    assert!(!token.0.contains(&"tokenScope"), "a constant is never missing: {token}");
}

/// What the page example's data is without its optional fields and with other goods.
trait Trim {
    fn with_goods(self, goods: Vec<paydoc_sdk::payermax::create_paybylink::GoodsDetail>) -> Self;
    fn without_optionals(self) -> Self;
}

impl Trim for paydoc_sdk::payermax::create_paybylink::CreatePaybylinkRequestData {
    fn with_goods(mut self, goods: Vec<paydoc_sdk::payermax::create_paybylink::GoodsDetail>) -> Self {
        self.goods_details = goods;
        self
    }
    fn without_optionals(mut self) -> Self {
        self.expires_time = None;
        self.language = None;
        self.link_description = None;
        self.user_info.username = None;
        self.merchant_info.logo_url = None;
        self
    }
}

#[test]
fn request_types_whose_fields_are_all_optional_have_default() {
    // Antom's SettlementStrategy (from spec/overlays/antom/types.yaml) has only optional fields.
    let s = paydoc_sdk::antom::create_payment_session::SettlementStrategy::default();
    assert_eq!(serde_json::to_string(&s).expect("writes"), "{}");
}

#[test]
fn antom_nested_objects_are_typed_validated_and_string_encoded() {
    use paydoc_sdk::antom::create_payment_session::{Amount, Buyer};
    let mut r = antom_session();
    r.order.order_amount = Amount::builder().currency("USDX").value("100").build().expect("complete");
    r.order.buyer = Some(Buyer { successful_order_count: Some(3), ..Buyer::default() });
    assert_eq!(violations(&r), ["order.orderAmount.currency: 4 characters, maxLength 3"]);
    let back = serde_json::to_value(&r).expect("writes");
    assert_eq!(back["order"]["buyer"]["successfulOrderCount"], "3", "scalars inside nested objects travel as strings");
}

#[test]
fn string_encoded_scalars_read_from_strings_and_from_plain_values() {
    // What a response field Antom sends as a string decodes with (`runtime::stringly`).
    #[derive(serde::Deserialize)]
    struct Read {
        #[serde(with = "paydoc_sdk::runtime::stringly")]
        count: i64,
        #[serde(default, with = "paydoc_sdk::runtime::stringly::option")]
        flag: Option<bool>,
    }
    let r: Read = serde_json::from_str(r#"{"count": "3", "flag": "true"}"#).expect("strings");
    assert_eq!((r.count, r.flag), (3, Some(true)));
    let r: Read = serde_json::from_str(r#"{"count": 3, "flag": true}"#).expect("plain values");
    assert_eq!((r.count, r.flag), (3, Some(true)));
    let r: Read = serde_json::from_str(r#"{"count": "3"}"#).expect("absent option");
    assert_eq!(r.flag, None);
    assert!(serde_json::from_str::<Read>(r#"{"count": "3", "flag": "maybe"}"#).is_err());
}

#[test]
fn generated_writers_skip_unset_options_and_write_string_encoded_scalars_as_strings() {
    // A struct written the way a generated `Serialize` writes one (`runtime::ser`): the seed
    // pages have no required string-encoded request field, so `text` is exercised here.
    struct Written {
        name: &'static str,
        note: Option<String>,
        count: i64,
        flag: Option<bool>,
        limit: Option<u32>,
    }
    impl serde::Serialize for Written {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = runtime::ser::object(s)?;
            map.field("name", &self.name)?;
            map.option("note", &self.note)?;
            map.text("count", &self.count)?;
            map.text_option("flag", &self.flag)?;
            map.text_option("limit", &self.limit)?;
            map.end()
        }
    }
    let w = Written { name: "a", note: None, count: 3, flag: Some(true), limit: None };
    assert_eq!(serde_json::to_string(&w).expect("writes"), r#"{"name":"a","count":"3","flag":"true"}"#);
    let w = Written { note: Some("n".into()), limit: Some(7), ..w };
    assert_eq!(
        serde_json::to_string(&w).expect("writes"),
        r#"{"name":"a","note":"n","count":"3","flag":"true","limit":"7"}"#
    );
}

/// Under `deserialize-requests`, a request read from its page's example writes back the same
/// JSON: the derive reads each wire name, whether `rename_all` spells it or its own `rename`
/// does (`shopperIP` is not `shopper_ip` in camelCase).
#[cfg(feature = "deserialize-requests")]
#[test]
fn requests_read_from_page_examples_write_back_the_same_json() {
    let payermax = serde_json::json!({
        "version": "1.1", "keyVersion": "1", "requestTime": "2022-01-22T10:00:00.500+08:00",
        "appId": "6666c8b036a24579974497c2f9a33333", "merchantNo": "010213834784554",
        "data": {
            "merchantLinkId": "paylinktest001", "linkType": "ONETIME", "expiresTime": "86400",
            "country": "ID", "currency": "IDR", "totalAmount": "40000", "language": "en",
            "description": "冬季新款运动鞋", "linkDescription": "链接收款衣物鞋帽",
            "userInfo": {"userId": "98", "username": "孟艳"},
            "goodsDetails": [{"goodsName": "运动鞋", "goodsDescription": "冬季新款减震跑步运动鞋",
                "quantity": "2", "price": "20000", "goodsCurrency": "IDR",
                "showUrl": "http://example.com/400x400"}],
            "merchantInfo": {"logoUrl": "http://example.com/logo/100x100", "contactEmail": "test@example.com"},
            "notifyUrl": "http://www.notifyUrl.example.com"}});
    let r: paydoc_sdk::payermax::create_paybylink::CreatePaybylinkRequest =
        serde_json::from_value(payermax.clone()).expect("reads");
    assert_eq!(r.data.user_info.user_id, "98");
    assert_eq!(serde_json::to_value(&r).expect("writes"), payermax);

    let pingpong = serde_json::json!({
        "accId": "2023042011040310224447", "clientId": "2023042011040310224", "signType": "SHA256",
        "sign": "{{Sign}}", "version": "1.0",
        "bizContent": {
            "captureDelayHours": 0, "amount": 100, "currency": "HKD", "requestId": "{{requestId}}",
            "payResultUrl": "https://www.baidu.com",
            "notificationUrl": "https://test-acquirerpay.pingpongx.com/qa/notify",
            "merchantTransactionId": "{{merchantTransactionId}}", "shopperIP": "192.168.1.1",
            "token": "7dda0a6f6958105204fd6637001f900efd9b3168c948b68b6f7f2bf063eadf97",
            "bizType": "CodeGrant", "merchantUserId": "126048960513465",
            "paymentMethod": {"type": "AlipayHK"}, "customer": {"email": "pass@pingpongx.com"},
            "device": {"orderTerminal": "02"}}});
    let r: paydoc_sdk::pingpong::one_click_pay::OneClickPayRequest =
        serde_json::from_value(pingpong.clone()).expect("reads");
    let biz = r.biz_content.as_ref().expect("bizContent is read");
    assert_eq!(biz.shopper_ip.as_deref(), Some("192.168.1.1"));
    assert_eq!(serde_json::to_value(&r).expect("writes"), pingpong);
}

/// Under `serialize-responses`, a decoded response writes back the JSON it was read from:
/// the gateway's spellings, result codes and string-encoded scalars, absent options absent.
#[cfg(feature = "serialize-responses")]
#[test]
fn responses_write_back_the_json_they_were_read_from() {
    let payermax = serde_json::json!({"code": "APPLY_SUCCESS", "msg": "", "data": {
        "linkId": "a", "merchantLinkId": "b", "linkUrl": "c", "linkStatus": "PAUSED",
        "qrCodeUrl": "d", "expiresAt": "e"}});
    let r: CreatePaybylinkResponse = serde_json::from_value(payermax.clone()).expect("reads");
    assert_eq!(serde_json::to_value(&r).expect("writes"), payermax);

    let antom = serde_json::json!({
        "result": {"resultCode": "SUCCESS", "resultStatus": "S", "resultMessage": "success"},
        "paymentSessionId": "id", "paymentSessionExpiryTime": "2019-11-27T12:01:01+08:00"});
    let r: paydoc_sdk::antom::create_payment_session::CreatePaymentSessionResponse =
        serde_json::from_value(antom.clone()).expect("reads");
    assert_eq!(serde_json::to_value(&r).expect("writes"), antom);
}
