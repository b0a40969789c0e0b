//! The generated clients end to end over loopback: typed request in, signed HTTP out over a
//! real transport, the mock gateway checking the signature with openssl, and the typed
//! outcome (or the refusal of an unverified answer) back.

#![cfg(all(feature = "payermax", feature = "antom", feature = "pingpong", feature = "ureq", feature = "reqwest"))]

mod support;

use std::sync::Arc;

use paydoc_sdk::antom::ResultCode as AntomCode;
use paydoc_sdk::antom::create_payment_session::{
    Amount, CreatePaymentSessionRequest, Order, PaymentMethod, SettlementStrategy,
};
use paydoc_sdk::auth::{AuthError, SystemClock};
use paydoc_sdk::payermax::ResultCode as PayerMaxCode;
use paydoc_sdk::payermax::create_paybylink::{
    CreatePaybylinkRequestData, LinkStatus, LinkType, MerchantInfo, UserInfo,
};
use paydoc_sdk::runtime::{Error, Failure};
use paydoc_sdk::transport::{ReqwestTransport, UreqTransport};
use support::configs;
use support::mock_gateway::{Behaviour, MockGateway, Provider};

fn link() -> CreatePaybylinkRequestData {
    CreatePaybylinkRequestData::builder()
        .merchant_link_id("paylinktest001")
        .link_type(LinkType::Onetime)
        .country("ID")
        .currency("IDR")
        .total_amount("40000")
        .description("冬季新款运动鞋")
        .user_info(UserInfo::builder().user_id("98").build().expect("user"))
        .goods_details(Vec::new())
        .merchant_info(MerchantInfo::builder().contact_email("test@example.com").build().expect("merchant"))
        .notify_url("http://www.notifyUrl.example.com")
        .build()
        .expect("complete")
}

fn session() -> CreatePaymentSessionRequest {
    let amount = || Amount::builder().currency("USD").value("1000").build().expect("amount");
    CreatePaymentSessionRequest::builder()
        .product_code("CASHIER_PAYMENT")
        .payment_request_id("pay-1")
        .order(Order::builder().order_amount(amount()).build().expect("order"))
        .payment_amount(amount())
        .payment_method(PaymentMethod { payment_method_type: Some("CARD".into()), ..Default::default() })
        .payment_redirect_url("https://example.com/return")
        .settlement_strategy(SettlementStrategy::default())
        .build()
        .expect("complete")
}

fn payermax(gateway: &MockGateway) -> paydoc_sdk::payermax::Client<UreqTransport> {
    let config = configs::payermax(&gateway.base_url(), Arc::new(SystemClock));
    paydoc_sdk::payermax::Client::new(config, UreqTransport::new())
}

fn antom(gateway: &MockGateway) -> paydoc_sdk::antom::Client<UreqTransport> {
    let config = configs::antom(&gateway.base_url(), Arc::new(SystemClock));
    paydoc_sdk::antom::Client::new(config, UreqTransport::new())
}

#[test]
fn payermax_success_is_the_data_and_the_request_carries_the_envelope() {
    let gateway = MockGateway::start(Provider::PayerMax, Behaviour::SignedSuccess);
    let data = payermax(&gateway).create_paybylink(&link()).expect("a verified answer").expect("a success");
    assert_eq!(data.link_status, LinkStatus::Active);
    let seen = gateway.requests();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].signature_ok, "openssl accepts the SDK's signature");
    assert_eq!(seen[0].path, "/aggregate-pay/api/gateway/createPaybylink");
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).expect("JSON");
    assert_eq!(body["version"], "1.1", "the page's current version of this operation");
    assert_eq!(body["keyVersion"], "1");
    assert_eq!(body["data"]["merchantLinkId"], "paylinktest001");
    assert!(body["requestTime"].as_str().is_some_and(|t| t.ends_with("+00:00")), "{body}");
}

