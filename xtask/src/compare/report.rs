//! Summarizing `compare`'s measurements (statistics, speedups, significance, geometric means)
//! and writing them out: terminal table, Markdown, JSON, and the SVG chart from `chart`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::json;

use super::{chart, Measurements};
use crate::stats::{self, BootstrapTest};

/// One interpreter on one workload, summarized.
#[derive(Clone, Debug)]
pub enum Cell {
    Measured(Timing),
    /// It could not run the workload: the reason.
    Failed(String),
}

#[derive(Clone, Debug)]
pub struct Timing {
    /// Wall times in seconds.
    pub time: stats::Summary,
    pub peak_rss_kib: u64,
    /// How many times faster than the reference (> 1: faster): the median over rounds of the
    /// reference's time / this time (runs of one round are back to back), or, without a test,
    /// the ratio of the medians; `None` when the reference did not run the workload.
    pub speedup: Option<f64>,
    /// The paired bootstrap of that speedup: its 95% interval and significance (`None` for the
    /// reference itself or with fewer than `stats::MIN_SAMPLES_FOR_TEST` rounds).
    pub test: Option<BootstrapTest>,
}

/// The summarized comparison that every output format renders.
pub struct Summary<'a> {
    pub m: &'a Measurements,
    /// `cells[workload][interpreter]`.
    pub cells: Vec<Vec<Cell>>,
    /// Per interpreter: geometric mean of its speedups and the number of workloads in it.
    pub geomean: Vec<Option<(f64, usize)>>,
    /// Per interpreter: statistics of `-c pass` wall times.
    pub startup: Vec<Option<stats::Summary>>,
}

