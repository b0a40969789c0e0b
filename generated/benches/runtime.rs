//! Runtime cost of the generated types against hand-written serde structs doing the same work.
//!
//! Two figures, each measured in the same run for the generated and the hand-written code:
//!
//! - request: `validate()` then `serde_json::to_vec` of PayerMax `createPaybylink`, built
//!   from the page's own request example;
//! - response: `serde_json::from_slice` of the page's own `createPaybylink` response example;
//! - signing: `payermax::Config::request` for the same `data` (envelope + SHA256withRSA with
//!   a 2048-bit key made by `openssl genpkey` for this run only), and PingPong's salted
//!   SHA-256 `sign` for the same payload, each on its own (no hand-written counterpart).
//!
//! A std-only harness (no criterion): samples of a calibrated number of iterations,
//! generated and hand-written interleaved, medians over the samples, and the ratio of the
//! medians (target ≤ 1.05). Run with `cargo bench -p paydoc-sdk --bench runtime`, options
//! after `--`: `--runs R` (default 5; each run is 10 samples of each side) or `--smoke`
//! (a few short samples, to check that the bench still works). Without `--bench` (as
//! `cargo test --benches` runs it) it runs as `--smoke`. The last lines are `bench: …`
//! summaries, which `cargo xtask bench` collects.

use std::hint::black_box;
use std::time::{Duration, Instant};

use paydoc_sdk::payermax::create_paybylink::CreatePaybylinkResponse;
use paydoc_sdk::runtime::Validate;

/// The createPaybylink request example of the page (spec/pages/002_e5e5ab49e47292b0.txt).
const REQUEST: &str = r#"{
  "version": "1.1",
  "keyVersion": "1",
  "requestTime": "2022-01-22T10:00:00.500+08:00",
  "appId": "6666c8b036a24579974497c2f9a33333",
  "merchantNo": "010213834784554",
  "data": {
    "merchantLinkId": "paylinktest001",
    "linkType": "ONETIME",
    "expiresTime": "86400",
    "country": "ID",
    "currency": "IDR",
    "totalAmount": "40000",
    "language": "en",
    "description": "冬季新款运动鞋",
    "linkDescription": "链接收款衣物鞋帽",
    "userInfo": {
      "userId": "98",
      "username": "孟艳"
    },
    "goodsDetails": [
      {
        "goodsName": "运动鞋",
        "goodsDescription": "冬季新款减震跑步运动鞋",
        "quantity": "2",
        "price": "20000",
        "goodsCurrency": "IDR",
        "showUrl": "http://example.com/400x400"
      }
    ],
    "merchantInfo": {
      "logoUrl": "http://example.com/logo/100x100",
      "contactEmail": "test@example.com"
    },
    "notifyUrl": "http://www.notifyUrl.example.com"
  }
}"#;

/// The createPaybylink success response example of the page.
const RESPONSE: &str = r#"{
  "code": "APPLY_SUCCESS",
  "msg": "SUCCESS.",
  "data": {
    "linkId": "iwockllp",
    "merchantLinkId": "paylinktest001",
    "linkUrl": "https://www.payermax.link/qltvlsd",
    "linkStatus": "ACTIVE",
    "qrCodeUrl": "https://www.payermax.link/imagesqrcode",
    "expiresAt": "2022-11-01T10:00:00.000+08:00"
  }
}"#;

/// What a careful hand-written client would have: plain serde structs with the same field
/// types and the same checks (every empty required string and every `maxLength`, counted
/// in characters, each reported with its wire path, built only when a check fails).
#[path = "../tests/support/paybylink.rs"]
mod paybylink;

mod hand {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    pub struct Request {
        pub version: String,
        #[serde(rename = "keyVersion")]
        pub key_version: String,
        #[serde(rename = "requestTime")]
        pub request_time: String,
        #[serde(rename = "appId")]
        pub app_id: String,
        #[serde(rename = "merchantNo", default, skip_serializing_if = "Option::is_none")]
        pub merchant_no: Option<String>,
        pub data: Data,
    }

    #[derive(Serialize, Deserialize)]
    pub enum LinkType {
        #[serde(rename = "ONETIME")]
        Onetime,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Data {
        #[serde(rename = "merchantLinkId")]
        pub merchant_link_id: String,
        #[serde(rename = "linkType")]
        pub link_type: LinkType,
        #[serde(rename = "expiresTime", default, skip_serializing_if = "Option::is_none")]
        pub expires_time: Option<String>,
        pub country: String,
        pub currency: String,
        #[serde(rename = "totalAmount")]
        pub total_amount: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub language: Option<String>,
        pub description: String,
        #[serde(rename = "linkDescription", default, skip_serializing_if = "Option::is_none")]
        pub link_description: Option<String>,
        #[serde(rename = "userInfo")]
        pub user_info: UserInfo,
        #[serde(rename = "goodsDetails")]
        pub goods_details: Vec<Goods>,
        #[serde(rename = "merchantInfo")]
        pub merchant_info: MerchantInfo,
        #[serde(rename = "notifyUrl")]
        pub notify_url: String,
    }

