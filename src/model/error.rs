//! The problems a scenario can have: the error that names the item, the date, what is wrong
//! and what to do. A leaf: validation and the share register's replay both report with it.

use std::fmt;

use chrono::NaiveDate;

/// A semantic error: the item, the date if any, what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    /// The item at fault ("holding of Renault (`renault`) in Nissan (`nissan`)", "event 4
    /// (transfer …)"): what it is, its number in the file where it has one, and the ids in the
    /// file of the parties it names, each after the party's name.
    pub item: String,
    /// The date on which the problem arises.
    pub date: Option<NaiveDate>,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
}

impl ValidationError {
    /// A new error.
    pub fn new(
        item: impl Into<String>,
        date: Option<NaiveDate>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        ValidationError { item: item.into(), date, problem: problem.into(), fix: fix.into() }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.item)?;
        if let Some(d) = self.date {
            write!(f, " on {d}")?;
        }
        write!(f, ": {}; {}", self.problem, self.fix)
    }
}
