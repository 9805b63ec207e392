//! The operational source systems outside the synthetic mesh that source-aligned
//! products read, named "<system>-<instance>" such as `salesforce-emea`.
//!
//! Builds model values from the seeded RNG only; no I/O, no store access.

use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::names::{SYSTEM_INSTANCES, SYSTEMS};
use super::util::{SlugSet, uuid};
use crate::model::SourceSystem;

/// `count` source systems from shuffled system and instance combinations.
pub(super) fn build(rng: &mut ChaCha8Rng, count: usize) -> Vec<SourceSystem> {
    let mut combos: Vec<(usize, usize)> = (0..SYSTEMS.len())
        .flat_map(|s| (0..SYSTEM_INSTANCES.len()).map(move |i| (s, i)))
        .collect();
    combos.shuffle(rng);
    let mut slugs = SlugSet::default();
    (0..count)
        .map(|n| {
            let (s, i) = combos[n % combos.len()];
            let (system, instance) = (&SYSTEMS[s], SYSTEM_INSTANCES[i]);
            SourceSystem {
                id: uuid(rng),
                name: slugs.claim(&format!("{}-{instance}", system.slug)),
                description: Some(format!("{} ({instance} instance).", system.about)),
                system_type: Some(system.kind.to_owned()),
                custom_properties: Vec::new(),
                extensions: Default::default(),
            }
        })
        .collect()
}