    #[derive(Serialize, Deserialize)]
    pub struct UserInfo {
        #[serde(rename = "userId")]
        pub user_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub username: Option<String>,
    }

    #[derive(Serialize, Deserialize)]
    pub struct Goods {
        #[serde(rename = "goodsName")]
        pub goods_name: String,
        #[serde(rename = "goodsDescription")]
        pub goods_description: String,
        pub quantity: String,
        pub price: String,
        #[serde(rename = "goodsCurrency")]
        pub goods_currency: String,
        #[serde(rename = "showUrl")]
        pub show_url: String,
    }

    #[derive(Serialize, Deserialize)]
    pub struct MerchantInfo {
        #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
        pub logo_url: Option<String>,
        #[serde(rename = "contactEmail")]
        pub contact_email: String,
    }

    #[derive(Deserialize)]
    pub struct Response {
        pub code: String,
        pub msg: String,
        pub data: ResponseData,
    }

    #[derive(Deserialize)]
    pub struct ResponseData {
        #[serde(rename = "linkId")]
        pub link_id: String,
        #[serde(rename = "merchantLinkId")]
        pub merchant_link_id: String,
        #[serde(rename = "linkUrl")]
        pub link_url: String,
        /// Kept as text, so a value the docs do not list does not break the response.
        #[serde(rename = "linkStatus")]
        pub link_status: String,
        #[serde(rename = "qrCodeUrl")]
        pub qr_code_url: String,
        #[serde(rename = "expiresAt")]
        pub expires_at: String,
    }

    fn required(out: &mut Vec<String>, path: impl Fn() -> String, value: &str, max: usize) {
        if value.is_empty() {
            out.push(format!("{}: required, but empty", path()));
        }
        optional(out, path, value, max);
    }

    fn optional(out: &mut Vec<String>, path: impl Fn() -> String, value: &str, max: usize) {
        let n = value.chars().count();
        if n > max {
            out.push(format!("{}: {n} characters, maxLength {max}", path()));
        }
    }

    fn maybe(out: &mut Vec<String>, path: impl Fn() -> String, value: &Option<String>, max: usize) {
        if let Some(v) = value {
            optional(out, path, v, max);
        }
    }

    impl Request {
        pub fn validate(&self) -> Result<(), Vec<String>> {
            let mut out = Vec::new();
            required(&mut out, || "version".into(), &self.version, 8);
            required(&mut out, || "keyVersion".into(), &self.key_version, 8);
            required(&mut out, || "requestTime".into(), &self.request_time, 32);
            required(&mut out, || "appId".into(), &self.app_id, 64);
            maybe(&mut out, || "merchantNo".into(), &self.merchant_no, 32);
            let d = &self.data;
            required(&mut out, || "data.merchantLinkId".into(), &d.merchant_link_id, 64);
            maybe(&mut out, || "data.expiresTime".into(), &d.expires_time, 10);
            required(&mut out, || "data.country".into(), &d.country, 2);
            required(&mut out, || "data.currency".into(), &d.currency, 3);
            required(&mut out, || "data.totalAmount".into(), &d.total_amount, 24);
            maybe(&mut out, || "data.language".into(), &d.language, 8);
            required(&mut out, || "data.description".into(), &d.description, 256);
            maybe(&mut out, || "data.linkDescription".into(), &d.link_description, 256);
            required(&mut out, || "data.userInfo.userId".into(), &d.user_info.user_id, 64);
            maybe(&mut out, || "data.userInfo.username".into(), &d.user_info.username, 64);
            for (i, g) in d.goods_details.iter().enumerate() {
                let at = |f: &str| format!("data.goodsDetails[{i}].{f}");
                required(&mut out, || at("goodsName"), &g.goods_name, 128);
                required(&mut out, || at("goodsDescription"), &g.goods_description, 256);
                required(&mut out, || at("quantity"), &g.quantity, 16);
                required(&mut out, || at("price"), &g.price, 24);
                required(&mut out, || at("goodsCurrency"), &g.goods_currency, 3);
                required(&mut out, || at("showUrl"), &g.show_url, 256);
            }
            maybe(&mut out, || "data.merchantInfo.logoUrl".into(), &d.merchant_info.logo_url, 256);
            required(&mut out, || "data.merchantInfo.contactEmail".into(), &d.merchant_info.contact_email, 128);
            required(&mut out, || "data.notifyUrl".into(), &d.notify_url, 256);
            if out.is_empty() { Ok(()) } else { Err(out) }
        }
    }
}

struct Options {
    /// Samples of each side per figure.
    samples: usize,
    /// Target duration of one sample.
    sample_time: Duration,
    smoke: bool,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse::<usize>().ok())
        .unwrap_or(5)
        .max(1);
    // `cargo bench` passes `--bench`; anything else (`cargo test --benches`) gets the smoke run.
    let smoke = flag("--smoke") || !flag("--bench");
    if smoke {
        Options { samples: 3, sample_time: Duration::from_millis(2), smoke }
    } else {
        Options { samples: runs * 10, sample_time: Duration::from_millis(20), smoke }
    }
}

