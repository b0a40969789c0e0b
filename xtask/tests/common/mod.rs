//! What the command-line tests share: running the built `xtask`, scratch copies of the
//! project, and snapshots of its files.
#![allow(dead_code)] // each test file uses its own share of these

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace").to_path_buf()
}

pub fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("runs")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read_dir").flatten() {
        let p = e.path();
        let dest = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).expect("copy");
        }
    }
}

/// A scratch copy of the project's spec/ and generated/.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("paydoc-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(&workspace().join("spec"), &dir.join("spec"));
    copy_dir(&workspace().join("generated"), &dir.join("generated"));
    dir
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=paydoc test", "-c", "user.email=test@paydoc.invalid"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// Every file under `dir`, relative, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("under dir").display().to_string();
                out.insert(rel, fs::read(&p).expect("read"));
            }
        }
    }
    out
}

/// Replaces `from` with `to` in the project file `rel` (which must contain it): a docs change.
pub fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = fs::read_to_string(&path).expect(rel);
    assert!(text.contains(from), "{rel} lacks {from:?}");
    fs::write(&path, text.replace(from, to)).expect(rel);
}

/// The docs change several tests make: the drop-in page's `referralCode` shrinks to 16.
pub fn shrink_referral_code(dir: &Path) {
    edit(
        dir,
        "spec/pages/000_effe751be35d6c2c.txt",
        "data.referralCodestringNomaxLength: 32",
        "data.referralCodestringNomaxLength: 16",
    );
}

/// Two pages whose maxLengths of 64 and 32 move by one: a run that rewrites specs and code.
pub fn nudge_max_lengths(dir: &Path) {
    for page in ["spec/pages/000_effe751be35d6c2c.txt", "spec/pages/002_e5e5ab49e47292b0.txt"] {
        edit(dir, page, "maxLength: 64", "maxLength: 65");
        edit(dir, page, "maxLength: 32", "maxLength: 31");
    }
}
