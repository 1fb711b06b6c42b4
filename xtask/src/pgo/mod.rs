//! `cargo xtask pgo-build`: the optimized interpreter. Preflight (llvm-profdata, cargo-pgo),
//! the LTO baseline, an instrumented build trained on the workload suite's training set, the
//! merged profile with its manifest in `pgo-profiles/`, the LTO+PGO build, and a measurement of
//! LTO against LTO+PGO on every workload with significance tests, reported separately for the
//! workloads the profile never saw. Binaries land in `target/pgo/`, reports in
//! `target/pgo/report.*`; binaries and the profile are staged (`staging.rs`) and installed only
//! when every phase has succeeded, so a failed or interrupted run leaves the previous results
//! intact.

mod build;
mod preflight;
mod profile;
mod report;
mod staging;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

use crate::compare::report::Cell;
use crate::compare::{self, interpreters, Settings, Workload};
use crate::measure::{allowed_cpus, catch_interrupts, interrupted, stripped_size};
use build::{BuildKind, Built};
use preflight::Toolchain;
use report::{HeldOutGain, PgoReport, ProfileInfo};
use staging::Staging;

/// Command-line options of `cargo xtask pgo-build`.
#[derive(clap::Args, Debug)]
pub struct PgoBuildArgs {
    /// Every phase, with fewer measurement runs (3 rounds, no warm-up): for CI.
    #[arg(long)]
    quick: bool,
    /// Also build without LTO, for a three-way table (plain / LTO / LTO+PGO).
    #[arg(long)]
    with_plain: bool,
    /// Build with this merged profile (and its manifest) instead of training one.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// Also train K profiles, each without one fold of the workloads, and measure every
    /// workload with the profile that never saw it (K optimized builds).
    #[arg(long, value_name = "K")]
    cross_validate: Option<usize>,
    /// Train on the training workloads only, without the test corpus (to measure what the
    /// corpus adds to the profile).
    #[arg(long)]
    no_corpus: bool,
    /// Measure only these workloads (comma-separated); training always uses the training set.
    #[arg(long, value_delimiter = ',', value_name = "NAMES")]
    workloads: Vec<String>,
    /// Timed runs of each workload under each build.
    #[arg(long, default_value_t = 10, value_name = "N")]
    rounds: usize,
    /// Untimed runs of each workload under each build first.
    #[arg(long, default_value_t = 1, value_name = "N")]
    warmup: usize,
    /// Build only: skip the measurement (e.g. for container images).
    #[arg(long)]
    no_measure: bool,
    /// Seconds after which a run is killed and counted as hung.
    #[arg(long, default_value_t = 300, value_name = "SECS")]
    timeout: u64,
    /// Do not pin measurement runs to one CPU.
    #[arg(long)]
    no_pin: bool,
}

/// The file listing the workloads the profile is trained on; the others form the evaluation
/// set.
pub fn training_set_file() -> PathBuf {
    crate::workloads_dir().join("training-set.txt")
}

/// How long one test-corpus program may run under the instrumented build: three times the
/// corpus's own limit, as for an unoptimized build.
const CORPUS_PROGRAM_TIMEOUT: Duration = Duration::from_secs(crate::corpus_format::PROGRAM_TIMEOUT.as_secs() * 3);

/// Phase wall times, in order.
struct Phases(Vec<(String, Duration)>);

impl Phases {
    fn time<T>(&mut self, name: &str, phase: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
        let started = Instant::now();
        eprintln!("pgo-build: == {name}");
        let result = phase();
        self.0.push((name.to_owned(), started.elapsed()));
        if interrupted() {
            bail!("interrupted during `{name}`; nothing was installed: earlier binaries and reports in target/pgo/ and the profile in pgo-profiles/ are intact");
        }
        result.with_context(|| format!("pgo-build phase `{name}` failed"))
    }
}

/// What a successful `pgo-build` installed.
pub struct Installed {
    /// The LTO+PGO binary, `target/pgo/swallow-pgo`.
    pub optimized: PathBuf,
    /// The SHA-256 of the profile it was built with (from the profile's manifest).
    pub profile_sha256: String,
}

