//! `cargo xtask <command>`: the project's automation, in Rust instead of shell scripts
//! (rust-analyzer's convention; the alias lives in `.cargo/config.toml`).
//!
//! One module per command:
//! - `corpus_expect`: record the `.expected` files of the differential corpus and of the
//!   benchmark workloads with python3.
//!
//! (`pgo-build`, `compare` and `image` get their own modules when they arrive.)

mod corpus_expect;
mod corpus_format;

use std::path::PathBuf;

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  corpus-expect [NAMES...]   record tests/corpus/*.expected by running python3 on each program
                             (all programs, or only those whose path contains one of NAMES)
  workloads-expect [NAMES...]
                             the same for the benchmark workloads, benches/workloads/*.expected
  help                       show this message
";

fn main() {
    if let Err(error) = run() {
        eprintln!("xtask: error: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    match command.as_deref() {
        Some("corpus-expect") => corpus_expect::run(&rest),
        Some("workloads-expect") => corpus_expect::run_workloads(&rest),
        Some("help" | "-h" | "--help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => {
            eprint!("{USAGE}");
            anyhow::bail!("unknown command `{other}`")
        }
    }
}

/// The workspace root (the directory holding the top-level Cargo.toml).
pub fn project_root() -> PathBuf {
    let xtask_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().map(PathBuf::from).unwrap_or(xtask_dir)
}

/// The benchmark workload suite: `benches/workloads/*.py`, each with its recorded `.expected`.
pub fn workloads_dir() -> PathBuf {
    project_root().join("benches").join("workloads")
}
