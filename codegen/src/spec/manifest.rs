//! The page manifest (`spec/manifest.yaml`): which pages make up the spec, and where they live.

use serde::{Deserialize, Serialize};

use super::Provider;

/// One doc page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The snapshot file, relative to `spec/`.
    pub file: String,
    pub provider: Provider,
    /// The page's language (`en`, `zh`).
    pub lang: String,
    /// The page as people read it.
    pub url: String,
    /// Where to download the snapshot when it differs from `url` (a Markdown copy of a page
    /// the site renders client-side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetch_url: Option<String>,
    /// The operation id, for pages that give no endpoint path to take it from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub pages: Vec<Page>,
}

impl Manifest {
    pub fn from_yaml(src: &str) -> Result<Manifest, String> {
        super::yaml::from_str(src)
    }
}