impl<'a> Summary<'a> {
    pub fn new(m: &'a Measurements) -> Summary<'a> {
        let reference = m.reference;
        let cells: Vec<Vec<Cell>> = m
            .runs
            .iter()
            .map(|row| {
                let reference_runs = &row[reference];
                // The reference's median time, when it ran this workload.
                let reference_median =
                    stats::Summary::of(&reference_runs.seconds).filter(|_| reference_runs.failure.is_none()).map(|s| s.median);
                row.iter()
                    .enumerate()
                    .map(|(i, runs)| {
                        if let Some(reason) = &runs.failure {
                            return Cell::Failed(reason.clone());
                        }
                        let Some(time) = stats::Summary::of(&runs.seconds) else {
                            return Cell::Failed("no timed run".to_owned());
                        };
                        let test = match reference_median {
                            Some(_) if i != reference => stats::bootstrap_paired_ratio(&reference_runs.seconds, &runs.seconds),
                            _ => None,
                        };
                        let speedup = reference_median.map(|median| speedup_of(median, time.median, test.as_ref()));
                        Cell::Measured(Timing { time, peak_rss_kib: runs.peak_rss_kib, speedup, test })
                    })
                    .collect()
            })
            .collect();
        let geomean = (0..m.interpreters.len())
            .map(|i| {
                let speedups: Vec<f64> = cells
                    .iter()
                    .filter_map(|row| match &row[i] {
                        Cell::Measured(timing) => timing.speedup,
                        Cell::Failed(_) => None,
                    })
                    .collect();
                stats::geometric_mean(&speedups).map(|g| (g, speedups.len()))
            })
            .collect();
        let startup = m.startup_seconds.iter().map(|samples| stats::Summary::of(samples)).collect();
        Summary { m, cells, geomean, startup }
    }

    fn reference_name(&self) -> &str {
        &self.m.interpreters[self.m.reference].name
    }

    /// (workload, interpreter, reason) for every pair that did not run.
    pub fn not_running(&self) -> Vec<(&str, &str, &str)> {
        let mut list = Vec::new();
        for (w, row) in self.cells.iter().enumerate() {
            for (i, cell) in row.iter().enumerate() {
                if let Cell::Failed(reason) = cell {
                    list.push((self.m.workloads[w].name.as_str(), self.m.interpreters[i].name.as_str(), reason.as_str()));
                }
            }
        }
        list
    }

    fn settings_line(&self) -> String {
        let s = &self.m.settings;
        let mut line = format!(
            "{} workloads x {} interpreters, {} timed round{}",
            self.m.workloads.len(),
            self.m.interpreters.len(),
            s.rounds,
            if s.rounds == 1 { "" } else { "s" }
        );
        if s.warmup > 0 {
            let _ = write!(line, " (+{} warm-up)", s.warmup);
        }
        if s.quick {
            line.push_str(", --quick");
        }
        match s.pinned_cpu {
            Some(cpu) => {
                let _ = write!(line, ", pinned to CPU {cpu}");
            }
            None => line.push_str(", not pinned"),
        }
        let _ = write!(
            line,
            "; swallow {} (cargo profile {}); took {:.0} s",
            s.source_revision,
            s.swallow_profile,
            s.wall_time.as_secs_f64()
        );
        line
    }

    fn legend(&self) -> String {
        format!(
            "speedup = median over rounds of {} time / interpreter time, the two runs of a round back to back (above 1: faster), \
             then its 95% bootstrap interval. * significant (the interval excludes 1, p < {}), ~ not significant, ? fewer than {} \
             rounds to test.",
            self.reference_name(),
            stats::SIGNIFICANCE_LEVEL,
            stats::MIN_SAMPLES_FOR_TEST
        )
    }
}

pub fn format_ms(seconds: f64) -> String {
    format!("{:.1} ms", seconds * 1000.0)
}

fn format_mib_from_kib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn format_mib(bytes: Option<u64>) -> String {
    match bytes {
        None => "n/a".to_owned(),
        Some(b) if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        Some(b) => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The speedup a comparison reports for a build whose median time is `new` against a reference
/// median `old`: the test's speedup (the median per-round ratio) or, untested, `old / new`.
pub fn speedup_of(old: f64, new: f64, test: Option<&BootstrapTest>) -> f64 {
    test.map_or(old / new, |t| t.speedup)
}

/// `*`, `~` or `?`: the significance mark of a speedup.
fn significance_mark(test: Option<&BootstrapTest>) -> &'static str {
    match test {
        Some(test) if test.significant() => "*",
        Some(_) => "~",
        None => "?",
    }
}

/// `1.20x [1.15, 1.26] *`: a speedup, its 95% interval when it was tested, and its
/// significance mark; `emphasis` goes around the speedup itself (Markdown's `**`).
fn speedup_text(timing: &Timing, emphasis: &str) -> String {
    let Some(speedup) = timing.speedup else {
        return "n/a".to_owned();
    };
    let interval = timing.test.map_or(String::new(), |test| format!(" [{:.2}, {:.2}]", test.low, test.high));
    format!("{emphasis}{speedup:.2}x{emphasis}{interval} {}", significance_mark(timing.test.as_ref()))
}

/// Width of the terminal table's speedup column: `10.52x [10.11, 11.03] *`.
const SPEEDUP_COLUMN_WIDTH: usize = 23;

/// The table printed at the end of a run.
pub fn terminal_table(summary: &Summary) -> String {
    let m = summary.m;
    let name_width = m.workloads.iter().map(|w| w.name.len()).chain([8]).max().unwrap_or(8);
    let interp_width = m.interpreters.iter().map(|i| i.name.len()).chain([11]).max().unwrap_or(11);
    let mut out = String::new();
    let _ = writeln!(out, "\nswallow compare: {}", summary.settings_line());
    let _ = writeln!(out, "{}\n", summary.legend());
    let _ = writeln!(
        out,
        "{:<name_width$}  {:<interp_width$}  {:>11}  {:>11}  {:>SPEEDUP_COLUMN_WIDTH$}  {:>10}",
        "workload", "interpreter", "median", "min", "speedup", "peak RSS"
    );
    let _ = writeln!(out, "{}", "-".repeat(name_width + interp_width + 2 + 3 * 13 + 2 + SPEEDUP_COLUMN_WIDTH));
    for (w, row) in summary.cells.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            let workload = if i == 0 { m.workloads[w].name.as_str() } else { "" };
            let interpreter = &m.interpreters[i].name;
            match cell {
                Cell::Measured(timing) => {
                    let _ = writeln!(
                        out,
                        "{workload:<name_width$}  {interpreter:<interp_width$}  {:>11}  {:>11}  {:>SPEEDUP_COLUMN_WIDTH$}  {:>10}",
                        format_ms(timing.time.median),
                        format_ms(timing.time.min),
                        if i == m.reference { "(reference)".to_owned() } else { speedup_text(timing, "") },
                        format_mib_from_kib(timing.peak_rss_kib)
                    );
                }
                Cell::Failed(reason) => {
                    let _ = writeln!(out, "{workload:<name_width$}  {interpreter:<interp_width$}  does not run: {reason}");
                }
            }
        }
    }
    let _ = writeln!(out, "\ngeometric mean of speedups against {}:", summary.reference_name());
    for (i, interpreter) in m.interpreters.iter().enumerate() {
        if i == m.reference {
            continue;
        }
        match summary.geomean[i] {
            Some((geomean, count)) => {
                let _ = writeln!(out, "  {:<interp_width$}  {geomean:.2}x  ({count} of {} workloads)", interpreter.name, m.workloads.len());
            }
            None => {
                let _ = writeln!(out, "  {:<interp_width$}  n/a", interpreter.name);
            }
        }
    }
    let _ = writeln!(out, "\n{:<interp_width$}  {:>14}  {:>14}  {:>11}  {:>11}  version", "interpreter", "startup median", "startup min", "binary", "stripped");
    for (i, interpreter) in m.interpreters.iter().enumerate() {
        let (median, min) = summary.startup[i].as_ref().map_or(("n/a".to_owned(), "n/a".to_owned()), |s| (format_ms(s.median), format_ms(s.min)));
        let _ = writeln!(
            out,
            "{:<interp_width$}  {median:>14}  {min:>14}  {:>11}  {:>11}  {}",
            interpreter.name,
            format_mib(interpreter.binary_size),
            format_mib(interpreter.stripped_size),
            interpreter.version
        );
    }
    for (name, reason) in &m.skipped {
        let _ = writeln!(out, "{name:<interp_width$}  skipped: {reason}");
    }
    let not_running = summary.not_running();
    if !not_running.is_empty() {
        let _ = writeln!(out, "\nnot running yet:");
        for (workload, interpreter, reason) in not_running {
            let _ = writeln!(out, "  {workload} under {interpreter}: {reason}");
        }
    }
    out
}

