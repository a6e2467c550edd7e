//! The modelling choices that move power, and how much each moves the headline balance.
//!
//! [`assumptions`] lists every choice a scenario makes that is not a disclosed fact — float
//! turnout, float model, the readings of the caps and of the French and Japanese tests, each
//! holder's behaviour per kind, each cap (the covenants) — with its value and its source or
//! the reason for it. [`balance_swings`] re-evaluates the scenario under a low and a high value of
//! each and reports the headline balance (the first balance pair, power on one kind of
//! resolution) on a date, sorted by swing: the data of a tornado chart.

use chrono::NaiveDate;

use super::balances_at;
use crate::model::validate::ValidationError;
use crate::model::{Behaviour, CapReading, ControlTest, Event, FloatModel, Fraction, QuarterTest, Scenario, percent};

/// One modelling choice, with two alternatives to test.
#[derive(Debug, Clone)]
pub struct Assumption {
    /// A stable key (`turnout`, `cap_reading`, `behaviour:trust:nissan:director_renault_nominee`, …).
    pub key: String,
    /// What it is, for people.
    pub label: String,
    /// Its value in the scenario.
    pub value: String,
    /// Where it comes from, or why it was chosen.
    pub source: String,
    /// The low alternative: its label and the scenario under it.
    pub low: (String, Scenario),
    /// The high alternative.
    pub high: (String, Scenario),
}

/// The headline balance under the two alternatives of one assumption.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    /// The assumption's key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// Its value in the scenario.
    pub value: String,
    /// Its source or reason.
    pub source: String,
    /// The low alternative's label and the balance under it (`None`: the variant cannot be
    /// evaluated, with the reason in `note`).
    pub low: (String, Option<f64>),
    /// The high alternative's label and the balance under it.
    pub high: (String, Option<f64>),
    /// Why a variant could not be evaluated.
    pub note: Option<String>,
}

impl Swing {
    /// |high − low| (0 when either is missing).
    pub fn width(&self) -> f64 {
        match (self.low.1, self.high.1) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        }
    }
}

/// The balance as given, and every assumption's swing, widest first: what the assumptions
/// chart (a tornado) draws.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceSwings {
    /// The date asked for.
    pub date: NaiveDate,
    /// The pair (A, B): the balance is A at B's meeting minus B at A's.
    pub pair: (String, String),
    /// The kind of resolution.
    pub kind: String,
    /// The balance in the scenario as given.
    pub base: f64,
    /// One swing per assumption, widest first (ties in listing order).
    pub swings: Vec<Swing>,
}

fn pct(f: Fraction) -> String {
    format!("{:.0}%", f.to_f64() * 100.0)
}

fn with(s: &Scenario, change: impl FnOnce(&mut Scenario)) -> Scenario {
    let mut t = s.clone();
    change(&mut t);
    t
}

/// Sets the reading of every cap, at the start and in events.
fn cap_reading(s: &Scenario, reading: CapReading) -> Scenario {
    with(s, |t| {
        for c in &mut t.vote_caps {
            c.reading = reading;
        }
        for e in &mut t.events {
            if let Event::SetVoteCap { cap, .. } = e {
                cap.reading = reading;
            }
        }
    })
}

fn reading_label(r: CapReading) -> &'static str {
    match r {
        CapReading::OfTotalAfterCap => "of the total after capping",
        CapReading::OfTotalBeforeCap => "of the exercisable votes before capping",
    }
}

/// The readings of the caps in the scenario, described.
fn cap_readings(s: &Scenario) -> String {
    let mut all: Vec<CapReading> = s.vote_caps.iter().map(|c| c.reading).collect();
    all.extend(s.events.iter().filter_map(|e| match e {
        Event::SetVoteCap { cap, .. } => Some(cap.reading),
        _ => None,
    }));
    let before = all.iter().filter(|r| **r == CapReading::OfTotalBeforeCap).count();
    match (before, all.len() - before) {
        (0, 0) => "no caps".into(),
        (_, 0) => reading_label(CapReading::OfTotalBeforeCap).into(),
        (0, _) => reading_label(CapReading::OfTotalAfterCap).into(),
        (b, a) => format!("{b} caps before capping, {a} after"),
    }
}

