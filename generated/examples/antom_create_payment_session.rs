//! Makes one real, signed `createPaymentSession` call to Antom and prints the typed outcome.
//!
//! ```text
//! cargo run -p paydoc-sdk --features ureq,deserialize-requests --example antom_create_payment_session [-- <body.json>]
//! ```
//!
//! Configuration comes from the environment: `ANTOM_CLIENT_ID` (a `SANDBOX_…` id calls the
//! sandbox path), `ANTOM_PRIVATE_KEY` (the merchant's key) and `ANTOM_PUBLIC_KEY` (Antom's),
//! each key bare base64 or PEM; `ANTOM_BASE_URL` points the call at any base URL, else it
//! goes to the Asia host. `<body.json>` is the request body; without it a cashier session
//! for 10.00 USD is requested. Exits 0 on success, 1 when Antom refuses the call or its
//! outcome is unknown, 2 when the call could not be made or its answer not verified.

mod common;

use std::process::ExitCode;

use paydoc_sdk::antom::create_payment_session::{
    Amount, CreatePaymentSessionRequest, Order, PaymentMethod, SettlementStrategy,
};
use paydoc_sdk::antom::{Client, Config, Credentials, Environment};
use paydoc_sdk::transport::UreqTransport;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("antom_create_payment_session: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    let credentials = Credentials::new(var("ANTOM_CLIENT_ID")?, &var("ANTOM_PRIVATE_KEY")?, &var("ANTOM_PUBLIC_KEY")?)
        .map_err(|e| format!("ANTOM keys: {e}"))?;
    let environment = std::env::var("ANTOM_BASE_URL").map_or(Environment::Asia, Environment::Custom);
    let config = Config::new(credentials, environment).map_err(|e| format!("ANTOM_BASE_URL: {e}"))?;
    let client = Client::new(config, UreqTransport::new());

    let request = common::request(sample)?;
    Ok(common::report(client.create_payment_session(&request).map_err(|e| e.to_string())?))
}

fn sample() -> Result<CreatePaymentSessionRequest, paydoc_sdk::runtime::MissingFields> {
    let amount = || Amount::builder().currency("USD").value("1000").build();
    CreatePaymentSessionRequest::builder()
        .product_code("CASHIER_PAYMENT")
        .payment_request_id(format!("paydoc-{}", std::process::id()))
        .order(Order::builder().order_amount(amount()?).order_description(String::from("paydoc example")).build()?)
        .payment_amount(amount()?)
        .payment_method(PaymentMethod { payment_method_type: Some("CARD".into()), ..Default::default() })
        .payment_redirect_url("https://merchant.example.com/return")
        .settlement_strategy(SettlementStrategy::default())
        .build()
}
