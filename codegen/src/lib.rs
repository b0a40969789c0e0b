//! Scrapes payment-gateway API doc pages into a normalized YAML spec and emits a Rust SDK from it.
//!
//! The pipeline runs in stages, each in its own module, and no stage reaches back into an
//! earlier one:
//!
//! 1. [`read`]: page bytes (HTML, Markdown or plain text) to a [`doc::Document`];
//! 2. [`extract`]: a document to a [`spec::Spec`], one small extractor per site;
//! 3. [`spec`]: the model, its YAML form, overlays, diff and lint;
//! 4. [`emit`]: specs to Rust source;
//! 5. [`openapi`]: specs to OpenAPI documents.
//!
//! [`pipeline`] ties the stages to files on disk for the `xtask` commands.

pub mod doc;
pub mod emit;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod pipeline;
pub mod pool;
pub mod read;
pub mod spec;
pub mod standalone;
