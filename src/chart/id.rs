//! Which chart: [`ChartId`], its name on the command line and in the app, its description,
//! and the parsing of a name back into an id.

use crate::engine::Measure;
use crate::model::Scenario;
use crate::model::kinds::ORDINARY;

/// Which chart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ChartId {
    /// Power over time at one issuer.
    Power {
        /// Issuer id.
        issuer: String,
        /// Which index.
        measure: Measure,
        /// Which resolution kind (its id).
        resolution: String,
    },
    /// Share of issued capital over time at one issuer.
    Capital {
        /// Issuer id.
        issuer: String,
    },
    /// Share of the votes in the game over time at one issuer.
    Votes {
        /// Issuer id.
        issuer: String,
    },
    /// Balance of every reported pair over time.
    Balance,
    /// Capital, votes and power of every holder of one issuer at one date.
    Snapshot {
        /// Issuer id.
        issuer: String,
    },
    /// The network of holdings at one date.
    Network,
    /// Indirect power of the ultimate holders at one issuer over time, beside their direct power.
    Indirect {
        /// Issuer id.
        issuer: String,
        /// Which index.
        measure: Measure,
        /// Which resolution kind (its id).
        resolution: String,
    },
    /// Direct and indirect power of the ultimate holders at one issuer at one date.
    IndirectSnapshot {
        /// Issuer id.
        issuer: String,
        /// Which index.
        measure: Measure,
        /// Which resolution kind (its id).
        resolution: String,
    },
    /// The headline balance at one date under a low and a high value of each assumption (drawn
    /// as a tornado; `tornado` on the command line).
    Assumptions,
}

/// Why a chart name was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no chart called `{name}` in this scenario; the charts are: {known}")]
pub struct UnknownChart {
    name: String,
    known: String,
}

impl ChartId {
    /// Every chart of a scenario, in menu order.
    pub fn all(s: &Scenario) -> Vec<ChartId> {
        let mut out = vec![ChartId::Balance];
        for issuer in s.company_ids() {
            for measure in Measure::ALL {
                for kind in s.resolution_kinds() {
                    out.push(ChartId::Power { issuer: issuer.to_string(), measure, resolution: kind.id });
                }
            }
        }
        for issuer in s.company_ids() {
            out.push(ChartId::Capital { issuer: issuer.to_string() });
            out.push(ChartId::Votes { issuer: issuer.to_string() });
            out.push(ChartId::Snapshot { issuer: issuer.to_string() });
        }
        out.push(ChartId::Network);
        out.push(ChartId::Assumptions);
        for issuer in s.company_ids() {
            for measure in Measure::ALL {
                for kind in s.resolution_kinds() {
                    out.push(ChartId::Indirect { issuer: issuer.to_string(), measure, resolution: kind.id });
                }
            }
            for measure in Measure::ALL {
                for kind in s.resolution_kinds() {
                    out.push(ChartId::IndirectSnapshot { issuer: issuer.to_string(), measure, resolution: kind.id });
                }
            }
        }
        out
    }

    /// The chart's name on the command line.
    pub fn name(&self) -> String {
        match self {
            ChartId::Power { issuer, measure, resolution } => {
                let mut n = format!("power-{issuer}");
                if *measure == Measure::Banzhaf {
                    n.push_str("-banzhaf");
                }
                if resolution != ORDINARY {
                    n.push('-');
                    n.push_str(resolution);
                }
                n
            }
            ChartId::Capital { issuer } => format!("capital-{issuer}"),
            ChartId::Votes { issuer } => format!("votes-{issuer}"),
            ChartId::Balance => "balance".into(),
            ChartId::Snapshot { issuer } => format!("snapshot-{issuer}"),
            ChartId::Network => "network".into(),
            ChartId::Assumptions => "tornado".into(),
            ChartId::Indirect { issuer, measure, resolution } => {
                let mut n = format!("indirect-{issuer}");
                if *measure == Measure::Banzhaf {
                    n.push_str("-banzhaf");
                }
                if resolution != ORDINARY {
                    n.push('-');
                    n.push_str(resolution);
                }
                n
            }
            ChartId::IndirectSnapshot { issuer, measure, resolution } => {
                let index = if *measure == Measure::Banzhaf { "-banzhaf" } else { "" };
                let kind = if resolution == ORDINARY { String::new() } else { format!("-{resolution}") };
                format!("indirect-snapshot-{issuer}{index}{kind}")
            }
        }
    }

    /// What the chart shows, for `--help` and `export --list`.
    pub fn describe(&self, s: &Scenario) -> String {
        match self {
            ChartId::Power { issuer, measure, resolution } => format!(
                "{} power at {}'s meeting over time, {} resolutions, one line per holder and the float",
                measure.label(),
                s.name_of(issuer),
                kind_name(s, resolution)
            ),
            ChartId::Capital { issuer } => format!(
                "share of {}'s issued capital over time, per holder and the \
                float",
                s.name_of(issuer)
            ),
            ChartId::Votes { issuer } => format!(
                "share of the votes in play at {}'s meeting over time, per \
                holder and the float",
                s.name_of(issuer)
            ),
            ChartId::Balance => "balance of each pair that hold each other: A at B's meeting minus B at A's, in \
                power, votes and capital"
                .into(),
            ChartId::Snapshot { issuer } => format!(
                "capital, votes and power of every holder of {} at one date \
                (--date)",
                s.name_of(issuer)
            ),
            ChartId::Network => "the holdings at one date (--date): arrows with percentages, suppressed, capped \
                and neutral votes marked"
                .into(),
            ChartId::Assumptions => "the headline balance at one date (--date) under a low and a high value of \
                every modelling choice (turnout, float model, readings, behaviours, covenants), widest swing \
                first"
                .into(),
            ChartId::Indirect { issuer, measure, resolution } => format!(
                "{} power of each ultimate holder at {} through the network of meetings over time, beside its \
                direct power there, {} resolutions",
                measure.label(),
                s.name_of(issuer),
                kind_name(s, resolution)
            ),
            ChartId::IndirectSnapshot { issuer, measure, resolution } => format!(
                "direct and indirect {} power of each ultimate holder at {} at one date (--date), {} resolutions",
                measure.label(),
                s.name_of(issuer),
                kind_name(s, resolution)
            ),
        }
    }

    /// Parses a chart name of this scenario.
    pub fn parse(name: &str, s: &Scenario) -> Result<ChartId, UnknownChart> {
        ChartId::all(s).into_iter().find(|c| c.name() == name).ok_or_else(|| UnknownChart {
            name: name.to_string(),
            known: ChartId::all(s).iter().map(ChartId::name).collect::<Vec<_>>().join(", "),
        })
    }

    /// Whether the chart shows one date rather than the whole window.
    pub fn is_dated(&self) -> bool {
        matches!(
            self,
            ChartId::Snapshot { .. } | ChartId::Network | ChartId::IndirectSnapshot { .. } | ChartId::Assumptions
        )
    }
}

/// The name of a resolution kind for titles, as in a sentence (see
/// [`crate::model::Names::kind_in_text`]; its id when the scenario does not define it).
pub fn kind_name(s: &Scenario, kind: &str) -> String {
    s.names().kind_in_text(kind)
}
