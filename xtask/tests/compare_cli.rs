//! End-to-end run of `cargo xtask compare --quick` on two small workloads, with CPython standing
//! in for swallow (so the test needs no optimized build) and an interpreter that always fails:
//! every report is written, the JSON holds the samples and statuses, and a failing interpreter is
//! listed as not running instead of stopping the comparison.

use std::path::PathBuf;
use std::process::Command;

fn python() -> Option<PathBuf> {
    let reference = PathBuf::from("/usr/bin/python3.11");
    reference.is_file().then_some(reference)
}

#[test]
fn quick_compare_writes_every_report() {
    let Some(python) = python() else {
        eprintln!("skipped: /usr/bin/python3.11 (the reference interpreter) is not installed");
        return;
    };
    let out = std::env::temp_dir().join(format!("xtask-compare-test-{}", std::process::id()));
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["compare", "--quick", "--workloads", "fib,float_loop", "--interp", "broken=false"])
        .arg("--swallow")
        .arg(&python)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run xtask");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "xtask compare failed:\n{stdout}\n{stderr}");

    // Terminal table: both workloads, the reference, the failing interpreter listed.
    assert!(stdout.contains("fib") && stdout.contains("float_loop"), "{stdout}");
    assert!(stdout.contains("(reference)"), "{stdout}");
    assert!(stdout.contains("fib under broken: exit 1"), "{stdout}");
    assert!(stdout.contains("geometric mean of speedups"), "{stdout}");
    // The speedup is the median of per-round ratios; one round leaves it untested.
    assert!(stdout.contains("median over rounds of cpython3.11 time / interpreter time") && stdout.contains("x ?"), "{stdout}");

    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("compare.json")).unwrap()).unwrap();
    assert_eq!(json["schema"], "swallow-compare/1");
    assert_eq!(json["reference"], "cpython3.11");
    assert_eq!(json["settings"]["quick"], true);
    let workloads = json["workloads"].as_array().unwrap();
    assert_eq!(workloads.len(), 2);
    for workload in workloads {
        let swallow = &workload["results"]["swallow"];
        assert_eq!(swallow["status"], "ok", "{workload}");
        assert_eq!(swallow["seconds"].as_array().unwrap().len(), 1);
        assert!(swallow["peak_rss_kib"].as_u64().unwrap() > 0);
        assert!(swallow["speedup"].as_f64().unwrap() > 0.0);
        // One run each: too few for the bootstrap, so no interval and no p-value.
        assert!(swallow["ci_low"].is_null() && swallow["ci_high"].is_null());
        assert!(swallow["p_value"].is_null() && swallow["significant"].is_null());
        assert_eq!(workload["results"]["broken"]["status"], "failed");
    }
    let interpreters = json["interpreters"].as_array().unwrap();
    let swallow = interpreters.iter().find(|i| i["name"] == "swallow").unwrap();
    assert_eq!(swallow["startup_seconds"].as_array().unwrap().len(), 5);
    assert!(swallow["binary_size_bytes"].as_u64().unwrap() > 0);

    let markdown = std::fs::read_to_string(out.join("compare.md")).unwrap();
    assert!(markdown.contains("| fib |") && markdown.contains("## Peak RSS") && markdown.contains("## Not running yet"), "{markdown}");
    let svg = std::fs::read_to_string(out.join("compare.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains(">fib<") && svg.contains(">geometric mean<") && svg.contains("broken does not run"), "{svg}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn unknown_workload_is_a_clear_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["compare", "--quick", "--workloads", "no_such_workload", "--swallow", "/bin/sh"])
        .output()
        .expect("run xtask");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no workload named `no_such_workload`"), "{stderr}");
}
