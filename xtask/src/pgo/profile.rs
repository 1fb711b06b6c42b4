//! PGO profiles: running the training workloads under the instrumented build (each in its own
//! process, writing its own raw profile files), merging them with `llvm-profdata`, and the
//! manifest that travels with a merged profile (content hash, rustc and LLVM versions, source
//! revision, training set) and is checked before a profile is reused.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use super::preflight::{major, Toolchain};
use crate::compare::{differs_from_expected, Workload};
use crate::corpus_format::{display_name, expected_path, find_programs, program_command, run_with_timeout, Outcome};
use crate::measure::{interrupted, measure, RunSpec};

/// The committed profile's file name in `pgo-profiles/` (its manifest sits beside it).
pub const PROFILE_FILE_NAME: &str = "swallow.profdata";

/// More than this share of the profiled functions missing or changed makes a profile stale.
pub const STALE_FRACTION: f64 = 0.05;

/// Run every workload in `workloads` once under the `instrumented` binary, each process writing
/// raw profiles into `raw_dir/<workload>/`, then merge each workload's raw files into
/// `raw_dir/<workload>.profdata`. Any failing run, or a run that writes no profile, stops the
/// pipeline. Returns (workload name, its merged profile) in `workloads` order.
pub fn train(
    toolchain: &Toolchain,
    instrumented: &Path,
    workloads: &[Workload],
    raw_dir: &Path,
    timeout: Duration,
) -> anyhow::Result<Vec<(String, PathBuf)>> {
    if raw_dir.exists() {
        std::fs::remove_dir_all(raw_dir).with_context(|| format!("clearing {}", raw_dir.display()))?;
    }
    let progress = progress_bar(workloads.len(), "training runs");
    let mut profiles = Vec::new();
    for workload in workloads {
        progress.set_message(workload.name.clone());
        let dir = raw_dir.join(&workload.name);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let spec = RunSpec {
            program: vec![instrumented.as_os_str().to_owned()],
            args: vec![OsString::from(workload.path.file_name().unwrap_or_default())],
            cwd: workload.path.parent().map(Path::to_path_buf).unwrap_or_default(),
            pinned_cpu: None,
            timeout,
            // %p: one file per process, so concurrent or repeated runs never share a file.
            env: vec![("LLVM_PROFILE_FILE".into(), dir.join("swallow_%m_%p.profraw").into_os_string())],
        };
        let run = measure(&spec).with_context(|| format!("could not start the instrumented build {}", instrumented.display()))?;
        if interrupted() {
            bail!("interrupted during training");
        }
        if let Some(detail) = differs_from_expected(&run.outcome, &workload.expected, timeout) {
            bail!(
                "training workload `{}` failed under the instrumented build ({detail}); fix it (cargo test -p swallow --test corpus \
                 workloads) or leave it out of benches/workloads/training-set.txt",
                workload.name
            );
        }
        let raw_files = files_with_extension(&dir, "profraw");
        if raw_files.is_empty() {
            bail!(
                "training workload `{}` ran but wrote no profile into {}: is {} really an instrumented build?",
                workload.name,
                dir.display(),
                instrumented.display()
            );
        }
        let merged = raw_dir.join(format!("{}.profdata", workload.name));
        merge(toolchain, &raw_files, &merged)?;
        profiles.push((workload.name.clone(), merged));
        progress.inc(1);
    }
    progress.finish_and_clear();
    Ok(profiles)
}

/// The subdirectory of the raw-profile directory that holds the test corpus's raw profiles;
/// its merged profile is `<raw_dir>/test-corpus.profdata`.
pub const CORPUS_PROFILE_NAME: &str = "test-corpus";

