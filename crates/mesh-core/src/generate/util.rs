//! Small deterministic helpers the generator's parts share: ids drawn from the seeded
//! RNG, unique slugs, weighted choices and title casing.
//!
//! Everything random here comes from the caller's seeded RNG. It must not read the OS
//! RNG, the clock or any file, or the same seed would stop giving the same mesh.

use std::collections::{HashMap, HashSet};

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use uuid::{Builder, Uuid};

use super::names;
use crate::validate::MAX_NAME;

/// A version-4 UUID whose bytes come from the seeded RNG, so ids repeat per seed.
pub(super) fn uuid(rng: &mut ChaCha8Rng) -> Uuid {
    Builder::from_random_bytes(rng.random()).into_uuid()
}

/// One element of a non-empty list, uniformly.
pub(super) fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// One value of a `(value, weight)` table, proportionally to the integer weights.
pub(super) fn weighted<T: Copy>(rng: &mut ChaCha8Rng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for &(value, w) in table {
        if x < w {
            return value;
        }
        x -= w;
    }
    table[table.len() - 1].0
}

/// `floor(x)` or `floor(x) + 1` with the odds that keep the expected value at `x`, so
/// that many rounded counts still add up to the intended total.
pub(super) fn stochastic_round(rng: &mut ChaCha8Rng, x: f64) -> usize {
    let floor = x.floor();
    let up = rng.random::<f64>() < x - floor;
    floor as usize + usize::from(up)
}

/// "ledger-entries" -> "Ledger Entries", for display names built from slugs.
pub(super) fn title_case(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for (i, word) in slug.split('-').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if names::ACRONYMS.contains(&word) {
            out.push_str(&word.to_ascii_uppercase());
            continue;
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// "ledger-entries" -> "ledger entries", for sentences.
pub(super) fn words(slug: &str) -> String {
    slug.replace('-', " ")
}

/// A valid slug close to `base` that `taken` does not hold (the one rule of
/// [`crate::slug::unique`]). For small scopes such as one product's input ports, where a
/// set would cost more than a scan.
pub(super) fn free_slug(base: String, taken: impl Fn(&str) -> bool) -> String {
    crate::slug::unique(&base, taken)
}

/// Slug names already handed out in one scope (the mesh, or one product's inputs).
/// Collisions get `-2`, `-3`, ... and names are cut to fit [`MAX_NAME`]; the next
/// counter per base is remembered so that many collisions stay linear.
#[derive(Debug, Default)]
pub(super) struct SlugSet {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl SlugSet {
    /// Whether `name` is still free.
    pub(super) fn is_free(&self, name: &str) -> bool {
        !self.used.contains(name)
    }

    /// A unique valid slug close to `base` (itself a valid slug, maybe too long).
    pub(super) fn claim(&mut self, base: &str) -> String {
        let base = crate::slug::truncate(base, MAX_NAME);
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let mut n = self.next.get(base).copied().unwrap_or(2);
        loop {
            let suffix = format!("-{n}");
            let name = format!(
                "{}{suffix}",
                crate::slug::truncate(base, MAX_NAME - suffix.len())
            );
            n += 1;
            if self.used.insert(name.clone()) {
                self.next.insert(base.to_owned(), n);
                return name;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_stay_unique_and_short() {
        let mut set = SlugSet::default();
        let long = "a".repeat(70);
        let first = set.claim(&long);
        let second = set.claim(&long);
        assert_eq!(first.len(), MAX_NAME);
        assert_eq!(second.len(), MAX_NAME);
        assert!(second.ends_with("-2"));
        assert_eq!(set.claim("orders"), "orders");
        assert_eq!(set.claim("orders"), "orders-2");
        assert_eq!(set.claim("orders"), "orders-3");
        let taken = |n: &str| n == "in-a" || n == "in-a-2";
        assert_eq!(free_slug("in-a".to_owned(), taken), "in-a-3");
        assert_eq!(free_slug("in-b".to_owned(), taken), "in-b");
        assert_eq!(free_slug("b".repeat(70), taken).len(), MAX_NAME);
    }

    #[test]
    fn titles() {
        assert_eq!(title_case("ledger-entries"), "Ledger Entries");
        assert_eq!(title_case("360"), "360");
        assert_eq!(title_case("kyc-checks"), "KYC Checks");
    }
}
