//! Shapley values of a cooperative game: exact for small coalitions, sampled beyond.

use super::rng::SplitMix64;
use crate::error::{Error, Result};

/// Largest number of players [`shapley_exact`] accepts (2²⁰ coalitions).
pub const MAX_EXACT_PLAYERS: usize = 20;

/// Exact Shapley values of an `n`-player game.
///
/// `φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S))`, computed from the
/// `2ⁿ` coalition values. The values are *efficient* (they sum to `v(N) − v(∅)`), *symmetric*
/// (interchangeable players get the same value) and give 0 to *null players*.
///
/// # Arguments
/// * `n` — number of players (≤ [`MAX_EXACT_PLAYERS`]).
/// * `v` — the characteristic function: `v(members)` with `members[i]` true when player `i` is
///   in the coalition.
///
/// # Returns
/// One value per player. Errors: `limit_exceeded` when `n > 20` (use [`shapley_sampled`]).
///
/// # Complexity
/// O(2ⁿ · n) time (2ⁿ calls of `v`), O(2ⁿ) space.
///
/// # Example
/// ```
/// use kechuang::impact::shapley_exact;
/// // glove game: player 0 has a left glove, players 1 and 2 right gloves; a pair is worth 1
/// let phi = shapley_exact(3, |s: &[bool]| if s[0] && (s[1] || s[2]) { 1.0 } else { 0.0 })?;
/// assert!((phi[0] - 2.0 / 3.0).abs() < 1e-12);
/// assert!((phi[1] - 1.0 / 6.0).abs() < 1e-12);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// L. S. Shapley, "A value for n-person games", Contributions to the Theory of Games II, 1953.
pub fn shapley_exact(n: usize, mut v: impl FnMut(&[bool]) -> f64) -> Result<Vec<f64>> {
    if n > MAX_EXACT_PLAYERS {
        return Err(Error::LimitExceeded {
            what: "players for exact Shapley values".into(),
            limit: MAX_EXACT_PLAYERS as u64,
            actual: n as u64,
            hint: "use shapley_sampled for larger coalitions".into(),
        });
    }
    let size = 1usize << n;
    let mut members = vec![false; n];
    let mut val = Vec::with_capacity(size);
    for mask in 0..size {
        for (i, m) in members.iter_mut().enumerate() {
            *m = mask >> i & 1 == 1;
        }
        val.push(v(&members));
    }
    // weight(s) = s! (n − s − 1)! / n!, by the recurrence weight(s + 1) = weight(s) (s + 1) / (n − s − 1)
    let mut weight = vec![0.0; n.max(1)];
    if n > 0 {
        weight[0] = 1.0 / n as f64;
        for s in 0..n - 1 {
            weight[s + 1] = weight[s] * (s + 1) as f64 / (n - s - 1) as f64;
        }
    }
    let mut phi = vec![0.0; n];
    for mask in 0..size {
        let s = mask.count_ones() as usize;
        for (i, p) in phi.iter_mut().enumerate() {
            if mask >> i & 1 == 0 {
                *p += weight[s] * (val[mask | 1 << i] - val[mask]);
            }
        }
    }
    Ok(phi)
}