/// Run every program of the differential test corpus (`corpus_dir`, as `tests/README.md` runs
/// them) under the instrumented build and merge their counts into
/// `raw_dir/test-corpus.profdata`; returns it and the number of programs.
///
/// The workloads give the profile its hot paths. The corpus, hundreds of small programs over
/// the whole language, gives a count to the code they never reach (sets, operator dunders,
/// `math`, sorting by key...): code without counts is what LLVM lays out and optimizes as
/// cold, and programs outside the training set do run it. A program whose outcome differs
/// from its recording stops the pipeline, as a failing workload does.
pub fn train_corpus(
    toolchain: &Toolchain,
    instrumented: &Path,
    corpus_dir: &Path,
    raw_dir: &Path,
    timeout: Duration,
) -> anyhow::Result<(PathBuf, usize)> {
    let programs = find_programs(corpus_dir).with_context(|| format!("reading the test corpus {}", corpus_dir.display()))?;
    if programs.is_empty() {
        bail!("no programs in the test corpus {}: train without it with --no-corpus", corpus_dir.display());
    }
    let dir = raw_dir.join(CORPUS_PROFILE_NAME);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    // %4m: the runs add their counts into a pool of four files as they exit, rather than
    // leaving one file of every counter per program.
    let profile_pattern = dir.join("corpus_%4m.profraw");
    let progress = progress_bar(programs.len(), "test-corpus programs");
    for program in &programs {
        let name = display_name(corpus_dir, program);
        progress.set_message(name.clone());
        let recording = expected_path(program);
        let expected = std::fs::read(&recording)
            .map_err(|e| e.to_string())
            .and_then(|bytes| Outcome::parse(&bytes))
            .map_err(|e| anyhow::anyhow!("corpus program `{name}` has no usable recording {}: {e}", recording.display()))?;
        let mut command = program_command(instrumented, program);
        command.env("LLVM_PROFILE_FILE", &profile_pattern);
        let outcome = run_with_timeout(command, timeout)
            .with_context(|| format!("could not start the instrumented build {}", instrumented.display()))?;
        if interrupted() {
            bail!("interrupted during training");
        }
        if let Some(detail) = differs_from_expected(&outcome, &expected, timeout) {
            bail!(
                "corpus program `{name}` failed under the instrumented build ({detail}); fix it (cargo test -p swallow --test \
                 corpus) or train without the corpus (--no-corpus)"
            );
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    let raw_files = files_with_extension(&dir, "profraw");
    if raw_files.is_empty() {
        bail!(
            "the test corpus ran but wrote no profile into {}: is {} really an instrumented build?",
            dir.display(),
            instrumented.display()
        );
    }
    let merged = raw_dir.join(format!("{CORPUS_PROFILE_NAME}.profdata"));
    merge(toolchain, &raw_files, &merged)?;
    Ok((merged, programs.len()))
}

/// A progress bar over `len` steps, each a `what`.
fn progress_bar(len: usize, what: &str) -> ProgressBar {
    let progress = ProgressBar::new(len as u64);
    progress.set_style(
        ProgressStyle::with_template(&format!("{{elapsed_precise}} [{{bar:32}}] {{pos}}/{{len}} {what} {{msg}}"))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    progress
}

/// `llvm-profdata merge` of `inputs` (raw or indexed) into `output`, through a temporary file.
pub fn merge(toolchain: &Toolchain, inputs: &[PathBuf], output: &Path) -> anyhow::Result<()> {
    if inputs.is_empty() {
        bail!("no profiles to merge into {}", output.display());
    }
    let temporary = output.with_extension("profdata.tmp");
    let result = Command::new(&toolchain.llvm_profdata).arg("merge").arg("-o").arg(&temporary).args(inputs).output();
    let output_status = result.with_context(|| format!("could not run {}", toolchain.llvm_profdata.display()))?;
    if !output_status.status.success() {
        let _ = std::fs::remove_file(&temporary);
        bail!("llvm-profdata merge failed: {}", String::from_utf8_lossy(&output_status.stderr).trim());
    }
    std::fs::rename(&temporary, output).with_context(|| format!("moving the merged profile to {}", output.display()))
}

/// The number of functions in an indexed profile (`llvm-profdata show`); fails on a file
/// llvm-profdata cannot read.
pub fn function_count(toolchain: &Toolchain, profile: &Path) -> anyhow::Result<usize> {
    let output = Command::new(&toolchain.llvm_profdata)
        .arg("show")
        .arg(profile)
        .output()
        .with_context(|| format!("could not run {}", toolchain.llvm_profdata.display()))?;
    if !output.status.success() {
        bail!(
            "{} is not a profile llvm-profdata {} can read ({}); it is corrupt or from another LLVM: retrain with \
             `cargo xtask pgo-build`",
            profile.display(),
            toolchain.llvm_version,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(|line| line.trim().strip_prefix("Total functions:").and_then(|n| n.trim().parse().ok()))
        .with_context(|| format!("`llvm-profdata show {}` printed no function count", profile.display()))
}

/// Every `*.EXTENSION` file directly in `dir`, sorted.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == extension) && path.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// What is known about a merged profile; stored as JSON next to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    pub sha256: String,
    pub rustc: String,
    pub llvm: String,
    pub host: String,
    pub source_revision: String,
    pub training_set: Vec<String>,
    /// Test-corpus programs the profile was also trained on (0: workloads only; manifests
    /// from before the corpus was used have no such field).
    pub corpus_programs: usize,
    pub cargo_pgo: String,
    pub functions: usize,
    pub created_unix: u64,
}

impl Manifest {
    pub fn to_json(&self) -> serde_json::Value {
        json!({
            "schema": "swallow-pgo-profile/1",
            "sha256": self.sha256,
            "rustc": self.rustc,
            "llvm": self.llvm,
            "host": self.host,
            "source_revision": self.source_revision,
            "training_set": self.training_set,
            "corpus_programs": self.corpus_programs,
            "cargo_pgo": self.cargo_pgo,
            "functions": self.functions,
            "created_unix": self.created_unix,
        })
    }

    pub fn from_json(value: &serde_json::Value) -> anyhow::Result<Manifest> {
        if value["schema"] != "swallow-pgo-profile/1" {
            bail!("unknown manifest schema {}", value["schema"]);
        }
        let text = |key: &str| value[key].as_str().map(str::to_owned).with_context(|| format!("manifest has no `{key}`"));
        let number = |key: &str| value[key].as_u64().with_context(|| format!("manifest has no `{key}`"));
        let training_set = value["training_set"]
            .as_array()
            .context("manifest has no `training_set`")?
            .iter()
            .map(|name| name.as_str().map(str::to_owned).context("`training_set` holds a non-string"))
            .collect::<anyhow::Result<Vec<String>>>()?;
        Ok(Manifest {
            sha256: text("sha256")?,
            rustc: text("rustc")?,
            llvm: text("llvm")?,
            host: text("host")?,
            source_revision: text("source_revision")?,
            training_set,
            corpus_programs: value["corpus_programs"].as_u64().map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX)),
            cargo_pgo: text("cargo_pgo")?,
            functions: usize::try_from(number("functions")?).unwrap_or(usize::MAX),
            created_unix: number("created_unix")?,
        })
    }
}

/// `pgo-profiles/swallow.profdata` -> `pgo-profiles/swallow.manifest.json`.
pub fn manifest_path(profile: &Path) -> PathBuf {
    let stem = profile.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "profile".to_owned());
    profile.with_file_name(format!("{stem}.manifest.json"))
}

/// The SHA-256 of a file's content, in hex.
pub fn sha256_of(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(crate::sha256_hex(&bytes))
}

/// Check a profile given with `--profile` before building with it: its manifest exists and
/// parses, the content hash matches (else it is corrupt), it was made for this host and with
/// rustc's LLVM major version, and llvm-profdata can read it.
pub fn verify(toolchain: &Toolchain, profile: &Path) -> anyhow::Result<Manifest> {
    if !profile.is_file() {
        bail!("--profile {}: no such file (committed profiles are in pgo-profiles/)", profile.display());
    }
    let manifest_file = manifest_path(profile);
    let text = std::fs::read_to_string(&manifest_file).with_context(|| {
        format!("{} has no manifest {}: a profile without one cannot be checked; retrain", profile.display(), manifest_file.display())
    })?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", manifest_file.display()))?;
    let manifest = Manifest::from_json(&value).with_context(|| format!("reading {}", manifest_file.display()))?;
    let actual = sha256_of(profile)?;
    if actual != manifest.sha256 {
        bail!(
            "{} is corrupt: its SHA-256 is {actual} but its manifest records {}; restore it (git checkout) or retrain",
            profile.display(),
            manifest.sha256
        );
    }
    if manifest.host != toolchain.host {
        bail!("{} was trained on {}, this host is {}: retrain with `cargo xtask pgo-build`", profile.display(), manifest.host, toolchain.host);
    }
    if major(&manifest.llvm) != major(&toolchain.llvm_version) {
        bail!(
            "{} was made with LLVM {} but this rustc uses LLVM {}: it is stale; retrain with `cargo xtask pgo-build`",
            profile.display(),
            manifest.llvm,
            toolchain.llvm_version
        );
    }
    function_count(toolchain, profile)?;
    Ok(manifest)
}

/// Whether an optimized build's profile is stale: too many of its functions had no data or
/// changed shape since the profile was taken.
pub fn is_stale(missing: usize, mismatched: usize, profiled_functions: usize) -> bool {
    (missing + mismatched) as f64 > STALE_FRACTION * profiled_functions.max(1) as f64
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::corpus_format::Outcome;
    use crate::test_support::{write_script, ScratchDir};

    /// A toolchain for this host whose llvm-profdata is `llvm_profdata` (a stand-in).
    pub fn toolchain_with(llvm_profdata: PathBuf) -> Toolchain {
        Toolchain {
            host: "x86_64-unknown-linux-gnu".into(),
            rustc_version: "rustc 1.95.0".into(),
            llvm_version: "22.1.2".into(),
            llvm_profdata,
            cargo_pgo_version: "cargo-pgo 0.3.0".into(),
        }
    }

    /// A stand-in llvm-profdata: `merge -o OUT INPUTS...` concatenates the inputs into OUT,
    /// `show` reports 3 functions.
    pub fn fake_llvm_profdata(scratch: &ScratchDir) -> PathBuf {
        write_script(
            &scratch.join("llvm-profdata"),
            "case \"$1\" in\n  merge) out=\"$3\"; shift 3; cat \"$@\" > \"$out\" ;;\n  show) echo 'Total functions: 3' ;;\nesac",
        )
    }

    /// The workload `name` in `scratch/workloads/`, recorded by CPython as printing `checksum
    /// <checksum>` (the `.expected` format of corpus_format.rs).
    fn workload(scratch: &ScratchDir, name: &str, checksum: u32) -> Workload {
        let path = scratch.join(&format!("workloads/{name}.py"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, format!("print('checksum', {checksum})\n")).unwrap();
        let expected = Outcome::parse(format!("exit=0\nstderr=\n---\nchecksum {checksum}\n").as_bytes()).unwrap();
        Workload { name: name.to_owned(), path, expected }
    }

    /// Stand-ins for the instrumented build, each run as `<binary> <workload>.py`.
    mod instrumented {
        /// Prints checksum 42 and adds to a raw profile where LLVM_PROFILE_FILE says (`%m`,
        /// `%4m`, `%p` filled in) a line naming the program it ran.
        pub const PROFILING: &str = "profile=$(echo \"$LLVM_PROFILE_FILE\" | sed \"s/%[0-9]*m/0/; s/%p/$$/\")\necho \"counts of $1\" >> \"$profile\"\necho 'checksum 42'";
        /// Prints the right output but writes no profile: not an instrumented build.
        pub const UNINSTRUMENTED: &str = "echo 'checksum 42'";
        /// Raises, like swallow on a program it cannot run.
        pub const RAISING: &str =
            "echo 'Traceback (most recent call last):' >&2\necho \"  File \\\"$1\\\", line 1\" >&2\necho \"NameError: name 'x' is not defined\" >&2\nexit 1";
        pub const WRONG_OUTPUT: &str = "echo 'checksum 41'";
        /// Never finishes (`exec`, so the timeout kills the sleeper itself).
        pub const HANGING: &str = "exec sleep 30";
    }

    /// Train `workloads` under a stand-in instrumented build running `script`, laid out as the
    /// pipeline does in `scratch/target/pgo/` (the binary in `build-instrumented/`, raw profiles
    /// in `raw-profiles/`).
    fn train_under(scratch: &ScratchDir, script: &str, workloads: &[Workload], timeout: Duration) -> anyhow::Result<Vec<(String, PathBuf)>> {
        let binary = write_script(&scratch.join("target/pgo/build-instrumented/swallow"), script);
        train(&toolchain_with(fake_llvm_profdata(scratch)), &binary, workloads, &scratch.join("target/pgo/raw-profiles"), timeout)
    }

    /// The error of training the one workload `richards` (recorded as printing checksum 42) under
    /// a stand-in instrumented build running `script`.
    fn training_error(scratch: &ScratchDir, script: &str, timeout: Duration) -> String {
        let workloads = [workload(scratch, "richards", 42)];
        format!("{:#}", train_under(scratch, script, &workloads, timeout).unwrap_err())
    }

    /// Ample for the stand-ins, which finish at once.
    const RUN_TIMEOUT: Duration = Duration::from_secs(20);
    /// For the stand-in that never finishes.
    const HANG_TIMEOUT: Duration = Duration::from_secs(1);

    #[test]
    fn training_merges_one_profile_per_workload() {
        let scratch = ScratchDir::new("training-merges-per-workload");
        let raw_dir = scratch.join("target/pgo/raw-profiles");
        let leftover = raw_dir.join("earlier-run.profdata");
        std::fs::create_dir_all(leftover.parent().unwrap()).unwrap();
        std::fs::write(&leftover, "from an earlier run").unwrap();
        let workloads = [workload(&scratch, "richards", 42), workload(&scratch, "nbody", 42)];
        let profiles = train_under(&scratch, instrumented::PROFILING, &workloads, RUN_TIMEOUT).unwrap();
        assert_eq!(profiles, vec![("richards".to_owned(), raw_dir.join("richards.profdata")), ("nbody".to_owned(), raw_dir.join("nbody.profdata"))]);
        assert_eq!(std::fs::read_to_string(raw_dir.join("nbody.profdata")).unwrap(), "counts of nbody.py\n");
        assert_eq!(files_with_extension(&raw_dir.join("richards"), "profraw").len(), 1);
        assert!(!leftover.exists(), "the raw profile scratch directory is cleared first");
    }

    #[test]
    fn a_failing_training_run_names_the_workload_and_the_fix() {
        let scratch = ScratchDir::new("training-run-fails");
        let error = training_error(&scratch, instrumented::RAISING, RUN_TIMEOUT);
        assert!(
            error.contains("training workload `richards` failed under the instrumented build (exit 1: NameError: name 'x' is not defined)"),
            "{error}"
        );
        assert!(error.contains("fix it (cargo test -p swallow --test corpus workloads) or leave it out of benches/workloads/training-set.txt"), "{error}");

        let error = training_error(&scratch, instrumented::WRONG_OUTPUT, RUN_TIMEOUT);
        assert!(error.contains("training workload `richards` failed under the instrumented build (wrong output (differs from CPython's recording))"), "{error}");
    }

    #[test]
    fn a_hung_training_run_is_reported_as_timed_out() {
        let scratch = ScratchDir::new("training-run-hangs");
        let error = training_error(&scratch, instrumented::HANGING, HANG_TIMEOUT);
        assert!(error.contains("training workload `richards` failed under the instrumented build (timed out after 1 s)"), "{error}");
    }

    #[test]
    fn a_training_run_without_profile_files_is_refused() {
        let scratch = ScratchDir::new("training-run-writes-no-profile");
        let error = training_error(&scratch, instrumented::UNINSTRUMENTED, RUN_TIMEOUT);
        let expected = format!(
            "training workload `richards` ran but wrote no profile into {}: is {} really an instrumented build?",
            scratch.join("target/pgo/raw-profiles/richards").display(),
            scratch.join("target/pgo/build-instrumented/swallow").display()
        );
        assert!(error.contains(&expected), "{error}");
    }

    /// Laid out like the real thing: training writes only into `target/pgo/raw-profiles/`, so
    /// the committed profile, the installed binaries and the reports survive a failed run.
    #[test]
    fn a_failing_training_run_leaves_earlier_results_intact() {
        let scratch = ScratchDir::new("training-fails-results-intact");
        let earlier_results = ["pgo-profiles/swallow.profdata", "pgo-profiles/swallow.manifest.json", "target/pgo/swallow-lto", "target/pgo/swallow-pgo", "target/pgo/report.md", "target/pgo/report.json"];
        for (i, relative) in earlier_results.iter().enumerate() {
            let path = scratch.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("earlier result {i}")).unwrap();
        }
        // richards trains (and is merged) before nbody prints the wrong checksum.
        let workloads = [workload(&scratch, "richards", 42), workload(&scratch, "nbody", 43)];
        let error = format!("{:#}", train_under(&scratch, instrumented::PROFILING, &workloads, RUN_TIMEOUT).unwrap_err());
        assert!(error.contains("training workload `nbody` failed"), "{error}");
        assert!(scratch.join("target/pgo/raw-profiles/richards.profdata").is_file());
        for (i, relative) in earlier_results.iter().enumerate() {
            assert_eq!(std::fs::read_to_string(scratch.join(relative)).unwrap(), format!("earlier result {i}"), "{relative} was touched");
        }
    }

    /// A test corpus in `scratch/corpus/` whose programs are recorded as printing `checksum
    /// <checksum>`, plus a helper module (not a program); returns the corpus directory.
    fn corpus(scratch: &ScratchDir, programs: &[(&str, u32)]) -> PathBuf {
        let dir = scratch.join("corpus");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("_helper.py"), "X = 1\n").unwrap();
        for (name, checksum) in programs {
            std::fs::write(dir.join(format!("{name}.py")), format!("print('checksum', {checksum})\n")).unwrap();
            std::fs::write(dir.join(format!("{name}.expected")), format!("exit=0\nstderr=\n---\nchecksum {checksum}\n")).unwrap();
        }
        dir
    }

    /// Train on the corpus `corpus_dir` under a stand-in instrumented build running `script`.
    fn train_corpus_under(scratch: &ScratchDir, script: &str, corpus_dir: &Path) -> anyhow::Result<(PathBuf, usize)> {
        let binary = write_script(&scratch.join("target/pgo/build-instrumented/swallow"), script);
        let raw_dir = scratch.join("target/pgo/raw-profiles");
        train_corpus(&toolchain_with(fake_llvm_profdata(scratch)), &binary, corpus_dir, &raw_dir, RUN_TIMEOUT)
    }

    #[test]
    fn the_test_corpus_is_merged_into_one_profile() {
        let scratch = ScratchDir::new("corpus-training-merges");
        let corpus_dir = corpus(&scratch, &[("sets", 42), ("sub/dunders", 42)]);
        let (profile, programs) = train_corpus_under(&scratch, instrumented::PROFILING, &corpus_dir).unwrap();
        assert_eq!((profile.clone(), programs), (scratch.join("target/pgo/raw-profiles/test-corpus.profdata"), 2));
        // Every program ran, in its own directory, into the shared pool of raw files; the
        // helper module did not run.
        assert_eq!(std::fs::read_to_string(&profile).unwrap(), "counts of sets.py\ncounts of dunders.py\n");
    }

    #[test]
    fn a_failing_corpus_program_stops_training_and_names_the_way_out() {
        let scratch = ScratchDir::new("corpus-training-fails");
        let corpus_dir = corpus(&scratch, &[("sets", 42), ("sums", 41)]);
        let error = format!("{:#}", train_corpus_under(&scratch, instrumented::PROFILING, &corpus_dir).unwrap_err());
        assert!(
            error.contains("corpus program `sums.py` failed under the instrumented build (wrong output (differs from CPython's recording)); fix it (cargo test -p swallow --test corpus) or train without the corpus (--no-corpus)"),
            "{error}"
        );

        let scratch = ScratchDir::new("corpus-training-writes-no-profile");
        let error = format!("{:#}", train_corpus_under(&scratch, instrumented::UNINSTRUMENTED, &corpus(&scratch, &[("sets", 42)])).unwrap_err());
        assert!(error.contains("the test corpus ran but wrote no profile into"), "{error}");

        let empty = scratch.join("empty-corpus");
        std::fs::create_dir_all(&empty).unwrap();
        let error = format!("{:#}", train_corpus_under(&scratch, instrumented::PROFILING, &empty).unwrap_err());
        assert!(error.contains("no programs in the test corpus"), "{error}");
    }

    fn manifest() -> Manifest {
        Manifest {
            sha256: "ab".repeat(32),
            rustc: "rustc 1.95.0".into(),
            llvm: "22.1.2".into(),
            host: "x86_64-unknown-linux-gnu".into(),
            source_revision: "abc123".into(),
            training_set: vec!["richards".into(), "nbody".into()],
            corpus_programs: 507,
            cargo_pgo: "cargo-pgo 0.3.0".into(),
            functions: 4242,
            created_unix: 1_800_000_000,
        }
    }

    #[test]
    fn manifest_round_trips_through_json() {
        let original = manifest();
        assert_eq!(Manifest::from_json(&original.to_json()).unwrap(), original);
        // A manifest written before the corpus was part of training reads as "no corpus".
        let mut older = original.to_json();
        older.as_object_mut().unwrap().remove("corpus_programs");
        assert_eq!(Manifest::from_json(&older).unwrap().corpus_programs, 0);
        let mut broken = original.to_json();
        broken["training_set"] = json!("richards");
        assert!(Manifest::from_json(&broken).is_err());
    }

    #[test]
    fn manifest_sits_beside_its_profile() {
        assert_eq!(manifest_path(Path::new("pgo-profiles/swallow.profdata")), Path::new("pgo-profiles/swallow.manifest.json"));
    }

    #[test]
    fn staleness_threshold() {
        assert!(!is_stale(0, 0, 5000));
        assert!(!is_stale(100, 100, 5000));
        assert!(is_stale(200, 100, 5000));
        assert!(is_stale(1, 0, 0));
    }

    #[test]
    fn a_corrupt_profile_is_refused() {
        let scratch = ScratchDir::new("corrupt-profile");
        let profile = scratch.join("swallow.profdata");
        std::fs::write(&profile, b"profile bytes").unwrap();
        let mut recorded = manifest();
        recorded.sha256 = sha256_of(&profile).unwrap();
        std::fs::write(manifest_path(&profile), recorded.to_json().to_string()).unwrap();
        let toolchain = toolchain_with(PathBuf::from("/nonexistent/llvm-profdata"));
        // The content changed after the manifest was written: corrupt.
        std::fs::write(&profile, b"profile bytes, damaged").unwrap();
        let error = format!("{:#}", verify(&toolchain, &profile).unwrap_err());
        assert!(error.contains("is corrupt"), "{error}");
        // Content intact but made with another LLVM: stale.
        std::fs::write(&profile, b"profile bytes").unwrap();
        let mut old_llvm = recorded.clone();
        old_llvm.llvm = "17.0.6".into();
        std::fs::write(manifest_path(&profile), old_llvm.to_json().to_string()).unwrap();
        let error = format!("{:#}", verify(&toolchain, &profile).unwrap_err());
        assert!(error.contains("LLVM 17.0.6") && error.contains("stale"), "{error}");
        // No manifest at all.
        std::fs::remove_file(manifest_path(&profile)).unwrap();
        let error = format!("{:#}", verify(&toolchain, &profile).unwrap_err());
        assert!(error.contains("has no manifest"), "{error}");
    }
}
