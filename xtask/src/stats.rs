//! Statistics for benchmark timings: sample summaries, Welch's unequal-variance t-test (with the
//! Student t distribution computed from the regularized incomplete beta function) and the
//! geometric mean of ratios. Shared by `compare` and `pgo-build`.

/// Significance level of the two-sided tests: a difference with p below this is reported.
pub const SIGNIFICANCE_LEVEL: f64 = 0.05;

/// Summary statistics of one set of samples (seconds, bytes, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    pub median: f64,
    /// Sample standard deviation (n - 1 denominator); 0 for fewer than two samples.
    pub stdev: f64,
}

impl Summary {
    /// `None` for an empty sample.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        if samples.is_empty() {
            return None;
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let count = sorted.len();
        let mean = sorted.iter().sum::<f64>() / count as f64;
        let median = if count % 2 == 1 { sorted[count / 2] } else { (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0 };
        Some(Summary { count, min: sorted[0], max: sorted[count - 1], mean, median, stdev: sample_variance(&sorted, mean).sqrt() })
    }
}

fn sample_variance(samples: &[f64], mean: f64) -> f64 {
    if samples.len() < 2 {
        return 0.0;
    }
    samples.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (samples.len() - 1) as f64
}

/// The result of Welch's t-test on two independent samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TTest {
    pub t: f64,
    /// Welch-Satterthwaite degrees of freedom.
    pub degrees_of_freedom: f64,
    /// Two-sided p-value: the chance of a difference at least this large if the means were equal.
    pub p_value: f64,
}

impl TTest {
    pub fn significant(&self) -> bool {
        self.p_value < SIGNIFICANCE_LEVEL
    }
}

/// Welch's t-test of "the means of `a` and `b` are equal". `None` when either sample has fewer
/// than two values (no variance estimate, so no test).
pub fn welch_t_test(a: &[f64], b: &[f64]) -> Option<TTest> {
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let (n_a, n_b) = (a.len() as f64, b.len() as f64);
    let mean_a = a.iter().sum::<f64>() / n_a;
    let mean_b = b.iter().sum::<f64>() / n_b;
    let se2_a = sample_variance(a, mean_a) / n_a;
    let se2_b = sample_variance(b, mean_b) / n_b;
    let se2 = se2_a + se2_b;
    if se2 == 0.0 {
        // Both samples are constant: the difference is certain, or there is none.
        let p_value = if mean_a == mean_b { 1.0 } else { 0.0 };
        let t = if mean_a == mean_b { 0.0 } else { f64::INFINITY.copysign(mean_a - mean_b) };
        return Some(TTest { t, degrees_of_freedom: n_a + n_b - 2.0, p_value });
    }
    let t = (mean_a - mean_b) / se2.sqrt();
    let degrees_of_freedom = se2 * se2 / (se2_a * se2_a / (n_a - 1.0) + se2_b * se2_b / (n_b - 1.0));
    Some(TTest { t, degrees_of_freedom, p_value: student_t_two_sided_p(t, degrees_of_freedom) })
}

/// P(|T| >= |t|) for Student's t distribution with `df` degrees of freedom.
pub fn student_t_two_sided_p(t: f64, df: f64) -> f64 {
    if !t.is_finite() {
        return 0.0;
    }
    let x = df / (df + t * t);
    regularized_incomplete_beta(x, df / 2.0, 0.5).clamp(0.0, 1.0)
}

/// The geometric mean of positive values; `None` when there are none.
pub fn geometric_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| *v <= 0.0 || !v.is_finite()) {
        return None;
    }
    Some((values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp())
}

/// ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, nine terms; about 15 digits).
fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut series = COEFFICIENTS[0];
    for (i, coefficient) in COEFFICIENTS.iter().enumerate().skip(1) {
        series += coefficient / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + series.ln()
}

/// I_x(a, b), the regularized incomplete beta function, for 0 <= x <= 1 and a, b > 0.
fn regularized_incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    // The continued fraction converges quickly for x below the mean a / (a + b); use the
    // symmetry I_x(a, b) = 1 - I_{1-x}(b, a) above it.
    if x < (a + 1.0) / (a + b + 2.0) {
        ln_front.exp() * beta_continued_fraction(x, a, b) / a
    } else {
        1.0 - ln_front.exp() * beta_continued_fraction(1.0 - x, b, a) / b
    }
}

