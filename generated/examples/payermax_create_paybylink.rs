//! Makes one real, signed `createPaybylink` call to PayerMax and prints the typed outcome.
//!
//! ```text
//! cargo run -p paydoc-sdk --features ureq,deserialize-requests --example payermax_create_paybylink [-- <data.json>]
//! ```
//!
//! Configuration comes from the environment: `PAYERMAX_APP_ID`, `PAYERMAX_MERCHANT_NO`,
//! `PAYERMAX_PRIVATE_KEY` (the merchant's key) and `PAYERMAX_PUBLIC_KEY` (PayerMax's), each
//! key bare base64 or PEM; `PAYERMAX_BASE_URL` points the call at any base URL (a mock
//! gateway, a proxy), else it goes to the UAT sandbox. `<data.json>` is the business payload
//! (the envelope's `data`); without it a small link for 1.00 USD is requested. Exits 0 on
//! success, 1 when PayerMax refuses the call or its outcome is unknown, 2 when the call
//! could not be made or its answer not verified.

mod common;

use std::process::ExitCode;

use paydoc_sdk::payermax::create_paybylink::{CreatePaybylinkRequestData, LinkType, MerchantInfo, UserInfo};
use paydoc_sdk::payermax::{Client, Config, Credentials, Environment};
use paydoc_sdk::transport::UreqTransport;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("payermax_create_paybylink: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    let credentials = Credentials::new(
        var("PAYERMAX_APP_ID")?,
        var("PAYERMAX_MERCHANT_NO")?,
        &var("PAYERMAX_PRIVATE_KEY")?,
        &var("PAYERMAX_PUBLIC_KEY")?,
    )
    .map_err(|e| format!("PAYERMAX keys: {e}"))?;
    let environment = std::env::var("PAYERMAX_BASE_URL").map_or(Environment::Sandbox, Environment::Custom);
    let config = Config::new(credentials, environment).map_err(|e| format!("PAYERMAX_BASE_URL: {e}"))?;
    let client = Client::new(config, UreqTransport::new());

    let request = common::request(sample)?;
    Ok(common::report(client.create_paybylink(&request).map_err(|e| e.to_string())?))
}

fn sample() -> Result<CreatePaybylinkRequestData, paydoc_sdk::runtime::MissingFields> {
    let id = format!("paydoc-{}", std::process::id());
    CreatePaybylinkRequestData::builder()
        .merchant_link_id(id)
        .link_type(LinkType::Onetime)
        .country("US")
        .currency("USD")
        .total_amount("1.00")
        .description("paydoc example link")
        .user_info(UserInfo::builder().user_id("paydoc-example").build()?)
        .goods_details(Vec::new())
        .merchant_info(MerchantInfo::builder().contact_email("merchant@example.com").build()?)
        .notify_url("https://merchant.example.com/payermax/notify")
        .build()
}
