//! Crates: how the generated SDK is split into cargo packages, their names and manifests.
//!
//! One rustc holds a whole crate in memory, about 16 MiB an operation, and checks it on one
//! core. So the operations do not all go into one crate: each provider's shared types get
//! a crate (`paydoc-sdk-payermax`), and its operations are split, in module order, into
//! crates of at most [`OPS_PER_CRATE`] (`paydoc-sdk-payermax-1`, …), which cargo builds side
//! by side. The `paydoc-sdk` facade re-exports them under the paths of one crate, beside
//! the hand-written `paydoc-sdk-core` (runtime, keys, signing, transports).

use std::fmt::Write as _;

use super::lower::{OpModule, ProviderModule};
use super::names;

/// The most operations one generated crate holds. Two such crates checked side by side,
/// one per core, hold about 1.3 GiB; and the smaller the crates, the less a core waits at
/// the end for the last one (1,000 corpus operations: 113–126 s with 100 to a crate, 110 s
/// with 50, at the same CPU seconds).
pub const OPS_PER_CRATE: usize = 50;

/// The version of every generated package: the facade's.
const VERSION: &str = "0.1.0";

/// The hand-written crate every generated one builds on, as a path from `generated/`.
pub const CORE_DIR: &str = "crates/core";
/// Its package name.
pub const CORE: &str = "paydoc-sdk-core";

/// One generated package: where it lives under `generated/` and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    /// Its folder, relative to `generated/` (`crates/payermax-1`).
    pub dir: String,
    /// Its cargo package name (`paydoc-sdk-payermax-1`).
    pub name: String,
}

impl Package {
    /// A provider's shared types.
    pub fn shared(provider: &str) -> Package {
        Package { dir: format!("crates/{provider}"), name: format!("paydoc-sdk-{provider}") }
    }

    /// A provider's `n`th crate of operations, from 1.
    pub fn ops(provider: &str, n: usize) -> Package {
        Package { dir: format!("crates/{provider}-{n}"), name: format!("paydoc-sdk-{provider}-{n}") }
    }