/// The continued fraction of the incomplete beta function, evaluated with the modified Lentz
/// method.
fn beta_continued_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    const EPSILON: f64 = 1e-15;
    const MAX_TERMS: usize = 500;
    let guard = |value: f64| if value.abs() < TINY { TINY } else { value };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut fraction = d;
    for m in 1..=MAX_TERMS {
        let m = m as f64;
        // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
        let even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        fraction *= d * c;
        // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
        let odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let step = d * c;
        fraction *= step;
        if (step - 1.0).abs() < EPSILON {
            break;
        }
    }
    fraction
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
        (actual - expected).abs() <= tolerance
    }

    #[test]
    fn summary_of_samples() {
        let summary = Summary::of(&[3.0, 1.0, 4.0, 1.0, 5.0]).unwrap();
        assert_eq!((summary.count, summary.min, summary.max, summary.median), (5, 1.0, 5.0, 3.0));
        assert!(close(summary.mean, 2.8, 1e-12));
        assert!(close(summary.stdev, 1.788_854_381_999_831_8, 1e-12));
        assert_eq!(Summary::of(&[2.0, 4.0]).unwrap().median, 3.0);
        assert_eq!(Summary::of(&[]), None);
    }

    #[test]
    fn ln_gamma_matches_factorials() {
        // Γ(n) = (n - 1)!
        assert!(close(ln_gamma(1.0), 0.0, 1e-13));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-12));
        assert!(close(ln_gamma(11.0), 3_628_800f64.ln(), 1e-11));
        assert!(close(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-13));
    }

    #[test]
    fn student_t_matches_table_values() {
        // Two-sided critical values from the t table: P(|T| >= t) = 0.05 and 0.01.
        assert!(close(student_t_two_sided_p(12.706, 1.0), 0.05, 1e-4));
        assert!(close(student_t_two_sided_p(2.228, 10.0), 0.05, 1e-4));
        assert!(close(student_t_two_sided_p(3.169, 10.0), 0.01, 1e-4));
        assert!(close(student_t_two_sided_p(2.042, 30.0), 0.05, 1e-4));
        assert!(close(student_t_two_sided_p(1.960, 1e6), 0.05, 1e-4));
        assert_eq!(student_t_two_sided_p(0.0, 7.0), 1.0);
    }

    #[test]
    fn welch_test_separates_distinct_samples_only() {
        let slow = [1.00, 1.02, 0.99, 1.01, 1.03, 0.98];
        let fast = [0.80, 0.82, 0.79, 0.81, 0.80, 0.83];
        let noisy_same = [1.01, 0.97, 1.04, 0.99, 1.00, 1.02];
        assert!(welch_t_test(&slow, &fast).unwrap().significant());
        assert!(!welch_t_test(&slow, &noisy_same).unwrap().significant());
        assert_eq!(welch_t_test(&[1.0], &fast), None);
        // Constant samples: certain when they differ, no difference when equal.
        assert_eq!(welch_t_test(&[1.0, 1.0], &[2.0, 2.0]).unwrap().p_value, 0.0);
        assert_eq!(welch_t_test(&[1.0, 1.0], &[1.0, 1.0]).unwrap().p_value, 1.0);
    }

    #[test]
    fn welch_test_matches_a_worked_example() {
        // Means 20 and 22, variances 2.5 and 17/6, n = 5 and 4. The reference values are from
        // mpmath (betainc, 15 digits).
        let test = welch_t_test(&[18.0, 19.0, 20.0, 21.0, 22.0], &[20.0, 21.5, 22.5, 24.0]).unwrap();
        assert!(close(test.t, -1.819_435_304_589_368, 1e-12));
        assert!(close(test.degrees_of_freedom, 6.355_163_727_959_7, 1e-9));
        assert!(close(test.p_value, 0.115_959_757_396_415, 1e-10));
    }

    #[test]
    fn geometric_mean_of_ratios() {
        assert!(close(geometric_mean(&[2.0, 8.0]).unwrap(), 4.0, 1e-12));
        assert!(close(geometric_mean(&[0.5, 2.0]).unwrap(), 1.0, 1e-12));
        assert_eq!(geometric_mean(&[]), None);
        assert_eq!(geometric_mean(&[1.0, 0.0]), None);
    }
}
