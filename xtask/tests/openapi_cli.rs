//! `cargo xtask openapi` and the OpenAPI documents `gen` keeps: writing a chosen version
//! into a chosen directory, refusing an unknown version, and `gen --check` noticing a
//! hand-edited document.

mod common;

use std::fs;

use common::{scratch, xtask};

#[test]
fn openapi_writes_the_chosen_version_into_the_chosen_directory() {
    let dir = scratch("out");
    let out = dir.join("docs");
    let o = xtask(&[
        "--root",
        dir.to_str().expect("utf-8"),
        "openapi",
        "--version",
        "3.0",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> =
        fs::read_dir(&out).expect("written").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["antom.3.0.json", "payermax.3.0.json", "pingpong.3.0.json"]);
    let doc: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("payermax.3.0.json")).expect("read")).expect("JSON");
    assert_eq!(doc["openapi"], "3.0.3");
    // Without --out and --version: the 3.1 documents gen keeps, unchanged.
    let before = fs::read(dir.join("spec/openapi/antom.json")).expect("committed");
    let o = xtask(&["--root", dir.to_str().expect("utf-8"), "openapi"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read(dir.join("spec/openapi/antom.json")).expect("rewritten"), before);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_version_is_a_one_line_error() {
    let o = xtask(&["openapi", "--version", "2.0"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unknown OpenAPI version `2.0` (expected 3.1 or 3.0)"), "{err}");
}

#[test]
fn gen_check_reports_a_hand_edited_document() {
    let dir = scratch("check");
    let doc = dir.join("spec/openapi/payermax.json");
    let text = fs::read_to_string(&doc).expect("committed");
    fs::write(&doc, text.replacen("\"maxLength\": 32", "\"maxLength\": 33", 1)).expect("edit");
    let o = xtask(&["--root", dir.to_str().expect("utf-8"), "gen", "--check"]);
    assert!(!o.status.success());
    let diff = String::from_utf8_lossy(&o.stdout);
    assert!(diff.contains("a/spec/openapi/payermax.json"), "{diff}");
    assert!(diff.lines().any(|l| l.starts_with('-') && l.contains("\"maxLength\": 33")), "{diff}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 file(s) are stale"));
    let _ = fs::remove_dir_all(&dir);
}
