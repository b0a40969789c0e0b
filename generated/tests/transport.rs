//! End to end over loopback: `Config::request`, a real transport (ureq, reqwest), the mock gateway checking signatures with openssl, and `verify_response`.

#![cfg(all(feature = "payermax", feature = "antom", feature = "pingpong"))]
// Without a transport feature only the retry test runs; the exchange helpers stay unused.
#![cfg_attr(not(any(feature = "ureq", feature = "reqwest")), allow(dead_code))]

mod support;

use std::sync::Arc;

use paydoc_sdk::auth::{AuthError, SystemClock};
use support::configs;
use support::mock_gateway::{Behaviour, MockGateway, Provider};
use support::ops::{PAYBYLINK, PREPAY, SESSION};

const PROVIDERS: [Provider; 3] = [Provider::PayerMax, Provider::Antom, Provider::PingPong];
const BEHAVIOURS: [Behaviour; 6] = [
    Behaviour::SignedSuccess,
    Behaviour::SignedError,
    Behaviour::TamperedBody,
    Behaviour::MissingSignature,
    Behaviour::StaleTimestamp,
    Behaviour::WrongKey,
];

/// What verification must say for each provider and behaviour.
fn expected(provider: Provider, behaviour: Behaviour) -> Result<(), AuthError> {
    match behaviour {
        Behaviour::SignedSuccess | Behaviour::SignedError => Ok(()),
        Behaviour::TamperedBody | Behaviour::WrongKey => Err(AuthError::BadSignature),
        Behaviour::MissingSignature => Err(match provider {
            Provider::PayerMax => AuthError::MissingHeader("sign"),
            Provider::Antom => AuthError::MissingHeader("signature"),
            Provider::PingPong => AuthError::MissingField("sign"),
        }),
        Behaviour::StaleTimestamp => match provider {
            Provider::Antom => Err(AuthError::StaleTimestamp { name: "response-time", skew_secs: 3600, max_secs: 300 }),
            // Neither signs a timestamp: the answer is an ordinary signed success.
            _ => Ok(()),
        },
    }
}

/// Checks a response the way the provider's config does.
type Verify = Box<dyn Fn(&http::Response<Vec<u8>>) -> Result<(), AuthError>>;

