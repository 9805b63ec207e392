//! Running independent pieces of a check on several threads, with results kept in the
//! order of the pieces so that the report is the same as when run one after another.
//!
//! It must not decide what the pieces are (the engine and the custom-rule runner do)
//! nor change their order.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads a check may use: the machine's parallelism, at most a few.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// `f` applied to every item, on up to [`threads`] threads when `parallel`, the
/// results in item order. Items are handed out one at a time, so uneven items keep
/// every thread busy.
pub(crate) fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    parallel: bool,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = if parallel {
        threads().min(items.len())
    } else {
        1
    };
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                break;
            };
            done.push((i, f(item)));
        }
        done
    };
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = vec![work()];
        for h in helpers {
            match h.join() {
                Ok(done) => all.push(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        for (i, r) in all.into_iter().flatten() {
            slots[i] = Some(r);
        }
    });
    slots.into_iter().flatten().collect()
}
