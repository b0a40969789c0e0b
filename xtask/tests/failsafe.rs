//! Issue #13 as a user meets it: each test runs a command on a scratch copy of the project
//! and checks the exit code, the one-line message and the files on disk.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{edit, git, scratch, shrink_referral_code, snapshot, stderr, workspace, xtask};

const PAYBYLINK: &str = "spec/pages/002_e5e5ab49e47292b0.txt";
const ANTOM: &str = "spec/pages/004_b9b2ca1c4e7d09c8.txt";

fn root(dir: &Path) -> &str {
    dir.to_str().expect("utf-8 path")
}

/// The files under `dir/sub`, relative, with their bytes.
fn files_under(dir: &Path, sub: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    snapshot(dir).into_iter().filter(|(f, _)| f.starts_with(sub)).collect()
}

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).expect(file)
}

/// The lines of stderr that start with `error: `.
fn errors(out: &std::process::Output) -> Vec<String> {
    stderr(out).lines().filter(|l| l.starts_with("error: ")).map(str::to_string).collect()
}

/// Item 1: a page that fails leaves the whole crate (module lists, client, its own code) and
/// its committed spec as they were, after reporting every failure.
#[test]
fn a_failing_page_leaves_the_crate_and_its_spec_untouched() {
    let dir = scratch("fs-partial");
    let crate_before = files_under(&dir, "generated/");
    let antom_spec = read(&dir, "spec/antom/createPaymentSession.zh.yaml");
    fs::remove_file(dir.join(ANTOM)).expect("remove the Antom page");
    shrink_referral_code(&dir);
    // A second broken page: every failure is reported, not just the first.
    fs::write(dir.join("spec/pages/001_5bc4cb95680f1334.txt"), "").expect("empty page");

    let out = xtask(&["--root", root(&dir), "gen"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errs = errors(&out);
    assert!(errs.iter().any(|l| l.starts_with(&format!("error: {ANTOM}: cannot read:"))), "{}", stderr(&out));
    assert!(errs.iter().any(|l| l == "error: spec/pages/001_5bc4cb95680f1334.txt: the page is empty"), "{errs:?}");
    assert!(errs.iter().any(|l| l.starts_with("error: generated/ left as it was: 2 error(s)")), "{errs:?}");
    assert_eq!(files_under(&dir, "generated/"), crate_before, "a failed run rewrote the crate");
    assert!(read(&dir, "generated/src/lib.rs").contains("pub mod antom;"));
    assert_eq!(read(&dir, "spec/antom/createPaymentSession.zh.yaml"), antom_spec);
    assert!(
        read(&dir, "spec/payermax/applyDropinSession.zh.yaml").contains("max_length: 16"),
        "other pages go through"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A crate manifest without the place for the operation features: one error naming it,
/// and nothing of the crate written, though a spec change wants it rewritten.
#[test]
fn a_manifest_without_the_feature_markers_leaves_the_crate_untouched() {
    let dir = scratch("fs-markers");
    let line = paydoc_codegen::emit::FEATURES_START;
    edit(&dir, "generated/Cargo.toml", line, "");
    shrink_referral_code(&dir);
    let crate_before = files_under(&dir, "generated/");
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errs = errors(&out);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].starts_with("error: generated/Cargo.toml: no place for the operation features"), "{errs:?}");
    assert_eq!(files_under(&dir, "generated/"), crate_before, "a failed run rewrote the crate");
    let _ = fs::remove_dir_all(&dir);
}

/// Item 2: a section the committed spec has, or a whole operation, cannot silently vanish.
#[test]
fn a_lost_section_or_operation_trips_the_guard_unless_accepted() {
    let dir = scratch("fs-shrink");
    let spec = "spec/payermax/createPaybylink.zh.yaml";
    let committed = read(&dir, spec);
    let crate_before = files_under(&dir, "generated/");
    // The page cut off after the request example: the response table and its examples are
    // gone, but more than half the fields remain.
    let page = read(&dir, PAYBYLINK);
    let cut: String = page.lines().take(83).map(|l| format!("{l}\n")).collect::<String>() + "}\n";
    fs::write(dir.join(PAYBYLINK), &cut).expect("cut");
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let line = errors(&out).into_iter().next().expect("an error line");
    assert!(
        line.starts_with(&format!("error: {spec}: the page lost its response fields (the committed spec has them)")),
        "{line}"
    );
    assert!(line.contains("Pass --accept-shrink"), "{line}");
    assert_eq!(read(&dir, spec), committed);
    assert_eq!(files_under(&dir, "generated/"), crate_before);
    fs::write(dir.join(PAYBYLINK), &page).expect("restore");

    // An operation whose manifest entry is removed.
    let manifest = read(&dir, "spec/manifest.yaml");
    let antom_entry = manifest.find("- file: pages/004").expect("antom entry");
    fs::write(dir.join("spec/manifest.yaml"), &manifest[..antom_entry]).expect("drop antom");
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        errors(&out)[0],
        "error: spec/antom/createPaymentSession.zh.yaml: no page of spec/manifest.yaml gives operation \
         `createPaymentSession` any more (its page `pages/004_b9b2ca1c4e7d09c8.txt` was removed or now gives \
         another operation); kept the committed spec. Pass --accept-shrink to remove the operation"
    );
    assert!(dir.join("spec/antom/createPaymentSession.zh.yaml").exists());
    assert_eq!(files_under(&dir, "generated/"), crate_before);

    // `pages: []` removes nothing either: one error per operation.
    fs::write(dir.join("spec/manifest.yaml"), "pages: []\n").expect("empty manifest");
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(errors(&out).iter().filter(|l| l.contains("--accept-shrink to remove the operation")).count(), 5);
    assert_eq!(files_under(&dir, "generated/"), crate_before);
    assert_eq!(read(&dir, spec), committed);

    // Accepted, the Antom operation leaves the spec and the crate.
    fs::write(dir.join("spec/manifest.yaml"), &manifest[..antom_entry]).expect("drop antom");
    let out = xtask(&["--root", root(&dir), "gen", "--accept-shrink"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.join("spec/antom/createPaymentSession.zh.yaml").exists());
    assert!(!dir.join("generated/crates/antom-1/src/create_payment_session.rs").exists());
    assert!(!read(&dir, "generated/src/lib.rs").contains("pub mod antom;"));
    // Antom's generated crates go with it, and the facade no longer names them.
    assert!(!dir.join("generated/crates/antom-1").exists() && !dir.join("generated/crates/antom").exists());
    assert!(!read(&dir, "generated/Cargo.toml").contains("paydoc-sdk-antom"));
    let _ = fs::remove_dir_all(&dir);
}

/// Item 3: overlays with an unknown method, a bad path, or a file name no operation has.
#[test]
fn overlays_are_checked() {
    let dir = scratch("fs-overlay");
    let spec = "spec/pingpong/oneClickPay.zh.yaml";
    let committed = read(&dir, spec);
    let overlays = dir.join("spec/overlays/pingpong");
    fs::create_dir_all(&overlays).expect("mkdir");
    let cases = [
        ("oneClickPay.yaml", "method: FETCH\npath: /v4/pay\n", "unknown HTTP method `FETCH`"),
        ("oneClickPay.yaml", "method: POST\npath: /v4/one click\n", "path: path `/v4/one click` contains white space"),
        ("oneClickPay.yaml", "path: v4/pay\n", "path: path `v4/pay` does not start with `/`"),
        ("oneclickPay.yaml", "path: /v4/pay\n", "no pingpong operation of the manifest has this name"),
    ];
    for (file, text, reason) in cases {
        let _ = fs::remove_dir_all(&overlays);
        fs::create_dir_all(&overlays).expect("mkdir");
        fs::write(overlays.join(file), text).expect("overlay");
        let out = xtask(&["--root", root(&dir), "gen"]);
        assert_eq!(out.status.code(), Some(1), "{text}: {}", stderr(&out));
        let errs = errors(&out);
        let prefix = format!("error: spec/overlays/pingpong/{file}: ");
        assert!(errs.iter().any(|l| l.starts_with(&prefix) && l.contains(reason)), "{text}: {errs:?}");
        assert_eq!(read(&dir, spec), committed, "{text}");
    }
    // A lower-case method is the same method.
    let _ = fs::remove_dir_all(&overlays);
    fs::create_dir_all(&overlays).expect("mkdir");
    fs::write(overlays.join("oneClickPay.yaml"), "method: put\npath: /v4/pay/{id}\n").expect("overlay");
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read(&dir, spec).contains("method: PUT\n"));
    assert!(read(&dir, "generated/crates/pingpong-1/src/one_click_pay.rs").contains("method: \"PUT\""));
    let _ = fs::remove_dir_all(&dir);
}

/// Item 4: missing paths and bad manifests are errors in every command, and a failing
/// `--fail-on` says why.
#[test]
fn exit_codes_tell_the_truth() {
    let missing = std::env::temp_dir().join(format!("paydoc-missing-{}", std::process::id()));
    let missing = missing.to_str().expect("utf-8");
    let out = xtask(&["diff", "HEAD", missing]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(errors(&out), vec![format!("error: {missing}: no such directory")]);
    assert!(out.stdout.is_empty(), "no report of removals");

    for args in [&["--root", missing, "lint"][..], &["--root", missing, "gen"], &["--root", missing, "diff"]] {
        let out = xtask(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(errors(&out), vec![format!("error: {missing}: --root is not a directory")], "{args:?}");
    }

    let dir = scratch("fs-exit");
    fs::write(dir.join("spec/manifest.yaml"), "pages:\n- file: pages/000.txt\n  colour: blue\n").expect("bad manifest");
    for cmd in ["lint", "gen", "diff"] {
        let out = xtask(&["--root", root(&dir), cmd, "--fail-on", "breaking"][..if cmd == "gen" { 3 } else { 5 }]);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {}", stderr(&out));
        let errs = errors(&out);
        assert!(errs[0].starts_with("error: spec/manifest.yaml: "), "{cmd}: {errs:?}");
        assert!(errs[0].contains("colour"), "{cmd}: {errs:?}");
    }
    let _ = fs::remove_dir_all(&dir);

    // --fail-on ends with the threshold and the count.
    let dir = scratch("fs-failon");
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    let page = dir.join(PAYBYLINK);
    let text = fs::read_to_string(&page).expect("page");
    fs::write(
        &page,
        text.replace(
            "data.merchantLinkId | string | Yes | maxLength: 64 |",
            "data.merchantLinkId | string | Yes | maxLength: 32 |",
        ),
    )
    .expect("edit");
    assert!(xtask(&["--root", root(&dir), "gen"]).status.success());
    let out = xtask(&["--root", root(&dir), "diff", "HEAD", "--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().last(), Some("error: --fail-on breaking: 1 change is breaking"));
    let out = xtask(&["--root", root(&dir), "diff", "HEAD", "--fail-on", "warning"]);
    assert_eq!(stderr(&out).lines().last(), Some("error: --fail-on warning: 1 change is a warning or worse"));
    let out = xtask(&["--root", root(&dir), "lint", "--fail-on", "warning"]);
    assert_eq!(out.status.code(), Some(1));
    let last = stderr(&out).lines().last().map(str::to_string).unwrap_or_default();
    let defects = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(last, format!("error: --fail-on warning: {defects} defects are a warning or worse"));

    // JSON output ends with a newline (item 7).
    let out = xtask(&["--root", root(&dir), "diff", "HEAD", "--format", "json"]);
    assert!(out.status.success());
    assert!(out.stdout.ends_with(b"}\n]\n"), "{}", String::from_utf8_lossy(&out.stdout));
    let _ = fs::remove_dir_all(&dir);
}

/// Item 5: a reader that closes the pipe ends the command quietly.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let page = workspace().join(PAYBYLINK);
    let page = page.to_str().expect("utf-8");
    let dir = scratch("fs-pipe");
    for args in [
        vec!["scrape", "--fields", page],
        vec!["scrape", page],
        vec!["--root", root(&dir), "lint"],
        vec!["--root", root(&dir), "diff", root(&dir), "--format", "text"],
        vec!["--root", root(&dir), "diff", &format!("{}/spec/payermax", root(&workspace())), "--format", "json"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        // The reader goes away before the command writes a byte, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("waits");
        let err = stderr(&out);
        assert!(!err.contains("Broken pipe") && !err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
    let _ = fs::remove_dir_all(&dir);
}

/// Item 6: a warning names the file its line belongs to, once.
#[test]
fn warnings_name_the_page_their_line_is_in_once() {
    let dir = scratch("fs-warn");
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert!(
        warnings.contains(
            &format!("warning: {PAYBYLINK}:114: response example leaves out `msg`, which the table marks required")
                .as_str()
        ),
        "{err}"
    );
    // Line 114 of the page is a line of the page: no warning puts a page line on a spec file.
    for w in &warnings {
        let yaml_line = w.split(".yaml:").nth(1).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        assert!(!yaml_line && !w.contains(".yaml: line "), "{w}");
    }
    let mut unique = warnings.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), warnings.len(), "a warning printed twice: {err}");
    // `scrape FILE` names the file the same way.
    let page = dir.join(PAYBYLINK);
    let out = xtask(&["scrape", "--fields", root(&page)]);
    assert!(
        stderr(&out).lines().any(|l| l
            == format!(
                "warning: {}:114: response example leaves out `msg`, which the table marks required",
                page.display()
            )),
        "{}",
        stderr(&out)
    );
    let _ = fs::remove_dir_all(&dir);
}

/// Item 7: `gen` and `gen --check` end with a summary line.
#[test]
fn gen_ends_with_a_summary_line() {
    let dir = scratch("fs-summary");
    let generated = snapshot(&dir)
        .iter()
        .filter(|(f, bytes)| {
            // Rust files, and the generated crates' manifests.
            f.starts_with("generated/")
                && (bytes.starts_with(b"// generated by `cargo xtask gen`")
                    || bytes.starts_with(b"# generated by `cargo xtask gen`"))
        })
        .count();
    let openapi = snapshot(&dir).keys().filter(|f| f.starts_with("spec/openapi/") && f.ends_with(".json")).count();
    let check = xtask(&["--root", root(&dir), "gen", "--check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let warnings = stderr(&check).lines().filter(|l| l.starts_with("warning: ")).count();
    // The facade's manifest, whose operation features and dependencies gen writes.
    let manifest = usize::from(snapshot(&dir).contains_key("generated/Cargo.toml"));
    // Five spec files, every generated file, the manifest and the OpenAPI documents.
    let files = 5 + generated + manifest + openapi;
    assert_eq!(
        stderr(&check).lines().last(),
        Some(
            format!("gen --check: 5 pages, 5 operations; 0 files stale, {files} up to date; {warnings} warnings")
                .as_str()
        )
    );

    shrink_referral_code(&dir);
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert!(out.status.success());
    let written = stderr(&out).lines().filter(|l| l.starts_with("wrote ")).count();
    assert_eq!(written, 4, "the spec, its module and the provider's two OpenAPI documents: {}", stderr(&out));
    assert_eq!(
        stderr(&out).lines().last(),
        Some(
            format!(
                "gen: 5 pages, 5 operations; 4 files written, 0 removed, {} unchanged; {warnings} warnings",
                files - 4
            )
            .as_str()
        )
    );
    let _ = fs::remove_dir_all(&dir);
}

/// Item 7: every command is in the README's command table, and every flag has help.
#[test]
fn every_command_is_documented() {
    let readme = fs::read_to_string(workspace().join("README.md")).expect("README");
    let help = xtask(&["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    let commands: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 7, "{text}");
    for c in &commands {
        assert!(readme.contains(&format!("| `cargo xtask {c}")), "README lacks `{c}` in its command table");
        let sub = xtask(&[c, "-h"]);
        let help = String::from_utf8_lossy(&sub.stdout).into_owned();
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let l = line.trim_start();
            if l.starts_with("--") && !l.starts_with("--help") {
                // `--flag <V>  text`, or the text on the next, deeper-indented line.
                let same = l.split_once("  ").map(|(_, r)| r.trim()).unwrap_or("");
                let next = lines.get(i + 1).map(|n| n.trim()).filter(|n| !n.starts_with('-')).unwrap_or("");
                let text = if same.is_empty() { next } else { same };
                assert!(!text.is_empty() && !text.starts_with('['), "`{c} -h`: no text for {l}");
            }
        }
    }
}

/// The README's diff-rule table is the code's.
#[test]
fn the_readme_rule_table_is_the_codes() {
    let readme = fs::read_to_string(workspace().join("README.md")).expect("README");
    let start = paydoc_codegen::pipeline::RULE_TABLE_START;
    let from = readme.find(start).expect("the rule table's start marker") + start.len();
    let to = from + readme[from..].find(paydoc_codegen::pipeline::RULE_TABLE_END).expect("the end marker");
    assert_eq!(&readme[from..to], paydoc_codegen::spec::diff::rule_table_markdown());
}

/// Item 8: a checkout with Windows line endings is not stale.
#[test]
fn gen_check_passes_on_a_crlf_checkout() {
    let dir = scratch("fs-crlf");
    let mut converted = 0;
    for file in snapshot(&dir).keys() {
        let path = dir.join(file);
        let text = fs::read_to_string(&path).expect("text");
        if !text.contains("\r\n") && text.contains('\n') {
            fs::write(&path, text.replace('\n', "\r\n")).expect("crlf");
            converted += 1;
        }
    }
    assert!(converted > 20);
    let out = xtask(&["--root", root(&dir), "gen", "--check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    // A real change is still caught.
    let path = dir.join("spec/payermax/createPaybylink.zh.yaml");
    let text = fs::read_to_string(&path).expect("spec");
    fs::write(&path, text.replacen("max_length: 64", "max_length: 63", 1)).expect("edit");
    let out = xtask(&["--root", root(&dir), "gen", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let _ = fs::remove_dir_all(&dir);
}

/// Issue #10: a malformed shared-type definition is a one-line error naming the file and the
/// line; the provider's committed spec and the crate stay as they were.
#[test]
fn a_malformed_type_definition_names_its_file_and_line() {
    let dir = scratch("fs-types");
    let crate_before = files_under(&dir, "generated/");
    let spec = read(&dir, "spec/antom/createPaymentSession.zh.yaml");
    let file = "spec/overlays/antom/types.yaml";
    let broken = read(&dir, file).replacen("    required: true\n", "    required: perhaps\n", 1);
    fs::write(dir.join(file), broken).expect("write");
    let out = xtask(&["--root", root(&dir), "gen"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let errs = errors(&out);
    let line = errs.iter().find(|l| l.starts_with(&format!("error: {file}: "))).expect("an error naming the file");
    assert!(line.contains("required") && line.contains(" line "), "{line}");
    assert_eq!(read(&dir, "spec/antom/createPaymentSession.zh.yaml"), spec);
    assert_eq!(files_under(&dir, "generated/"), crate_before);
    let _ = fs::remove_dir_all(&dir);
}