#[test]
fn payermax_error_is_the_typed_rejection() {
    let gateway = MockGateway::start(Provider::PayerMax, Behaviour::SignedError);
    match payermax(&gateway).create_paybylink(&link()).expect("a verified answer") {
        Err(Failure::Rejected(e)) => {
            assert_eq!(e.code, PayerMaxCode::Unknown("PARAMS_INVALID".into()));
            assert_eq!(e.message, "merchantLinkId is required");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn unverified_answers_never_reach_the_caller() {
    for (behaviour, expected) in [
        (Behaviour::TamperedBody, AuthError::BadSignature),
        (Behaviour::WrongKey, AuthError::BadSignature),
        (Behaviour::MissingSignature, AuthError::MissingHeader("sign")),
    ] {
        let gateway = MockGateway::start(Provider::PayerMax, behaviour);
        match payermax(&gateway).create_paybylink(&link()) {
            Err(Error::Auth(e)) => assert_eq!(e, expected, "{behaviour:?}"),
            other => panic!("{behaviour:?}: expected a verification error, got {other:?}"),
        }
    }
    let gateway = MockGateway::start(Provider::Antom, Behaviour::StaleTimestamp);
    assert!(
        matches!(
            antom(&gateway).create_payment_session(&session()),
            Err(Error::Auth(AuthError::StaleTimestamp { .. }))
        ),
        "an hour-old Antom answer is refused"
    );
}

#[test]
fn an_invalid_request_is_never_sent() {
    let gateway = MockGateway::start(Provider::PayerMax, Behaviour::SignedSuccess);
    let mut bad = link();
    bad.country = "IDN".into();
    match payermax(&gateway).create_paybylink(&bad) {
        Err(Error::Invalid(v)) => assert_eq!(v.to_string(), "country: 3 characters, maxLength 2"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(gateway.requests().is_empty());
}

#[test]
fn antom_success_and_error_over_the_blocking_client() {
    let gateway = MockGateway::start(Provider::Antom, Behaviour::SignedSuccess);
    let r = antom(&gateway).create_payment_session(&session()).expect("verified").expect("a success");
    assert_eq!(r.payment_session_id.as_deref(), Some("abc"));
    let seen = gateway.requests();
    assert!(seen[0].signature_ok);
    assert_eq!(seen[0].path, "/ams/sandbox/api/v1/payments/createPaymentSession", "a SANDBOX_ client id");
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).expect("JSON");
    assert_eq!(body["order"]["orderAmount"]["value"], "1000");

    let gateway = MockGateway::start(Provider::Antom, Behaviour::SignedError);
    match antom(&gateway).create_payment_session(&session()).expect("verified") {
        Err(Failure::Rejected(e)) => assert_eq!(e.code, AntomCode::ParamIllegal),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn the_async_clients_over_reqwest() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let gateway = MockGateway::start(Provider::PayerMax, Behaviour::SignedSuccess);
        let config = configs::payermax(&gateway.base_url(), Arc::new(SystemClock));
        let client = paydoc_sdk::payermax::AsyncClient::new(config, ReqwestTransport::new().expect("client"));
        let data = client.create_paybylink(&link()).await.expect("verified").expect("a success");
        assert_eq!(data.merchant_link_id, "paylinktest001");

        let gateway = MockGateway::start(Provider::Antom, Behaviour::TamperedBody);
        let config = configs::antom(&gateway.base_url(), Arc::new(SystemClock));
        let client = paydoc_sdk::antom::AsyncClient::new(config, ReqwestTransport::new().expect("client"));
        assert!(matches!(client.create_payment_session(&session()).await, Err(Error::Auth(AuthError::BadSignature))));
    });
}

#[test]
fn notifications_are_verified_before_they_are_read() {
    let gateway = MockGateway::start(Provider::PayerMax, Behaviour::SignedSuccess);
    let client = payermax(&gateway);
    let (headers, body) = support::signed_notification(Provider::PayerMax, 0);
    let note: serde_json::Value = client.notification(&headers, &body).expect("a signed notification");
    assert!(note.is_object());
    let mut tampered = body.clone();
    if let Some(b) = tampered.iter_mut().find(|b| b.is_ascii_digit()) {
        *b = if *b == b'9' { b'8' } else { *b + 1 };
    }
    assert!(matches!(
        client.notification::<serde_json::Value>(&headers, &tampered),
        Err(paydoc_sdk::runtime::NotificationError::Auth(AuthError::BadSignature))
    ));
}
