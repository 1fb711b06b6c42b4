//! Statistics for benchmark timings: sample summaries, a percentile bootstrap of the median
//! per-round ratio of two builds' times (the speedup, its 95% interval and p-value; resampled
//! with a fixed-seed SplitMix64, so the same samples always give the same answer) and the
//! geometric mean of ratios.
//! Shared by `compare` and `pgo-build`.

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
        let median = median_of_sorted(&sorted);
        Some(Summary { count, min: sorted[0], max: sorted[count - 1], mean, median, stdev: sample_variance(&sorted, mean).sqrt() })
    }
}

/// The median of a non-empty, sorted sample.
fn median_of_sorted(sorted: &[f64]) -> f64 {
    let count = sorted.len();
    if count % 2 == 1 {
        sorted[count / 2]
    } else {
        (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0
    }
}

/// The median of a non-empty sample.
fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    median_of_sorted(&sorted)
}

fn sample_variance(samples: &[f64], mean: f64) -> f64 {
    if samples.len() < 2 {
        return 0.0;
    }
    samples.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (samples.len() - 1) as f64
}

/// How many times the bootstrap resamples the rounds.
pub const BOOTSTRAP_RESAMPLES: usize = 10_000;

/// The fewest rounds for a bootstrap test: resampling fewer has too little to draw from (with
/// two, every resampled median is one of two values or their mean).
pub const MIN_SAMPLES_FOR_TEST: usize = 3;

/// The bootstrap generator's fixed seed, so the same samples always give the same interval.
const BOOTSTRAP_SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// A percentile bootstrap of the median per-round ratio of two builds' times.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BootstrapTest {
    /// The median over rounds of reference time / other time: above 1, the other is faster.
    pub speedup: f64,
    /// The 95% interval of the speedup: the 2.5th and 97.5th percentiles of the resampled medians.
    pub low: f64,
    pub high: f64,
    /// Two-sided p-value: twice the smaller share of resampled medians on either side of 1, at most 1.
    pub p_value: f64,
}

impl BootstrapTest {
    /// The interval excludes 1; the same as `p_value < SIGNIFICANCE_LEVEL`.
    pub fn significant(&self) -> bool {
        self.low > 1.0 || self.high < 1.0
    }
}

/// The speedup of `other` over `reference` from runs paired by round: `reference[i]` and
/// `other[i]` ran back to back in round `i` (`compare` interleaves them), so a slow spell of the
/// machine that lasts a few seconds slows both and cancels in their ratio. The speedup is the
/// median of the per-round ratios (a round where only one run was disturbed cannot swing it);
/// its interval is a percentile bootstrap: the rounds are resampled with replacement
/// `BOOTSTRAP_RESAMPLES` times and the median ratio taken each time. `None` without the same
/// number of runs on both sides, with fewer than `MIN_SAMPLES_FOR_TEST` rounds, or with a value
/// that is not a positive time.
pub fn bootstrap_paired_ratio(reference: &[f64], other: &[f64]) -> Option<BootstrapTest> {
    let usable = |samples: &[f64]| samples.len() >= MIN_SAMPLES_FOR_TEST && samples.iter().all(|x| x.is_finite() && *x > 0.0);
    if reference.len() != other.len() || !usable(reference) || !usable(other) {
        return None;
    }
    let ratios: Vec<f64> = reference.iter().zip(other).map(|(r, o)| r / o).collect();
    let mut rng = SplitMix64(BOOTSTRAP_SEED);
    let mut scratch = Vec::with_capacity(ratios.len());
    let mut medians: Vec<f64> = (0..BOOTSTRAP_RESAMPLES).map(|_| resampled_median(&ratios, &mut rng, &mut scratch)).collect();
    medians.sort_by(f64::total_cmp);
    // With B resamples and level alpha, each tail holds B * alpha / 2 medians (250 of 10,000): the
    // 2.5th percentile is the 250th smallest, the 97.5th the 250th largest. So the interval
    // excludes 1 exactly when fewer than 250 medians lie on one side of 1, which is p < alpha.
    let tail = (BOOTSTRAP_RESAMPLES as f64 * SIGNIFICANCE_LEVEL / 2.0).round() as usize;
    let at_most_one = medians.partition_point(|&m| m <= 1.0);
    let at_least_one = medians.len() - medians.partition_point(|&m| m < 1.0);
    let p_value = (2.0 * at_most_one.min(at_least_one) as f64 / medians.len() as f64).min(1.0);
    Some(BootstrapTest { speedup: median(&ratios), low: medians[tail - 1], high: medians[medians.len() - tail], p_value })
}

