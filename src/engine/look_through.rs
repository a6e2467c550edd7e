//! Look-through (economic) ownership on one date, from the register.
use std::collections::BTreeMap;
use crate::model::Scenario;
use crate::model::ledger::Register;
/// Integrated ownership and ultimate claims.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LookThrough {
    /// holder → issuer → fraction.
    pub integrated: BTreeMap<String, BTreeMap<String, f64>>,
    /// company → issuer → fraction.
    pub ultimate: BTreeMap<String, BTreeMap<String, f64>>,
}
/// TEMP
pub fn look_through(_s: &Scenario, _r: &Register) -> LookThrough { LookThrough::default() }
