//! A mock payment gateway on 127.0.0.1: checks each request's signature with `openssl` and answers as the test asks.
//!
//! `MockGateway::start(provider, behaviour)` listens on an ephemeral loopback port in a
//! thread (std only, HTTP/1.1, one request per connection) and stops when dropped. Each
//! request's signature is checked independently of the SDK (the `openssl` command line for
//! RSA and for PingPong's digests); a request that fails the check gets a 401 and is
//! recorded as such. Answers are signed with the gateway's test key (or the store's salt)
//! unless the behaviour says otherwise.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::*;

/// Which gateway to imitate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    PayerMax,
    Antom,
    PingPong,
}

/// How the mock answers a request whose signature checked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// A signed success.
    SignedSuccess,
    /// A signed business error (still HTTP 200, as the gateways answer).
    SignedError,
    /// A signed success whose body was changed after signing.
    TamperedBody,
    /// A success without any signature.
    MissingSignature,
    /// A signed success whose timestamp is an hour old (Antom's `response-time`; the other
    /// gateways sign no timestamp, so for them this is a signed success).
    StaleTimestamp,
    /// A signed success, signed with a key that is not the gateway's (the salt is wrong for PingPong).
    WrongKey,
}

/// One request the mock received.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether its signature checked out with openssl.
    pub signature_ok: bool,
}

/// A running mock gateway; stops when dropped.
pub struct MockGateway {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
}

impl MockGateway {
    /// Starts a mock of `provider` answering with `behaviour`.
    pub fn start(provider: Provider, behaviour: Behaviour) -> MockGateway {
        let _ = keys();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("address");
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop2, seen2) = (stop.clone(), seen.clone());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = conn {
                    serve(stream, provider, behaviour, &seen2);
                }
            }
        });
        MockGateway { addr, stop, seen, thread: Some(thread) }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Drop for MockGateway {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

fn serve(stream: TcpStream, provider: Provider, behaviour: Behaviour, seen: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&stream) else { return };
    let signature_ok = check_request(provider, &request);
    let (status, headers, body) = if signature_ok {
        answer(provider, behaviour, &request)
    } else {
        (401, Vec::new(), br#"{"mock":"request signature rejected"}"#.to_vec())
    };
    if let Ok(mut s) = seen.lock() {
        s.push(Seen { signature_ok, ..request });
    }
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        if status == 200 { "OK" } else { "Unauthorized" },
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut stream = stream;
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }
    let len: usize = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    Some(Seen { method, path, headers, body, signature_ok: false })
}

fn get<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Checks a request's signature as the real gateway would, with openssl.
fn check_request(provider: Provider, r: &Seen) -> bool {
    let k = keys();
    match provider {
        Provider::PayerMax => {
            let Some(sig) = get(&r.headers, "sign").and_then(|s| STANDARD.decode(s).ok()) else { return false };
            openssl_verify(&k.merchant, &r.body, &sig)
        }
        Provider::Antom => {
            let (Some(client), Some(time), Some(sig)) =
                (get(&r.headers, "client-id"), get(&r.headers, "request-time"), get(&r.headers, "signature"))
            else {
                return false;
            };
            let Some(encoded) = sig.split(',').find_map(|p| p.trim().strip_prefix("signature=")) else { return false };
            let decoded = encoded.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
            let Ok(sig) = STANDARD.decode(decoded) else { return false };
            let mut content = format!("{} {}\n{client}.{time}.", r.method, r.path).into_bytes();
            content.extend_from_slice(&r.body);
            client == ANTOM_CLIENT_ID && openssl_verify(&k.merchant, &content, &sig)
        }
        Provider::PingPong => {
            let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(&r.body) else { return false };
            let (Some(sign), Some(sign_type)) =
                (object.get("sign").and_then(|v| v.as_str()), object.get("signType").and_then(|v| v.as_str()))
            else {
                return false;
            };
            object.get("bizContent").is_some_and(|b| b.is_string())
                && pingpong_sign(PINGPONG_SALT, sign_type, &object) == sign
        }
    }
}

