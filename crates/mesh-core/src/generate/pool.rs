//! A growing pool of provider products to draw dependencies from, weighted by a power
//! law of the order they joined, so that a few early, established products collect most
//! consumers (preferential attachment, as in real meshes).
//!
//! Pure data structure over product indices: it must not know about the model, the
//! store or any I/O, and it draws only from the RNG it is given.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Product indices with cumulative power-law weights, 1 / (rank + 1)^exponent; sampling
/// is a binary search.
#[derive(Debug, Clone)]
pub(super) struct Pool {
    exponent: f64,
    items: Vec<u32>,
    cumulative: Vec<f64>,
}

impl Pool {
    /// An empty pool whose weights fall with rank as steeply as `exponent` says.
    pub(super) fn new(exponent: f64) -> Self {
        Pool {
            exponent,
            items: Vec::new(),
            cumulative: Vec::new(),
        }
    }

    /// Adds a product; it ranks after every product already in the pool.
    pub(super) fn push(&mut self, product: usize) {
        let rank = self.items.len() as f64;
        let total = self.total() + (rank + 1.0).powf(-self.exponent);
        self.items.push(product as u32);
        self.cumulative.push(total);
    }

    /// Whether the pool has nothing to offer.
    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// One product, proportionally to its weight; `None` when the pool is empty.
    pub(super) fn sample(&self, rng: &mut ChaCha8Rng) -> Option<usize> {
        let last = self.items.len().checked_sub(1)?;
        let x = rng.random::<f64>() * self.total();
        let i = self.cumulative.partition_point(|&c| c <= x).min(last);
        Some(self.items[i] as usize)
    }

    fn total(&self) -> f64 {
        self.cumulative.last().copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn early_members_are_drawn_most() {
        let mut pool = Pool::new(0.9);
        assert_eq!(pool.sample(&mut ChaCha8Rng::seed_from_u64(1)), None);
        for i in 0..1000 {
            pool.push(i);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut hits = vec![0u32; 1000];
        for _ in 0..20_000 {
            if let Some(i) = pool.sample(&mut rng) {
                hits[i] += 1;
            }
        }
        assert!(
            hits[0] > 20 * hits[500].max(1),
            "{} vs {}",
            hits[0],
            hits[500]
        );
    }
}
