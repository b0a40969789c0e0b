//! The generated SDK as a cargo project of its own, away from the workspace: its manifests
//! and its hand-written sources, for building generated code that is not the committed one
//! (the hostile-input test, the benchmark's corpus crates).

use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::{HEADER_PREFIX, MANIFEST_HEADER_PREFIX, Output};

/// Every file of a project that builds `generated` (the output of
/// [`crate::emit::generate`]) on its own, as paths relative to the project's folder and
/// contents: the facade's manifest, the hand-written sources (the core crate, the provider
/// docs) and the generated files.
pub fn files(root: &Path, generated: &Output) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = vec![("Cargo.toml".to_string(), manifest(root, generated)?.into_bytes())];
    out.extend(hand_written(root)?);
    out.extend(generated.files.iter().map(|(rel, text)| (rel.clone(), text.clone().into_bytes())));
    Ok(out)
}

/// `generated/Cargo.toml` with the features and crates of `generated` in place of the
/// committed ones, no bench or example targets, and a workspace of its own that carries the
/// project's inherited keys, so the crates build on their own.
fn manifest(root: &Path, generated: &Output) -> Result<String, String> {
    let read = |p: PathBuf| fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let member = read(root.join("generated/Cargo.toml"))?;
    let member = crate::pipeline::splice_manifest(&member, &generated.features, &generated.dependencies)
        .map_err(|e| format!("generated/Cargo.toml: {e}"))?;
    let workspace = read(root.join("Cargo.toml"))?;
    let mut out = String::new();
    let mut current = String::new();
    for line in member.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            current = t.to_string();
        }
        if current == "[[bench]]" || current == "[[example]]" || (t.starts_with('#') && t.contains("cargo bench")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("\n# Built on its own, away from the workspace; its generated crates are members as path\n");
    out.push_str("# dependencies, and inherit these keys.\n[workspace]\nresolver = \"3\"\n");
    // The project's own tables that members inherit from.
    let mut inside = false;
    for line in workspace.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            inside = t == "[workspace.package]" || t == "[workspace.dependencies]";
            if inside {
                out.push('\n');
            }
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// The SDK's hand-written source files (those without the generated-file header), as paths
/// relative to `generated/` and their contents: the facade's sources and the core crate.
fn hand_written(root: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let base = root.join("generated");
    let mut out = Vec::new();
    let mut todo = vec![base.join("src"), base.join("crates")];
    while let Some(dir) = todo.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if !bytes.starts_with(HEADER_PREFIX.as_bytes()) && !bytes.starts_with(MANIFEST_HEADER_PREFIX.as_bytes()) {
                let rel = path.strip_prefix(&base).unwrap_or(&path);
                out.push((rel.to_string_lossy().into_owned(), bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}
