//! The differential corpus: every program under `tests/corpus/` is run with swallow and its exit
//! status, last stderr line and stdout are compared with the recorded `NAME.expected` (recorded
//! from CPython 3.11 by `cargo xtask corpus-expect`). A second test re-runs python3 (when it is
//! installed and `SWALLOW_NO_CPYTHON` is not `1`) to check the recordings are still CPython's.
//! See tests/README.md for the format and how to add a program.
//!
//! The benchmark workloads (`benches/workloads/*.py`, recorded by `cargo xtask workloads-expect`)
//! are checked the same way: speed is only worth measuring on programs that compute the right
//! result.

#[path = "../../xtask/src/corpus_format.rs"]
mod corpus_format;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use corpus_format::{display_name, expected_path, find_programs, run_program, short_diff, Outcome, PROGRAM_TIMEOUT};

/// The two tests each use every core; running them one after the other keeps a slow machine
/// from turning into timeouts.
static ONE_CORPUS_RUN_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Per-program timeout: 10 s for an optimized swallow, three times that for an unoptimized
/// (dev-profile) one, whose slowest corpus programs take about 5 s on their own; or
/// `SWALLOW_CORPUS_TIMEOUT_SECS` (for slow or instrumented builds).
fn program_timeout() -> Duration {
    let default = if cfg!(debug_assertions) { PROGRAM_TIMEOUT * 3 } else { PROGRAM_TIMEOUT };
    std::env::var("SWALLOW_CORPUS_TIMEOUT_SECS")
        .ok()
        .and_then(|secs| secs.trim().parse::<u64>().ok())
        .map_or(default, Duration::from_secs)
}

/// A directory of differential programs and how long each may take.
struct Suite {
    label: &'static str,
    dir: PathBuf,
    timeout: Duration,
    /// The xtask command that records this suite's `.expected` files.
    record_command: &'static str,
}

fn corpus() -> Suite {
    Suite {
        label: "corpus",
        dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("corpus"),
        timeout: program_timeout(),
        record_command: "corpus-expect",
    }
}

/// The benchmark workloads each run 0.2-2 s under CPython; an unoptimized swallow may need ten
/// times that.
fn workloads() -> Suite {
    Suite {
        label: "workloads",
        dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("benches").join("workloads"),
        timeout: program_timeout() * 12,
        record_command: "workloads-expect",
    }
}

/// Write a line the test harness does not capture, so summaries show even when tests pass.
fn announce(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Run `interpreter` on every corpus program (in parallel) and compare with the recordings.
/// Returns (passed, failure reports).
fn check_corpus(interpreter: &Path, suite: &Suite) -> (usize, Vec<String>) {
    let _exclusive = ONE_CORPUS_RUN_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let corpus = &suite.dir;
    let programs = find_programs(&corpus).unwrap_or_else(|e| panic!("cannot read {}: {e}", corpus.display()));
    assert!(!programs.is_empty(), "no programs found in {}", corpus.display());

    let next_index = Mutex::new(0usize);
    let failures: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(programs.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = {
                    let mut next = next_index.lock().unwrap_or_else(|e| e.into_inner());
                    let index = *next;
                    *next += 1;
                    index
                };
                let Some(program) = programs.get(index) else { break };
                if let Some(report) = check_program(interpreter, suite, program) {
                    failures.lock().unwrap_or_else(|e| e.into_inner()).push((index, report));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort();
    let reports: Vec<String> = failures.into_iter().map(|(_, report)| report).collect();
    (programs.len() - reports.len(), reports)
}

/// `None` when `program`'s outcome matches its recording, else a report with a short diff.
fn check_program(interpreter: &Path, suite: &Suite, program: &Path) -> Option<String> {
    let corpus = &suite.dir;
    let name = display_name(corpus, program);
    let expected_file = expected_path(program);
    let expected = match std::fs::read(&expected_file) {
        Ok(bytes) => bytes,
        Err(_) => {
            let file = display_name(corpus, &expected_file);
            return Some(format!("{name}: no {file} (record it: cargo xtask {} {name})", suite.record_command));
        }
    };
    if let Err(problem) = Outcome::parse(&expected) {
        return Some(format!("{name}: malformed .expected file: {problem}"));
    }
    let actual = match run_program(interpreter, program, suite.timeout) {
        Ok(outcome) => outcome.render(),
        Err(error) => return Some(format!("{name}: could not run {}: {error}", interpreter.display())),
    };
    if actual == expected {
        None
    } else {
        Some(format!("{name}:\n{}", short_diff(&expected, &actual)))
    }
}

fn finish(label: &str, passed: usize, failures: Vec<String>, hint: &str) {
    announce(&format!("{label}: {passed} passed, {} failed", failures.len()));
    if !failures.is_empty() {
        panic!("{} of {} {label} programs failed ({hint}):\n\n{}", failures.len(), passed + failures.len(), failures.join("\n"));
    }
}

/// The python3 to check recordings against, or `None` (announced) when the check is skipped.
fn cpython_for_recordings(label: &str) -> Option<PathBuf> {
    if std::env::var("SWALLOW_NO_CPYTHON").as_deref() == Ok("1") {
        announce(&format!("{label} (cpython): skipped, SWALLOW_NO_CPYTHON=1"));
        return None;
    }
    let python = PathBuf::from(std::env::var_os("SWALLOW_PYTHON").unwrap_or_else(|| "python3".into()));
    let version = std::process::Command::new(&python).arg("--version").output();
    let version = match version {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout).trim().to_owned(),
        _ => {
            announce(&format!("{label} (cpython): skipped, python3 is not installed"));
            return None;
        }
    };
    if !version.starts_with("Python 3.11") {
        announce(&format!("{label} (cpython): skipped, python3 is {version}, recordings are from 3.11"));
        return None;
    }
    Some(python)
}

fn check_recordings_against_cpython(suite: Suite) {
    let Some(python) = cpython_for_recordings(suite.label) else { return };
    let (passed, failures) = check_corpus(&python, &suite);
    let hint = format!("recording differs from python3; re-record with `cargo xtask {} NAME`", suite.record_command);
    finish(&format!("{} (cpython)", suite.label), passed, failures, &hint);
}

fn check_swallow_against_recordings(suite: Suite, hint: &str) {
    let swallow = PathBuf::from(env!("CARGO_BIN_EXE_swallow"));
    let (passed, failures) = check_corpus(&swallow, &suite);
    finish(suite.label, passed, failures, hint);
}

/// swallow's outcome on every corpus program equals the recorded CPython outcome.
#[test]
fn corpus_programs_match_expected_output() {
    check_swallow_against_recordings(corpus(), "swallow differs from the recorded CPython output");
}

/// The corpus recordings are still what CPython 3.11 produces (catches stale or hand-edited
/// files).
#[test]
fn expected_files_match_cpython() {
    check_recordings_against_cpython(corpus());
}

/// swallow prints the recorded CPython checksum for every benchmark workload.
#[test]
fn workloads_match_expected_output() {
    check_swallow_against_recordings(workloads(), "swallow's result differs from CPython's recorded checksum");
}

/// The workload recordings are still what CPython 3.11 prints.
#[test]
fn workload_expected_files_match_cpython() {
    check_recordings_against_cpython(workloads());
}