/// `cargo xtask pgo-build --profile pgo-profiles/swallow.profdata --no-measure`: the LTO+PGO
/// build from the committed profile, without training or measurement (what `cargo xtask image`
/// packages). The options go through the same parser, so every other setting is the command's
/// default.
pub fn build_with_committed_profile() -> anyhow::Result<Installed> {
    #[derive(clap::Parser)]
    struct PgoBuildCommand {
        #[command(flatten)]
        args: PgoBuildArgs,
    }
    let profile = crate::project_root().join("pgo-profiles").join(profile::PROFILE_FILE_NAME);
    let command_line = [OsString::from("pgo-build"), "--profile".into(), profile.into_os_string(), "--no-measure".into()];
    let command = <PgoBuildCommand as clap::Parser>::try_parse_from(command_line)?;
    run(command.args)
}

/// Entry point of `cargo xtask pgo-build`.
pub fn run(args: PgoBuildArgs) -> anyhow::Result<Installed> {
    catch_interrupts();
    let pgo_dir = crate::target_dir().join("pgo");
    std::fs::create_dir_all(&pgo_dir).with_context(|| format!("creating {}", pgo_dir.display()))?;
    let mut phases = Phases(Vec::new());
    if args.cross_validate.is_some_and(|k| k < 2) {
        bail!("--cross-validate K needs K >= 2 folds");
    }
    let mut staging = Staging::new(&pgo_dir)?;

    let toolchain = phases.time("preflight", preflight::check)?;
    eprintln!(
        "pgo-build: {} (LLVM {}), {}, llvm-profdata {}",
        toolchain.rustc_version,
        toolchain.llvm_version,
        toolchain.cargo_pgo_version,
        toolchain.llvm_profdata.display()
    );
    let all_workloads = compare::find_workloads(&[])?;
    let training_set = read_training_set(&all_workloads)?;
    let measured = if args.workloads.is_empty() { all_workloads.clone() } else { compare::find_workloads(&args.workloads)? };
    let timeout = Duration::from_secs(args.timeout.max(1));

    // The baselines exist to be measured against: `--no-measure` (an image build reusing a
    // committed profile) skips them unless cross-validation needs the LTO build.
    let needs_baseline = !args.no_measure || args.cross_validate.is_some();
    let plain = if args.with_plain && needs_baseline {
        let built = phases.time("build plain (no LTO)", || build::build(&BuildKind::Plain, &toolchain.host, &pgo_dir, ""))?;
        Some(staging.binary(&built, &pgo_dir.join("swallow-plain"))?)
    } else {
        None
    };
    let lto = if needs_baseline {
        let built = phases.time("build LTO", || build::build(&BuildKind::Lto, &toolchain.host, &pgo_dir, ""))?;
        Some(staging.binary(&built, &pgo_dir.join("swallow-lto"))?)
    } else {
        None
    };

    // The profile: reused, or trained now (with per-workload profiles kept for cross-validation).
    // A newly trained profile stays in staging (the optimized build uses it there) and is
    // reported under the path it is installed at.
    let mut per_workload_profiles = Vec::new();
    let mut corpus_profile = None;
    let (profile_path, installed_profile_path, manifest, trained_now) = match &args.profile {
        Some(path) => {
            let manifest = phases.time("check profile", || profile::verify(&toolchain, path))?;
            (path.clone(), path.clone(), manifest, false)
        }
        None => {
            let raw_dir = pgo_dir.join("raw-profiles");
            let instrumented = phases.time("build instrumented", || {
                build::build(&BuildKind::Instrumented { profiles_dir: raw_dir.join("cargo-pgo") }, &toolchain.host, &pgo_dir, "")
            })?;
            let training: Vec<Workload> = if args.cross_validate.is_some() {
                all_workloads.clone()
            } else {
                all_workloads.iter().filter(|w| training_set.contains(&w.name)).cloned().collect()
            };
            per_workload_profiles =
                phases.time("training", || profile::train(&toolchain, &instrumented.binary, &training, &raw_dir, timeout))?;
            if !args.no_corpus {
                let corpus_dir = crate::project_root().join("tests").join("corpus");
                corpus_profile = Some(phases.time("training on the test corpus", || {
                    profile::train_corpus(&toolchain, &instrumented.binary, &corpus_dir, &raw_dir, CORPUS_PROGRAM_TIMEOUT)
                })?);
            }
            let destination = crate::project_root().join("pgo-profiles").join(profile::PROFILE_FILE_NAME);
            let (staged, manifest) = phases.time("merge profile", || {
                write_profile(&toolchain, &per_workload_profiles, &training_set, corpus_profile.as_ref(), &destination, &mut staging)
            })?;
            (staged, destination, manifest, true)
        }
    };

    let (optimized_built, functions) = phases.time("build LTO+PGO", || {
        let functions = profile::function_count(&toolchain, &profile_path)?;
        Ok((optimized_build(&toolchain, &pgo_dir, &profile_path, "")?, functions))
    })?;
    let stale = profile::is_stale(optimized_built.missing_functions, optimized_built.mismatched_functions, functions);
    let profile_info = ProfileInfo {
        path: installed_profile_path,
        sha256: manifest.sha256.clone(),
        trained_now,
        functions,
        corpus_programs: manifest.corpus_programs,
        missing_functions: optimized_built.missing_functions,
        mismatched_functions: optimized_built.mismatched_functions,
        stale,
    };
    eprintln!(
        "pgo-build: profile covers {functions} functions; {} had no profile data, {} changed since training",
        profile_info.missing_functions, profile_info.mismatched_functions
    );
    if stale {
        bail!(
            "the profile {} is stale: {} of its {functions} functions are missing or changed (more than {:.0}%); retrain with \
             `cargo xtask pgo-build` (without --profile). The LTO+PGO binary was not installed (build log: {}).",
            profile_path.display(),
            profile_info.missing_functions + profile_info.mismatched_functions,
            profile::STALE_FRACTION * 100.0,
            optimized_built.log.display()
        );
    }
    let optimized = staging.binary(&optimized_built, &pgo_dir.join("swallow-pgo"))?;

    let settings = measurement_settings(&args, timeout);
    let measurements = match &lto {
        Some(lto) if !args.no_measure => {
            let mut builds = Vec::new();
            if let Some(plain) = &plain {
                builds.push(("swallow-plain", plain.clone()));
            }
            builds.push(("swallow-lto", lto.clone()));
            builds.push(("swallow-pgo", optimized.clone()));
            let reference = builds.len() - 2;
            let measured_workloads = measured.clone();
            let settings = settings.clone();
            Some(phases.time("measure", move || Ok(measure_builds(&builds, reference, measured_workloads, settings)))?)
        }
        _ => None,
    };

    let cross_validation = match (args.cross_validate, &lto) {
        (Some(folds), Some(lto)) if !per_workload_profiles.is_empty() => Some((
            folds,
            phases.time("cross-validation", || {
                let corpus = corpus_profile.as_ref().map(|(path, _)| path.as_path());
                cross_validate(&toolchain, &pgo_dir, lto, &per_workload_profiles, corpus, &measured, folds, &settings, &mut staging)
            })?,
        )),
        (Some(_), _) => {
            eprintln!("pgo-build: --cross-validate needs training; it is skipped with --profile");
            None
        }
        (None, _) => None,
    };

    let binaries = [("swallow-plain", plain.as_ref()), ("swallow-lto", lto.as_ref()), ("swallow-pgo", Some(&optimized))]
        .into_iter()
        .filter_map(|(name, path)| {
            let path = path?;
            Some((name.to_owned(), std::fs::metadata(path).ok()?.len(), stripped_size(path)))
        })
        .collect();
    let report = PgoReport {
        summary: measurements.as_ref().map(compare::report::Summary::new),
        training_set: &training_set,
        profile: profile_info,
        phases: &phases.0,
        binaries,
        cross_validation,
    };
    println!("{}", report.markdown());
    // Every phase succeeded: the new binaries and profile replace the earlier ones, then the
    // reports that describe them.
    for path in staging.install_all()? {
        println!("installed {}", path.display());
    }
    for path in report::write_all(&report, &pgo_dir)? {
        println!("wrote {}", path.display());
    }
    let optimized = pgo_dir.join("swallow-pgo");
    println!("the optimized interpreter: {}", optimized.display());
    Ok(Installed { optimized, profile_sha256: manifest.sha256 })
}

