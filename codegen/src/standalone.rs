//! The generated crate as a cargo project of its own, away from the workspace: its manifest
//! and its hand-written sources, for building generated code that is not the committed one
//! (the hostile-input test, the benchmark's corpus crates).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::{FEATURES_END, FEATURES_START};

/// `generated/Cargo.toml` with the workspace's inherited keys spelled out, `features` (the
/// operation features of the generated files at hand) in place of the committed ones, and
/// no bench or example targets, so the crate builds on its own.
pub fn manifest(root: &Path, features: &str) -> Result<String, String> {
    let read = |p: PathBuf| fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let member = read(root.join("generated/Cargo.toml"))?;
    let member = crate::pipeline::splice(&member, FEATURES_START, FEATURES_END, features)
        .ok_or("generated/Cargo.toml has no generated-features markers")?;
    let workspace = read(root.join("Cargo.toml"))?;
    // `key = value` lines of a section of the workspace manifest.
    let section = |name: &str| -> Vec<(String, String)> {
        let mut inside = false;
        let mut out = Vec::new();
        for line in workspace.lines() {
            let t = line.trim();
            if t.starts_with('[') {
                inside = t == format!("[{name}]");
                continue;
            }
            if inside && let Some((k, v)) = t.split_once('=') {
                out.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        out
    };
    let package = section("workspace.package");
    let deps = section("workspace.dependencies");
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
        if let Some(key) = t.strip_suffix(".workspace = true") {
            let table = if current == "[package]" { &package } else { &deps };
            match table.iter().find(|(k, _)| k == key) {
                Some((k, v)) => {
                    let _ = writeln!(out, "{k} = {v}");
                }
                None => return Err(format!("`{key}` is not in the workspace manifest")),
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("\n# Built on its own, away from the workspace.\n[workspace]\n");
    Ok(out)
}

/// The SDK's hand-written source files (those without the generated-file header), as paths
/// relative to `generated/` and their contents.
pub fn hand_written(root: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    let mut todo = vec![root.join("generated/src")];
    while let Some(dir) = todo.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if !bytes.starts_with(crate::emit::HEADER_PREFIX.as_bytes()) {
                let rel = path.strip_prefix(root.join("generated")).unwrap_or(&path);
                out.push((rel.to_string_lossy().into_owned(), bytes));
            }
        }
    }
    out.sort();
    Ok(out)
}
