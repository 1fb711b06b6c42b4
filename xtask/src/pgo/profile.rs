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
use sha2::{Digest, Sha256};

use super::preflight::{major, Toolchain};
use crate::compare::{differs_from_expected, Workload};
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
    let progress = ProgressBar::new(workloads.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:32}] {pos}/{len} training runs {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
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
    Ok(Sha256::digest(&bytes).iter().map(|byte| format!("{byte:02x}")).collect())
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
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            sha256: "ab".repeat(32),
            rustc: "rustc 1.95.0".into(),
            llvm: "22.1.2".into(),
            host: "x86_64-unknown-linux-gnu".into(),
            source_revision: "abc123".into(),
            training_set: vec!["richards".into(), "nbody".into()],
            cargo_pgo: "cargo-pgo 0.3.0".into(),
            functions: 4242,
            created_unix: 1_800_000_000,
        }
    }

    #[test]
    fn manifest_round_trips_through_json() {
        let original = manifest();
        assert_eq!(Manifest::from_json(&original.to_json()).unwrap(), original);
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
        let dir = std::env::temp_dir().join(format!("pgo-profile-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let profile = dir.join("swallow.profdata");
        std::fs::write(&profile, b"profile bytes").unwrap();
        let mut recorded = manifest();
        recorded.sha256 = sha256_of(&profile).unwrap();
        std::fs::write(manifest_path(&profile), recorded.to_json().to_string()).unwrap();
        let toolchain = Toolchain {
            host: "x86_64-unknown-linux-gnu".into(),
            rustc_version: "rustc 1.95.0".into(),
            llvm_version: "22.1.2".into(),
            llvm_profdata: PathBuf::from("/nonexistent/llvm-profdata"),
            cargo_pgo_version: "cargo-pgo 0.3.0".into(),
        };
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
        let _ = std::fs::remove_dir_all(&dir);
    }
}