/// The training set named in `benches/workloads/training-set.txt` (one name per line, `#`
/// comments), each checked to be a workload.
fn read_training_set(workloads: &[Workload]) -> anyhow::Result<Vec<String>> {
    let file = training_set_file();
    let text = std::fs::read_to_string(&file).with_context(|| format!("reading the training set {}", file.display()))?;
    let names: Vec<String> =
        text.lines().map(|line| line.split('#').next().unwrap_or("").trim()).filter(|line| !line.is_empty()).map(str::to_owned).collect();
    for name in &names {
        if !workloads.iter().any(|w| &w.name == name) {
            bail!("{} names `{name}`, which is not a workload in benches/workloads/", file.display());
        }
    }
    if names.is_empty() {
        bail!("{} lists no workloads", file.display());
    }
    if names.len() == workloads.len() {
        bail!("{} lists every workload: leave some out, so the gain can be measured on workloads the profile never saw", file.display());
    }
    Ok(names)
}

/// Merge the training set's per-workload profiles, and the test corpus's profile with its
/// program count when there is one, into a profile to be installed as `destination`, with its
/// manifest beside it, both staged; returns the staged profile (what the optimized build uses)
/// and the manifest.
fn write_profile(
    toolchain: &Toolchain,
    per_workload: &[(String, PathBuf)],
    training_set: &[String],
    corpus: Option<&(PathBuf, usize)>,
    destination: &Path,
    staging: &mut Staging,
) -> anyhow::Result<(PathBuf, profile::Manifest)> {
    let mut inputs: Vec<PathBuf> =
        per_workload.iter().filter(|(name, _)| training_set.contains(name)).map(|(_, p)| p.clone()).collect();
    inputs.extend(corpus.map(|(path, _)| path.clone()));
    let path = staging.path_for(destination);
    let manifest_file = staging.path_for(&profile::manifest_path(destination));
    profile::merge(toolchain, &inputs, &path)?;
    let manifest = profile::Manifest {
        sha256: profile::sha256_of(&path)?,
        rustc: toolchain.rustc_version.clone(),
        llvm: toolchain.llvm_version.clone(),
        host: toolchain.host.clone(),
        source_revision: interpreters::source_revision(),
        training_set: training_set.to_vec(),
        corpus_programs: corpus.map_or(0, |(_, programs)| *programs),
        cargo_pgo: toolchain.cargo_pgo_version.clone(),
        functions: profile::function_count(toolchain, &path)?,
        created_unix: crate::unix_now(),
    };
    let text = serde_json::to_string_pretty(&manifest.to_json())? + "\n";
    crate::write_atomically(&manifest_file, text.as_bytes())?;
    Ok((path, manifest))
}

