//! What the plain benchmark harnesses (`scale`, `import`, `workshop`) share: medians of
//! timed runs and their numeric arguments. It measures and parses; it prints nothing.

#![allow(dead_code)] // each benchmark uses its own part of this module

pub mod manifests;

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The median of `samples` (the upper one of an even count).
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The median time of `runs` calls of `f`.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

/// The number after `--name` on the command line, or `default`.
pub fn number(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |s| s.parse().expect("a number"))
}
