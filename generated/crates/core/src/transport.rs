//! Carrying signed `http` requests to a gateway and bringing the whole response back: the transport traits, ureq and reqwest transports, opt-in retry.
//!
//! A transport sends one [`http::Request`] and returns the [`http::Response`] with its
//! status, headers and body, whatever the status: a 4xx or 5xx is a gateway answer that the
//! caller verifies and decodes, not a transport error. Only failing to exchange bytes
//! (connect, TLS, timeout, a body over the size cap) is an error.
//!
//! Implement [`Transport`] (blocking) or [`AsyncTransport`] over any HTTP client; both are
//! implemented for `&T`, `Arc<T>` and `Box<T>`, so one client can be borrowed or shared.
//! With the Cargo feature `ureq`, `UreqTransport` is ready-made (blocking, rustls); with
//! `reqwest`, `ReqwestTransport` (async, rustls).
//!
//! Nothing retries by default: a payment POST that timed out may still have been executed,
//! and sending it again could charge twice unless the body carries an idempotency id the
//! gateway honours (PayerMax `outTradeNo`, Antom `paymentRequestId`). Callers who know their
//! calls are safe to repeat can wrap a transport in [`Retry`].

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// A blocking HTTP client that sends a request and returns the full response.
pub trait Transport {
    /// Why an exchange failed (not a non-2xx status: that is a response).
    type Error: std::error::Error + Send + Sync + 'static;

    /// Sends `request` and returns the response, whatever its status.
    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Self::Error>;
}

/// An async HTTP client that sends a request and returns the full response.
pub trait AsyncTransport {
    /// Why an exchange failed (not a non-2xx status: that is a response).
    type Error: std::error::Error + Send + Sync + 'static;

    /// Sends `request` and returns the response, whatever its status.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, Self::Error>> + Send;
}

macro_rules! forward {
    ($($ty:ty),*) => {$(
        impl<T: Transport + ?Sized> Transport for $ty {
            type Error = T::Error;
            fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, T::Error> {
                (**self).send(request)
            }
        }

        impl<T: AsyncTransport + ?Sized> AsyncTransport for $ty {
            type Error = T::Error;
            fn send(
                &self,
                request: http::Request<Vec<u8>>,
            ) -> impl Future<Output = Result<http::Response<Vec<u8>>, T::Error>> + Send {
                (**self).send(request)
            }
        }
    )*};
}

forward!(&T, Arc<T>, Box<T>);

/// Default limits of the ready-made transports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest wait for a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest whole exchange, from connecting to the last body byte.
    pub timeout: Duration,
    /// Largest response body accepted; a longer one is an error.
    pub max_body_bytes: u64,
}

impl Default for Limits {
    /// 10 s to connect, 60 s in all, 4 MiB of body.
    fn default() -> Self {
        Limits { connect_timeout: Duration::from_secs(10), timeout: Duration::from_secs(60), max_body_bytes: 4 << 20 }
    }
}

/// A transport wrapper that repeats a request after a transport error (never after a
/// response, whatever its status), up to `attempts` times in all, waiting `backoff`, then
/// twice that, between tries.
///
/// Off by default for a reason: a POST that failed in flight may have been executed, so
/// only wrap calls whose bodies carry an idempotency id the gateway honours. The async
/// impl retries without waiting (the SDK picks no timer); wrap it yourself if you need one.
#[derive(Clone, Debug)]
pub struct Retry<T> {
    inner: T,
    attempts: u32,
    backoff: Duration,
}

impl<T> Retry<T> {
    /// Wraps `inner`: `attempts` tries in all (at least 1), the first wait `backoff`.
    pub fn new(inner: T, attempts: u32, backoff: Duration) -> Self {
        Retry { inner, attempts: attempts.max(1), backoff }
    }
}

impl<T: Transport> Transport for Retry<T> {
    type Error = T::Error;

    fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, T::Error> {
        let mut wait = self.backoff;
        let mut tried = 1;
        loop {
            match self.inner.send(clone_request(&request)) {
                Err(_) if tried < self.attempts => {
                    std::thread::sleep(wait);
                    wait = wait.saturating_mul(2);
                    tried += 1;
                }
                other => return other,
            }
        }
    }
}

impl<T: AsyncTransport + Sync> AsyncTransport for Retry<T> {
    type Error = T::Error;

    async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, T::Error> {
        let mut tried = 1;
        loop {
            match self.inner.send(clone_request(&request)).await {
                Err(_) if tried < self.attempts => tried += 1,
                other => return other,
            }
        }
    }
}

