//! Recording problems as they are found: the largest count accepted, the errors of an item
//! named only once its checks are done, and the messages several checks share.

use chrono::NaiveDate;

use crate::model::error::ValidationError;
use crate::model::thousands;

/// The largest share or vote count accepted anywhere (10^15, above any listed company's
/// share count); sums of such counts stay far inside 64 bits.
pub const MAX_COUNT: u64 = 1_000_000_000_000_000;

/// Records that `count` is above [`MAX_COUNT`].
pub(super) fn too_large(item: &str, date: Option<NaiveDate>, count: u64, out: &mut Vec<ValidationError>) {
    if count > MAX_COUNT {
        out.push(ValidationError::new(
            item,
            date,
            format!("{} is above the largest count supported ({})", thousands(count), thousands(MAX_COUNT)),
            "check the figure: no listed company has that many shares",
        ));
    }
}

/// The item of an error whose item is named once the item's checks are done, by [`name`].
pub(super) const UNNAMED: &str = "";

/// Names the errors found since `from` (pushed with the item [`UNNAMED`]) by `item`, which is
/// worked out only when there is one: naming an item looks each of its parties up by id,
/// which on the largest file accepted (100,000 events among 10,000 entities) would cost
/// seconds where the checks cost milliseconds.
pub(super) fn name(out: &mut [ValidationError], from: usize, item: impl FnOnce() -> String) {
    if let Some(found) = out.get_mut(from..).filter(|found| !found.is_empty()) {
        let item = item();
        for e in found {
            e.item.clone_from(&item);
        }
    }
}

/// The error of an id that names no entity of the scenario, in the role it plays.
pub(super) fn unknown(item: &str, date: Option<NaiveDate>, role: &str, id: &str) -> ValidationError {
    ValidationError::new(
        item,
        date,
        format!("the {role} `{id}` is not an entity of the scenario"),
        "use the id of an entity listed under `entities`, or `market`",
    )
}