    /// The name Rust code uses for the crate (`paydoc_sdk_payermax_1`).
    pub fn ident(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// A provider's operations in crates: the package and its operations, in module order.
pub fn op_crates<'p, 's>(p: &'p ProviderModule<'s>) -> impl Iterator<Item = (Package, &'p [OpModule<'s>])> {
    let provider = p.provider.as_str();
    p.ops.chunks(OPS_PER_CRATE).enumerate().map(move |(i, ops)| (Package::ops(provider, i + 1), ops))
}

/// The facade's `[features]` lines: the provider cores, a feature per operation, every
/// operation of a provider, and the serde opt-ins passed to each generated crate.
pub fn facade_features(providers: &[ProviderModule<'_>]) -> String {
    let mut out = String::new();
    for provider in crate::spec::Provider::ALL {
        let name = provider.as_str();
        let core = names::core_feature(name);
        let Some(p) = providers.iter().find(|p| p.provider == provider) else {
            // A provider without pages still has its features, which `default` names.
            let _ = writeln!(out, "# No {} pages yet.", provider.display_name());
            let _ = writeln!(out, "{core} = [\"{CORE}/{core}\"]");
            let _ = writeln!(out, "{name} = [\"{core}\"]");
            continue;
        };
        let shared = Package::shared(name);
        let _ =
            writeln!(out, "# {}'s client, signing and shared types, without its operations.", provider.display_name());
        let _ = writeln!(out, "{core} = [\"{CORE}/{core}\", \"dep:{}\"]", shared.name);
        let ops: Vec<String> = p.ops.iter().map(|op| format!("\"{}\"", op.feature)).collect();
        let _ = writeln!(out, "# Every {} operation.", provider.display_name());
        let _ = writeln!(out, "{name} = [\"{core}\", {}]", ops.join(", "));
        for (package, ops) in op_crates(p) {
            for op in ops {
                let title = op.spec.title.replace('\n', " ");
                match title == op.spec.operation {
                    true => out.push_str(&format!("# `{title}`.\n")),
                    false => out.push_str(&format!("# {title}: `{}`.\n", op.spec.operation)),
                }
                let _ = writeln!(out, "{} = [\"{core}\", \"{}/{}\"]", op.feature, package.name, op.feature);
            }
        }
    }
    let all: Vec<Package> = providers.iter().flat_map(packages).collect();
    out.push_str(&serde_features(&all, true));
    out
}

/// A provider's generated packages: its shared types, then its crates of operations.
fn packages(p: &ProviderModule<'_>) -> Vec<Package> {
    let shared = Package::shared(p.provider.as_str());
    std::iter::once(shared).chain(op_crates(p).map(|(package, _)| package)).collect()
}

/// The facade's `[dependencies]` lines for the generated crates, each optional: an
/// operation's feature pulls in its crate.
pub fn facade_dependencies(providers: &[ProviderModule<'_>]) -> String {
    let mut out = String::new();
    for package in providers.iter().flat_map(packages) {
        let _ = writeln!(out, "{} = {{ path = \"{}\", optional = true }}", package.name, package.dir);
    }
    out
}

/// A generated package's manifest, under its first line `header`: `features` lines, and its
/// dependencies beside the core and serde.
fn manifest(header: &str, package: &Package, description: &str, features: &str, deps: &[&Package]) -> String {
    let mut out = format!("{header}\n");
    let _ = writeln!(out, "[package]\nname = \"{}\"\nversion = \"{VERSION}\"", package.name);
    out.push_str("edition.workspace = true\nlicense.workspace = true\npublish = false\n");
    let _ = writeln!(out, "description = \"{description}\"\n");
    let _ = writeln!(out, "[features]\n{features}");
    out.push_str("[dependencies]\n");
    let _ = writeln!(out, "{CORE} = {{ path = \"../core\" }}");
    for d in deps {
        let _ = writeln!(out, "{} = {{ path = \"../{}\" }}", d.name, d.dir.trim_start_matches("crates/"));
    }
    out.push_str("serde.workspace = true\nserde_json.workspace = true\n");
    out
}

/// The serde opt-in features, each passed on to `deps`; to optional ones only where they
/// are enabled (`weak`: `dep?/feature`).
fn serde_features(deps: &[Package], weak: bool) -> String {
    let mut out = String::new();
    let mark = if weak { "?" } else { "" };
    for opt in [super::render::DESERIALIZE_REQUESTS, super::render::SERIALIZE_RESPONSES] {
        let each: Vec<String> = deps.iter().map(|d| format!("\"{}{mark}/{opt}\"", d.name)).collect();
        let _ = writeln!(out, "{opt} = [{}]", each.join(", "));
    }
    out
}

/// The manifest of a provider's shared-types crate: a feature per operation, as each
/// shared type compiles only when an operation that uses it does.
pub fn shared_manifest(header: &str, p: &ProviderModule<'_>) -> String {
    let package = Package::shared(p.provider.as_str());
    let mut features = serde_features(&[], false);
    for op in &p.ops {
        let _ = writeln!(features, "{} = []", op.feature);
    }
    let description =
        format!("{}'s types that several operations share, for paydoc-sdk (use that crate)", p.provider.display_name());
    manifest(header, &package, &description, &features, &[])
}

/// The manifest of a crate of operations: a feature per operation, which also compiles the
/// shared types it uses.
pub fn ops_manifest(header: &str, p: &ProviderModule<'_>, package: &Package, ops: &[OpModule<'_>]) -> String {
    let shared = Package::shared(p.provider.as_str());
    let mut features = serde_features(std::slice::from_ref(&shared), false);
    for op in ops {
        let _ = writeln!(features, "{} = [\"{}/{}\"]", op.feature, shared.name, op.feature);
    }
    let description = format!("Some of {}'s operations, for paydoc-sdk (use that crate)", p.provider.display_name());
    manifest(header, package, &description, &features, &[&shared])
}