/// A Markdown table's header and rule lines: the `leading` text columns, then one
/// right-aligned column per interpreter.
pub fn markdown_table_header(leading: &[&str], m: &Measurements) -> String {
    let mut header = String::from("|");
    let mut rule = String::from("|");
    for column in leading {
        let _ = write!(header, " {column} |");
        rule.push_str("---|");
    }
    for interpreter in &m.interpreters {
        let _ = write!(header, " {} |", interpreter.name);
        rule.push_str("---:|");
    }
    format!("{header}\n{rule}")
}

/// The Markdown report: the same content, one column per interpreter.
pub fn markdown(summary: &Summary) -> String {
    let m = summary.m;
    let mut out = String::new();
    let _ = writeln!(out, "# swallow compare\n");
    let _ = writeln!(out, "{}.\n", summary.settings_line());
    let _ = writeln!(out, "{}\n", summary.legend());
    let _ = writeln!(out, "## Time (median, min) and speedup\n");
    let header = markdown_table_header(&["workload"], m);
    let _ = writeln!(out, "{header}");
    for (w, row) in summary.cells.iter().enumerate() {
        let _ = write!(out, "| {} |", m.workloads[w].name);
        for (i, cell) in row.iter().enumerate() {
            match cell {
                Cell::Measured(timing) => {
                    let mut text = format!("{} (min {})", format_ms(timing.time.median), format_ms(timing.time.min));
                    if i != m.reference {
                        let _ = write!(text, " {}", speedup_text(timing, "**"));
                    }
                    let _ = write!(out, " {text} |");
                }
                Cell::Failed(reason) => {
                    let _ = write!(out, " does not run: {} |", reason.replace('|', "\\|"));
                }
            }
        }
        out.push('\n');
    }
    let _ = write!(out, "| **geometric mean** |");
    for (i, _) in m.interpreters.iter().enumerate() {
        let text = if i == m.reference {
            "1.00x".to_owned()
        } else {
            summary.geomean[i].map_or("n/a".to_owned(), |(g, count)| format!("**{g:.2}x** ({count} workloads)"))
        };
        let _ = write!(out, " {text} |");
    }
    out.push_str("\n\n## Peak RSS\n\n");
    let _ = writeln!(out, "{header}");
    for (w, row) in summary.cells.iter().enumerate() {
        let _ = write!(out, "| {} |", m.workloads[w].name);
        for cell in row {
            let text = match cell {
                Cell::Measured(timing) => format_mib_from_kib(timing.peak_rss_kib),
                Cell::Failed(_) => "-".to_owned(),
            };
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n## Interpreters\n");
    let _ = writeln!(out, "| interpreter | version | startup median (`-c pass`) | startup min | binary (with libpython) | stripped | command |");
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---|");
    for (i, interpreter) in m.interpreters.iter().enumerate() {
        let (median, min) = summary.startup[i].as_ref().map_or(("n/a".to_owned(), "n/a".to_owned()), |s| (format_ms(s.median), format_ms(s.min)));
        let command: Vec<String> = interpreter.command.iter().map(|part| part.to_string_lossy().into_owned()).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {median} | {min} | {} | {} | `{}` |",
            interpreter.name,
            interpreter.version,
            format_mib(interpreter.binary_size),
            format_mib(interpreter.stripped_size),
            command.join(" ")
        );
    }
    for (name, reason) in &m.skipped {
        let _ = writeln!(out, "| {name} | skipped: {reason} | | | | | |");
    }
    let not_running = summary.not_running();
    if !not_running.is_empty() {
        let _ = writeln!(out, "\n## Not running yet\n");
        for (workload, interpreter, reason) in not_running {
            let _ = writeln!(out, "- `{workload}` under {interpreter}: {reason}");
        }
    }
    out
}

/// The JSON report: every sample, so other tools can redo the statistics.
pub fn json(summary: &Summary) -> serde_json::Value {
    let m = summary.m;
    let s = &m.settings;
    let interpreters: Vec<serde_json::Value> = m
        .interpreters
        .iter()
        .enumerate()
        .map(|(i, interpreter)| {
            json!({
                "name": interpreter.name,
                "version": interpreter.version,
                "command": interpreter.command.iter().map(|p| p.to_string_lossy().into_owned()).collect::<Vec<_>>(),
                "executable": interpreter.executable.as_ref().map(|p| p.display().to_string()),
                "binary_size_bytes": interpreter.binary_size,
                "stripped_size_bytes": interpreter.stripped_size,
                "startup_seconds": m.startup_seconds[i],
                "startup_median_seconds": summary.startup[i].as_ref().map(|s| s.median),
                "startup_min_seconds": summary.startup[i].as_ref().map(|s| s.min),
                "geometric_mean_speedup": summary.geomean[i].map(|(g, _)| g),
                "geometric_mean_workloads": summary.geomean[i].map(|(_, n)| n),
            })
        })
        .collect();
    let workloads: Vec<serde_json::Value> = summary
        .cells
        .iter()
        .enumerate()
        .map(|(w, row)| {
            let results: serde_json::Map<String, serde_json::Value> = row
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let value = match cell {
                        Cell::Measured(timing) => json!({
                            "status": "ok",
                            "seconds": m.runs[w][i].seconds,
                            "min_seconds": timing.time.min,
                            "median_seconds": timing.time.median,
                            "mean_seconds": timing.time.mean,
                            "stdev_seconds": timing.time.stdev,
                            "peak_rss_kib": timing.peak_rss_kib,
                            "speedup": timing.speedup,
                            "ci_low": timing.test.map(|t| t.low),
                            "ci_high": timing.test.map(|t| t.high),
                            "p_value": timing.test.map(|t| t.p_value),
                            "significant": timing.test.map(|t| t.significant()),
                        }),
                        Cell::Failed(reason) => json!({ "status": "failed", "reason": reason }),
                    };
                    (m.interpreters[i].name.clone(), value)
                })
                .collect();
            json!({ "name": m.workloads[w].name, "results": results })
        })
        .collect();
    json!({
        "schema": "swallow-compare/1",
        "reference": summary.reference_name(),
        "settings": {
            "quick": s.quick,
            "rounds": s.rounds,
            "warmup": s.warmup,
            "startup_runs": s.startup_runs,
            "pinned_cpu": s.pinned_cpu,
            "timeout_seconds": s.timeout.as_secs(),
            "swallow_profile": s.swallow_profile,
            "source_revision": s.source_revision,
            "started_at_unix": s.started_at_unix,
            "wall_time_seconds": s.wall_time.as_secs_f64(),
            "significance_level": stats::SIGNIFICANCE_LEVEL,
            "bootstrap_resamples": stats::BOOTSTRAP_RESAMPLES,
        },
        "interpreters": interpreters,
        "skipped": m.skipped.iter().map(|(name, reason)| json!({"name": name, "reason": reason})).collect::<Vec<_>>(),
        "workloads": workloads,
    })
}