fn clone_request(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

#[cfg(feature = "ureq")]
pub use self::ureq_transport::UreqTransport;

#[cfg(feature = "ureq")]
mod ureq_transport {
    use super::{Limits, Transport};

    /// A blocking transport on `ureq` (rustls, webpki roots): no redirects followed, no
    /// proxy from the environment, [`Limits`] applied, non-2xx returned as responses.
    #[derive(Clone, Debug)]
    pub struct UreqTransport {
        agent: ureq::Agent,
        max_body_bytes: u64,
    }

    impl UreqTransport {
        /// A transport with the default [`Limits`].
        pub fn new() -> Self {
            Self::with_limits(Limits::default())
        }

        /// A transport with the given limits.
        pub fn with_limits(limits: Limits) -> Self {
            let agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .proxy(None)
                .timeout_connect(Some(limits.connect_timeout))
                .timeout_global(Some(limits.timeout))
                .build()
                .into();
            UreqTransport { agent, max_body_bytes: limits.max_body_bytes }
        }
    }

    impl Default for UreqTransport {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Transport for UreqTransport {
        type Error = ureq::Error;

        fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, ureq::Error> {
            let response = self.agent.run(request)?;
            let (parts, mut body) = response.into_parts();
            let bytes = body.with_config().limit(self.max_body_bytes).read_to_vec()?;
            Ok(http::Response::from_parts(parts, bytes))
        }
    }
}

#[cfg(feature = "reqwest")]
pub use self::reqwest_transport::{ReqwestError, ReqwestTransport};

#[cfg(feature = "reqwest")]
mod reqwest_transport {
    use std::fmt;

    use super::{AsyncTransport, Limits};

    /// An async transport on `reqwest` (rustls): no redirects followed, [`Limits`] applied,
    /// non-2xx returned as responses. Needs a Tokio runtime, as reqwest does.
    #[derive(Clone, Debug)]
    pub struct ReqwestTransport {
        client: reqwest::Client,
        max_body_bytes: u64,
    }

    impl ReqwestTransport {
        /// A transport with the default [`Limits`].
        pub fn new() -> Result<Self, ReqwestError> {
            Self::with_limits(Limits::default())
        }

        /// A transport with the given limits.
        pub fn with_limits(limits: Limits) -> Result<Self, ReqwestError> {
            let client = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .connect_timeout(limits.connect_timeout)
                .timeout(limits.timeout)
                .build()
                .map_err(ReqwestError::Client)?;
            Ok(ReqwestTransport { client, max_body_bytes: limits.max_body_bytes })
        }

        /// Wraps a client you built yourself; its own timeouts and redirect policy apply.
        pub fn from_client(client: reqwest::Client, max_body_bytes: u64) -> Self {
            ReqwestTransport { client, max_body_bytes }
        }
    }

    /// Why a reqwest exchange failed.
    #[derive(Debug)]
    pub enum ReqwestError {
        /// reqwest reported an error (connect, TLS, timeout, building the request or client).
        Client(reqwest::Error),
        /// The body is longer than the cap (bytes).
        BodyTooLarge(u64),
    }

    impl fmt::Display for ReqwestError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                ReqwestError::Client(e) => write!(f, "http: {e}"),
                ReqwestError::BodyTooLarge(max) => write!(f, "http: response body over {max} bytes"),
            }
        }
    }

    impl std::error::Error for ReqwestError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            match self {
                ReqwestError::Client(e) => Some(e),
                ReqwestError::BodyTooLarge(_) => None,
            }
        }
    }

    impl AsyncTransport for ReqwestTransport {
        type Error = ReqwestError;

        async fn send(&self, request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, ReqwestError> {
            let request = reqwest::Request::try_from(request).map_err(ReqwestError::Client)?;
            let mut response = self.client.execute(request).await.map_err(ReqwestError::Client)?;
            let max = self.max_body_bytes;
            if response.content_length().is_some_and(|n| n > max) {
                return Err(ReqwestError::BodyTooLarge(max));
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(ReqwestError::Client)? {
                if body.len() as u64 + chunk.len() as u64 > max {
                    return Err(ReqwestError::BodyTooLarge(max));
                }
                body.extend_from_slice(&chunk);
            }
            let mut out = http::Response::new(body);
            *out.status_mut() = response.status();
            *out.version_mut() = response.version();
            *out.headers_mut() = std::mem::take(response.headers_mut());
            Ok(out)
        }
    }
}