/// `cargo pgo optimize build` with `profile`. cargo-pgo merges every `*.profraw` in its
/// profiles directory; llvm-profdata reads indexed profiles whatever their name, so the merged
/// profile is staged there under that extension and re-merged unchanged.
fn optimized_build(toolchain: &Toolchain, pgo_dir: &Path, profile: &Path, tag: &str) -> anyhow::Result<Built> {
    let stage = pgo_dir.join(if tag.is_empty() { "use-profile".to_owned() } else { format!("use-profile-{tag}") });
    if stage.exists() {
        std::fs::remove_dir_all(&stage).with_context(|| format!("clearing {}", stage.display()))?;
    }
    std::fs::create_dir_all(&stage).with_context(|| format!("creating {}", stage.display()))?;
    std::fs::copy(profile, stage.join("swallow.profraw")).with_context(|| format!("staging {}", profile.display()))?;
    build::build(&BuildKind::Optimized { profiles_dir: stage }, &toolchain.host, pgo_dir, tag)
}

fn measurement_settings(args: &PgoBuildArgs, timeout: Duration) -> Settings {
    let (rounds, warmup, startup_runs) = if args.quick { (3, 0, 5) } else { (args.rounds.max(2), args.warmup, 20) };
    Settings {
        quick: args.quick,
        rounds,
        warmup,
        startup_runs,
        pinned_cpu: if args.no_pin { None } else { allowed_cpus().last().copied() },
        timeout,
        swallow_profile: "pgo-build".to_owned(),
        source_revision: interpreters::source_revision(),
        started_at_unix: crate::unix_now(),
        wall_time: Duration::ZERO,
    }
}

