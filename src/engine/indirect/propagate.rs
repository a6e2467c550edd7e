//! The state of the compound game for one coalition of atomic players, kept up to date as
//! players join: for every company the time at which it becomes controlled, and for every
//! target the time at which the resolution passes.
//!
//! For a coalition S, company k is in C(S, t) exactly for t after its control time θ_k (the
//! sets {t : k ∈ C(S, t)} are open upper sets, because every condition is a strict majority of
//! nondecreasing, lower semicontinuous yes votes). The times are the greatest fixed point of
//! θ_k = first time at which `Σ_{i∈S} v(i,k) + Σ_{c: θ_c < t} v(c,k) + t·f(k) > T(k)/2`, which
//! is the least fixed point of C for every t at once. A player joining only lowers times, so
//! the new fixed point is reached by iterating downwards from the old one (a worklist over the
//! companies whose inputs changed); from "never" everywhere for the empty coalition.
//! Every change is logged so that a depth-first walk over coalitions can undo it, or record it
//! and replay it later from the same state.

use super::network::Network;
use super::time::{Level, Reach, Time, first_time};
use crate::model::Quota;

/// One logged change: the value it replaced (in the log), or the value it set (in a record
/// of changes to replay).
#[derive(Debug, Clone, Copy)]
pub(super) enum Undo {
    /// A company's sum of atomic yes votes before a player joined.
    Base(usize, u64),
    /// A company's control time before.
    Control(usize, Time),
    /// A target's pass time before, and whether it was met at that time (a [`Reach`], kept
    /// as two fields: the enum then copies as whole words).
    Pass(usize, Time, bool),
}

/// Control and pass times of every company for the current coalition.
#[derive(Debug, Clone)]
pub(super) struct Compound<'a> {
    net: &'a Network,
    control_level: Vec<Level>,
    pass_level: Vec<Level>,
    /// Whether the quota is an ordinary majority at every company (the pass level is the
    /// control level): then the pass time is the control computation's own result, and the
    /// pass times need no second computation.
    same_levels: bool,
    /// The votes committed yes at k plus Σ_{i∈S} v(i, k).
    base: Vec<u64>,
    /// θ_k.
    pub control: Vec<Time>,
    /// When the resolution passes at each target.
    pub pass: Vec<Reach>,
    /// Changes since the log was last cleared.
    pub log: Vec<Undo>,
    work: Vec<usize>,
    queued: Vec<bool>,
    dirty: Vec<usize>,
    is_dirty: Vec<bool>,
    buf: Vec<(Time, u64)>,
}