/// The median of a resample of `samples` (drawn with replacement, same size), built in `scratch`.
fn resampled_median(samples: &[f64], rng: &mut SplitMix64, scratch: &mut Vec<f64>) -> f64 {
    scratch.clear();
    scratch.extend((0..samples.len()).map(|_| samples[rng.below(samples.len())]));
    scratch.sort_by(f64::total_cmp);
    median_of_sorted(scratch)
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator with good statistical quality,
/// ample for drawing resamples.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform index below `n`, by multiply-shift (its bias, at most n / 2^64, is negligible).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// The geometric mean of positive values; `None` when there are none.
pub fn geometric_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| *v <= 0.0 || !v.is_finite()) {
        return None;
    }
    Some((values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{CLOSURES_CALLS_LTO, CLOSURES_CALLS_PGO};

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
    fn one_outlier_does_not_hide_a_consistent_slowdown() {
        // Welch's t-test on these gave p = 0.376 (see CLOSURES_CALLS_LTO).
        let test = bootstrap_paired_ratio(&CLOSURES_CALLS_LTO, &CLOSURES_CALLS_PGO).unwrap();
        // The median of the seven per-round ratios is round 5's.
        assert!(close(test.speedup, 0.8446 / 0.9201, 1e-12), "{test:?}");
        assert!(test.significant() && test.high < 1.0, "{test:?}");
        assert!(test.p_value < SIGNIFICANCE_LEVEL, "{test:?}");
        assert!(test.low > 0.75 && test.high < 0.95, "{test:?}");
    }

    #[test]
    fn pairing_by_round_cancels_a_slow_spell_that_hits_both_builds() {
        // serializer in a full pgo-build run: the machine went through slow spells lasting
        // several runs (rounds 1, 2, 5 and 6), slowing both builds alike. Unpaired, the spells
        // spread each build's times over 1.2-2.0 s; paired, every round shows the same gain.
        let lto = [1.97, 1.92, 1.34, 1.35, 1.92, 1.92, 1.45, 1.41, 1.40, 1.62];
        let pgo = [1.58, 1.53, 1.19, 1.20, 1.54, 1.60, 1.23, 1.23, 1.23, 1.25];
        let test = bootstrap_paired_ratio(&lto, &pgo).unwrap();
        assert!(test.significant() && test.low > 1.1 && test.high < 1.3, "{test:?}");
        assert!(test.low <= test.speedup && test.speedup <= test.high, "{test:?}");
        // A constant 5% gain under the same spells: each round's ratio is 1.05 exactly.
        let faster: Vec<f64> = lto.iter().map(|t| t / 1.05).collect();
        let test = bootstrap_paired_ratio(&lto, &faster).unwrap();
        assert!(close(test.low, 1.05, 1e-9) && close(test.high, 1.05, 1e-9) && test.significant(), "{test:?}");
    }

    /// `count` simulated times around `centre`: uniform noise of +-3% and, `with_bursts`, about one
    /// run in five 40% slower (another tenant took the CPU); drawn from a generator seeded with
    /// `seed`.
    fn simulated_times(centre: f64, count: usize, with_bursts: bool, seed: u64) -> Vec<f64> {
        let mut rng = SplitMix64(seed);
        (0..count)
            .map(|_| {
                let noise = 0.97 + 0.06 * (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                let burst = if with_bursts && rng.below(5) == 0 { 1.4 } else { 1.0 };
                centre * noise * burst
            })
            .collect()
    }

    #[test]
    fn samples_of_the_same_distribution_are_not_significant() {
        let tests: Vec<BootstrapTest> =
            (0..40).map(|pair| bootstrap_paired_ratio(&simulated_times(1.0, 10, true, 2 * pair), &simulated_times(1.0, 10, true, 2 * pair + 1)).unwrap()).collect();
        let false_alarms = tests.iter().filter(|t| t.significant()).count();
        assert!(false_alarms <= 4, "{false_alarms} of 40 pairs from one distribution called significant");
        assert!(tests.iter().all(|t| t.low < t.high), "{tests:?}");
    }

    #[test]
    fn separated_samples_give_an_interval_around_the_true_ratio() {
        // The reference takes 1.25 times as long: a speedup of 1.25.
        for seed in 0..10 {
            let test = bootstrap_paired_ratio(&simulated_times(1.0, 10, false, 100 + seed), &simulated_times(0.8, 10, false, 200 + seed)).unwrap();
            assert!(test.significant() && test.low > 1.0, "{test:?}");
            assert!(test.low <= 1.25 && 1.25 <= test.high, "{test:?}");
            assert!(test.low <= test.speedup && test.speedup <= test.high, "{test:?}");
            assert!(test.high - test.low < 0.15, "{test:?}");
        }
    }

    #[test]
    fn fewer_than_three_samples_give_no_test() {
        let three = [1.0, 1.1, 1.2];
        assert_eq!(bootstrap_paired_ratio(&[1.0, 1.1], &three), None);
        assert_eq!(bootstrap_paired_ratio(&three, &[0.5]), None);
        assert_eq!(bootstrap_paired_ratio(&[], &three), None);
        // Runs are paired by round: both sides need the same number.
        assert_eq!(bootstrap_paired_ratio(&[1.0, 1.1, 1.2, 1.3], &three), None);
        assert!(bootstrap_paired_ratio(&three, &three).is_some());
        // A ratio of times needs positive times.
        assert_eq!(bootstrap_paired_ratio(&three, &[1.0, 0.0, 1.0]), None);
    }

    #[test]
    fn the_same_samples_give_the_same_result() {
        let (a, b) = (simulated_times(1.0, 8, true, 7), simulated_times(0.97, 8, true, 8));
        assert_eq!(bootstrap_paired_ratio(&a, &b), bootstrap_paired_ratio(&a, &b));
        assert_eq!(bootstrap_paired_ratio(&CLOSURES_CALLS_LTO, &CLOSURES_CALLS_PGO), bootstrap_paired_ratio(&CLOSURES_CALLS_LTO, &CLOSURES_CALLS_PGO));
    }

    #[test]
    fn the_p_value_and_the_interval_agree() {
        // From no difference to a clear one, through the borderline cases.
        for step in 0..30 {
            let other_centre = 1.0 - 0.005 * step as f64;
            let test = bootstrap_paired_ratio(&simulated_times(1.0, 7, true, 300 + step), &simulated_times(other_centre, 7, true, 400 + step)).unwrap();
            assert_eq!(test.significant(), test.p_value < SIGNIFICANCE_LEVEL, "{test:?}");
        }
        // Constant samples: every resampled ratio is the same.
        let certain = bootstrap_paired_ratio(&[2.0; 3], &[1.0; 3]).unwrap();
        assert_eq!((certain.speedup, certain.low, certain.high, certain.p_value), (2.0, 2.0, 2.0, 0.0));
        assert!(certain.significant());
        let equal = bootstrap_paired_ratio(&[1.0; 3], &[1.0; 3]).unwrap();
        assert_eq!((equal.low, equal.high, equal.p_value), (1.0, 1.0, 1.0));
        assert!(!equal.significant());
    }

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // The first outputs of the reference implementation seeded with 1234567.
        let mut rng = SplitMix64(1_234_567);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(first, [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423]);
    }

    #[test]
    fn geometric_mean_of_ratios() {
        assert!(close(geometric_mean(&[2.0, 8.0]).unwrap(), 4.0, 1e-12));
        assert!(close(geometric_mean(&[0.5, 2.0]).unwrap(), 1.0, 1e-12));
        assert_eq!(geometric_mean(&[]), None);
        assert_eq!(geometric_mean(&[1.0, 0.0]), None);
    }
}