/// Iterations of `f` that take about `target`.
fn calibrate(target: Duration, f: &mut dyn FnMut()) -> u64 {
    let mut iters = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        let took = start.elapsed();
        if took >= target / 4 || iters >= 1 << 30 {
            let per = took.as_secs_f64() / iters as f64;
            return ((target.as_secs_f64() / per.max(1e-12)) as u64).max(1);
        }
        iters *= 4;
    }
}

fn sample(iters: u64, f: &mut dyn FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..iters {
        f();
    }
    start.elapsed().as_secs_f64() * 1e9 / iters as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Median nanoseconds per iteration of each side, sampled alternately.
fn compare(opts: &Options, generated: &mut dyn FnMut(), hand: &mut dyn FnMut()) -> (f64, f64) {
    let iters = calibrate(opts.sample_time, generated).min(calibrate(opts.sample_time, hand));
    let (mut g, mut h) = (Vec::new(), Vec::new());
    for i in 0..opts.samples {
        // Alternate which side goes first, so drift hits both alike.
        if i % 2 == 0 {
            g.push(sample(iters, generated));
            h.push(sample(iters, hand));
        } else {
            h.push(sample(iters, hand));
            g.push(sample(iters, generated));
        }
    }
    (median(g), median(h))
}

fn verdict(ratio: f64, smoke: bool) -> String {
    if smoke {
        "smoke run, not a measurement".to_string()
    } else if ratio <= 1.05 {
        "target ≤ 1.05: met".to_string()
    } else {
        format!("target ≤ 1.05: missed by {:.0}%", (ratio / 1.05 - 1.0) * 100.0)
    }
}

fn main() {
    let opts = options();
    let gen_req = paybylink::request();
    let hand_req: hand::Request = serde_json::from_str(REQUEST).expect("the example reads");
    // Same work: both accept the example and write the same bytes.
    assert!(gen_req.validate().is_ok() && hand_req.validate().is_ok(), "the page example is valid");
    let (a, b) = (serde_json::to_vec(&gen_req).expect("encodes"), serde_json::to_vec(&hand_req).expect("encodes"));
    assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b), "both write the same JSON");
    // …and both report the same violations of a broken request.
    let mut bad_gen = gen_req.clone();
    bad_gen.app_id.clear();
    bad_gen.data.goods_details[0].goods_name = "鞋".repeat(129);
    let bad_json = serde_json::to_string(&bad_gen).expect("encodes");
    let bad_hand: hand::Request = serde_json::from_str(&bad_json).expect("reads");
    let gen_errors: Vec<String> =
        bad_gen.validate().err().map(|v| v.0.iter().map(|v| v.to_string()).collect()).unwrap_or_default();
    assert_eq!(gen_errors, bad_hand.validate().err().unwrap_or_default(), "both report the same violations");
    let gen_resp: CreatePaybylinkResponse = serde_json::from_str(RESPONSE).expect("the example reads");
    let hand_resp: hand::Response = serde_json::from_str(RESPONSE).expect("the example reads");
    assert_eq!(gen_resp.data.as_ref().expect("data").link_status.as_str(), hand_resp.data.link_status);
    assert_eq!((gen_resp.code.as_str(), gen_resp.msg.as_str()), (hand_resp.code.as_str(), hand_resp.msg.as_str()));
    let _ = (&hand_resp.data.link_id, &hand_resp.data.merchant_link_id, &hand_resp.data.link_url);
    let _ = (&hand_resp.data.qr_code_url, &hand_resp.data.expires_at);

    println!(
        "runtime: {} samples of each side per figure, {} ms each{}",
        opts.samples,
        opts.sample_time.as_millis(),
        if opts.smoke { " (smoke)" } else { "" }
    );
    let (g_req, h_req) = compare(
        &opts,
        &mut || {
            let r = black_box(&gen_req);
            let ok = r.validate().is_ok();
            black_box((ok, serde_json::to_vec(r).ok()));
        },
        &mut || {
            let r = black_box(&hand_req);
            let ok = r.validate().is_ok();
            black_box((ok, serde_json::to_vec(r).ok()));
        },
    );
    let (g_val, h_val) = compare(
        &opts,
        &mut || {
            black_box(black_box(&gen_req).validate().is_ok());
        },
        &mut || {
            black_box(black_box(&hand_req).validate().is_ok());
        },
    );
    let bytes = RESPONSE.as_bytes();
    let (g_resp, h_resp) = compare(
        &opts,
        &mut || {
            black_box(serde_json::from_slice::<CreatePaybylinkResponse>(black_box(bytes)).ok());
        },
        &mut || {
            black_box(serde_json::from_slice::<hand::Response>(black_box(bytes)).ok());
        },
    );
    let line = |what: &str, g: f64, h: f64| {
        println!("runtime: {what}: generated {g:.0} ns, hand-written {h:.0} ns, ratio {:.3}", g / h);
    };
    line("request validate()+to_vec", g_req, h_req);
    line("request validate() alone", g_val, h_val);
    line("response from_slice", g_resp, h_resp);
    let sign_lines = signing(&opts);
    let ratio_req = g_req / h_req;
    let ratio_resp = g_resp / h_resp;
    println!(
        "bench: runtime-request: {:.2} µs (ratio {ratio_req:.3} to hand-written {:.2} µs; {})",
        g_req / 1000.0,
        h_req / 1000.0,
        verdict(ratio_req, opts.smoke)
    );
    println!(
        "bench: runtime-response: {:.2} µs (ratio {ratio_resp:.3} to hand-written {:.2} µs; {})",
        g_resp / 1000.0,
        h_resp / 1000.0,
        verdict(ratio_resp, opts.smoke)
    );
    for l in sign_lines {
        println!("{l}");
    }
}

