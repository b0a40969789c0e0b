//! What the operation pages do not say but every call needs: each provider's servers and
//! how its calls are signed (from the gateways' SDKs and docs, `shared/design/auth.md`).
//!
//! When the spec model carries servers and auth itself, read them from there and keep this
//! table as the fallback.

use serde_json::{Value, json};

use crate::spec::{Provider, Spec};

/// One base URL of one environment.
pub struct Server {
    pub url: &'static str,
    pub description: &'static str,
}

/// A signature header that is not on the operation pages.
pub struct AuthHeader {
    /// The key under `components.securitySchemes`.
    pub scheme: &'static str,
    pub header: &'static str,
    pub description: &'static str,
}

/// A header every call sends beside the signature, not on the operation pages.
pub struct ExtraHeader {
    /// The key under `components.parameters`.
    pub key: &'static str,
    pub header: &'static str,
    pub description: &'static str,
}

pub struct Facts {
    pub servers: &'static [Server],
    /// What goes between a host the page names and the page's path (Antom: `/ams/api`).
    pub base_path: &'static str,
    /// How the `sign`/`signature` header, where a page lists it, is computed.
    pub signing: &'static str,
    /// Signature headers to declare when no page of the provider lists one.
    pub auth: &'static [AuthHeader],
    pub extra_headers: &'static [ExtraHeader],
}

pub fn facts(provider: Provider) -> Facts {
    match provider {
        Provider::Payermax => Facts {
            servers: &[
                Server { url: "https://pay-gate-uat.payermax.com", description: "UAT (test)" },
                Server { url: "https://pay-gate.payermax.com", description: "Production" },
            ],
            base_path: "",
            signing: "SHA256withRSA over the exact request body bytes with the merchant's private key, \
                      standard base64. Responses and notifications carry a `sign` header over their raw \
                      body, verified with PayerMax's public key.",
            auth: &[],
            extra_headers: &[],
        },
        Provider::Antom => Facts {
            servers: &[
                Server { url: "https://open-sea-global.alipay.com/ams/api", description: "Production, Asia" },
                Server { url: "https://open-na-global.alipay.com/ams/api", description: "Production, North America" },
                Server { url: "https://open-de-global.alipay.com/ams/api", description: "Production, Europe" },
                Server {
                    url: "https://open-sea-global.alipay.com/ams/sandbox/api",
                    description: "Sandbox (client ids starting with SANDBOX_), Asia",
                },
                Server {
                    url: "https://open-na-global.alipay.com/ams/sandbox/api",
                    description: "Sandbox (client ids starting with SANDBOX_), North America",
                },
                Server {
                    url: "https://open-de-global.alipay.com/ams/sandbox/api",
                    description: "Sandbox (client ids starting with SANDBOX_), Europe",
                },
            ],
            base_path: "/ams/api",
            signing: "SHA256withRSA over `<METHOD> <full path>\\n<client-id>.<request-time>.<body>` \
                      (the path with its `/ams/api` prefix), standard base64, then URL-encoded, sent as \
                      `algorithm=RSA256,keyVersion=1,signature=<value>`.",
            auth: &[AuthHeader {
                scheme: "signature",
                header: "signature",
                description: "`algorithm=RSA256,keyVersion=1,signature=<value>`: SHA256withRSA over \
                              `<METHOD> <full path>\\n<client-id>.<request-time>.<body>` (the path with \
                              its `/ams/api` prefix), standard base64, then URL-encoded. Responses and \
                              notifications are signed the same way with Antom's key. Not on the \
                              operation pages: from Antom's SDK.",
            }],
            extra_headers: &[
                ExtraHeader {
                    key: "ClientId",
                    header: "client-id",
                    description: "The merchant's client id, part of the signed content. Not on the \
                                  operation pages: from Antom's SDK.",
                },
                ExtraHeader {
                    key: "RequestTime",
                    header: "request-time",
                    description: "Milliseconds since the Unix epoch as a decimal string, part of the \
                                  signed content. Not on the operation pages: from Antom's SDK.",
                },
            ],
        },
        Provider::Pingpong => Facts {
            servers: &[
                Server { url: "https://sandbox-acquirer-payment.pingpongx.com", description: "Sandbox" },
                Server { url: "https://acquirer-payment.pingpongx.com", description: "Production, Frankfurt" },
                Server {
                    url: "https://acquirer-payment-checkout-sg.pingpongx.com",
                    description: "Production, Singapore",
                },
                Server { url: "https://acquirer-payment-checkout-us.pingpongx.com", description: "Production, US" },
            ],
            base_path: "",
            signing: "No signature header: the body's `sign` is the uppercase hex MD5 or SHA-256 of the \
                      store's salt followed by the other top-level fields as sorted `key=value` pairs \
                      joined by `&`.",
            auth: &[],
            extra_headers: &[],
        },
    }
}

/// The `servers` array: the hosts the pages name first (each page's label, and the
/// provider's base path joined), then the known ones no page names.
pub fn servers_json(facts: &Facts, specs: &[(&str, &Spec)]) -> Value {
    let mut out: Vec<Value> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (rel, spec) in specs {
        for s in &spec.servers {
            let url = format!("{}{}", s.url.trim_end_matches('/'), facts.base_path);
            if !seen.contains(&url) {
                seen.push(url.clone());
                out.push(json!({"url": url, "description": s.name, "x-paydoc-source": format!("spec/{rel}")}));
            }
        }
    }
    for s in facts.servers {
        if !seen.iter().any(|u| u == s.url) {
            seen.push(s.url.to_string());
            out.push(json!({"url": s.url, "description": s.description}));
        }
    }
    Value::Array(out)
}