/// Every modelling choice of the scenario that moves power, with two alternatives each.
pub fn assumptions(s: &Scenario) -> Vec<Assumption> {
    let mut out = Vec::new();
    let turnout = |f: Fraction| with(s, |t| t.meeting.float_turnout = f);
    let (low, high) = (Fraction::new(2, 5).unwrap_or(Fraction::ZERO), Fraction::new(4, 5).unwrap_or(Fraction::ONE));
    out.push(Assumption {
        key: "turnout".into(),
        label: "float turnout".into(),
        value: pct(s.meeting.float_turnout),
        source: "an assumption, not a disclosure: the share of the float's votes cast at a meeting".into(),
        low: ("40%".into(), turnout(low)),
        high: ("80%".into(), turnout(high)),
    });
    let model = |m: FloatModel| with(s, |t| t.meeting.float_model = m);
    out.push(Assumption {
        key: "float_model".into(),
        label: "float model".into(),
        value: match s.meeting.float_model {
            FloatModel::Ocean => "ocean".into(),
            FloatModel::EqualHolders(n) => format!("{n} equal holders"),
            FloatModel::Leech(n) => format!("{n} holders (Leech's approximation)"),
        },
        source: "a modelling choice: the float as an ocean of small holders (Milnor–Shapley) or as N equal holders"
            .into(),
        low: ("100 equal holders".into(), model(FloatModel::EqualHolders(100))),
        high: ("ocean".into(), model(FloatModel::Ocean)),
    });
    out.push(Assumption {
        key: "cap_reading".into(),
        label: "reading of the vote caps".into(),
        value: cap_readings(s),
        source: "\"15% of the total exercisable voting rights\" (Nissan Finance's AMF declaration, 2023-11-10): \
            read as before capping by default; see docs/model.md"
            .into(),
        low: ("after capping".into(), cap_reading(s, CapReading::OfTotalAfterCap)),
        high: ("before capping".into(), cap_reading(s, CapReading::OfTotalBeforeCap)),
    });
    let quarter = |q: QuarterTest| with(s, |t| t.rules.quarter_test = q);
    out.push(Assumption {
        key: "quarter_test".into(),
        label: "Japanese quarter test (art. 308(1))".into(),
        value: match s.rules.quarter_test {
            QuarterTest::HeldVotes => "held votes".into(),
            QuarterTest::ExercisableVotes => "exercisable votes".into(),
        },
        source: "the votes held in the shareholder company, whatever its own law does to them (default); or \
            only those it can exercise"
            .into(),
        low: ("exercisable votes".into(), quarter(QuarterTest::ExercisableVotes)),
        high: ("held votes".into(), quarter(QuarterTest::HeldVotes)),
    });
    let control = |c: ControlTest| with(s, |t| t.rules.control_test = c);
    out.push(Assumption {
        key: "control_test".into(),
        label: "French control test (L233-3)".into(),
        value: match s.rules.control_test {
            ControlTest::ExercisableVotes => "exercisable votes".into(),
            ControlTest::TheoreticalVotes => "theoretical votes".into(),
        },
        source: "the votes the would-be controller can exercise (default); or its theoretical votes".into(),
        low: ("theoretical votes".into(), control(ControlTest::TheoreticalVotes)),
        high: ("exercisable votes".into(), control(ControlTest::ExercisableVotes)),
    });
    out.push(Assumption {
        key: "trust_neutral".into(),
        label: "trusts' votes neutral".into(),
        value: if s.rules.trust_neutral { "on" } else { "off" }.into(),
        source: "the 2023 agreements: the trust's votes are neutralised for most decisions".into(),
        low: ("trusts vote freely".into(), with(s, |t| t.rules.trust_neutral = false)),
        high: ("trusts neutral".into(), with(s, |t| t.rules.trust_neutral = true)),
    });
    behaviour_assumptions(s, &mut out);
    cap_assumptions(s, &mut out);
    out
}

/// Each behaviour set in the file or by an event: as set, or free (neutral when it is free).
fn behaviour_assumptions(s: &Scenario, out: &mut Vec<Assumption>) {
    let names = s.names();
    let describe = |b: &crate::model::BehaviourSetting| {
        format!(
            "{} at {} on {}",
            s.name_of(&b.holder),
            b.issuer.as_deref().map_or("every issuer", |i| s.name_of(i)),
            b.kind.as_deref().map_or_else(|| "every kind".into(), |k| format!("{} resolutions", names.kind_short(k)))
        )
    };
    let mut settings: Vec<(Option<usize>, crate::model::BehaviourSetting)> =
        s.behaviours.iter().cloned().enumerate().map(|(k, b)| (Some(k), b)).collect();
    for e in &s.events {
        if let Event::SetBehaviour { setting, .. } = e {
            settings.push((None, setting.clone()));
        }
    }
    for (index, b) in settings {
        let alternative = if b.behaviour == Behaviour::Free { Behaviour::Neutral } else { Behaviour::Free };
        let replace = |to: &Behaviour| {
            let to = to.clone();
            let key = b.key();
            with(s, move |t| {
                if let Some(k) = index {
                    if let Some(x) = t.behaviours.get_mut(k) {
                        x.behaviour = to;
                    }
                } else {
                    for e in &mut t.events {
                        if let Event::SetBehaviour { setting, .. } = e
                            && setting.key() == key
                        {
                            setting.behaviour = to.clone();
                        }
                    }
                }
            })
        };
        out.push(Assumption {
            key: format!(
                "behaviour:{}:{}:{}",
                b.holder,
                b.issuer.as_deref().unwrap_or("*"),
                b.kind.as_deref().unwrap_or("*")
            ),
            label: format!("behaviour of {}", describe(&b)),
            value: names.behaviour(&b.behaviour),
            source: b.source.clone().unwrap_or_else(|| "set in the file".into()),
            low: (names.behaviour(&alternative), replace(&alternative)),
            high: (names.behaviour(&b.behaviour), replace(&b.behaviour)),
        });
    }
}

