//! `pgo-build`'s results: the per-workload table in the style CPython's PGO gains are published
//! in (`richards | 176 ms | 147 ms: 1.20x faster (-17%)`, then a "Not significant" list), with
//! geometric means for the evaluation set (workloads the profile never saw) and the training
//! set, the cross-validation table, peak RSS, binary sizes and phase times; written as a
//! terminal table, Markdown, JSON, an SVG chart, and one pyperf JSON file per build so
//! `python3 -m pyperf compare_to lto.json pgo.json` works.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::compare::chart::{speedup_chart, workload_groups, Group};
use crate::compare::report::{format_ms, markdown_table_header, speedup_of, Cell, Summary};
use crate::compare::Measurements;
use crate::stats::{self, BootstrapTest};

/// The profile the optimized build used.
#[derive(Clone, Debug)]
pub struct ProfileInfo {
    pub path: PathBuf,
    pub sha256: String,
    /// Trained in this run (`false`: reused with `--profile`).
    pub trained_now: bool,
    pub functions: usize,
    /// Test-corpus programs the profile was trained on besides the training set (0: none).
    pub corpus_programs: usize,
    pub missing_functions: usize,
    pub mismatched_functions: usize,
    pub stale: bool,
}

/// One workload's gain measured with a profile trained without it (cross-validation).
#[derive(Clone, Debug)]
pub struct HeldOutGain {
    pub workload: String,
    pub fold: usize,
    /// (LTO median, LTO+PGO median, bootstrap of their ratio), or why it was not measured.
    pub result: Result<(f64, f64, Option<BootstrapTest>), String>,
}

/// Everything the reports show.
pub struct PgoReport<'a> {
    /// The measured builds, summarized; the reference is the LTO build.
    pub summary: Option<Summary<'a>>,
    pub training_set: &'a [String],
    pub profile: ProfileInfo,
    /// (phase, wall time), in order.
    pub phases: &'a [(String, Duration)],
    /// (build name, binary size, stripped size).
    pub binaries: Vec<(String, u64, Option<u64>)>,
    pub cross_validation: Option<(usize, Vec<HeldOutGain>)>,
}

/// `1.20x faster (-17%)` / `1.05x slower (+5%)`: a speedup (old time / new time) written
/// pyperf's way, with the change in time as a percentage.
pub fn change_text(speedup: f64) -> String {
    let percent = (1.0 / speedup - 1.0) * 100.0;
    if speedup >= 1.0 {
        format!("{speedup:.2}x faster ({percent:+.0}%)")
    } else {
        format!("{:.2}x slower ({percent:+.0}%)", 1.0 / speedup)
    }
}

/// A build's median time and its change against the reference:
/// `147.5 ms: 1.20x faster (-16%) [1.18x, 1.21x]`. The factor is `speedup_of`; the bracket is the 95%
/// bootstrap interval of the factor just named (of the speedup when faster, of the slowdown when
/// slower), and `(n.s.)` follows a change that is not significant.
fn gain_text(old: f64, new: f64, test: Option<&BootstrapTest>) -> String {
    let speedup = speedup_of(old, new, test);
    let interval = match test {
        Some(test) if speedup >= 1.0 => format!(" [{:.2}x, {:.2}x]", test.low, test.high),
        Some(test) => format!(" [{:.2}x, {:.2}x]", 1.0 / test.high, 1.0 / test.low),
        None => String::new(),
    };
    let not_significant = if test.is_some_and(BootstrapTest::significant) { "" } else { " (n.s.)" };
    format!("{}: {}{interval}{not_significant}", format_ms(new), change_text(speedup))
}

