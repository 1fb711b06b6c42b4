//! `cargo xtask compare`: build swallow, run every benchmark workload under swallow and every
//! other Python interpreter found (each run its own process, interleaved across interpreters,
//! several rounds, pinned to one CPU), and report time, speedup against the reference
//! interpreter with a significance test, peak RSS, startup time and binary size as a terminal
//! table, Markdown, JSON and an SVG chart under `target/compare/`.

pub mod chart;
pub mod interpreters;
pub mod report;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};

use crate::corpus_format::{display_name, expected_path, find_programs, Outcome};
use crate::measure::{allowed_cpus, catch_interrupts, interrupted, measure, RunSpec};
pub use interpreters::Interpreter;

/// Command-line options of `cargo xtask compare`.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    /// One short round of everything (no warm-up, a few startup runs): for CI and smoke tests.
    #[arg(long)]
    quick: bool,
    /// Only these workloads (comma-separated names, without `.py`).
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    workloads: Vec<String>,
    /// Timed runs of each workload under each interpreter.
    #[arg(long, default_value_t = 5, value_name = "N")]
    rounds: usize,
    /// Untimed runs of each workload under each interpreter before the timed rounds.
    #[arg(long, default_value_t = 1, value_name = "N")]
    warmup: usize,
    /// Runs of `-c pass` per interpreter for the startup time.
    #[arg(long, default_value_t = 40, value_name = "N")]
    startup_runs: usize,
    /// Another interpreter to compare, as NAME=COMMAND (COMMAND split on spaces); repeatable.
    #[arg(long = "interp", value_name = "NAME=COMMAND")]
    extra_interpreters: Vec<String>,
    /// Run only these interpreters (comma-separated names, e.g. `swallow,lto` to compare two
    /// swallow builds without timing the others); the reference must be one of them.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    only: Vec<String>,
    /// The interpreter the speedups are measured against.
    #[arg(long, default_value = interpreters::REFERENCE_NAME, value_name = "NAME")]
    reference: String,
    /// Measure this swallow binary instead of building one.
    #[arg(long, value_name = "PATH")]
    swallow: Option<PathBuf>,
    /// Cargo profile to build swallow with (`release` is fat LTO; `fast` builds quicker).
    #[arg(long, default_value = "release", value_name = "NAME")]
    profile: String,
    /// The CPU every run is pinned to (default: the last one this process may use).
    #[arg(long, value_name = "N", conflicts_with = "no_pin")]
    cpu: Option<usize>,
    /// Do not pin runs to one CPU.
    #[arg(long)]
    no_pin: bool,
    /// Seconds after which a run is killed and counted as hung.
    #[arg(long, default_value_t = 120, value_name = "SECS")]
    timeout: u64,
    /// Where the reports go.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// A benchmark workload and the outcome CPython recorded for it.
#[derive(Clone, Debug)]
pub struct Workload {
    pub name: String,
    pub path: PathBuf,
    pub expected: Outcome,
}

/// What happened when one interpreter ran one workload, over all rounds.
#[derive(Clone, Debug, Default)]
pub struct PairRuns {
    /// Wall time of each timed run, in seconds.
    pub seconds: Vec<f64>,
    /// The largest peak RSS of any run, in KiB.
    pub peak_rss_kib: u64,
    /// Why the interpreter cannot run this workload (crash, wrong output, timeout), if so.
    pub failure: Option<String>,
}

/// Everything measured in one comparison, before it is summarized.
#[derive(Debug)]
pub struct Measurements {
    pub interpreters: Vec<Interpreter>,
    /// Interpreters looked for but not found, with the reason.
    pub skipped: Vec<(String, String)>,
    pub reference: usize,
    pub workloads: Vec<Workload>,
    /// `runs[workload][interpreter]`.
    pub runs: Vec<Vec<PairRuns>>,
    /// `startup_seconds[interpreter]`: wall times of `-c pass`.
    pub startup_seconds: Vec<Vec<f64>>,
    pub settings: Settings,
}

/// How the measurements were taken (recorded in every report).
#[derive(Clone, Debug)]
pub struct Settings {
    pub quick: bool,
    pub rounds: usize,
    pub warmup: usize,
    pub startup_runs: usize,
    pub pinned_cpu: Option<usize>,
    pub timeout: Duration,
    pub swallow_profile: String,
    pub source_revision: String,
    pub started_at_unix: u64,
    pub wall_time: Duration,
}

