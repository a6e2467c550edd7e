//! Results shared between change points: a part of the results equal to one of the last few
//! distinct values of that part is not stored again but shared (`Arc`). Memory then grows with
//! what changes from point to point, also when a file goes back and forth between a few states
//! (a stake sold and bought back, a rule switched off and on).

use std::collections::VecDeque;
use std::sync::Arc;

/// How many distinct recent values of each part are kept to compare with.
const RECENT: usize = 8;

/// The last few distinct values of one part of the results, most recent last.
#[derive(Debug)]
pub(super) struct Recent<T> {
    kept: VecDeque<Arc<T>>,
}

impl<T> Default for Recent<T> {
    fn default() -> Self {
        Recent { kept: VecDeque::with_capacity(RECENT) }
    }
}

impl<T: PartialEq> Recent<T> {
    /// The kept copy equal to `value` if there is one (the most recent first), else `value`,
    /// kept from now on in place of the oldest.
    pub fn share(&mut self, value: T) -> Arc<T> {
        if let Some(x) = self.find(&value) {
            return x;
        }
        self.keep(Arc::new(value))
    }

    fn find(&self, value: &T) -> Option<Arc<T>> {
        self.kept.iter().rev().find(|x| ***x == *value).map(Arc::clone)
    }

    fn keep(&mut self, x: Arc<T>) -> Arc<T> {
        if self.kept.len() == RECENT {
            self.kept.pop_front();
        }
        self.kept.push_back(Arc::clone(&x));
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_one_copy_and_the_oldest_is_forgotten() {
        let mut r: Recent<Vec<u32>> = Recent::default();
        let a = r.share(vec![1]);
        let b = r.share(vec![2]);
        assert!(Arc::ptr_eq(&a, &r.share(vec![1])), "back to an earlier value: shared");
        assert!(Arc::ptr_eq(&b, &r.share(vec![2])));
        for k in 3..3 + RECENT as u32 {
            r.share(vec![k]);
        }
        assert!(!Arc::ptr_eq(&a, &r.share(vec![1])), "more than RECENT values later: a new copy");
    }
}
