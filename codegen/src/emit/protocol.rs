//! Each provider's response protocol, as the generated code needs it: which fields of a
//! response body say success or failure, and which carry the business data.
//!
//! These are facts of the gateways' wire protocols, the same for every operation of a
//! provider (see `shared/design/auth.md` and the providers' API overviews), not of any page.

use serde_json::Value;

use crate::spec::Provider;

/// How a provider's response bodies say what happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// PayerMax: `code` (`APPLY_SUCCESS` on success), `msg`, and the business data in `data`.
    Envelope { code: &'static str, message: &'static str, data: &'static str },
    /// Antom: a `result` object (`resultCode`, `resultStatus`, `resultMessage`) beside the
    /// business fields of the body itself.
    ResultObject { result: &'static str },
    /// PingPong Checkout: `code`, `description`, and the business data as the JSON string
    /// `bizContent`; the page's response table documents the business data.
    StringPayload,
}

/// What a response example says happened, by the provider's rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Success,
    Rejected,
    Unknown,
}

impl Protocol {
    pub fn of(provider: Provider) -> Protocol {
        match provider {
            Provider::Payermax => Protocol::Envelope { code: "code", message: "msg", data: "data" },
            Provider::Antom => Protocol::ResultObject { result: "result" },
            Provider::Pingpong => Protocol::StringPayload,
        }
    }

    /// The request field whose value is the business payload the caller builds; the client
    /// adds the rest of the envelope. `None`: the caller builds the whole body.
    pub fn request_payload(self) -> Option<&'static str> {
        match self {
            Protocol::Envelope { data, .. } => Some(data),
            Protocol::ResultObject { .. } => None,
            Protocol::StringPayload => Some("bizContent"),
        }
    }

    /// The request envelope field that carries the operation's interface version, which the
    /// client fills in.
    pub fn request_version(self) -> Option<&'static str> {
        match self {
            Protocol::Envelope { .. } => Some("version"),
            _ => None,
        }
    }

    /// The codes the provider's protocol defines for every operation, whether or not a page
    /// lists them in a result-code table, with what each means.
    pub fn protocol_codes(self) -> &'static [(&'static str, Verdict, &'static str)] {
        match self {
            Protocol::Envelope { .. } => {
                &[("APPLY_SUCCESS", Verdict::Success, "Success: the code of every successful response.")]
            }
            Protocol::ResultObject { .. } => &[],
            Protocol::StringPayload => &[
                ("000000", Verdict::Success, "Transaction succeeded."),
                ("001000", Verdict::Success, "Request succeeded."),
                ("002000", Verdict::Unknown, "Transaction processing: the outcome is not known yet; query again."),
            ],
        }
    }

    /// The provider's rule applied to a response example, as the runtime applies it.
    /// `None` when the example does not carry the status fields.
    pub fn verdict(self, example: &Value) -> Option<Verdict> {
        match self {
            // The code decides: one the protocol defines has its meaning, any other is a failure.
            Protocol::Envelope { .. } | Protocol::StringPayload => {
                let code = self.code(example)?;
                let known = self.protocol_codes().iter().find(|(c, ..)| *c == code);
                Some(known.map_or(Verdict::Rejected, |(_, v, _)| *v))
            }
            Protocol::ResultObject { result } => match example.get(result)?.get("resultStatus")?.as_str()? {
                "S" => Some(Verdict::Success),
                "U" => Some(Verdict::Unknown),
                _ => Some(Verdict::Rejected),
            },
        }
    }

    /// The result code a response example carries.
    pub fn code(self, example: &Value) -> Option<&str> {
        match self {
            Protocol::Envelope { code, .. } => example.get(code)?.as_str(),
            Protocol::ResultObject { result } => example.get(result)?.get("resultCode")?.as_str(),
            Protocol::StringPayload => example.get("code")?.as_str(),
        }
    }
}
