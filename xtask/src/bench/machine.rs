//! The machine the figures are from, and re-running the measurements from a release build.

use super::*;

/// Prints the machine the figures are from.
pub(super) fn machine() {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("MemTotal:")).map(str::to_string))
        .and_then(|l| l["MemTotal:".len()..].trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or_else(|| "unknown".into(), |k| format!("{:.1} GiB", k as f64 / 1024.0 / 1024.0));
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let load = fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    outln!("== machine: {cpus} CPUs ({model}), {mem} RAM, {rustc}, load average {load} at the start");
}

/// A debug build re-runs the measurements from a release build.
pub(super) fn rerun_release(layout: &Layout, args: &BenchArgs) -> bool {
    outln!(
        "bench: this is a debug build; measuring with `cargo run --release -p xtask` (pass --here to measure this build)"
    );
    let mut c = cargo();
    c.arg("run").arg("--release").arg("--quiet").arg("--manifest-path").arg(crate::project_root().join("Cargo.toml"));
    c.args(["-p", "xtask", "--", "--root"]).arg(&layout.root).arg("bench").arg("--here");
    c.args(["--pages", &args.pages.to_string(), "--runs", &args.runs.to_string(), "--seed", &args.seed.to_string()]);
    if args.no_compile {
        c.arg("--no-compile");
    }
    if !args.compile_ops.is_empty() {
        let sizes: Vec<String> = args.compile_ops.iter().map(usize::to_string).collect();
        c.args(["--compile-ops", &sizes.join(",")]);
    }
    c.args(["--compile-runs", &args.compile_runs.to_string(), "--compile-timeout", &args.compile_timeout.to_string()]);
    if let Some(g) = args.compile_mem_gib {
        c.args(["--compile-mem-gib", &g.to_string()]);
    }
    if args.no_runtime {
        c.arg("--no-runtime");
    }
    match c.status() {
        Ok(s) => s.success(),
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            false
        }
    }
}