/// Run the workloads under the given builds, interleaved; `reference` indexes `builds`.
fn measure_builds(builds: &[(&str, PathBuf)], reference: usize, workloads: Vec<Workload>, settings: Settings) -> compare::Measurements {
    let found = interpreters::Found {
        interpreters: builds
            .iter()
            .map(|(name, path)| interpreters::describe(name, vec![OsString::from(path.as_os_str())], Some(path.clone())))
            .collect(),
        skipped: Vec::new(),
    };
    compare::measure_suite(found, reference, workloads, settings)
}

/// K-fold cross-validation: workloads are dealt into `folds` folds in name order; for each
/// fold a profile is merged from every other fold's workloads (and the test corpus's profile,
/// when training used it), an optimized build made with it (staged as `swallow-pgo-fold<N>`),
/// and the fold's measured workloads timed against the LTO build.
#[allow(clippy::too_many_arguments)]
fn cross_validate(
    toolchain: &Toolchain,
    pgo_dir: &Path,
    lto: &Path,
    per_workload: &[(String, PathBuf)],
    corpus: Option<&Path>,
    measured: &[Workload],
    folds: usize,
    settings: &Settings,
    staging: &mut Staging,
) -> anyhow::Result<Vec<HeldOutGain>> {
    let mut names: Vec<&String> = per_workload.iter().map(|(name, _)| name).collect();
    names.sort();
    let fold_of = |name: &str| names.iter().position(|n| *n == name).map(|i| i % folds);
    let mut gains = Vec::new();
    for fold in 0..folds {
        let held_out: Vec<Workload> = measured.iter().filter(|w| fold_of(&w.name) == Some(fold)).cloned().collect();
        if held_out.is_empty() {
            continue;
        }
        let mut inputs: Vec<PathBuf> =
            per_workload.iter().filter(|(name, _)| fold_of(name) != Some(fold)).map(|(_, p)| p.clone()).collect();
        inputs.extend(corpus.map(Path::to_path_buf));
        let fold_profile = pgo_dir.join("raw-profiles").join(format!("fold-{}.profdata", fold + 1));
        profile::merge(toolchain, &inputs, &fold_profile)?;
        let tag = format!("fold{}", fold + 1);
        let built = optimized_build(toolchain, pgo_dir, &fold_profile, &tag)?;
        let binary = staging.binary(&built, &pgo_dir.join(format!("swallow-pgo-{tag}")))?;
        let m = measure_builds(&[("swallow-lto", lto.to_path_buf()), ("swallow-pgo", binary)], 0, held_out, settings.clone());
        if interrupted() {
            bail!("interrupted during cross-validation");
        }
        let summary = compare::report::Summary::new(&m);
        for (workload, row) in m.workloads.iter().zip(&summary.cells) {
            let result = match (&row[0], &row[1]) {
                (Cell::Measured(lto), Cell::Measured(pgo)) => Ok((lto.time.median, pgo.time.median, pgo.test)),
                (Cell::Failed(reason), _) | (_, Cell::Failed(reason)) => Err(reason.clone()),
            };
            gains.push(HeldOutGain { workload: workload.name.clone(), fold, result });
        }
    }
    gains.sort_by(|a, b| a.workload.cmp(&b.workload));
    Ok(gains)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{write_script, ScratchDir};
    use profile::tests::{fake_llvm_profdata, toolchain_with};

    /// The merged profile and its manifest are staged: the committed ones change only when a run
    /// that succeeded installs them, and a failed merge leaves them alone.
    #[test]
    fn a_trained_profile_replaces_the_committed_one_only_when_installed() {
        let scratch = ScratchDir::new("trained-profile-staged");
        let committed = scratch.join("pgo-profiles/swallow.profdata");
        let committed_manifest = profile::manifest_path(&committed);
        std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
        std::fs::write(&committed, "earlier profile").unwrap();
        std::fs::write(&committed_manifest, "earlier manifest").unwrap();
        let raw_dir = scratch.join("target/pgo/raw-profiles");
        std::fs::create_dir_all(&raw_dir).unwrap();
        let per_workload: Vec<(String, PathBuf)> = ["richards", "nbody"]
            .iter()
            .map(|name| {
                let path = raw_dir.join(format!("{name}.profdata"));
                std::fs::write(&path, format!("counts of {name}.py\n")).unwrap();
                (name.to_string(), path)
            })
            .collect();
        let training_set = vec!["richards".to_owned()];
        let toolchain = toolchain_with(fake_llvm_profdata(&scratch));

        let mut staging = Staging::new(&scratch.join("target/pgo")).unwrap();
        let (staged, manifest) = write_profile(&toolchain, &per_workload, &training_set, None, &committed, &mut staging).unwrap();
        // Only the training set is merged (cross-validation trains on every workload).
        assert_eq!(std::fs::read_to_string(&staged).unwrap(), "counts of richards.py\n");
        assert_eq!((manifest.training_set.clone(), manifest.functions), (training_set.clone(), 3));
        assert_eq!(std::fs::read_to_string(&committed).unwrap(), "earlier profile");
        assert_eq!(std::fs::read_to_string(&committed_manifest).unwrap(), "earlier manifest");

        assert_eq!(staging.install_all().unwrap(), vec![committed.clone(), committed_manifest.clone()]);
        assert_eq!(std::fs::read_to_string(&committed).unwrap(), "counts of richards.py\n");
        let installed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&committed_manifest).unwrap()).unwrap();
        assert_eq!(profile::Manifest::from_json(&installed).unwrap(), manifest);
        assert_eq!(manifest.sha256, profile::sha256_of(&committed).unwrap());

        let broken_llvm_profdata = write_script(&scratch.join("broken-llvm-profdata"), "echo 'error: malformed instrumentation profile data' >&2\nexit 1");
        let mut failed_run = Staging::new(&scratch.join("target/pgo")).unwrap();
        let error = write_profile(&toolchain_with(broken_llvm_profdata), &per_workload, &training_set, None, &committed, &mut failed_run).unwrap_err();
        assert!(format!("{error:#}").contains("llvm-profdata merge failed: error: malformed instrumentation profile data"), "{error:#}");
        drop(failed_run);
        assert_eq!(std::fs::read_to_string(&committed).unwrap(), "counts of richards.py\n");
        assert_eq!(profile::Manifest::from_json(&serde_json::from_str(&std::fs::read_to_string(&committed_manifest).unwrap()).unwrap()).unwrap(), manifest);
    }

    /// The test corpus's profile joins the training set's, and the manifest counts its programs.
    #[test]
    fn the_corpus_profile_is_merged_with_the_training_set() {
        let scratch = ScratchDir::new("corpus-profile-merged");
        let raw_dir = scratch.join("target/pgo/raw-profiles");
        std::fs::create_dir_all(&raw_dir).unwrap();
        let richards = raw_dir.join("richards.profdata");
        std::fs::write(&richards, "counts of richards.py\n").unwrap();
        let corpus = raw_dir.join("test-corpus.profdata");
        std::fs::write(&corpus, "counts of the corpus\n").unwrap();
        let toolchain = toolchain_with(fake_llvm_profdata(&scratch));
        let mut staging = Staging::new(&scratch.join("target/pgo")).unwrap();
        let destination = scratch.join("pgo-profiles/swallow.profdata");
        let per_workload = vec![("richards".to_owned(), richards)];
        let (staged, manifest) =
            write_profile(&toolchain, &per_workload, &["richards".to_owned()], Some(&(corpus, 507)), &destination, &mut staging).unwrap();
        assert_eq!(std::fs::read_to_string(&staged).unwrap(), "counts of richards.py\ncounts of the corpus\n");
        assert_eq!(manifest.corpus_programs, 507);
    }
}
