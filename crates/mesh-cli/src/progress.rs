//! Progress bars for long work, shown only when stderr is a terminal so that pipelines
//! and scripts get clean output. It must not decide anything about the work itself.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mesh_app::{CancelToken, TaskPhase};

/// A bar on stderr when it is a terminal, a hidden one otherwise.
pub fn bar(message: &'static str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return hidden();
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{msg:>12} [{bar:40}] {pos}/{len} {elapsed}")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(message);
    bar
}

/// A bar that draws nothing, for work that reports no progress worth showing.
pub fn hidden() -> ProgressBar {
    ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
}

/// The core's `(done, total)` progress callback, drawn on `bar`.
pub fn counts(bar: &ProgressBar) -> impl FnMut(usize, usize) + '_ {
    |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }
}

/// The application layer's task token, drawing `phase` on `bar` (other phases are not
/// drawn: each bar shows one). Nothing cancels a CLI task but the process ending.
pub fn token(bar: &ProgressBar, phase: TaskPhase) -> CancelToken {
    let bar = bar.clone();
    CancelToken::new(move |at: TaskPhase, done: usize, total: usize| {
        if at == phase {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    })
}
