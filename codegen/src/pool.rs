//! Runs a function over a slice on a few threads, each taking the next item, with the
//! results in the slice's order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// `f` over every item on up to `threads` threads (at least one). `on_done` sees each result
/// as it arrives, on the calling thread (progress displays); the results come back in item
/// order.
pub fn map<I: Sync, T: Send>(
    items: &[I],
    threads: usize,
    f: impl Fn(&I) -> T + Sync,
    mut on_done: impl FnMut(&T),
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let mut slots: Vec<Option<T>> = items.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            let (tx, next, f) = (tx.clone(), &next, &f);
            s.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if tx.send((i, f(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            on_done(&result);
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(result);
            }
        }
    });
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_once_in_order_on_any_number_of_threads() {
        let items: Vec<u32> = (0..100).collect();
        for threads in [0, 1, 3, 200] {
            let mut seen = 0;
            let out = super::map(&items, threads, |n| n * 2, |_| seen += 1);
            assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>(), "{threads} threads");
            assert_eq!(seen, 100);
        }
        assert!(super::map(&[] as &[u32], 4, |n| *n, |_| {}).is_empty());
    }
}
