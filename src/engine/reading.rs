//! How a power figure is read, decided once here for every layer that shows it: what each index
//! measures ([`Measure::meaning`], [`Measure::assumption`]), the reading of a normalised Banzhaf
//! figure at its extremes ([`BanzhafReading`]), and a Monte Carlo estimate with its interval
//! kept inside [0, 1] ([`Estimate`], [`ShownEstimate`]).
//!
//! The Banzhaf index assumes that every holder votes independently, each way with even odds: a
//! large float then splits almost exactly in half, so the blockholder that tips it decides
//! nearly every time (Leech's reading of Banzhaf as a measure of working control) and the
//! others almost never. A figure within [`BanzhafReading::TOLERANCE`] of 1 or of 0 is that
//! assumption speaking, and every layer says so in words instead of showing a bare 100% or 0%.

use super::analysis::{Measure, Power};
use super::indirect::HolderPower;

/// What a normalised Banzhaf figure at its extremes says, under the index's assumption that
/// every holder votes independently (the float then splits almost exactly evenly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BanzhafReading {
    /// Within [`Self::TOLERANCE`] of 1: the holder's votes tip an evenly split float.
    WorkingControl,
    /// Within [`Self::TOLERANCE`] of 0: the holder's votes never decide.
    NeverDecisive,
}

impl BanzhafReading {
    /// How close to 1 or 0 a figure must be to be read (inclusive): 0.0005, i.e. 0.05 points.
    pub const TOLERANCE: f64 = 0.0005;

    /// The reading of a normalised Banzhaf figure, `None` in between (the figure speaks).
    ///
    /// Exact for the engine's exact figures: each is one `f64` division of two swing counts
    /// c/s, correctly rounded, and rounding is monotonic, so `c/s ≤ 0.0005` in `f64` holds
    /// exactly when 2000·c ≤ s (and likewise at 1 − 0.0005) as long as s stays below about
    /// 4·10¹² (the counts of at most 2²⁰ coalitions are far below it).
    pub fn of(banzhaf: f64) -> Option<BanzhafReading> {
        if !banzhaf.is_finite() {
            None
        } else if banzhaf >= 1.0 - Self::TOLERANCE {
            Some(BanzhafReading::WorkingControl)
        } else if banzhaf <= Self::TOLERANCE {
            Some(BanzhafReading::NeverDecisive)
        } else {
            None
        }
    }

    /// The name in JSON (`banzhaf_reading`).
    pub fn key(self) -> &'static str {
        match self {
            BanzhafReading::WorkingControl => "working_control",
            BanzhafReading::NeverDecisive => "never_decisive",
        }
    }

    /// The reading named by its [`key`](Self::key), if any.
    pub fn from_key(key: &str) -> Option<BanzhafReading> {
        [BanzhafReading::WorkingControl, BanzhafReading::NeverDecisive].into_iter().find(|r| r.key() == key)
    }

    /// The reading in words, with its assumption.
    pub fn words(self) -> &'static str {
        match self {
            BanzhafReading::WorkingControl => "working control if the float splits evenly",
            BanzhafReading::NeverDecisive => "never decisive if the float splits evenly",
        }
    }

    /// The reading in two words, where room is short (a bar's label, a table's cell); the
    /// assumption is then said beside it.
    pub fn short(self) -> &'static str {
        match self {
            BanzhafReading::WorkingControl => "working control",
            BanzhafReading::NeverDecisive => "never decisive",
        }
    }

    /// A figure with its reading: the reading in words where there is one, else the figure
    /// as a percentage with `decimals` decimals.
    pub fn describe(banzhaf: f64, decimals: usize) -> String {
        match BanzhafReading::of(banzhaf) {
            Some(r) => r.words().to_string(),
            None => format!("{:.decimals$}%", banzhaf * 100.0),
        }
    }
}

impl Power {
    /// The reading of this holder's normalised Banzhaf figure (`None` when it has none or
    /// when it lies in between).
    pub fn banzhaf_reading(&self) -> Option<BanzhafReading> {
        self.banzhaf.and_then(BanzhafReading::of)
    }
}

impl HolderPower {
    /// The reading of this ultimate holder's normalised Banzhaf figure through the network:
    /// exact figures only (a Monte Carlo estimate is shown with its interval instead).
    pub fn banzhaf_reading(&self) -> Option<BanzhafReading> {
        if self.stderr.is_some() { None } else { self.banzhaf.and_then(BanzhafReading::of) }
    }

    /// The Shapley–Shubik figure as an estimate (exact figures have no standard error).
    pub fn shapley_shubik_estimate(&self) -> Estimate {
        Estimate { value: self.shapley_shubik, standard_error: self.stderr.map(|e| e.shapley_shubik) }
    }

