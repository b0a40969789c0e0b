//! The generated crate's compile time and runtime: cargo builds watched for memory and time.

use super::*;
use paydoc_codegen::standalone;

/// A `/proc/<pid>/status` value in KiB.
pub(super) fn proc_kib(pid: u32, key: &str) -> Option<u64> {
    let s = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// A `/proc/meminfo` value in KiB.
pub(super) fn meminfo_kib(key: &str) -> Option<u64> {
    let s = fs::read_to_string("/proc/meminfo").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// `pid` and every process below it.
pub(super) fn process_tree(pid: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Some(p) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
            // `pid (comm) state ppid …`: the command may hold spaces and parentheses.
            let Ok(stat) = fs::read_to_string(format!("/proc/{p}/stat")) else { continue };
            let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else { continue };
            if let Some(ppid) = after.split_whitespace().nth(1).and_then(|x| x.parse::<u32>().ok()) {
                parent_of.push((p, ppid));
            }
        }
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(parent_of.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    tree
}

/// CPU seconds (user and system) of this process's waited-for children and theirs: a build's
/// own work, which the machine's other load does not inflate as it does wall time.
fn children_cpu_secs() -> f64 {
    let Ok(stat) = fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // After `(comm)`: state is field 3; cutime and cstime are fields 16 and 17, in the
    // kernel's USER_HZ (100) ticks.
    let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else { return 0.0 };
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(13) + ticks(14)) / 100.0
}

/// CPU seconds (user and system) a running process has used so far.
fn process_cpu_secs(pid: u32) -> f64 {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else { return 0.0 };
    let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else { return 0.0 };
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// How a guarded build ended.
pub(super) struct Built {
    pub(super) secs: f64,
    /// CPU seconds the build used (all its processes).
    pub(super) cpu_secs: f64,
    /// Largest sampled total resident memory of the build's processes, MiB.
    pub(super) peak_mib: f64,
    /// Why it was stopped, if it was.
    pub(super) stopped: Option<String>,
}

/// Runs cargo in `dir`, sampling the memory of its process tree every 0.2 s; stops it (the
/// whole tree) past the memory limit, when the machine runs short, or past the timeout.
pub(super) fn run_cargo(dir: &Path, args: &[&str], limit_mib: f64, timeout: Duration) -> Result<Built, String> {
    let log_path = dir.join("build.log");
    let log = fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let start = Instant::now();
    let cpu_start = children_cpu_secs();
    let mut child = cargo()
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let total_mib = meminfo_kib("MemTotal:").map_or(f64::MAX, |k| k as f64 / 1024.0);
    let mut peak = 0.0f64;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let secs = start.elapsed().as_secs_f64();
            if !status.success() {
                let err = fs::read_to_string(&log_path).unwrap_or_default();
                let tail: Vec<&str> = err.lines().rev().take(15).collect();
                return Err(format!(
                    "`cargo {}` failed:\n{}",
                    args.join(" "),
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                ));
            }
            return Ok(Built { secs, cpu_secs: children_cpu_secs() - cpu_start, peak_mib: peak, stopped: None });
        }
        let tree = process_tree(child.id());
        let rss: u64 = tree.iter().filter_map(|p| proc_kib(*p, "VmRSS:")).sum();
        peak = peak.max(rss as f64 / 1024.0);
        let available = meminfo_kib("MemAvailable:").map_or(f64::MAX, |k| k as f64 / 1024.0);
        let why = if peak > limit_mib {
            Some(format!("its processes held {:.1} GiB, over the {:.1} GiB limit", peak / 1024.0, limit_mib / 1024.0))
        } else if available < total_mib / 10.0 {
            Some(format!("the machine had {:.1} GiB available, under 10% of its memory", available / 1024.0))
        } else if start.elapsed() > timeout {
            Some(format!("it ran over the {} s limit", timeout.as_secs()))
        } else {
            None
        };
        if let Some(why) = why {
            // What the running processes used, as killed ones are never counted as children.
            // (cargo itself is waited for below, so it counts as a child.)
            let running: f64 = tree.iter().filter(|p| **p != child.id()).map(|p| process_cpu_secs(*p)).sum();
            // Deepest first, so nothing is re-parented and left running.
            let mut pids: Vec<String> = tree.iter().rev().map(u32::to_string).collect();
            pids.retain(|p| *p != child.id().to_string());
            if !pids.is_empty() {
                let _ = Command::new("kill").arg("-KILL").args(&pids).status();
            }
            let _ = child.kill();
            let _ = child.wait();
            let (secs, cpu_secs) = (start.elapsed().as_secs_f64(), children_cpu_secs() - cpu_start + running);
            return Ok(Built { secs, cpu_secs, peak_mib: peak, stopped: Some(why) });
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The first operation feature of a generated `[features]` block: the one-operation build.
fn first_operation_feature(features: &str) -> Option<&str> {
    features.lines().find_map(|l| {
        let (name, value) = l.split_once(" = ")?;
        // `name = ["<provider>-core", "<its crate>/name"]`.
        let ends = value.strip_suffix("\"]").is_some_and(|v| v.ends_with(&format!("/{name}")));
        (value.starts_with('[') && value.contains("-core\", \"paydoc-sdk-") && ends).then_some(name)
    })
}

/// Whether a file of the SDK (a path relative to `generated/`) is library code: Rust
/// sources, not the tests.
pub(super) fn library_source(path: &str) -> bool {
    path.ends_with(".rs") && !path.starts_with("tests/")
}

/// Writes the generated SDK of the first `ops` operations into its own cargo project and
/// times `cargo check` of every operation, `cargo check` of one operation (its feature
/// alone) and, with `build`, `cargo build` of every operation (dev profile) of the
/// generated crates alone (dependencies built beforehand, incremental compilation off),
/// with the peak memory.
pub(super) fn compile(
    generated: &paydoc_codegen::emit::Output,
    ops: usize,
    build: bool,
    args: &BenchArgs,
) -> Result<Vec<String>, String> {
    let files = &generated.files;
    let root = crate::project_root();
    let dir = root.join(format!("target/bench/sdk-{ops}"));
    let write = |rel: &str, contents: &[u8]| -> Result<(), String> {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&p, contents).map_err(|e| format!("{}: {e}", p.display()))
    };
    let _ = fs::remove_dir_all(dir.join("src"));
    let _ = fs::remove_dir_all(dir.join("tests"));
    let _ = fs::remove_dir_all(dir.join("crates"));
    if let Ok(lock) = fs::read(root.join("Cargo.lock")) {
        write("Cargo.lock", &lock)?;
    }
    let project = standalone::files(&root, generated)?;
    for (rel, contents) in &project {
        write(rel, contents)?;
    }
    let one = first_operation_feature(&generated.features).ok_or("the corpus crate has no operation feature")?;
    let cores = "payermax-core,antom-core,pingpong-core";
    let total_mib = meminfo_kib("MemTotal:").map_or(16.0 * 1024.0, |k| k as f64 / 1024.0);
    let limit_mib = args.compile_mem_gib.map_or(total_mib * 0.6, |g| g * 1024.0);
    let timeout = Duration::from_secs(args.compile_timeout);
    // Dependencies first, with no operation enabled, so the timed builds are the crate's.
    for cmd in ["build", "check"] {
        run_cargo(
            &dir,
            &[cmd, "--offline", "--quiet", "--no-default-features", "--features", cores],
            limit_mib,
            timeout,
        )?;
    }
    // The library's code: generated (the facade's and the generated crates') and
    // hand-written (the core crate's and the provider docs').
    let lines = |(p, c): &&(String, Vec<u8>)| library_source(p).then(|| String::from_utf8_lossy(c).lines().count());
    let generated_rel: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let (gen_files, hand_files): (Vec<_>, Vec<_>) =
        project.iter().partition(|(p, _)| generated_rel.contains(p.as_str()));
    let lines_under = |prefixes: &[&str]| -> usize {
        gen_files.iter().filter(|(p, _)| prefixes.iter().any(|x| p.starts_with(x))).filter_map(lines).sum()
    };
    let hand_lines: usize = hand_files.iter().filter_map(lines).sum();
    let gen_lines: usize = gen_files.iter().filter_map(lines).sum();
    let all_lines = gen_lines + hand_lines;
    let crates = project.iter().filter(|(p, _)| p.ends_with("Cargo.toml")).count();
    outln!(
        "SDK of {ops} operations in {crates} crates: {all_lines} library lines ({gen_lines} generated: payermax {}, antom {}, pingpong {}; {hand_lines} hand-written), in {}",
        lines_under(&["src/payermax/", "crates/payermax"]),
        lines_under(&["src/antom/", "crates/antom"]),
        lines_under(&["src/pingpong/", "crates/pingpong"]),
        dir.display()
    );
    // Every crate root but the hand-written core's: touched, so that cargo rebuilds the
    // generated crates, and only them.
    let roots: Vec<PathBuf> = project
        .iter()
        .filter(|(p, _)| p.ends_with("src/lib.rs") && !p.starts_with(paydoc_codegen::emit::crates::CORE_DIR))
        .map(|(p, _)| dir.join(p))
        .collect();
    let mut out = Vec::new();
    let one_features = ["--no-default-features", "--features", one];
    let mut stopped = false;
    for (what, cmd, extra, target) in [
        ("all", "check", &[][..], Some((120.0, 6.0))),
        ("one-op", "check", &one_features[..], Some((10.0, f64::INFINITY))),
        ("all", "build", &[][..], None),
    ] {
        let name = format!("compile-{cmd}-{what}-{ops}ops");
        let shown = if what == "one-op" { format!("one operation: `{one}`") } else { "every operation".into() };
        if cmd == "build" && !build {
            outln!("cargo {cmd} ({shown}): not run for the largest crate (no target; it takes the longest)");
            continue;
        }
        if stopped && what == "all" {
            outln!("cargo {cmd} ({shown}): skipped, as `cargo check` was stopped");
            out.push(format!("bench: {name}: not run (`cargo check` was stopped)"));
            continue;
        }
        let (mut times, mut cpus, mut peaks) = (Vec::new(), Vec::new(), Vec::new());
        let mut this_stopped = false;
        for _ in 0..args.compile_runs.max(1) {
            // A new mtime: cargo rebuilds the generated crates, and only them.
            for lib in &roots {
                let f = fs::File::options().write(true).open(lib).map_err(|e| format!("{}: {e}", lib.display()))?;
                f.set_modified(std::time::SystemTime::now()).map_err(|e| format!("{}: {e}", lib.display()))?;
            }
            let mut cmd_args = vec![cmd, "--offline", "--quiet"];
            cmd_args.extend_from_slice(extra);
            let built = run_cargo(&dir, &cmd_args, limit_mib, timeout)?;
            if let Some(why) = built.stopped {
                outln!("cargo {cmd} ({shown}): stopped after {:.0} s ({:.0} s CPU): {why}", built.secs, built.cpu_secs);
                out.push(format!(
                    "bench: {name}: did not finish: stopped after {:.0} s ({:.0} s CPU), {why}",
                    built.secs, built.cpu_secs
                ));
                this_stopped = true;
                break;
            }
            times.push(built.secs);
            cpus.push(built.cpu_secs);
            peaks.push(built.peak_mib);
        }
        if this_stopped {
            stopped |= what == "all";
            continue;
        }
        let (t, cpu, peak) = (median(times), median(cpus), median(peaks) / 1024.0);
        // The build's peak (all its compilers at once) per operation: how it grows with the API.
        let per_op =
            if what == "all" { format!(", {:.1} MiB an operation", peak * 1024.0 / ops as f64) } else { String::new() };
        outln!("cargo {cmd} ({shown}): {t:.1} s ({cpu:.1} s CPU), peak {peak:.1} GiB{per_op}");
        let verdict = match target {
            // The targets are for the crate of 1,000 operations.
            Some((secs, gib)) if ops >= 1000 => {
                let time = verdict_max(t, secs, " s", false).replace('≤', "<");
                if gib.is_finite() { format!("{time}; {}", verdict_max(peak, gib, " GiB", false)) } else { time }
            }
            _ => "no target at this size".to_string(),
        };
        out.push(format!("bench: {name}: {t:.1} s ({cpu:.1} s CPU), peak {peak:.1} GiB{per_op} ({shown}; {verdict})"));
    }
    Ok(out)
}

/// Runs the runtime harness and returns its `bench:` lines.
pub(super) fn runtime(runs: usize, smoke: bool) -> Result<Vec<String>, String> {
    let mut c = cargo();
    c.args(["bench", "--offline", "--quiet", "--manifest-path"]).arg(crate::project_root().join("Cargo.toml"));
    c.args(["-p", "paydoc-sdk", "--bench", "runtime"]);
    if smoke {
        // Quick to build, and the harness takes a few short samples.
        c.args(["--profile", "dev", "--", "--smoke"]);
    } else {
        c.args(["--", "--runs", &runs.to_string()]);
    }
    let out = c.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    crate::out::stdout(&stdout);
    if !out.status.success() {
        return Err(format!("cargo bench failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(stdout.lines().filter(|l| l.starts_with("bench: ")).map(str::to_string).collect())
}
