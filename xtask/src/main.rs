//! `cargo xtask <command>`: the project's automation, in Rust instead of shell scripts
//! (rust-analyzer's convention; the alias lives in `.cargo/config.toml`).
//!
//! One module per command:
//! - `corpus_expect`: record the `.expected` files of the differential corpus and of the
//!   benchmark workloads with python3.
//! - `compare`: measure swallow against other Python interpreters on the workload suite.
//! - `pgo`: `pgo-build`, the LTO + PGO pipeline and its measured gains.
//! - `image`: the optimized build packaged as a reproducible OCI image archive.
//!
//! Shared pieces: `measure` (one timed run of an interpreter in its own process) and `stats`
//! (summaries, the bootstrap of the ratio of medians, geometric means); `test_support` holds the
//! unit tests' scratch directories, stand-in scripts and sample measurements.

mod compare;
mod corpus_expect;
mod corpus_format;
mod image;
mod measure;
mod pgo;
mod stats;
#[cfg(test)]
mod test_support;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};

/// swallow's automation.
#[derive(Parser, Debug)]
#[command(name = "cargo xtask", about = "swallow's build and measurement automation")]
struct Cli {
    #[command(subcommand)]
    command: XtaskCommand,
}

#[derive(Subcommand, Debug)]
enum XtaskCommand {
    /// Record tests/corpus/*.expected by running python3 on each program (all programs, or
    /// only those whose path contains one of NAMES).
    CorpusExpect { names: Vec<String> },
    /// Record benches/workloads/*.expected the same way.
    WorkloadsExpect { names: Vec<String> },
    /// Build swallow and compare its speed, memory, startup time and size with other Python
    /// interpreters on the workload suite; reports go to target/compare/.
    Compare(compare::CompareArgs),
    /// Build the optimized interpreter: LTO, PGO trained on the workload training set, then
    /// LTO against LTO+PGO measured with statistics; binaries and reports go to target/pgo/.
    PgoBuild(pgo::PgoBuildArgs),
    /// Build swallow with the committed PGO profile and write an OCI image archive of it to
    /// target/image/swallow-<version>.tar (no container engine needed; reproducible).
    Image(image::ImageArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        XtaskCommand::CorpusExpect { names } => corpus_expect::run(&names),
        XtaskCommand::WorkloadsExpect { names } => corpus_expect::run_workloads(&names),
        XtaskCommand::Compare(args) => compare::run(args),
        XtaskCommand::PgoBuild(args) => pgo::run(args).map(drop),
        XtaskCommand::Image(args) => image::run(args),
    };
    if let Err(error) = result {
        eprintln!("xtask: error: {error:#}");
        std::process::exit(1);
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The workspace root (the directory holding the top-level Cargo.toml).
pub fn project_root() -> PathBuf {
    let xtask_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().map(PathBuf::from).unwrap_or(xtask_dir)
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, or `target/` in the workspace).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| project_root().join("target"))
}

/// The benchmark workload suite: `benches/workloads/*.py`, each with its recorded `.expected`.
pub fn workloads_dir() -> PathBuf {
    project_root().join("benches").join("workloads")
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Write `contents` to `path` through a temporary file in the same directory and a rename, so a
/// reader (or an interrupted run) never sees a half-written file.
pub fn write_atomically(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.with_context(|| format!("writing {}", path.display()))
}

/// Create `dir` and write each (file name, contents) into it with [`write_atomically`];
/// returns the paths written.
pub fn write_report_files(dir: &Path, files: Vec<(String, String)>) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, contents) in files {
        let path = dir.join(name);
        write_atomically(&path, contents.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