    /// The absolute Banzhaf figure as an estimate (exact figures have no standard error).
    pub fn banzhaf_absolute_estimate(&self) -> Estimate {
        Estimate { value: self.banzhaf_absolute, standard_error: self.stderr.map(|e| e.banzhaf_absolute) }
    }

    /// The normalised Banzhaf figure inside [0, 1] (a ratio of two estimates has no standard
    /// error of its own, so an estimate is only clipped).
    pub fn banzhaf_shown(&self) -> Option<f64> {
        self.banzhaf.map(|b| b.clamp(0.0, 1.0))
    }
}

impl Measure {
    /// What the index measures, in one line (with the float's place in it).
    pub fn meaning(self) -> &'static str {
        match self {
            Measure::ShapleyShubik => {
                "Shapley–Shubik: how often a holder's votes turn a losing side into a winning one as support \
                 grows in random order (the float moving as one)"
            }
            Measure::Banzhaf => {
                "Banzhaf: if every holder votes independently, how often a holder's vote decides the outcome"
            }
        }
    }

    /// The assumption behind the index's figures at their extremes, for people.
    pub fn assumption(self) -> &'static str {
        match self {
            Measure::ShapleyShubik => "no holder's vote is assumed to go either way: every order of support counts",
            Measure::Banzhaf => {
                "a large float then splits almost exactly evenly, so the blockholder that tips it reads as working \
                 control (100%) and the others as never decisive (0%)"
            }
        }
    }
}

/// A figure that may be a Monte Carlo estimate: its value and, for an estimate, its standard
/// error. Reports in JSON keep both as they come; everything else shows [`Estimate::shown`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The figure (an estimate can fall outside [0, 1]).
    pub value: f64,
    /// The standard error of an estimate; `None` for an exact figure.
    pub standard_error: Option<f64>,
}

/// How an estimate is shown: always inside [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ShownEstimate {
    /// An exact figure.
    Exact(f64),
    /// An estimate and its 95% interval, all inside [0, 1].
    Interval {
        /// The estimate, clipped to [0, 1].
        value: f64,
        /// The interval's lower end, clipped.
        low: f64,
        /// The interval's upper end, clipped.
        high: f64,
    },
    /// An estimate that cannot be told from 0: below this upper end of its interval.
    Below(f64),
    /// An estimate that cannot be told from 1: above this lower end of its interval.
    Above(f64),
}

impl Estimate {
    /// Standard errors on either side of an estimate for its 95% interval.
    pub const Z: f64 = 1.96;

    /// An exact figure.
    pub fn exact(value: f64) -> Estimate {
        Estimate { value, standard_error: None }
    }

    /// The figure to draw: the value clipped to [0, 1].
    pub fn clipped(self) -> f64 {
        self.value.clamp(0.0, 1.0)
    }

    /// How the figure is shown: exact as it is; an estimate with its 95% interval clipped to
    /// [0, 1], or "below x" when the interval reaches 0 (it cannot be told from 0), "above x"
    /// when it reaches 1.
    pub fn shown(self) -> ShownEstimate {
        let Some(se) = self.standard_error.filter(|se| se.is_finite()) else {
            return ShownEstimate::Exact(self.value);
        };
        if se == 0.0 {
            // Every draw gave the same figure (a holder that cannot reach the meeting gets 0).
            return ShownEstimate::Exact(self.clipped());
        }
        let (low, high) = (self.value - Self::Z * se, self.value + Self::Z * se);
        if low <= 0.0 && high < 1.0 {
            ShownEstimate::Below(high.max(0.0))
        } else if high >= 1.0 && low > 0.0 {
            ShownEstimate::Above(low.min(1.0))
        } else {
            ShownEstimate::Interval { value: self.clipped(), low: low.clamp(0.0, 1.0), high: high.clamp(0.0, 1.0) }
        }
    }
}

impl ShownEstimate {
    /// The figure to draw, inside [0, 1] (the upper or lower end where it cannot be told from
    /// 0 or 1 would overstate it: the value clipped).
    pub fn value(self, estimate: Estimate) -> f64 {
        match self {
            ShownEstimate::Exact(v) => v,
            _ => estimate.clipped(),
        }
    }

    /// As a percentage with `decimals` decimals: "12.30%", "12.30% (10.10–14.50%)", "below 0.40%",
    /// "above 99.60%".
    pub fn percent(self, decimals: usize) -> String {
        self.text(100.0, "%", decimals)
    }

    /// As a fraction with `decimals` decimals: "0.1230", "0.1230 (0.1010–0.1450)", "below 0.0040".
    pub fn fraction(self, decimals: usize) -> String {
        self.text(1.0, "", decimals)
    }

