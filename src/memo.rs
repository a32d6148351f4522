//! Process-wide memos: a list behind a lock that only ever speeds things up. A panic while one was held
//! (poisoning) cannot make it lie: the memo is then emptied and filled again as if the process were new.

use std::sync::{Mutex, MutexGuard};

/// A process-wide list of remembered values (a static), emptied when a panic poisoned its lock.
pub struct Memo<T>(Mutex<Vec<T>>);

impl<T> Memo<T> {
    pub const fn new() -> Memo<T> {
        Memo(Mutex::new(Vec::new()))
    }

    /// The list, held until the guard is dropped; empty after a panic in another holder.
    pub fn lock(&self) -> MutexGuard<'_, Vec<T>> {
        self.0.lock().unwrap_or_else(|poisoned| {
            let mut list = poisoned.into_inner();
            list.clear();
            self.0.clear_poison();
            list
        })
    }
}

impl<T> Default for Memo<T> {
    fn default() -> Memo<T> {
        Memo::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn a_panic_while_held_empties_the_memo_and_it_is_used_again() {
        let memo = Memo::new();
        memo.lock().extend([1, 2]);
        assert_eq!(*memo.lock(), [1, 2]);
        let held = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut list = memo.lock();
            list.push(3);
            panic!("while held");
        }));
        assert!(held.is_err());
        assert!(memo.lock().is_empty(), "a poisoned memo keeps nothing");
        memo.lock().push(4);
        assert_eq!(*memo.lock(), [4], "and is filled again like a new one");
    }
}
