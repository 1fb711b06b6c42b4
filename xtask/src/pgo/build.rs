//! The four builds of the PGO pipeline (plain, LTO, instrumented, optimized), each in its own
//! cargo target directory under `target/pgo/` so switching between them never rebuilds the
//! others, with cargo's output kept in a log file and a spinner on the terminal.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};

use crate::measure::interrupted;

/// Which build to make.
#[derive(Clone, Debug)]
pub enum BuildKind {
    /// Release code generation without LTO (cargo profile `plain`).
    Plain,
    /// The baseline: the `release` profile (fat LTO, one codegen unit).
    Lto,
    /// `cargo pgo build`: the release build instrumented to write profiles into the directory.
    Instrumented { profiles_dir: PathBuf },
    /// `cargo pgo optimize build`: the release build using the profile(s) in the directory.
    Optimized { profiles_dir: PathBuf },
}

impl BuildKind {
    fn label(&self) -> &'static str {
        match self {
            BuildKind::Plain => "plain",
            BuildKind::Lto => "lto",
            BuildKind::Instrumented { .. } => "instrumented",
            BuildKind::Optimized { .. } => "optimized",
        }
    }

    fn cargo_profile_dir(&self) -> &'static str {
        match self {
            BuildKind::Plain => "plain",
            _ => "release",
        }
    }
}

/// A finished build.
#[derive(Clone, Debug)]
pub struct Built {
    /// The swallow binary inside the build's target directory.
    pub binary: PathBuf,
    /// Everything cargo (and cargo-pgo) printed.
    pub log: PathBuf,
    /// Optimized builds: functions the profile has no data for (cargo-pgo's count).
    pub missing_functions: usize,
    /// Optimized builds: functions whose control flow changed since the profile was taken.
    pub mismatched_functions: usize,
}

/// Build swallow as `kind` for `host` in `target/pgo/build-<kind>[-<tag>]`, logging to
/// `log_dir`. `tag` separates the target directories of several optimized builds
/// (cross-validation folds).
pub fn build(kind: &BuildKind, host: &str, pgo_dir: &Path, tag: &str) -> anyhow::Result<Built> {
    let label = if tag.is_empty() { kind.label().to_owned() } else { format!("{}-{tag}", kind.label()) };
    let target_dir = pgo_dir.join(format!("build-{label}"));
    let log_dir = pgo_dir.join("logs");
    std::fs::create_dir_all(&log_dir).with_context(|| format!("creating {}", log_dir.display()))?;
    let log = log_dir.join(format!("build-{label}.log"));

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    let package = ["-p", "swallow", "--bin", "swallow", "--target", host];
    match kind {
        BuildKind::Plain => {
            command.args(["build", "--profile", "plain"]).args(package);
        }
        BuildKind::Lto => {
            command.args(["build", "--release"]).args(package);
        }
        BuildKind::Instrumented { profiles_dir } => {
            command.args(["pgo", "build", "--profiles-dir"]).arg(profiles_dir).arg("--").args(package);
        }
        BuildKind::Optimized { profiles_dir } => {
            command.args(["pgo", "optimize", "build", "--profiles-dir"]).arg(profiles_dir).arg("--").args(package);
        }
    }
    command.current_dir(crate::project_root()).env("CARGO_TARGET_DIR", &target_dir);
    let output = run_logged(command, &log, &format!("building swallow ({label})"))?;
    if interrupted() {
        bail!("interrupted while building {label}");
    }
    if !output.success {
        bail!(
            "the {label} build failed; the last lines of {}:\n{}\nearlier binaries in {} are intact",
            log.display(),
            output.tail.join("\n"),
            pgo_dir.display()
        );
    }
    let binary = target_dir.join(host).join(kind.cargo_profile_dir()).join("swallow");
    if !binary.is_file() {
        bail!("the {label} build succeeded but {} does not exist (see {})", binary.display(), log.display());
    }
    let (missing_functions, mismatched_functions) = match kind {
        BuildKind::Optimized { .. } => profile_warnings(&std::fs::read_to_string(&log).unwrap_or_default()),
        _ => (0, 0),
    };
    Ok(Built { binary, log, missing_functions, mismatched_functions })
}

/// (functions without profile data, functions whose profile no longer matches) in an optimized
/// build's log: cargo-pgo sums the first ("PGO profile data was not found for N functions");
/// LLVM warns once per function for the second ("... (hash mismatch) ...").
pub fn profile_warnings(log: &str) -> (usize, usize) {
    let missing = log
        .lines()
        .find_map(|line| {
            let rest = line.split("PGO profile data was not found for ").nth(1)?;
            rest.split_whitespace().next()?.parse::<usize>().ok()
        })
        .unwrap_or(0);
    let mismatched = log.lines().filter(|line| line.contains("(hash mismatch)")).count();
    (missing, mismatched)
}

struct LoggedRun {
    success: bool,
    /// The last lines of output, for the error message.
    tail: Vec<String>,
}

/// Run `command` with stdout and stderr going to `log` (and the last lines kept), showing a
/// spinner with `message`.
fn run_logged(mut command: Command, log: &Path, message: &str) -> anyhow::Result<LoggedRun> {
    const TAIL_LINES: usize = 25;
    let file = std::fs::File::create(log).with_context(|| format!("creating {}", log.display()))?;
    let stderr_file = file.try_clone().context("duplicating the log file handle")?;
    command.stdout(file).stderr(stderr_file).stdin(Stdio::null());
    let spinner = ProgressBar::new_spinner();
    spinner.set_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})").unwrap_or_else(|_| ProgressStyle::default_spinner()));
    spinner.set_message(message.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(200));
    let status = command.status().with_context(|| format!("could not start {:?} (is cargo installed?)", command.get_program()));
    spinner.finish_and_clear();
    let status = status?;
    let mut tail: Vec<String> = Vec::new();
    if let Ok(file) = std::fs::File::open(log) {
        for line in BufReader::new(file).lines().map_while(Result::ok) {
            if tail.len() == TAIL_LINES {
                tail.remove(0);
            }
            tail.push(line);
        }
    }
    eprintln!("pgo-build: {message}: {} (log: {})", if status.success() { "done" } else { "FAILED" }, log.display());
    Ok(LoggedRun { success: status.success(), tail })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_profile_warnings() {
        let log = "\
warning: swallow.abc-cgu.0: function control flow change detected (hash mismatch) _ZN7swallow2vm3run Hash = 123
warning: swallow.abc-cgu.0: function control flow change detected (hash mismatch) _ZN7swallow3ops3add Hash = 456
[2026-11-22T08:00:00Z WARN  cargo_pgo::pgo::optimize] PGO profile data was not found for 17 functions.
";
        assert_eq!(profile_warnings(log), (17, 2));
        assert_eq!(profile_warnings("PGO optimized build successfully finished."), (0, 0));
    }

    #[test]
    fn a_failing_command_keeps_its_output_tail() {
        let log = std::env::temp_dir().join(format!("pgo-build-test-{}.log", std::process::id()));
        let mut command = Command::new("sh");
        command.args(["-c", "echo compiling; echo 'error: it broke' >&2; exit 101"]);
        let run = run_logged(command, &log, "test build").unwrap();
        assert!(!run.success);
        assert_eq!(run.tail, vec!["compiling".to_owned(), "error: it broke".to_owned()]);
        let _ = std::fs::remove_file(&log);
    }
}