type Answer = (u16, Vec<(String, String)>, Vec<u8>);

fn answer(provider: Provider, behaviour: Behaviour, request: &Seen) -> Answer {
    let k = keys();
    let error = behaviour == Behaviour::SignedError;
    let signer = if behaviour == Behaviour::WrongKey { &k.wrong } else { &k.gateway };
    let (mut headers, mut body) = match provider {
        Provider::PayerMax => {
            let body = if error {
                r#"{"code":"PARAMS_INVALID","msg":"merchantLinkId is required","data":null}"#.to_string()
            } else {
                r#"{"code":"APPLY_SUCCESS","msg":"Success.","data":{"linkId":"iwockllp","merchantLinkId":"paylinktest001","linkUrl":"https://www.payermax.link/q","linkStatus":"ACTIVE","qrCodeUrl":"https://www.payermax.link/qr","expiresAt":"2030-01-01T00:00:00.000+08:00"}}"#
                    .to_string()
            };
            let sig = STANDARD.encode(openssl_sign(signer, body.as_bytes()));
            (vec![("sign".to_string(), sig)], body.into_bytes())
        }
        Provider::Antom => {
            let body = if error {
                r#"{"result":{"resultCode":"PARAM_ILLEGAL","resultStatus":"F","resultMessage":"illegal parameter"}}"#
            } else {
                r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentSessionId":"abc","paymentSessionData":"data","paymentSessionExpiryTime":"2030-01-01T00:00:00+08:00"}"#
            };
            let time = if behaviour == Behaviour::StaleTimestamp { now_ms() - 3_600_000 } else { now_ms() }.to_string();
            let content = format!("{} {}\n{ANTOM_CLIENT_ID}.{time}.{body}", request.method, request.path);
            let sig = urlencode_b64(&STANDARD.encode(openssl_sign(signer, content.as_bytes())));
            let headers = vec![
                ("client-id".to_string(), ANTOM_CLIENT_ID.to_string()),
                ("response-time".to_string(), time),
                ("signature".to_string(), format!("algorithm=RSA256, keyVersion=1, signature={sig}")),
            ];
            (headers, body.as_bytes().to_vec())
        }
        Provider::PingPong => {
            let mut object = serde_json::Map::new();
            object.insert("accId".into(), PINGPONG_ACC_ID.into());
            object.insert("clientId".into(), PINGPONG_CLIENT_ID.into());
            object.insert("signType".into(), "SHA256".into());
            if error {
                object.insert("code".into(), "004001".into());
                object.insert("description".into(), "parameter error".into());
            } else {
                object.insert("code".into(), "000000".into());
                object.insert("description".into(), "success".into());
                object.insert("bizContent".into(), r#"{"status":"SUCCESS","transactionId":"T1"}"#.into());
            }
            let salt = if behaviour == Behaviour::WrongKey { "FFFFFFFFFFFFFFFFFFFFFFFF" } else { PINGPONG_SALT };
            let sign = pingpong_sign(salt, "SHA256", &object);
            object.insert("sign".into(), sign.into());
            (Vec::new(), serde_json::Value::Object(object).to_string().into_bytes())
        }
    };
    match behaviour {
        Behaviour::TamperedBody => {
            // Change one character inside a value, after signing.
            if let Some(i) = body.iter().position(|&b| b == b'S' || b == b's') {
                body[i] ^= 0x20;
            }
        }
        Behaviour::MissingSignature => {
            headers.retain(|(k, _)| k != "sign" && k != "signature");
            if provider == Provider::PingPong {
                let mut v: serde_json::Value = serde_json::from_slice(&body).expect("own JSON");
                if let Some(o) = v.as_object_mut() {
                    o.remove("sign");
                }
                body = v.to_string().into_bytes();
            }
        }
        _ => {}
    }
    (200, headers, body)
}