/// Each cap in force at the start (the covenants): without it, or never lifted.
fn cap_assumptions(s: &Scenario, out: &mut Vec<Assumption>) {
    for (k, c) in s.vote_caps.iter().enumerate() {
        let lifted = |e: &Event| match e {
            Event::LiftVoteCap { holder, issuer, .. } => *holder == c.holder && *issuer == c.issuer,
            _ => false,
        };
        let lapses = s.events.iter().any(lifted);
        out.push(Assumption {
            key: format!("cap:{}:{}", c.holder, c.issuer),
            label: format!("vote cap of {} on {} at {}", percent(c.cap), s.name_of(&c.holder), s.name_of(&c.issuer)),
            value: if lapses { "in force, then lifted".into() } else { "in force".into() },
            source: c.source.clone().unwrap_or_else(|| "set in the file".into()),
            low: (
                "no cap".into(),
                with(s, |t| {
                    t.vote_caps.remove(k);
                    t.events.retain(|e| !lifted(e));
                }),
            ),
            high: ("never lifted".into(), with(s, |t| t.events.retain(|e| !lifted(e)))),
        });
    }
}

/// A balance pair (A, B) and A at B's meeting minus B at A's.
type PairBalance = ((String, String), f64);

/// The headline balance of `s` on `date`: the first balance pair's power on `kind`, as
/// [`evaluate`](super::evaluate) gives it on that date (computed by [`balances_at`], which skips what the
/// balance does not need).
fn balance_on(s: &Scenario, date: NaiveDate, kind: &str) -> Result<Option<PairBalance>, ValidationError> {
    let balances = balances_at(s, date)?.unwrap_or_default();
    Ok(balances.first().map(|b| {
        let power = b.power_by_kind.iter().find(|(k, _)| k == kind).map_or(b.power, |(_, v)| *v);
        ((b.a.clone(), b.b.clone()), power)
    }))
}

/// The swings of the headline balance on `date` for the kind `kind` (the headline kind when
/// `None`). Fails when the scenario itself cannot be evaluated or has no balance pair; a
/// variant that cannot be evaluated is reported in its swing's note.
pub fn balance_swings(s: &Scenario, date: NaiveDate, kind: Option<&str>) -> Result<BalanceSwings, SwingsError> {
    let kind = kind.map_or_else(|| s.headline_kind(), str::to_string);
    if !s.resolution_kinds().iter().any(|k| k.id == kind) {
        return Err(SwingsError::UnknownKind(kind));
    }
    let (pair, base) = balance_on(s, date, &kind)?.ok_or(SwingsError::NoPair)?;
    let mut swings: Vec<Swing> = assumptions(s)
        .into_iter()
        .map(|a| {
            let mut note = None;
            let mut run = |v: &Scenario| match balance_on(v, date, &kind) {
                Ok(b) => b.map(|(_, x)| x),
                Err(e) => {
                    note = Some(e.to_string());
                    None
                }
            };
            let low = run(&a.low.1);
            let high = run(&a.high.1);
            Swing {
                key: a.key,
                label: a.label,
                value: a.value,
                source: a.source,
                low: (a.low.0, low),
                high: (a.high.0, high),
                note,
            }
        })
        .collect();
    swings.sort_by(|x, y| y.width().total_cmp(&x.width()));
    Ok(BalanceSwings { date, pair, kind, base, swings })
}

/// Why the balance cannot be weighed under the assumptions (no assumptions chart).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SwingsError {
    /// The scenario cannot be evaluated.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// No pair of companies holds each other.
    #[error("the scenario has no pair of companies holding each other, so it has no balance to test")]
    NoPair,
    /// The kind asked for does not exist.
    #[error("`{0}` is not a resolution kind of the scenario")]
    UnknownKind(String),
}