impl PgoReport<'_> {
    fn in_training_set(&self, workload: &str) -> bool {
        self.training_set.iter().any(|name| name == workload)
    }

    /// Geometric means of `interpreter`'s speedups: (label, value, count) for the evaluation
    /// set, the training set and all workloads, in that order.
    fn geomeans(&self, summary: &Summary, interpreter: usize) -> Vec<(&'static str, Option<f64>, usize)> {
        // (label, which workloads: Some(in the training set) or None for all)
        let sets = [("evaluation set (never trained on)", Some(false)), ("training set", Some(true)), ("all workloads", None)];
        sets.iter()
            .map(|&(label, trained)| {
                let speedups: Vec<f64> = summary
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(w, _)| trained.is_none_or(|t| self.in_training_set(&summary.m.workloads[*w].name) == t))
                    .filter_map(|(_, row)| match &row[interpreter] {
                        Cell::Measured(timing) => timing.speedup,
                        Cell::Failed(_) => None,
                    })
                    .collect();
                (label, stats::geometric_mean(&speedups), speedups.len())
            })
            .collect()
    }

    /// The report as Markdown (the terminal shows the same text).
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# swallow pgo-build\n");
        let profile = &self.profile;
        let _ = writeln!(
            out,
            "Profile `{}` ({}; sha256 {}…): {} functions, {} without profile data, {} changed since training{}.\n",
            profile.path.display(),
            if profile.trained_now { "trained in this run" } else { "reused" },
            profile.sha256.get(..12).unwrap_or(&profile.sha256),
            profile.functions,
            profile.missing_functions,
            profile.mismatched_functions,
            if profile.stale { " — STALE" } else { "" }
        );
        let _ = writeln!(
            out,
            "Trained on the training-set workloads ({}){}.\n",
            self.training_set.join(", "),
            match profile.corpus_programs {
                0 => String::new(),
                programs => format!(" and the {programs} programs of the test corpus (`tests/corpus`)"),
            }
        );
        if let Some(summary) = &self.summary {
            self.write_gain_table(&mut out, summary);
        } else {
            let _ = writeln!(out, "(not measured: --no-measure)\n");
        }
        if let Some((folds, gains)) = &self.cross_validation {
            self.write_cross_validation(&mut out, *folds, gains);
        }
        let _ = writeln!(out, "## Binaries\n\n| build | size | stripped |\n|---|---:|---:|");
        for (name, size, stripped) in &self.binaries {
            let stripped = stripped.map_or("n/a".to_owned(), mib);
            let _ = writeln!(out, "| {name} | {} | {stripped} |", mib(*size));
        }
        let _ = writeln!(out, "\n## Phases\n\n| phase | wall time |\n|---|---:|");
        for (phase, time) in self.phases {
            let _ = writeln!(out, "| {phase} | {:.1} s |", time.as_secs_f64());
        }
        let total: Duration = self.phases.iter().map(|(_, t)| *t).sum();
        let _ = writeln!(out, "| **total** | **{:.1} s** |", total.as_secs_f64());
        out
    }

    fn write_gain_table(&self, out: &mut String, summary: &Summary) {
        let m = summary.m;
        let reference = m.reference;
        let optimized = m.interpreters.len() - 1;
        let _ = writeln!(
            out,
            "{} rounds{} per workload, each run its own process{}, the two builds' runs of a round back to back; times are \
             medians; a change is the median over rounds of the per-round ratio, and the brackets hold its 95% bootstrap \
             interval (rounds resampled); a change is significant when that interval excludes 1x (p < {}).\n",
            m.settings.rounds,
            if m.settings.warmup > 0 { format!(" (+{} warm-up)", m.settings.warmup) } else { String::new() },
            m.settings.pinned_cpu.map_or(String::new(), |cpu| format!(", pinned to CPU {cpu}")),
            stats::SIGNIFICANCE_LEVEL
        );
        let header = markdown_table_header(&["Benchmark", "set"], m);
        let _ = writeln!(out, "{header}");
        let mut not_significant = Vec::new();
        let mut slower = Vec::new();
        let mut failed = Vec::new();
        for (w, row) in summary.cells.iter().enumerate() {
            let name = &m.workloads[w].name;
            let set = if self.in_training_set(name) { "train" } else { "eval" };
            let _ = write!(out, "| {name} | {set} |");
            let reference_median = match &row[reference] {
                Cell::Measured(timing) => Some(timing.time.median),
                Cell::Failed(_) => None,
            };
            for (i, cell) in row.iter().enumerate() {
                let text = match cell {
                    Cell::Failed(reason) => {
                        failed.push(format!("{name} under {}: {reason}", m.interpreters[i].name));
                        "does not run".to_owned()
                    }
                    Cell::Measured(timing) if i == reference => format_ms(timing.time.median),
                    Cell::Measured(timing) => match reference_median {
                        Some(old) => {
                            if i == optimized {
                                match timing.test {
                                    Some(test) if test.significant() => {
                                        if test.speedup < 1.0 {
                                            slower.push(name.clone());
                                        }
                                    }
                                    _ => not_significant.push(name.clone()),
                                }
                            }
                            gain_text(old, timing.time.median, timing.test.as_ref())
                        }
                        None => format_ms(timing.time.median),
                    },
                };
                let _ = write!(out, " {text} |");
            }
            out.push('\n');
        }
        for (label, geomean, count) in self.geomeans(summary, optimized) {
            let text = geomean.map_or("n/a".to_owned(), |g| {
                if g >= 1.0 {
                    format!("**{g:.2}x faster**")
                } else {
                    format!("**{:.2}x slower**", 1.0 / g)
                }
            });
            let padding = " |".repeat(m.interpreters.len().saturating_sub(1));
            let _ = writeln!(out, "| Geometric mean: {label} ({count}) | |{padding} {text} |");
        }
        let _ = writeln!(out);
        if not_significant.is_empty() {
            let _ = writeln!(out, "Every change of {} is significant.\n", m.interpreters[optimized].name);
        } else {
            let _ = writeln!(out, "Not significant ({}): {}\n", not_significant.len(), not_significant.join("; "));
        }
        if slower.is_empty() {
            let _ = writeln!(out, "No workload is significantly slower with the profile.\n");
        } else {
            let _ = writeln!(out, "**Significantly slower with the profile ({})**: {}\n", slower.len(), slower.join("; "));
        }
        if !failed.is_empty() {
            let _ = writeln!(out, "Not running:\n");
            for line in failed {
                let _ = writeln!(out, "- {line}");
            }
            out.push('\n');
        }
        let _ = writeln!(out, "## Peak RSS and startup\n");
        let _ = writeln!(out, "{header}");
        for (w, row) in summary.cells.iter().enumerate() {
            let name = &m.workloads[w].name;
            let set = if self.in_training_set(name) { "train" } else { "eval" };
            let _ = write!(out, "| {name} | {set} |");
            for cell in row {
                let text = match cell {
                    Cell::Measured(timing) => format!("{:.1} MiB", timing.peak_rss_kib as f64 / 1024.0),
                    Cell::Failed(_) => "-".to_owned(),
                };
                let _ = write!(out, " {text} |");
            }
            out.push('\n');
        }
        let _ = write!(out, "| startup (`-c pass`, median) | |");
        for startup in &summary.startup {
            let _ = write!(out, " {} |", startup.as_ref().map_or("n/a".to_owned(), |s| format_ms(s.median)));
        }
        out.push_str("\n\n");
    }

    fn write_cross_validation(&self, out: &mut String, folds: usize, gains: &[HeldOutGain]) {
        let _ = writeln!(out, "## Cross-validation ({folds} folds: every workload measured with a profile trained without it)\n");
        let _ = writeln!(out, "| Benchmark | fold | LTO | LTO+PGO (profile without this fold) |\n|---|---:|---:|---:|");
        let mut speedups = Vec::new();
        let mut not_significant = Vec::new();
        for gain in gains {
            let cell = match &gain.result {
                Ok((old, new, test)) => {
                    speedups.push(speedup_of(*old, *new, test.as_ref()));
                    if !test.is_some_and(|t| t.significant()) {
                        not_significant.push(gain.workload.clone());
                    }
                    format!("{} | {}", format_ms(*old), gain_text(*old, *new, test.as_ref()))
                }
                Err(reason) => format!("- | {reason}"),
            };
            let _ = writeln!(out, "| {} | {} | {cell} |", gain.workload, gain.fold + 1);
        }
        let geomean = stats::geometric_mean(&speedups).map_or("n/a".to_owned(), |g| format!("{g:.2}x"));
        let _ = writeln!(out, "| **Geometric mean** ({}) | | | **{geomean}** |\n", speedups.len());
        if !not_significant.is_empty() {
            let _ = writeln!(out, "Not significant ({}): {}\n", not_significant.len(), not_significant.join("; "));
        }
    }

    /// The SVG chart: the optimized (and plain) builds' speedups over LTO per workload.
    pub fn svg(&self) -> Option<String> {
        let summary = self.summary.as_ref()?;
        let m = summary.m;
        let shown: Vec<usize> = (0..m.interpreters.len()).filter(|&i| i != m.reference).collect();
        let mut groups = workload_groups(summary, &shown, |name| {
            format!("{name}{}", if self.in_training_set(name) { " (train)" } else { "" })
        });
        let per_series: Vec<_> = shown.iter().map(|&i| self.geomeans(summary, i)).collect();
        // The evaluation-set and training-set geometric means (the first two sets).
        for (set, label) in ["geomean: evaluation set", "geomean: training set"].into_iter().enumerate() {
            let bars = per_series.iter().map(|sets| sets[set].1.ok_or_else(|| "n/a".to_owned())).collect();
            groups.push(Group { label: label.to_owned(), bars });
        }
        let series: Vec<String> = shown.iter().map(|&i| m.interpreters[i].name.clone()).collect();
        let title = format!("Speedup over {} (log scale; right of 1x is faster)", m.interpreters[m.reference].name);
        Some(speedup_chart(&title, &series, &groups))
    }

    /// The full JSON report.
    pub fn json(&self) -> serde_json::Value {
        let comparison = self.summary.as_ref().map(crate::compare::report::json);
        let geomeans = self.summary.as_ref().map(|summary| {
            let optimized = summary.m.interpreters.len() - 1;
            self.geomeans(summary, optimized)
                .into_iter()
                .map(|(label, value, count)| json!({"set": label, "speedup": value, "workloads": count}))
                .collect::<Vec<_>>()
        });
        let cross_validation = self.cross_validation.as_ref().map(|(folds, gains)| {
            json!({
                "folds": folds,
                "workloads": gains.iter().map(|gain| match &gain.result {
                    Ok((old, new, test)) => json!({
                        "name": gain.workload, "fold": gain.fold, "lto_median_seconds": old, "pgo_median_seconds": new,
                        "speedup": speedup_of(*old, *new, test.as_ref()), "ci_low": test.map(|t| t.low), "ci_high": test.map(|t| t.high),
                        "p_value": test.map(|t| t.p_value), "significant": test.map(|t| t.significant()),
                    }),
                    Err(reason) => json!({"name": gain.workload, "fold": gain.fold, "failed": reason}),
                }).collect::<Vec<_>>(),
            })
        });
        json!({
            "schema": "swallow-pgo-build/1",
            "profile": {
                "path": self.profile.path.display().to_string(),
                "sha256": self.profile.sha256,
                "trained_now": self.profile.trained_now,
                "functions": self.profile.functions,
                "corpus_programs": self.profile.corpus_programs,
                "missing_functions": self.profile.missing_functions,
                "mismatched_functions": self.profile.mismatched_functions,
                "stale": self.profile.stale,
            },
            "training_set": self.training_set,
            "phases": self.phases.iter().map(|(name, time)| json!({"phase": name, "seconds": time.as_secs_f64()})).collect::<Vec<_>>(),
            "binaries": self.binaries.iter().map(|(name, size, stripped)| json!({"build": name, "size_bytes": size, "stripped_size_bytes": stripped})).collect::<Vec<_>>(),
            "geometric_means": geomeans,
            "comparison": comparison,
            "cross_validation": cross_validation,
        })
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// One build's timings as a pyperf suite (file format 1.0): one benchmark per workload, one
/// run (process) per timed value, so `python3 -m pyperf compare_to lto.json pgo.json` compares
/// the builds with pyperf's own statistics.
pub fn pyperf_suite(m: &Measurements, interpreter: usize) -> serde_json::Value {
    let benchmarks: Vec<serde_json::Value> = m
        .workloads
        .iter()
        .zip(&m.runs)
        .filter_map(|(workload, row)| {
            let runs = &row[interpreter];
            if runs.failure.is_some() || runs.seconds.is_empty() {
                return None;
            }
            Some(json!({
                "metadata": {"name": workload.name, "unit": "second", "loops": 1},
                "runs": runs.seconds.iter().map(|value| json!({"values": [value]})).collect::<Vec<_>>(),
            }))
        })
        .collect();
    json!({
        "version": "1.0",
        "metadata": {
            "description": format!("swallow benchmark workloads under {}", m.interpreters[interpreter].name),
            "python_implementation": "swallow",
            "python_version": crate::compare::interpreters::source_revision(),
        },
        "benchmarks": benchmarks,
    })
}

/// Write the reports (`report.md`, `report.json`, `report.svg`, and `<build>.json` for pyperf)
/// into `dir`, each through a temporary file; returns the paths written.
pub fn write_all(report: &PgoReport, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = vec![
        ("report.md".to_owned(), report.markdown()),
        ("report.json".to_owned(), serde_json::to_string_pretty(&report.json())? + "\n"),
    ];
    if let Some(svg) = report.svg() {
        files.push(("report.svg".to_owned(), svg));
    }
    if let Some(m) = report.summary.as_ref().map(|summary| summary.m) {
        for (i, interpreter) in m.interpreters.iter().enumerate() {
            let build = interpreter.name.trim_start_matches("swallow-");
            files.push((format!("{build}.json"), serde_json::to_string(&pyperf_suite(m, i))? + "\n"));
        }
    }
    crate::write_report_files(dir, files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::PairRuns;
    use crate::test_support::{lto_and_pgo_measurements as measurements, CLOSURES_CALLS_LTO, CLOSURES_CALLS_PGO};

    fn report<'a>(m: &'a Measurements, training_set: &'a [String], phases: &'a [(String, Duration)]) -> PgoReport<'a> {
        PgoReport {
            summary: Some(Summary::new(m)),
            training_set,
            profile: ProfileInfo {
                path: PathBuf::from("pgo-profiles/swallow.profdata"),
                sha256: "0123456789abcdef".into(),
                trained_now: true,
                functions: 5000,
                corpus_programs: 507,
                missing_functions: 3,
                mismatched_functions: 0,
                stale: false,
            },
            phases,
            binaries: vec![("swallow-lto".into(), 4_000_000, Some(3_500_000))],
            cross_validation: None,
        }
    }

    #[test]
    fn the_table_reads_like_cpythons_pgo_results() {
        let m = measurements();
        let training_set = vec!["richards".to_owned()];
        let phases = vec![("build LTO".to_owned(), Duration::from_secs(100))];
        let text = report(&m, &training_set, &phases).markdown();
        assert!(text.contains("times are medians"), "{text}");
        assert!(text.contains("| richards | train | 176.5 ms | 147.5 ms: 1.20x faster (-17%) [1.19x, 1.20x] |"), "{text}");
        assert!(text.contains("| nbody | eval | 302.5 ms | 299.5 ms: 1.01x faster (-1%) [0.94x, 1.05x] (n.s.) |"), "{text}");
        assert!(text.contains("Not significant (1): nbody"), "{text}");
        assert!(text.contains("No workload is significantly slower"), "{text}");
        assert!(text.contains("go under swallow-pgo: exit 1: boom"), "{text}");
        // nbody is the only evaluation workload that ran under both builds.
        assert!(text.contains("Geometric mean: evaluation set (never trained on) (1)"), "{text}");
        assert!(text.contains("| build LTO | 100.0 s |"), "{text}");
        assert!(text.contains("Trained on the training-set workloads (richards) and the 507 programs of the test corpus (`tests/corpus`)."), "{text}");
    }

    #[test]
    fn one_slow_outlier_does_not_hide_a_slower_workload() {
        let mut m = measurements();
        let mut closures_calls = m.workloads[1].clone();
        closures_calls.name = "closures_calls".to_owned();
        m.workloads.push(closures_calls);
        let runs = |seconds: &[f64]| PairRuns { seconds: seconds.to_vec(), peak_rss_kib: 5000, failure: None };
        m.runs.push(vec![runs(&CLOSURES_CALLS_LTO), runs(&CLOSURES_CALLS_PGO)]);
        let training_set = vec!["richards".to_owned()];
        let text = report(&m, &training_set, &[]).markdown();
        // Medians 826.4 and 922.3 ms; the median round ratio is 0.918 (round 5), a 1.09x slowdown;
        // the interval is of the slowdown, all of it above 1x.
        assert!(text.contains("| closures_calls | eval | 826.4 ms | 922.3 ms: 1.09x slower (+9%) [1.08x, 1.13x] |"), "{text}");
        assert!(text.contains("**Significantly slower with the profile (1)**: closures_calls"), "{text}");
        assert!(text.contains("Not significant (1): nbody"), "{text}");
    }

    #[test]
    fn cross_validation_shows_each_held_out_gain_with_its_interval() {
        let m = measurements();
        let phases = vec![];
        let training_set = vec![];
        let mut report = report(&m, &training_set, &phases);
        let slower = stats::bootstrap_paired_ratio(&CLOSURES_CALLS_LTO, &CLOSURES_CALLS_PGO);
        let too_few = stats::bootstrap_paired_ratio(&[0.2, 0.2], &[0.1, 0.1]);
        report.cross_validation = Some((
            2,
            vec![
                HeldOutGain { workload: "closures_calls".into(), fold: 0, result: Ok((0.8264, 0.9223, slower)) },
                HeldOutGain { workload: "fib".into(), fold: 1, result: Ok((0.2, 0.1, too_few)) },
                HeldOutGain { workload: "go".into(), fold: 1, result: Err("exit 1: boom".into()) },
            ],
        ));
        let text = report.markdown();
        assert!(text.contains("| closures_calls | 1 | 826.4 ms | 922.3 ms: 1.09x slower (+9%) [1.08x, 1.13x] |"), "{text}");
        assert!(text.contains("| fib | 2 | 200.0 ms | 100.0 ms: 2.00x faster (-50%) (n.s.) |"), "{text}");
        assert!(text.contains("| go | 2 | - | exit 1: boom |"), "{text}");
        assert!(text.contains("Not significant (1): fib\n"), "{text}");
        let json = report.json();
        let held_out = &json["cross_validation"]["workloads"][0];
        assert_eq!(held_out["pgo_median_seconds"], 0.9223);
        assert_eq!(held_out["ci_low"], slower.unwrap().low);
        assert_eq!(held_out["ci_high"], slower.unwrap().high);
        assert_eq!(held_out["significant"], true);
        assert!(json["cross_validation"]["workloads"][1]["ci_low"].is_null());
    }

    #[test]
    fn pyperf_suites_hold_every_timed_run() {
        let m = measurements();
        let suite = pyperf_suite(&m, 1);
        assert_eq!(suite["version"], "1.0");
        let benchmarks = suite["benchmarks"].as_array().unwrap();
        // The failing workload is left out.
        assert_eq!(benchmarks.len(), 2);
        assert_eq!(benchmarks[0]["metadata"]["name"], "richards");
        assert_eq!(benchmarks[0]["runs"].as_array().unwrap().len(), 4);
    }

    /// pyperf itself reads the two files and compares them (pyperf is installed from PyPI into
    /// a virtual environment under target/, once).
    #[test]
    fn pyperf_compare_to_reads_the_results() {
        let python = std::env::var_os("SWALLOW_PYTHON").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("python3"));
        if std::process::Command::new(&python).arg("--version").output().is_err() {
            eprintln!("skipped: python3 is not installed");
            return;
        }
        let venv = crate::target_dir().join("pyperf-venv");
        let venv_python = venv.join("bin").join("python");
        let has_pyperf = |py: &Path| std::process::Command::new(py).args(["-c", "import pyperf"]).output().is_ok_and(|o| o.status.success());
        if !has_pyperf(&venv_python) {
            let created = std::process::Command::new(&python).args(["-m", "venv"]).arg(&venv).status().unwrap();
            assert!(created.success(), "python3 -m venv failed");
            let installed =
                std::process::Command::new(&venv_python).args(["-m", "pip", "install", "--quiet", "pyperf"]).status().unwrap();
            assert!(installed.success(), "pip install pyperf failed (it needs PyPI)");
        }
        let m = measurements();
        let scratch = crate::test_support::ScratchDir::new("pyperf-compare-to");
        let dir = scratch.path();
        let training_set = vec!["richards".to_owned()];
        let phases = vec![];
        let written = write_all(&report(&m, &training_set, &phases), dir).unwrap();
        assert!(written.iter().any(|p| p.ends_with("lto.json")) && written.iter().any(|p| p.ends_with("pgo.json")));
        let output = std::process::Command::new(&venv_python)
            .args(["-m", "pyperf", "compare_to"])
            .arg(dir.join("lto.json"))
            .arg(dir.join("pgo.json"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "pyperf compare_to failed: {stdout}{}", String::from_utf8_lossy(&output.stderr));
        assert!(stdout.contains("richards") && stdout.contains("faster"), "{stdout}");
    }

    #[test]
    fn changes_read_like_pyperf() {
        assert_eq!(change_text(0.176 / 0.147), "1.20x faster (-16%)");
        assert_eq!(change_text(0.100 / 0.105), "1.05x slower (+5%)");
        assert_eq!(change_text(1.0), "1.00x faster (+0%)");
    }
}
