//! How optional and default fields are written in scenario files (left out, or bare).

pub(super) fn is_zero(count: &u64) -> bool {
    *count == 0
}

pub(super) fn is_false(flag: &bool) -> bool {
    !*flag
}

/// Writes an optional value without `Some(…)` (files read it back with implicit `Some`).
pub(super) mod bare {
    use serde::{Serialize, Serializer};

    /// Serializes `Some(x)` as `x` (`None` is skipped by `skip_serializing_if`).
    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }
}