impl<'a> Compound<'a> {
    /// The state of the empty coalition, for a resolution passing with `quota` of the votes in
    /// play.
    pub fn new(net: &'a Network, quota: Quota) -> Compound<'a> {
        let n = net.companies.len();
        let control_level: Vec<Level> = net.total.iter().map(|&t| Level::majority(t)).collect();
        let pass_level: Vec<Level> = net.total.iter().map(|&t| Level::quota(t, quota)).collect();
        let same_levels = control_level.iter().zip(&pass_level).all(|(c, p)| c.same(p));
        let mut c = Compound {
            net,
            control_level,
            pass_level,
            same_levels,
            base: net.committed.clone(),
            control: vec![Time::NEVER; n],
            pass: vec![Reach::NEVER; n],
            log: Vec::new(),
            work: Vec::with_capacity(n),
            queued: vec![false; n],
            dirty: Vec::with_capacity(n),
            is_dirty: vec![false; n],
            buf: Vec::new(),
        };
        for k in 0..n {
            c.enqueue(k);
            if !c.same_levels {
                c.touch(k);
            }
        }
        c.settle();
        c.log.clear();
        c
    }

    /// Player `i` joins the coalition.
    pub fn add(&mut self, i: usize) {
        let net = self.net;
        for &(k, v) in &net.player_holds[i] {
            self.log.push(Undo::Base(k, self.base[k]));
            self.base[k] += v;
            self.enqueue(k);
            if !self.same_levels {
                self.touch(k);
            }
        }
        self.settle();
    }

    /// Undoes the changes logged after `mark`.
    pub fn undo(&mut self, mark: usize) {
        while self.log.len() > mark {
            match self.log.pop() {
                Some(Undo::Base(k, b)) => self.base[k] = b,
                Some(Undo::Control(k, t)) => self.control[k] = t,
                Some(Undo::Pass(k, time, closed)) => self.pass[k] = Reach { time, closed },
                None => break,
            }
        }
    }

    /// Appends to `out` the values now held by every part of the state changed since `mark`
    /// (as log entries holding the new values): [`Compound::replay`] sets them again.
    pub fn changed_since(&self, mark: usize, out: &mut Vec<Undo>) {
        for e in self.log.iter().skip(mark) {
            out.push(match *e {
                Undo::Base(k, _) => Undo::Base(k, self.base[k]),
                Undo::Control(k, _) => Undo::Control(k, self.control[k]),
                Undo::Pass(k, ..) => Undo::Pass(k, self.pass[k].time, self.pass[k].closed),
            });
        }
    }

    /// Sets the values recorded by [`Compound::changed_since`], logging those they replace as
    /// a player's joining does: from the state the record was made in, this is the state that
    /// joining led to, with no propagation.
    pub fn replay(&mut self, changes: &[Undo]) {
        for &change in changes {
            match change {
                Undo::Base(k, b) => {
                    self.log.push(Undo::Base(k, self.base[k]));
                    self.base[k] = b;
                }
                Undo::Control(k, t) => {
                    self.log.push(Undo::Control(k, self.control[k]));
                    self.control[k] = t;
                }
                Undo::Pass(k, time, closed) => {
                    self.log.push(Undo::Pass(k, self.pass[k].time, self.pass[k].closed));
                    self.pass[k] = Reach { time, closed };
                }
            }
        }
    }

    /// Whether the resolution passes at target `j` with each float voting yes with half its
    /// weight (Dubey–Shapley): companies controlled at 1/2 are those with θ < 1/2.
    pub fn passes_at_half(&self, j: usize) -> bool {
        self.pass[j].met_at(Time::HALF)
    }

    fn enqueue(&mut self, k: usize) {
        if !self.queued[k] {
            self.queued[k] = true;
            self.work.push(k);
        }
    }

    fn touch(&mut self, k: usize) {
        if !self.is_dirty[k] {
            self.is_dirty[k] = true;
            self.dirty.push(k);
        }
    }

    /// Lowers control times to the new fixed point, then recomputes the pass times of the
    /// targets whose inputs changed. Every company is recomputed after its last input change,
    /// so with the same levels its last result is its pass time.
    fn settle(&mut self) {
        let net = self.net;
        let same = self.same_levels;
        while let Some(k) = self.work.pop() {
            self.queued[k] = false;
            let r = self.first(k, self.control_level[k]);
            // Controlled only from 1 on is never controlled within the clock: kept as never, so
            // that every control time either counts from within [0, 1) or not at all.
            let time = if r.time.before_one() { r.time } else { Time::NEVER };
            let old = self.control[k];
            if time < old {
                self.log.push(Undo::Control(k, old));
                self.control[k] = time;
                for &(d, _) in &net.company_holds[k] {
                    if moves(time, old, self.control[d]) {
                        self.enqueue(d);
                    }
                    if !same && moves(time, old, self.pass[d].time) {
                        self.touch(d);
                    }
                }
            }
            if same && r != self.pass[k] {
                self.log.push(Undo::Pass(k, self.pass[k].time, self.pass[k].closed));
                self.pass[k] = r;
            }
        }
        while let Some(j) = self.dirty.pop() {
            self.is_dirty[j] = false;
            let r = self.first(j, self.pass_level[j]);
            if r != self.pass[j] {
                self.log.push(Undo::Pass(j, self.pass[j].time, self.pass[j].closed));
                self.pass[j] = r;
            }
        }
    }

    /// The first time company `k`'s yes votes meet `level`, given its holders' control times.
    fn first(&mut self, k: usize, level: Level) -> Reach {
        self.buf.clear();
        for &(c, v) in &self.net.company_holders[k] {
            if self.control[c].before_one() {
                self.buf.push((self.control[c], v));
            }
        }
        if self.buf.len() > 1 {
            self.buf.sort_unstable_by_key(|a| a.0);
        }
        first_time(self.base[k], self.net.float[k], &self.buf, level)
    }
}

/// Whether a holder whose control time falls from `old` to `new` can move a holder's first
/// time `at` (of control or of passing), the company's other inputs unchanged. Control times
/// are within [0, 1) or never (a time of 1 is kept as never: such a holder counts nowhere on
/// the clock, and would otherwise pass for one counting before a first time of never).
///
/// A holder counting only from a time at or after `at` changes nothing up to `at`. One already
/// counting before `at` (`old < at`) changes nothing either: it only adds its votes over
/// (new, old], where the yes votes stay at most what they were just after `old`, which did not
/// meet the level (`at` is later); from `old` on nothing changes, so neither does `at` nor
/// whether the level is met there. Only a holder crossing `at` (`new < at ≤ old`) can move it.
fn moves(new: Time, old: Time, at: Time) -> bool {
    new < at && at <= old
}