/// Write `compare.md`, `compare.json` and `compare.svg` into `dir` (each to a temporary file
/// first, then renamed, so an interrupted run leaves the previous report intact).
pub fn write_all(summary: &Summary, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let json_text = serde_json::to_string_pretty(&json(summary)).context("serializing the JSON report")?;
    let files = vec![
        ("compare.md".to_owned(), markdown(summary)),
        ("compare.json".to_owned(), json_text + "\n"),
        ("compare.svg".to_owned(), chart::svg(summary)),
    ];
    crate::write_report_files(dir, files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::lto_and_pgo_measurements;

    fn timing(cell: &Cell) -> &Timing {
        match cell {
            Cell::Measured(timing) => timing,
            Cell::Failed(reason) => panic!("not measured: {reason}"),
        }
    }

    #[test]
    fn speedups_are_median_ratios_of_rounds_with_their_interval() {
        let mut m = lto_and_pgo_measurements();
        // The reference's last run slowed down 50% by another tenant: it moves the mean, not the
        // median of the per-round ratios (0.176/0.147, 0.178/0.148, 0.175/0.146, 0.265/0.149).
        m.runs[0][0].seconds = vec![0.176, 0.178, 0.175, 0.265];
        let summary = Summary::new(&m);
        let reference = timing(&summary.cells[0][0]);
        assert_eq!((reference.speedup, reference.test), (Some(1.0), None));
        let richards = timing(&summary.cells[0][1]);
        let speedup = richards.speedup.unwrap();
        assert!((speedup - (0.175 / 0.146 + 0.178 / 0.148) / 2.0).abs() < 1e-12, "{speedup}");
        let test = richards.test.unwrap();
        assert_eq!(test.speedup, speedup);
        assert!(test.significant() && test.low > 1.1 && test.low <= speedup && speedup <= test.high, "{test:?}");
        assert!(!timing(&summary.cells[1][1]).test.unwrap().significant());
    }

    #[test]
    fn reports_show_the_interval_and_the_significance_mark() {
        let mut m = lto_and_pgo_measurements();
        // Two runs of go under the reference: too few to test.
        m.runs[2][0].seconds.truncate(2);
        m.runs[2][1] = m.runs[2][0].clone();
        let summary = Summary::new(&m);
        let richards = timing(&summary.cells[0][1]).test.unwrap();
        let interval = format!("[{:.2}, {:.2}]", richards.low, richards.high);

        let table = terminal_table(&summary);
        assert!(table.contains(&format!("1.20x {interval} *")), "{table}");
        assert!(table.contains("] ~"), "{table}");
        assert!(table.contains("1.00x ?"), "{table}");
        assert!(table.contains("95% bootstrap interval"), "{table}");

        let markdown = markdown(&summary);
        assert!(markdown.contains(&format!("**1.20x** {interval} *")), "{markdown}");
        assert!(markdown.contains("**1.00x** ?"), "{markdown}");

        let json = json(&summary);
        let result = |w: usize, name: &str| json["workloads"][w]["results"][name].clone();
        assert_eq!(result(0, "swallow-pgo")["ci_low"], richards.low);
        assert_eq!(result(0, "swallow-pgo")["ci_high"], richards.high);
        assert_eq!(result(0, "swallow-pgo")["p_value"], richards.p_value);
        assert_eq!(result(0, "swallow-pgo")["significant"], true);
        assert_eq!(result(1, "swallow-pgo")["significant"], false);
        assert!(result(0, "swallow-lto")["ci_low"].is_null() && result(2, "swallow-pgo")["p_value"].is_null());
        assert_eq!(json["settings"]["bootstrap_resamples"], stats::BOOTSTRAP_RESAMPLES);
    }
}
