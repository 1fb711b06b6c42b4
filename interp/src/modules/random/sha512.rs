//! SHA-512 (FIPS 180-4), needed to seed `random` from a str/bytes the way CPython does
//! (`int.from_bytes(a + sha512(a).digest())`). The round constants and initial hash are
//! derived at first use from their definition (fractional bits of cube and square roots of the
//! first primes) with exact integer roots.

use std::sync::OnceLock;

use num_bigint::BigUint;
use num_traits::ToPrimitive;

struct Constants {
    k: [u64; 80],
    h: [u64; 8],
}

fn first_primes(n: usize) -> Vec<u64> {
    let mut primes = Vec::with_capacity(n);
    let mut candidate = 2u64;
    while primes.len() < n {
        if primes.iter().take_while(|&&p| p * p <= candidate).all(|&p| candidate % p != 0) {
            primes.push(candidate);
        }
        candidate += 1;
    }
    primes
}

/// The low 64 bits of floor(root(p) * 2**64): the first 64 fractional bits of the root.
fn fraction_bits(p: u64, cube: bool) -> u64 {
    let big = BigUint::from(p);
    let root = if cube { (big << 192usize).cbrt() } else { (big << 128usize).sqrt() };
    let low: BigUint = root & BigUint::from(u64::MAX);
    low.to_u64().unwrap_or(0)
}

fn constants() -> &'static Constants {
    static CONSTANTS: OnceLock<Constants> = OnceLock::new();
    CONSTANTS.get_or_init(|| {
        let primes = first_primes(80);
        let mut k = [0u64; 80];
        for (slot, &p) in k.iter_mut().zip(primes.iter()) {
            *slot = fraction_bits(p, true);
        }
        let mut h = [0u64; 8];
        for (slot, &p) in h.iter_mut().zip(primes.iter()) {
            *slot = fraction_bits(p, false);
        }
        Constants { k, h }
    })
}

/// The SHA-512 digest of `data`.
pub fn digest(data: &[u8]) -> [u8; 64] {
    let c = constants();
    let mut h = c.h;
    let mut message = data.to_vec();
    let bit_len = (data.len() as u128).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 128 != 112 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks_exact(128) {
        let mut w = [0u64; 80];
        for (i, word) in block.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(word);
            w[i] = u64::from_be_bytes(b);
        }
        for t in 16..80 {
            let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
            let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16].wrapping_add(s0).wrapping_add(w[t - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut cc, mut d, mut e, mut f, mut g, mut hh] = h;
        for t in 0..80 {
            let big_s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(big_s1).wrapping_add(ch).wrapping_add(c.k[t]).wrapping_add(w[t]);
            let big_s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b) ^ (a & cc) ^ (b & cc);
            let t2 = big_s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = cc;
            cc = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (slot, v) in h.iter_mut().zip([a, b, cc, d, e, f, g, hh]) {
            *slot = slot.wrapping_add(v);
        }
    }
    let mut out = [0u8; 64];
    for (chunk, word) in out.chunks_exact_mut(8).zip(h.iter()) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn known_digests() {
        assert_eq!(
            hex(&digest(b"abc")),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
             2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        assert_eq!(constants().k[0], 0x428a2f98d728ae22);
        assert_eq!(constants().h[0], 0x6a09e667f3bcc908);
        assert_eq!(hex(&digest(b"")).len(), 128);
    }
}
