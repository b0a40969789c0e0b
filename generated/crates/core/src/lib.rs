//! The hand-written part of `paydoc-sdk`, which every generated crate builds on.
//!
//! [`runtime`] holds what every operation shares: validation, constants, redaction,
//! response decoding and the calls. [`keys`] reads RSA keys, [`auth`] builds each gateway's
//! signed requests and checks its responses and notifications, and [`transport`] carries
//! them over an HTTP client. `paydoc-sdk` re-exports all four: use that crate.

pub mod auth;
pub mod keys;
pub mod runtime;
pub mod transport;
