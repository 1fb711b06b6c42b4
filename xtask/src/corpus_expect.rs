//! `cargo xtask corpus-expect [NAMES...]` and `cargo xtask workloads-expect [NAMES...]`: run
//! python3 on each program of the differential corpus (or of the benchmark workload suite)
//! exactly the way the test runner runs swallow, and write its outcome to `NAME.expected` (only
//! when it changed), printing what changed.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{bail, Context};
use xshell::{cmd, Shell};

use crate::corpus_format::{display_name, expected_path, find_programs, run_program, Outcome};

/// CPython gets more time than swallow's 10 s: recording must not fail on a slow machine.
const RECORD_TIMEOUT: Duration = Duration::from_secs(60);

/// `corpus-expect`: record the differential corpus (tests/corpus).
pub fn run(filters: &[String]) -> anyhow::Result<()> {
    record(&crate::project_root().join("tests").join("corpus"), "corpus-expect", filters)
}

/// `workloads-expect`: record the benchmark workloads (benches/workloads).
pub fn run_workloads(filters: &[String]) -> anyhow::Result<()> {
    record(&crate::workloads_dir(), "workloads-expect", filters)
}

/// Record every program under `corpus` whose corpus-relative path contains one of `filters`
/// (all programs when there are none).
fn record(corpus: &Path, command: &str, filters: &[String]) -> anyhow::Result<()> {
    let python = find_python()?;
    let corpus = corpus.to_path_buf();
    let mut programs = find_programs(&corpus).with_context(|| format!("reading {}", corpus.display()))?;
    if !filters.is_empty() {
        programs.retain(|program| {
            let name = display_name(&corpus, program);
            filters.iter().any(|filter| name.contains(filter.trim_end_matches(".py")))
        });
        if programs.is_empty() {
            bail!("no program in {} matches {filters:?}", corpus.display());
        }
    }

    let results = run_all(&python, &programs);
    let mut changed = 0;
    let mut unchanged = 0;
    let mut errors = Vec::new();
    for (program, result) in programs.iter().zip(results) {
        let name = display_name(&corpus, program);
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(error) => {
                errors.push(format!("{name}: {error}"));
                continue;
            }
        };
        if outcome.exit == "timeout" {
            errors.push(format!("{name}: python3 did not finish within {} s", RECORD_TIMEOUT.as_secs()));
            continue;
        }
        let path = expected_path(program);
        let new_contents = outcome.render();
        let old_contents = std::fs::read(&path).ok();
        if old_contents.as_deref() == Some(new_contents.as_slice()) {
            unchanged += 1;
            continue;
        }
        std::fs::write(&path, &new_contents).with_context(|| format!("writing {}", path.display()))?;
        changed += 1;
        match old_contents {
            None => println!("new      {name}: exit={} {}", outcome.exit, outcome.stderr_last),
            Some(old) => {
                println!("changed  {name}:");
                print!("{}", crate::corpus_format::short_diff(&old, &new_contents));
            }
        }
    }
    println!("{command}: {changed} written, {unchanged} unchanged, {} errors", errors.len());
    if !errors.is_empty() {
        bail!("some programs could not be recorded:\n  {}", errors.join("\n  "));
    }
    Ok(())
}

/// Locate python3 (or `$SWALLOW_PYTHON`) and check it is a 3.11, the version swallow follows.
fn find_python() -> anyhow::Result<PathBuf> {
    let python = std::env::var_os("SWALLOW_PYTHON").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("python3"));
    let sh = Shell::new()?;
    let version = cmd!(sh, "{python} --version")
        .quiet()
        .read()
        .with_context(|| format!("`{}` is needed to record expected outputs; is it installed and on PATH?", python.display()))?;
    if !version.starts_with("Python 3.11") {
        bail!("{} is {version}; the corpus is recorded with CPython 3.11 (set SWALLOW_PYTHON to one)", python.display());
    }
    Ok(python)
}

/// Run every program on a few threads; results come back in `programs` order.
fn run_all(python: &Path, programs: &[PathBuf]) -> Vec<std::io::Result<Outcome>> {
    let next_index = Mutex::new(0usize);
    let results: Mutex<Vec<Option<std::io::Result<Outcome>>>> = Mutex::new((0..programs.len()).map(|_| None).collect());
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).min(programs.len().max(1));
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
                let outcome = run_program(python, program, RECORD_TIMEOUT);
                results.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(outcome);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(std::io::Error::other("program was not run"))))
        .collect()
}