    /// The figure times `scale`, with `unit` after each number.
    fn text(self, scale: f64, unit: &str, decimals: usize) -> String {
        let p = |x: f64| format!("{:.decimals$}", x * scale);
        // The bound of "below" rounded up and that of "above" rounded down, to at least one
        // unit of the last decimal: never a claim tighter than the interval, never "below 0%".
        let step = 10f64.powi(-(decimals as i32));
        let up = |x: f64| ((x * scale / step).ceil() * step).max(step);
        let down = |x: f64| ((x * scale / step).floor() * step).min(scale - step);
        match self {
            ShownEstimate::Exact(v) => format!("{}{unit}", p(v)),
            ShownEstimate::Interval { value, low, high } => {
                format!("{}{unit} ({}–{}{unit})", p(value), p(low), p(high))
            }
            ShownEstimate::Below(x) => format!("below {:.decimals$}{unit}", up(x)),
            ShownEstimate::Above(x) => format!("above {:.decimals$}{unit}", down(x)),
        }
    }

    /// The ends of the 95% interval inside [0, 1], for an estimate (`None` when exact).
    pub fn interval(self) -> Option<(f64, f64)> {
        match self {
            ShownEstimate::Exact(_) => None,
            ShownEstimate::Interval { low, high, .. } => Some((low, high)),
            ShownEstimate::Below(x) => Some((0.0, x)),
            ShownEstimate::Above(x) => Some((x, 1.0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_banzhaf_figure_is_read_within_the_tolerance_of_0_and_1_inclusive() {
        assert_eq!(BanzhafReading::of(1.0), Some(BanzhafReading::WorkingControl));
        assert_eq!(BanzhafReading::of(0.0), Some(BanzhafReading::NeverDecisive));
        assert_eq!(BanzhafReading::of(0.5), None);
        assert_eq!(BanzhafReading::of(f64::NAN), None);
        // Exactly at the tolerance, as one division of counts: read; one count further: not.
        assert_eq!(BanzhafReading::of(1999.0 / 2000.0), Some(BanzhafReading::WorkingControl));
        assert_eq!(BanzhafReading::of(1.0 / 2000.0), Some(BanzhafReading::NeverDecisive));
        assert_eq!(BanzhafReading::of(1998.0 / 1999.0), None);
        assert_eq!(BanzhafReading::of(1.0 / 1999.0), None);
        // The f64 comparison agrees with the exact one on every ratio c/s near the edges.
        for s in [1999_u64, 2000, 2001, 4000, 4001, 1_000_003, 4_000_000_007] {
            for c in [s / 2000, s / 2000 + 1, s - s / 2000, s - s / 2000 - 1] {
                let x = c as f64 / s as f64;
                let exact_low = 2000 * u128::from(c) <= u128::from(s);
                let exact_high = 2000 * u128::from(s - c) <= u128::from(s);
                assert_eq!(BanzhafReading::of(x) == Some(BanzhafReading::NeverDecisive), exact_low, "{c}/{s}");
                assert_eq!(BanzhafReading::of(x) == Some(BanzhafReading::WorkingControl), exact_high, "{c}/{s}");
            }
        }
        assert_eq!(BanzhafReading::describe(1.0, 0), "working control if the float splits evenly");
        assert_eq!(BanzhafReading::describe(0.25, 1), "25.0%");
    }

    #[test]
    fn an_estimate_is_shown_inside_0_and_1() {
        let below = Estimate { value: -0.0016, standard_error: Some(0.0014) };
        assert_eq!(below.clipped(), 0.0);
        assert_eq!(below.shown().percent(2), "below 0.12%");
        let above = Estimate { value: 0.999, standard_error: Some(0.001) };
        assert_eq!(above.shown().percent(2), "above 99.70%");
        let beyond = Estimate { value: 1.002, standard_error: Some(0.001) };
        assert_eq!(beyond.shown().percent(2), "above 99.99%");
        let under = Estimate { value: -0.003, standard_error: Some(0.001) };
        assert_eq!(under.shown().percent(2), "below 0.01%");
        let inside = Estimate { value: 0.3, standard_error: Some(0.01) };
        assert_eq!(inside.shown().percent(1), "30.0% (28.0–32.0%)");
        assert_eq!(inside.shown().fraction(3), "0.300 (0.280–0.320)");
        assert_eq!(below.shown().fraction(4), "below 0.0012");
        assert_eq!(Estimate::exact(0.25).shown().percent(2), "25.00%");
        assert_eq!(Estimate { value: 0.0, standard_error: Some(0.0) }.shown(), ShownEstimate::Exact(0.0));
        for e in [below, above, beyond, under, inside] {
            let (lo, hi) = e.shown().interval().unwrap_or((0.5, 0.5));
            assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi) && lo <= hi);
            assert!((0.0..=1.0).contains(&e.shown().value(e)));
        }
    }
}
