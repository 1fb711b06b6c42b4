//! The Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998) as CPython's `random` module
//! uses it: seeding by `init_by_array` from an integer's 32-bit words, 53-bit floats from two
//! draws, and `getrandbits` from little-endian 32-bit words.

use num_bigint::{BigInt, Sign};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

#[derive(Clone)]
pub struct Mt19937 {
    state: [u32; N],
    /// Index of the next word to temper; N means "regenerate first".
    index: usize,
}

impl Mt19937 {
    /// A generator seeded with `init_genrand(seed)`.
    pub fn new(seed: u32) -> Mt19937 {
        let mut mt = Mt19937 { state: [0; N], index: N };
        mt.init_genrand(seed);
        mt
    }

    fn init_genrand(&mut self, seed: u32) {
        self.state[0] = seed;
        for i in 1..N {
            let previous = self.state[i - 1];
            self.state[i] = 1_812_433_253u32.wrapping_mul(previous ^ (previous >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Seed from an array of 32-bit words (the reference `init_by_array`).
    pub fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let key_len = key.len().max(1);
        let mut i = 1usize;
        let mut j = 0usize;
        for _ in 0..N.max(key_len) {
            let previous = self.state[i - 1];
            let word = key.get(j).copied().unwrap_or(0);
            self.state[i] = (self.state[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(word)
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= key_len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let previous = self.state[i - 1];
            self.state[i] =
                (self.state[i] ^ (previous ^ (previous >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    /// Seed from a non-negative integer like CPython: its 32-bit words, least significant
    /// first (zero gives the single word 0).
    pub fn seed_from_int(&mut self, magnitude: &BigInt) {
        let (_, mut words) = magnitude.to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        self.init_by_array(&words);
    }

    fn regenerate(&mut self) {
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        for k in 0..N - M {
            let y = (self.state[k] & UPPER_MASK) | (self.state[k + 1] & LOWER_MASK);
            self.state[k] = self.state[k + M] ^ (y >> 1) ^ mag(y);
        }
        for k in N - M..N - 1 {
            let y = (self.state[k] & UPPER_MASK) | (self.state[k + 1] & LOWER_MASK);
            self.state[k] = self.state[k + M - N] ^ (y >> 1) ^ mag(y);
        }
        let y = (self.state[N - 1] & UPPER_MASK) | (self.state[0] & LOWER_MASK);
        self.state[N - 1] = self.state[M - 1] ^ (y >> 1) ^ mag(y);
        self.index = 0;
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.regenerate();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// A float in [0, 1) with 53 random bits (`random.random()`).
    pub fn next_f64(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for k >= 1: whole words little-endian, the last one shifted down.
    pub fn random_bits(&mut self, k: u64) -> BigInt {
        if k <= 32 {
            return BigInt::from(self.next_u32() >> (32 - k));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut digits = Vec::with_capacity(words);
        let mut remaining = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if remaining < 32 {
                r >>= 32 - remaining;
            }
            digits.push(r);
            remaining = remaining.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &digits)
    }

    /// The 624 state words and the position (`getstate()`'s inner tuple).
    pub fn state(&self) -> (&[u32; N], usize) {
        (&self.state, self.index)
    }

    /// Restore a state from `getstate()`; `None` when the position is out of range.
    pub fn set_state(&mut self, words: &[u32], index: usize) -> Option<()> {
        if words.len() != N || index > N {
            return None;
        }
        self.state.copy_from_slice(words);
        self.index = index;
        Some(())
    }
}

/// How many state words there are (the inner state tuple has one more entry: the position).
pub const STATE_WORDS: usize = N;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_outputs_of_init_genrand() {
        // The first outputs of the reference implementation seeded with 5489.
        let mut mt = Mt19937::new(5489);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [3_499_211_612, 581_869_302, 3_890_346_734, 3_586_334_585, 545_404_204]);
    }

    #[test]
    fn reference_outputs_of_init_by_array() {
        // mt19937ar.out: init_by_array({0x123, 0x234, 0x345, 0x456}).
        let mut mt = Mt19937::new(0);
        mt.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476]);
    }

    #[test]
    fn python_seed_42_random() {
        // random.seed(42); random.random() in CPython.
        let mut mt = Mt19937::new(0);
        mt.seed_from_int(&BigInt::from(42));
        assert_eq!(mt.next_f64(), 0.6394267984578837);
        assert_eq!(mt.next_f64(), 0.025010755222666936);
    }
}