/// Entry point of `cargo xtask compare`.
pub fn run(args: CompareArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let started_at_unix = crate::unix_now();
    let (rounds, warmup, startup_runs) = if args.quick { (1, 0, 5) } else { (args.rounds, args.warmup, args.startup_runs) };
    if rounds == 0 {
        bail!("--rounds must be at least 1");
    }
    let workloads = find_workloads(&args.workloads)?;
    let pinned_cpu = choose_cpu(args.cpu, args.no_pin)?;

    let (swallow, profile) = match &args.swallow {
        Some(path) => {
            let path = std::fs::canonicalize(path).with_context(|| format!("--swallow {}: no such file", path.display()))?;
            (path, "given".to_owned())
        }
        None => (build_swallow(&args.profile)?, args.profile.clone()),
    };
    let mut found = interpreters::discover(&swallow, &args.extra_interpreters)?;
    keep_only(&mut found, &args.only)?;
    let Some(reference) = found.interpreters.iter().position(|i| i.name == args.reference) else {
        let names: Vec<&str> = found.interpreters.iter().map(|i| i.name.as_str()).collect();
        bail!(
            "the reference interpreter `{}` was not found (found: {}); install it, or pass --reference NAME \
             (or --interp NAME=COMMAND to add one)",
            args.reference,
            names.join(", ")
        );
    };
    for (name, reason) in &found.skipped {
        eprintln!("compare: skipping {name}: {reason}");
    }

    let settings = Settings {
        quick: args.quick,
        rounds,
        warmup,
        startup_runs,
        pinned_cpu,
        timeout: Duration::from_secs(args.timeout.max(1)),
        swallow_profile: profile,
        source_revision: interpreters::source_revision(),
        started_at_unix,
        wall_time: Duration::ZERO,
    };
    catch_interrupts();
    let mut measurements = measure_suite(found, reference, workloads, settings);
    if interrupted() {
        bail!("interrupted: no report written (the previous one in target/compare/ is intact)");
    }
    measurements.settings.wall_time = started.elapsed();

    let summary = report::Summary::new(&measurements);
    print!("{}", report::terminal_table(&summary));
    let out_dir = args.out.unwrap_or_else(|| crate::target_dir().join("compare"));
    let written = report::write_all(&summary, &out_dir)?;
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// With `--only NAMES`, drop every interpreter not named (they are listed as skipped); a name
/// that matches no interpreter found is an error listing the ones that were.
fn keep_only(found: &mut interpreters::Found, only: &[String]) -> anyhow::Result<()> {
    if only.is_empty() {
        return Ok(());
    }
    if let Some(unknown) = only.iter().find(|name| !found.interpreters.iter().any(|i| &i.name == *name)) {
        let names: Vec<&str> = found.interpreters.iter().map(|i| i.name.as_str()).collect();
        bail!("--only {unknown}: no such interpreter (found: {})", names.join(", "));
    }
    let (kept, dropped): (Vec<_>, Vec<_>) = std::mem::take(&mut found.interpreters).into_iter().partition(|i| only.contains(&i.name));
    found.interpreters = kept;
    found.skipped.extend(dropped.into_iter().map(|i| (i.name, "not in --only".to_owned())));
    Ok(())
}

/// Run every workload under every interpreter found (warm-up and timed rounds, interleaved),
/// then the startup runs; `reference` indexes `found.interpreters`.
pub fn measure_suite(found: interpreters::Found, reference: usize, workloads: Vec<Workload>, settings: Settings) -> Measurements {
    let mut measurements = Measurements {
        runs: vec![vec![PairRuns::default(); found.interpreters.len()]; workloads.len()],
        startup_seconds: vec![Vec::new(); found.interpreters.len()],
        interpreters: found.interpreters,
        skipped: found.skipped,
        reference,
        workloads,
        settings,
    };
    run_everything(&mut measurements);
    measurements
}

/// The workloads to run: every `benches/workloads/*.py`, or the ones named in `selected`.
pub fn find_workloads(selected: &[String]) -> anyhow::Result<Vec<Workload>> {
    let dir = crate::workloads_dir();
    let programs = find_programs(&dir).with_context(|| format!("reading {}", dir.display()))?;
    let mut workloads = Vec::new();
    for path in programs {
        let name = display_name(&dir, &path).trim_end_matches(".py").to_owned();
        if name.contains('/') {
            continue; // helper modules in subdirectories are not workloads
        }
        let expected_file = expected_path(&path);
        let bytes = std::fs::read(&expected_file)
            .with_context(|| format!("workload {name} has no recorded output; record it with `cargo xtask workloads-expect {name}`"))?;
        let expected = Outcome::parse(&bytes).map_err(|problem| anyhow::anyhow!("{}: {problem}", expected_file.display()))?;
        workloads.push(Workload { name, path, expected });
    }
    if !selected.is_empty() {
        let known: Vec<String> = workloads.iter().map(|w| w.name.clone()).collect();
        for name in selected {
            if !known.contains(name) {
                bail!("no workload named `{name}`; the workloads are: {}", known.join(", "));
            }
        }
        workloads.retain(|w| selected.contains(&w.name));
    }
    if workloads.is_empty() {
        bail!("no workloads found in {}", dir.display());
    }
    Ok(workloads)
}

/// The CPU to pin runs to: the one asked for (checked against this process's affinity mask),
/// or the last allowed one; `None` with `--no-pin` or when the mask cannot be read.
fn choose_cpu(requested: Option<usize>, no_pin: bool) -> anyhow::Result<Option<usize>> {
    if no_pin {
        return Ok(None);
    }
    let allowed = allowed_cpus();
    match requested {
        Some(cpu) if allowed.contains(&cpu) => Ok(Some(cpu)),
        Some(cpu) => bail!("--cpu {cpu}: this process may only run on CPUs {allowed:?}"),
        None => {
            if allowed.is_empty() {
                eprintln!("compare: cannot read the CPU affinity mask; runs are not pinned");
            }
            Ok(allowed.last().copied())
        }
    }
}

/// `cargo build --profile PROFILE -p swallow`, returning the binary's path.
fn build_swallow(profile: &str) -> anyhow::Result<PathBuf> {
    eprintln!("compare: building swallow (cargo profile `{profile}`)");
    let status = std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--profile", profile, "-p", "swallow", "--bin", "swallow"])
        .current_dir(crate::project_root())
        .status()
        .context("could not start cargo to build swallow")?;
    if !status.success() {
        bail!("building swallow with profile `{profile}` failed (see cargo's output above)");
    }
    let dir = if profile == "dev" || profile == "test" { "debug" } else { profile };
    let binary = crate::target_dir().join(dir).join("swallow");
    if !binary.is_file() {
        bail!("cargo built profile `{profile}` but {} does not exist", binary.display());
    }
    Ok(binary)
}

/// Run the warm-up and timed rounds of every (workload, interpreter) pair, then the startup
/// runs, interleaving interpreters so drifting machine load hits all of them alike.
fn run_everything(m: &mut Measurements) {
    let s = m.settings.clone();
    let pairs = m.workloads.len() * m.interpreters.len();
    let total = pairs * (s.warmup + s.rounds) + m.interpreters.len() * s.startup_runs;
    let progress = ProgressBar::new(total as u64);
    progress.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:32}] {pos}/{len} runs, eta {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let interpreter_count = m.interpreters.len();
    'rounds: for round in 0..s.warmup + s.rounds {
        let timed = round >= s.warmup;
        for w in 0..m.workloads.len() {
            // Rotate the interpreter order every round and workload.
            for k in 0..interpreter_count {
                let i = (k + round + w) % interpreter_count;
                progress.inc(1);
                if interrupted() {
                    break 'rounds;
                }
                if m.runs[w][i].failure.is_some() {
                    continue;
                }
                let workload = &m.workloads[w];
                let interpreter = &m.interpreters[i];
                progress.set_message(format!("{} / {}{}", workload.name, interpreter.name, if timed { "" } else { " (warm-up)" }));
                let spec = RunSpec {
                    program: interpreter.command.clone(),
                    args: vec![OsString::from(workload.path.file_name().unwrap_or_default())],
                    cwd: workload.path.parent().map(Path::to_path_buf).unwrap_or_default(),
                    pinned_cpu: s.pinned_cpu,
                    timeout: s.timeout,
                    env: Vec::new(),
                };
                let pair = &mut m.runs[w][i];
                match measure(&spec) {
                    Err(error) => pair.failure = Some(format!("could not start: {error}")),
                    Ok(run) => {
                        if let Some(problem) = differs_from_expected(&run.outcome, &workload.expected, s.timeout) {
                            pair.failure = Some(problem);
                        } else if timed {
                            pair.seconds.push(run.wall.as_secs_f64());
                            pair.peak_rss_kib = pair.peak_rss_kib.max(run.peak_rss_kib);
                        }
                    }
                }
            }
        }
    }
    'startup: for round in 0..s.startup_runs {
        for k in 0..interpreter_count {
            if interrupted() {
                break 'startup;
            }
            let i = (k + round) % interpreter_count;
            progress.inc(1);
            progress.set_message(format!("startup / {}", m.interpreters[i].name));
            let spec = RunSpec {
                program: m.interpreters[i].command.clone(),
                args: vec!["-c".into(), "pass".into()],
                cwd: std::env::temp_dir(),
                pinned_cpu: s.pinned_cpu,
                timeout: s.timeout,
                env: Vec::new(),
            };
            if let Ok(run) = measure(&spec) {
                if run.outcome.exit == "0" {
                    m.startup_seconds[i].push(run.wall.as_secs_f64());
                }
            }
        }
    }
    progress.finish_and_clear();
}

