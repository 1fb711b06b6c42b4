//! SVG speedup charts: for each workload, one horizontal bar per interpreter (or build) showing
//! its speedup against the reference on a log2 axis centred on 1x (bars right of the centre
//! line are faster, left slower), with the geometric mean as the last group. Used by `compare`
//! and `pgo-build`.

use std::fmt::Write as _;

use super::report::{Cell, Summary};

const PALETTE: &[&str] = &["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const LABEL_WIDTH: f64 = 170.0;
const PLOT_WIDTH: f64 = 620.0;
const RIGHT_MARGIN: f64 = 70.0;
const BAR_HEIGHT: f64 = 11.0;
const GROUP_GAP: f64 = 9.0;
const TOP: f64 = 62.0;

/// One row group of the chart: a label and, per series, its speedup or why there is none.
pub struct Group {
    pub label: String,
    pub bars: Vec<Result<f64, String>>,
}

/// Render the chart of a comparison's `summary` as a standalone SVG document.
pub fn svg(summary: &Summary) -> String {
    let m = summary.m;
    let shown: Vec<usize> = (0..m.interpreters.len()).filter(|&i| i != m.reference).collect();
    let mut groups = workload_groups(summary, &shown, |name| name.to_owned());
    groups.push(Group {
        label: "geometric mean".to_owned(),
        bars: shown.iter().map(|&i| summary.geomean[i].map(|(g, _)| g).ok_or_else(|| "n/a".to_owned())).collect(),
    });
    let series: Vec<String> = shown.iter().map(|&i| m.interpreters[i].name.clone()).collect();
    let title = format!("Speedup against {} (log scale; right of 1x is faster)", m.interpreters[m.reference].name);
    speedup_chart(&title, &series, &groups)
}

/// One group per workload of `summary`, labelled by `label(name)`, with a bar per interpreter
/// in `shown`: its speedup against the reference, or why there is none.
pub fn workload_groups(summary: &Summary, shown: &[usize], label: impl Fn(&str) -> String) -> Vec<Group> {
    summary
        .cells
        .iter()
        .enumerate()
        .map(|(w, row)| Group {
            label: label(&summary.m.workloads[w].name),
            bars: shown
                .iter()
                .map(|&i| match &row[i] {
                    Cell::Measured(timing) => timing.speedup.ok_or_else(|| "no reference time".to_owned()),
                    Cell::Failed(_) => Err("does not run".to_owned()),
                })
                .collect(),
        })
        .collect()
}

/// A horizontal bar chart of speedups: one group per label, one bar per series, on a log2
/// axis centred on 1x. The last group is drawn in bold (a summary row such as a geometric
/// mean).
pub fn speedup_chart(title: &str, series: &[String], groups: &[Group]) -> String {
    // A symmetric log2 axis wide enough for every bar: at least 1/2x .. 2x.
    let extent = groups
        .iter()
        .flat_map(|g| g.bars.iter())
        .filter_map(|bar| bar.as_ref().ok())
        .map(|speedup| speedup.log2().abs() + 0.3) // room for the value label
        .fold(1.0_f64, f64::max)
        .ceil()
        .min(10.0);
    let centre = LABEL_WIDTH + PLOT_WIDTH / 2.0;
    let x_of = |speedup: f64| centre + speedup.log2().clamp(-extent, extent) / extent * (PLOT_WIDTH / 2.0);

    let group_height = series.len().max(1) as f64 * BAR_HEIGHT + GROUP_GAP;
    let plot_bottom = TOP + groups.len() as f64 * group_height;
    let width = LABEL_WIDTH + PLOT_WIDTH + RIGHT_MARGIN;
    let height = plot_bottom + 40.0;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(out, r#"<text x="{}" y="18" font-size="14" font-weight="bold">{}</text>"#, LABEL_WIDTH, escape(title));
    // Legend: one swatch per series.
    let mut legend_x = LABEL_WIDTH;
    for (k, name) in series.iter().enumerate() {
        let _ = writeln!(out, r#"<rect x="{legend_x}" y="28" width="12" height="12" fill="{}"/>"#, colour(k));
        let _ = writeln!(out, r#"<text x="{}" y="38">{}</text>"#, legend_x + 16.0, escape(name));
        legend_x += 30.0 + 7.0 * name.len() as f64;
    }
    // Grid lines at powers of two.
    let extent_steps = extent as i32;
    for power in -extent_steps..=extent_steps {
        let speedup = 2f64.powi(power);
        let x = x_of(speedup);
        let (stroke, dash) = if power == 0 { ("#333", "") } else { ("#ccc", r#" stroke-dasharray="3,3""#) };
        let _ = writeln!(out, r#"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{plot_bottom}" stroke="{stroke}"{dash}/>"#, TOP - 6.0);
        let _ = writeln!(out, r##"<text x="{x:.1}" y="{}" text-anchor="middle" fill="#555">{}</text>"##, plot_bottom + 14.0, axis_label(speedup));
    }
    for (g, group) in groups.iter().enumerate() {
        let group_top = TOP + g as f64 * group_height;
        let weight = if g + 1 == groups.len() { r#" font-weight="bold""# } else { "" };
        let label_y = group_top + series.len() as f64 * BAR_HEIGHT / 2.0 + 4.0;
        let _ = writeln!(out, r#"<text x="{}" y="{label_y:.1}" text-anchor="end"{weight}>{}</text>"#, LABEL_WIDTH - 8.0, escape(&group.label));
        for (k, bar) in group.bars.iter().enumerate() {
            let y = group_top + k as f64 * BAR_HEIGHT;
            match bar {
                Ok(speedup) => {
                    let end = x_of(*speedup);
                    let (x, w) = if end >= centre { (centre, end - centre) } else { (end, centre - end) };
                    let _ = writeln!(
                        out,
                        r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}: {speedup:.2}x</title></rect>"#,
                        w.max(0.5),
                        BAR_HEIGHT - 2.0,
                        colour(k),
                        escape(series.get(k).map_or("", String::as_str))
                    );
                    let (text_x, anchor) = if end >= centre { (end + 3.0, "start") } else { (end - 3.0, "end") };
                    let _ = writeln!(
                        out,
                        r#"<text x="{text_x:.1}" y="{:.1}" text-anchor="{anchor}" font-size="9">{speedup:.2}x</text>"#,
                        y + BAR_HEIGHT - 3.0
                    );
                }
                Err(reason) => {
                    let _ = writeln!(
                        out,
                        r#"<text x="{:.1}" y="{:.1}" font-size="9" fill="{}">{} {}</text>"#,
                        centre + 3.0,
                        y + BAR_HEIGHT - 3.0,
                        colour(k),
                        escape(series.get(k).map_or("", String::as_str)),
                        escape(reason)
                    );
                }
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

fn colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

fn axis_label(speedup: f64) -> String {
    if speedup >= 1.0 {
        format!("{speedup:.0}x")
    } else {
        format!("1/{:.0}x", 1.0 / speedup)
    }
}

/// Escape text for SVG character data and attribute values.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"a<b>&"c""#), "a&lt;b&gt;&amp;&quot;c&quot;");
    }

    #[test]
    fn axis_labels_read_as_ratios() {
        assert_eq!(axis_label(4.0), "4x");
        assert_eq!(axis_label(1.0), "1x");
        assert_eq!(axis_label(0.25), "1/4x");
    }
}