/// The signed request and a verifier for `provider` against `base_url`.
fn prepare(provider: Provider, base_url: &str) -> (http::Request<Vec<u8>>, Verify) {
    let clock = Arc::new(SystemClock);
    match provider {
        Provider::PayerMax => {
            let c = configs::payermax(base_url, clock);
            let req = c.request(&PAYBYLINK, br#"{"merchantLinkId":"L1","totalAmount":"40000"}"#).expect("signs");
            (req, Box::new(move |r| c.verify_response(&PAYBYLINK, r)))
        }
        Provider::Antom => {
            let c = configs::antom(base_url, clock);
            let req = c.request(&SESSION, br#"{"paymentRequestId":"P1"}"#).expect("signs");
            (req, Box::new(move |r| c.verify_response(&SESSION, r)))
        }
        Provider::PingPong => {
            let c = configs::pingpong(base_url);
            let req = c.request(&PREPAY, br#"{"merchantTransactionId":"M1","amount":"10.00"}"#).expect("signs");
            (req, Box::new(move |r| c.verify_response(&PREPAY, r)))
        }
    }
}

fn check_exchange(
    provider: Provider,
    behaviour: Behaviour,
    gateway: &MockGateway,
    response: &http::Response<Vec<u8>>,
    verify: &Verify,
) {
    let seen = gateway.requests();
    assert_eq!(seen.len(), 1, "{provider:?} {behaviour:?}: one request");
    assert!(seen[0].signature_ok, "{provider:?}: openssl accepted the SDK's request signature");
    assert_eq!(response.status(), 200);
    assert_eq!(verify(response), expected(provider, behaviour), "{provider:?} {behaviour:?}");
}

/// Sends through any `Transport`, here a borrowed one.
#[cfg(feature = "ureq")]
fn send_via<T: paydoc_sdk::transport::Transport>(
    transport: T,
    request: http::Request<Vec<u8>>,
) -> Result<http::Response<Vec<u8>>, T::Error> {
    transport.send(request)
}

#[cfg(feature = "ureq")]
#[test]
fn every_provider_and_answer_over_ureq() {
    use paydoc_sdk::transport::UreqTransport;
    let transport = UreqTransport::new();
    for provider in PROVIDERS {
        for behaviour in BEHAVIOURS {
            let gateway = MockGateway::start(provider, behaviour);
            let (request, verify) = prepare(provider, &gateway.base_url());
            // Through a borrowed transport, as an integrator sharing one client would.
            let response = send_via(&transport, request).expect("exchange");
            check_exchange(provider, behaviour, &gateway, &response, &verify);
        }
    }
}

#[cfg(feature = "ureq")]
#[test]
fn ureq_returns_error_statuses_as_responses_and_caps_bodies() {
    use paydoc_sdk::transport::{Limits, Transport, UreqTransport};
    let gateway = MockGateway::start(Provider::PayerMax, Behaviour::SignedSuccess);
    let (mut request, verify) = prepare(Provider::PayerMax, &gateway.base_url());
    // A request whose body changed after signing: the gateway refuses it with a 401.
    request.body_mut().push(b' ');
    let response = UreqTransport::new().send(request).expect("a 401 is a response, not a transport error");
    assert_eq!(response.status(), 401);
    assert!(String::from_utf8_lossy(response.body()).contains("request signature rejected"));
    assert!(!gateway.requests()[0].signature_ok);
    assert_eq!(verify(&response), Err(AuthError::MissingHeader("sign")));
    let tiny = UreqTransport::with_limits(Limits { max_body_bytes: 8, ..Limits::default() });
    let (request, _) = prepare(Provider::PayerMax, &gateway.base_url());
    assert!(tiny.send(request).is_err(), "a body over the cap is an error");
}

#[cfg(feature = "reqwest")]
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(f)
}

#[cfg(feature = "reqwest")]
#[test]
fn every_provider_and_answer_over_reqwest() {
    use paydoc_sdk::transport::{AsyncTransport, ReqwestTransport};
    let transport = Arc::new(ReqwestTransport::new().expect("client"));
    block_on(async {
        for provider in PROVIDERS {
            for behaviour in BEHAVIOURS {
                let gateway = MockGateway::start(provider, behaviour);
                let (request, verify) = prepare(provider, &gateway.base_url());
                // Through a shared transport.
                let response = transport.send(request).await.expect("exchange");
                check_exchange(provider, behaviour, &gateway, &response, &verify);
            }
        }
    });
}

#[cfg(feature = "reqwest")]
#[test]
fn reqwest_returns_error_statuses_as_responses_and_caps_bodies() {
    use paydoc_sdk::transport::{AsyncTransport, Limits, ReqwestError, ReqwestTransport};
    let gateway = MockGateway::start(Provider::Antom, Behaviour::SignedSuccess);
    block_on(async {
        let (mut request, _) = prepare(Provider::Antom, &gateway.base_url());
        request.headers_mut().remove("signature");
        let response = ReqwestTransport::new().expect("client").send(request).await.expect("a 401 is a response");
        assert_eq!(response.status(), 401);
        let tiny = ReqwestTransport::with_limits(Limits { max_body_bytes: 8, ..Limits::default() }).expect("client");
        let (request, _) = prepare(Provider::Antom, &gateway.base_url());
        assert!(matches!(tiny.send(request).await, Err(ReqwestError::BodyTooLarge(8))));
    });
}

#[test]
fn retry_repeats_only_after_transport_errors() {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    use paydoc_sdk::transport::{Retry, Transport};

    #[derive(Debug)]
    struct Down;
    impl std::fmt::Display for Down {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("down")
        }
    }
    impl std::error::Error for Down {}

    /// Fails `failures` times, then answers 500.
    struct Flaky {
        calls: AtomicU32,
        failures: u32,
    }
    impl Transport for Flaky {
        type Error = Down;
        fn send(&self, _: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Down> {
            if self.calls.fetch_add(1, Ordering::SeqCst) < self.failures {
                return Err(Down);
            }
            let mut r = http::Response::new(Vec::new());
            *r.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
            Ok(r)
        }
    }
    let req = || http::Request::new(b"{}".to_vec());
    let flaky = Flaky { calls: AtomicU32::new(0), failures: 2 };
    let retry = Retry::new(&flaky, 3, Duration::from_millis(1));
    assert_eq!(retry.send(req()).expect("third try answers").status(), 500);
    assert_eq!(flaky.calls.load(Ordering::SeqCst), 3, "a 500 is not retried");
    let flaky = Flaky { calls: AtomicU32::new(0), failures: 5 };
    assert!(Retry::new(&flaky, 2, Duration::ZERO).send(req()).is_err());
    assert_eq!(flaky.calls.load(Ordering::SeqCst), 2);
}