/// Median nanoseconds per call of `f`.
fn measure(opts: &Options, f: &mut dyn FnMut()) -> f64 {
    let iters = calibrate(opts.sample_time, f);
    median((0..opts.samples).map(|_| sample(iters, f)).collect())
}

/// The cost of signing one request: its `runtime:` lines printed, its `bench:` lines returned.
fn signing(opts: &Options) -> Vec<String> {
    use std::sync::Arc;

    use paydoc_sdk::auth::{FixedClock, payermax};

    let Some(pem) = throwaway_pem() else {
        return vec!["bench: runtime-sign: not run (the openssl command line is needed to make a key)".to_string()];
    };
    let key = paydoc_sdk::keys::PrivateKey::from_text(&pem).expect("openssl's key reads");
    // Responses are not verified here: the key's own public half will do.
    let public = key.public_key();
    let request: serde_json::Value = serde_json::from_str(REQUEST).expect("the example reads");
    let data = serde_json::to_vec(&request["data"]).expect("encodes");
    let creds = payermax::Credentials::from_keys("6666c8b036a24579974497c2f9a33333", "010213834784554", key, public);
    let config = payermax::Config::new(creds, payermax::Environment::Sandbox)
        .expect("config")
        .with_clock(Arc::new(FixedClock(1_642_410_352_194)));
    let op = paydoc_sdk::payermax::OPERATIONS
        .iter()
        .find(|op| op.name == "createPaybylink")
        .expect("createPaybylink is listed");
    assert!(config.request(op, &data).is_ok(), "the example signs");
    let rsa = measure(opts, &mut || {
        black_box(config.request(black_box(op), black_box(&data)).ok());
    });
    println!("runtime: sign PayerMax createPaybylink (envelope + RSA-2048 SHA256withRSA): {rsa:.0} ns");
    let mut lines = vec![format!(
        "bench: runtime-sign: {:.1} µs per PayerMax request (envelope + RSA-2048 SHA256withRSA; {})",
        rsa / 1000.0,
        if opts.smoke { "smoke run, not a measurement" } else { "median" }
    )];
    #[cfg(feature = "pingpong")]
    {
        use paydoc_sdk::auth::pingpong;
        let creds = pingpong::Credentials::new(
            "2018092714313010016291",
            "2018092714313010016",
            "0123456789ABCDEF01234567",
            pingpong::SignType::Sha256,
        )
        .expect("credentials");
        let config = pingpong::Config::new(creds, pingpong::Environment::Sandbox).expect("config");
        let op =
            paydoc_sdk::auth::Operation { name: "prePay", method: "POST", path: "/v4/payment/prePay", version: None };
        let hash = measure(opts, &mut || {
            black_box(config.request(black_box(&op), black_box(&data)).ok());
        });
        println!("runtime: sign PingPong prePay (envelope + salted SHA-256): {hash:.0} ns");
        lines.push(format!(
            "bench: runtime-sign-pingpong: {:.1} µs per PingPong request (envelope + salted SHA-256; {})",
            hash / 1000.0,
            if opts.smoke { "smoke run, not a measurement" } else { "median" }
        ));
    }
    lines
}

/// A 2048-bit RSA key made by `openssl genpkey` for this run only (PEM).
fn throwaway_pem() -> Option<String> {
    let out = std::process::Command::new("openssl")
        .args(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8(out.stdout).ok()).flatten()
}
