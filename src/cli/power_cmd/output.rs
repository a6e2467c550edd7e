//! What `power` prints: the JSON document (documented in docs/json.md) and the plain-text
//! table of the same figures.

use serde::Serialize;

use alliance_sim::engine::Estimate;

/// One player in the JSON.
#[derive(Debug, Serialize)]
pub(super) struct PlayerOut {
    pub(super) weight: String,
    pub(super) swings: Option<String>,
    pub(super) banzhaf: Option<f64>,
    pub(super) banzhaf_absolute: Option<f64>,
    pub(super) shapley_shubik: Option<f64>,
    pub(super) shapley_shubik_standard_error: Option<f64>,
    pub(super) banzhaf_exact: Option<String>,
    pub(super) shapley_shubik_exact: Option<String>,
}

/// The ocean in the JSON.
#[derive(Debug, Serialize)]
pub(super) struct OceanOut {
    pub(super) shapley_shubik: f64,
    pub(super) banzhaf: Option<f64>,
}

/// How each index was computed.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(super) enum Method {
    /// Exact counts, exact fractions.
    Exact,
    /// Floating point (the fast path), accurate to about 1e-12.
    F64,
    /// Estimated from random orderings, with a standard error.
    MonteCarlo,
    /// Not computed (--banzhaf-only).
    Skipped,
}

/// The methods in the JSON.
#[derive(Debug, Serialize)]
pub(super) struct MethodOut {
    pub(super) banzhaf: Method,
    pub(super) shapley_shubik: Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) monte_carlo_orderings: Option<u64>,
}

/// The JSON document.
#[derive(Debug, Serialize)]
pub(super) struct PowerOut {
    pub(super) players: Vec<PlayerOut>,
    pub(super) ocean: Option<OceanOut>,
    pub(super) method: MethodOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) timing: Option<Timing>,
}

/// Mean times with --repeat: the fast `f64` indices (what the app uses; `seconds_per_solve`
/// is their sum) and, apart, the whole default solve that prints the exact fractions.
#[derive(Debug, Serialize)]
pub(super) struct Timing {
    pub(super) repeat: u32,
    pub(super) seconds_per_solve: f64,
    pub(super) banzhaf_seconds: f64,
    pub(super) shapley_shubik_seconds: f64,
    pub(super) exact_seconds: f64,
}

/// The plain-text table.
pub(super) fn table(out: &PowerOut) -> String {
    let mut s = format!(
        "{:>10} {:>22} {:>10} {:>10} {:>24}  {:<16} {:<16}\n",
        "weight", "swings", "Banzhaf", "absolute", "S-S", "Banzhaf exact", "S-S exact"
    );
    let f = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.6}"));
    for p in &out.players {
        // An estimate inside [0, 1], with its 95% interval (clipped) or "below x".
        let ss = match (p.shapley_shubik, p.shapley_shubik_standard_error) {
            (Some(value), Some(se)) => Estimate { value, standard_error: Some(se) }.shown().fraction(4),
            (v, _) => f(v),
        };
        s.push_str(&format!(
            "{:>10} {:>22} {:>10} {:>10} {:>24}  {:<16} {:<16}\n",
            p.weight,
            p.swings.as_deref().unwrap_or("—"),
            f(p.banzhaf),
            f(p.banzhaf_absolute),
            ss,
            p.banzhaf_exact.as_deref().unwrap_or("—"),
            p.shapley_shubik_exact.as_deref().unwrap_or("—")
        ));
    }
    if let Some(o) = &out.ocean {
        s.push_str(&format!("ocean: Shapley–Shubik {:.6}; Banzhaf undefined in the oceanic limit\n", o.shapley_shubik));
    }
    match out.method.shapley_shubik {
        Method::MonteCarlo => s.push_str(&format!(
            "Shapley–Shubik estimated from {} random orderings (95% intervals, within 0–1)\n",
            out.method.monte_carlo_orderings.unwrap_or(0)
        )),
        Method::F64 => s.push_str("Shapley–Shubik in floating point (too large to count exactly in reasonable time)\n"),
        Method::Skipped => s.push_str("Shapley–Shubik not computed (--banzhaf-only)\n"),
        Method::Exact => {}
    }
    if out.method.banzhaf == Method::F64 {
        s.push_str("Banzhaf in floating point (too large to count exactly in reasonable time)\n");
    }
    if let Some(t) = &out.timing {
        s.push_str(&format!(
            "{} solves: Banzhaf {:.3e} s, Shapley–Shubik {:.3e} s (f64); exact solve {:.3e} s\n",
            t.repeat, t.banzhaf_seconds, t.shapley_shubik_seconds, t.exact_seconds
        ));
    }
    s
}