/// `None` when `actual` is the recorded outcome, else what went wrong, in a few words.
pub fn differs_from_expected(actual: &Outcome, expected: &Outcome, timeout: Duration) -> Option<String> {
    if actual == expected {
        return None;
    }
    Some(if actual.exit == "timeout" {
        format!("timed out after {} s", timeout.as_secs())
    } else if actual.exit != expected.exit {
        let mut problem = format!("exit {}", actual.exit);
        if !actual.stderr_last.is_empty() {
            problem.push_str(": ");
            problem.push_str(&actual.stderr_last);
        }
        problem
    } else {
        "wrong output (differs from CPython's recording)".to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(exit: &str, stderr_last: &str, stdout: &str) -> Outcome {
        Outcome { exit: exit.into(), stderr_last: stderr_last.into(), stdout: stdout.as_bytes().to_vec() }
    }

    #[test]
    fn failures_are_described() {
        let expected = outcome("0", "", "42\n");
        let timeout = Duration::from_secs(9);
        assert_eq!(differs_from_expected(&outcome("0", "", "42\n"), &expected, timeout), None);
        assert_eq!(
            differs_from_expected(&outcome("1", "NameError: name 'x' is not defined", ""), &expected, timeout).as_deref(),
            Some("exit 1: NameError: name 'x' is not defined")
        );
        assert_eq!(differs_from_expected(&outcome("timeout", "", ""), &expected, timeout).as_deref(), Some("timed out after 9 s"));
        assert!(differs_from_expected(&outcome("0", "", "41\n"), &expected, timeout).unwrap().starts_with("wrong output"));
    }

    #[test]
    fn every_workload_has_a_recording_and_selection_checks_names() {
        let all = find_workloads(&[]).unwrap();
        assert!(all.iter().any(|w| w.name == "fib"));
        let one = find_workloads(&["fib".to_owned()]).unwrap();
        assert_eq!(one.len(), 1);
        let error = find_workloads(&["no_such_workload".to_owned()]).unwrap_err().to_string();
        assert!(error.contains("no workload named `no_such_workload`") && error.contains("fib"), "{error}");
    }

    #[test]
    fn only_keeps_the_named_interpreters() {
        let named = |name: &str| Interpreter { name: name.to_owned(), ..Interpreter::default() };
        let mut found = interpreters::Found { interpreters: vec![named("cpython3.11"), named("swallow"), named("lto")], skipped: Vec::new() };
        keep_only(&mut found, &["lto".to_owned(), "swallow".to_owned()]).unwrap();
        let kept: Vec<&str> = found.interpreters.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(kept, ["swallow", "lto"]);
        assert_eq!(found.skipped, [("cpython3.11".to_owned(), "not in --only".to_owned())]);

        let error = keep_only(&mut found, &["pypy3".to_owned()]).unwrap_err().to_string();
        assert_eq!(error, "--only pypy3: no such interpreter (found: swallow, lto)");
    }
}