/// Shapley values estimated from `permutations` random orderings of the players.
///
/// Each ordering adds the players one by one and credits each with its marginal contribution;
/// the estimate is the mean over orderings. It is efficient for every sample (each ordering's
/// contributions sum to `v(N) − v(∅)`) and unbiased; its error shrinks as
/// `1 / √permutations`. The orderings come from a [`SplitMix64`](super::SplitMix64) seeded with
/// `seed`, so the result is reproducible.
///
/// # Arguments
/// * `n` — number of players; `v` — characteristic function (as for [`shapley_exact`]);
///   `permutations` — number of orderings (≥ 1); `seed` — PRNG seed.
///
/// # Returns
/// One estimate per player. Errors: `invalid_value` when `permutations` is 0.
///
/// # Complexity
/// O(permutations · n) calls of `v`; O(n) space.
///
/// # Example
/// ```
/// use kechuang::impact::shapley_sampled;
/// let phi = shapley_sampled(3, |s: &[bool]| if s[0] && (s[1] || s[2]) { 1.0 } else { 0.0 }, 4000, 7)?;
/// assert!((phi.iter().sum::<f64>() - 1.0).abs() < 1e-9); // efficient for every sample
/// assert!((phi[0] - 2.0 / 3.0).abs() < 0.03);
/// # Ok::<(), kechuang::Error>(())
/// ```
///
/// # Reference
/// Castro, Gómez & Tejada, "Polynomial calculation of the Shapley value based on sampling",
/// Computers & Operations Research 36(5), 2009.
pub fn shapley_sampled(
    n: usize,
    mut v: impl FnMut(&[bool]) -> f64,
    permutations: usize,
    seed: u64,
) -> Result<Vec<f64>> {
    if permutations == 0 {
        return Err(Error::invalid(
            "permutations",
            "0 orderings estimate nothing; use at least 1 (1000 is usual)",
        ));
    }
    let mut rng = SplitMix64::new(seed);
    let mut order: Vec<usize> = (0..n).collect();
    let mut members = vec![false; n];
    let mut phi = vec![0.0; n];
    let empty = v(&members);
    for _ in 0..permutations {
        rng.shuffle(&mut order);
        members.iter_mut().for_each(|m| *m = false);
        let mut prev = empty;
        for &i in &order {
            members[i] = true;
            let cur = v(&members);
            phi[i] += cur - prev;
            prev = cur;
        }
    }
    for p in phi.iter_mut() {
        *p /= permutations as f64;
    }
    Ok(phi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A random game on up to 6 players: v(S) = Σ over listed coalitions T ⊆ S of value(T)
    /// (a sum of unanimity games), with player `null` never in any T.
    fn game(terms: &[(u32, f64)]) -> impl Fn(&[bool]) -> f64 + '_ {
        move |s: &[bool]| {
            let mask: u32 = s.iter().enumerate().map(|(i, &b)| u32::from(b) << i).sum();
            terms
                .iter()
                .filter(|(t, _)| t & mask == *t)
                .map(|(_, v)| v)
                .sum()
        }
    }

    proptest! {
        #[test]
        fn axioms(n in 2usize..7, raw in proptest::collection::vec((1u32..64, 0.0f64..10.0), 1..8)) {
            let null = n - 1; // never a member of any term
            let full = (1u32 << null) - 1;
            let terms: Vec<(u32, f64)> =
                raw.iter().map(|&(t, v)| (t & full, v)).filter(|(t, _)| *t != 0).collect();
            let v = game(&terms);
            let phi = shapley_exact(n, &v).unwrap();
            let all = vec![true; n];
            // efficiency
            prop_assert!((phi.iter().sum::<f64>() - v(&all)).abs() < 1e-9);
            // null player
            prop_assert!(phi[null].abs() < 1e-12);
            // for unanimity games the value splits each term equally among its members
            let mut expect = vec![0.0; n];
            for (t, val) in &terms {
                let k = t.count_ones() as f64;
                for (i, e) in expect.iter_mut().enumerate() {
                    if t >> i & 1 == 1 { *e += val / k; }
                }
            }
            for i in 0..n { prop_assert!((phi[i] - expect[i]).abs() < 1e-9); }
        }

        #[test]
        fn symmetry(n in 2usize..8, w in 0.1f64..5.0) {
            // players 0 and 1 interchangeable: v depends on count of {0,1} members and on player 2
            let v = |s: &[bool]| {
                let a = u8::from(s[0]) + u8::from(s[1]);
                let rest = s[2..].iter().filter(|b| **b).count() as f64;
                f64::from(a) * w * (1.0 + rest) + rest
            };
            let phi = shapley_exact(n, v).unwrap();
            prop_assert!((phi[0] - phi[1]).abs() < 1e-9);
        }
    }

    #[test]
    fn sampled_converges_to_exact() {
        let terms = [
            (0b0111u32, 3.0),
            (0b1001, 2.0),
            (0b0110, 5.0),
            (0b11111, 1.0),
        ];
        let v = game(&terms);
        let exact = shapley_exact(5, &v).unwrap();
        let err = |m: usize| {
            let s = shapley_sampled(5, &v, m, 42).unwrap();
            assert!((s.iter().sum::<f64>() - exact.iter().sum::<f64>()).abs() < 1e-9);
            s.iter()
                .zip(&exact)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max)
        };
        let (e1, e2) = (err(50), err(20_000));
        assert!(e2 < 0.05, "{e2}");
        assert!(e2 < e1, "{e1} {e2}");
        // deterministic
        assert_eq!(
            shapley_sampled(5, &v, 100, 9).unwrap(),
            shapley_sampled(5, &v, 100, 9).unwrap()
        );
    }

    #[test]
    fn limits() {
        assert_eq!(
            shapley_exact(21, |_| 0.0).unwrap_err().code(),
            "limit_exceeded"
        );
        assert_eq!(
            shapley_sampled(3, |_| 0.0, 0, 1).unwrap_err().code(),
            "invalid_value"
        );
        assert!(shapley_exact(0, |_| 0.0).unwrap().is_empty());
    }
}
