//! The assumptions (tornado) chart: the headline balance at a date under a low and a
//! high value of each assumption, widest swing first, in `export --list`, as CSV, SVG and
//! PNG, and the same figures as `alliance-sim sensitivity`.

use std::path::Path;

use crate::support::{bin, date, default_file};
use alliance_sim::chart::assumptions::AssumptionsChart;
use alliance_sim::chart::{self, ChartBody, ChartId};
use alliance_sim::engine::assumptions;
use alliance_sim::io;

fn tornado_of(d: &str) -> AssumptionsChart {
    let s = io::default_scenario().unwrap_or_else(|e| panic!("default scenario: {e}"));
    let ev = alliance_sim::engine::evaluate(&s).unwrap_or_else(|e| panic!("evaluates: {e}"));
    match io::export::build_chart(&ChartId::Assumptions, &s, &ev, date(d)).body {
        ChartBody::Assumptions(t) => t,
        other => panic!("not a tornado: {other:?}"),
    }
}

#[test]
fn the_tornado_chart_holds_the_engines_swings_widest_first() {
    let t = tornado_of("2024-06-01");
    let s = io::default_scenario().unwrap_or_else(|e| panic!("default scenario: {e}"));
    let engine = assumptions::balance_swings(&s, date("2024-06-01"), None).unwrap_or_else(|e| panic!("tornado: {e}"));
    assert_eq!(t.base, engine.base);
    assert_eq!(t.rows.len(), engine.swings.len());
    assert!(t.rows.iter().any(|r| r.label == "float turnout" && r.low.0 == "40%" && r.high.0 == "80%"));
    for (row, swing) in t.rows.iter().zip(&engine.swings) {
        assert_eq!((row.low.1, row.high.1), (swing.low.1, swing.high.1), "{}", row.label);
    }
    assert!(t.rows.windows(2).all(|w| w[0].swing() >= w[1].swing()), "widest swing first");
    let (lo, hi) = t.x_range();
    assert!(lo <= t.base && t.base <= hi);
}

#[test]
fn tornado_is_listed_and_exported_in_every_format() {
    let list = bin().args(["export"]).arg(default_file()).arg("--list").output();
    let Ok(list) = list else { panic!("runs") };
    assert!(String::from_utf8_lossy(&list.stdout).lines().any(|l| l.starts_with("tornado")), "export --list");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    for ext in ["csv", "svg", "png"] {
        let out = dir.path().join(format!("tornado.{ext}"));
        let run = bin()
            .arg("export")
            .arg(default_file())
            .args(["--chart", "tornado", "--date", "2024-06-01", "--out"])
            .arg(&out)
            .output();
        let Ok(run) = run else { panic!("runs") };
        assert!(run.status.success(), "{ext}: {}", String::from_utf8_lossy(&run.stderr));
        let bytes = std::fs::read(&out).unwrap_or_default();
        assert!(bytes.len() > 100, "{ext}: {} bytes", bytes.len());
        if ext == "csv" {
            let text = String::from_utf8_lossy(&bytes);
            let rows: Vec<&str> = text.lines().collect();
            assert!(rows[0].starts_with("assumption,value,low,balance_low"), "{}", rows[0]);
            assert_eq!(rows.len(), tornado_of("2024-06-01").rows.len() + 1);
            assert!(text.contains("float turnout"));
        }
        if ext == "svg" {
            assert!(String::from_utf8_lossy(&bytes).contains("float turnout"), "the SVG names the assumptions");
        }
    }
}

#[test]
fn the_turnout_band_spans_each_power_series_between_40_and_80_percent() {
    let s = io::default_scenario().unwrap_or_else(|e| panic!("default scenario: {e}"));
    let with = |t: alliance_sim::model::Fraction| {
        let mut v = s.clone();
        v.meeting.float_turnout = t;
        alliance_sim::engine::evaluate(&v).unwrap_or_else(|e| panic!("evaluates: {e}"))
    };
    let id = ChartId::Power {
        issuer: "nissan".into(),
        measure: alliance_sim::engine::Measure::ShapleyShubik,
        resolution: "ordinary".into(),
    };
    let ev = alliance_sim::engine::evaluate(&s).unwrap_or_else(|e| panic!("evaluates: {e}"));
    let mut c = chart::build(&id, &s, &ev, s.end);
    let low = chart::build(&id, &s, &with(alliance_sim::model::Fraction::TWO_FIFTHS), s.end);
    let high = chart::build(&id, &s, &with(alliance_sim::model::Fraction::FOUR_FIFTHS), s.end);
    chart::add_bands(&mut c, &low, &high, "40–80% turnout");
    let ChartBody::Time(t) = &c.body else { panic!("a time chart") };
    assert_eq!(t.bands.len(), t.series.len(), "one band per series");
    let renault = t.bands.iter().find(|b| b.name.starts_with("Renault"));
    let Some(renault) = renault else { panic!("Renault's band") };
    assert!(renault.points.iter().flat_map(|(_, r)| r).all(|(a, b)| a <= b));
    assert!(renault.points.iter().flat_map(|(_, r)| r).any(|(a, b)| b - a > 0.01), "turnout moves Renault's power");
    assert!(!renault.step_rects(t.end).is_empty());
}

/// The balance the tornado reads for each variant (`engine::balances_at`, which skips what the
/// balance does not need) is exactly the full evaluation's balance on that date: on every
/// shipped scenario and every variant of its assumptions, on each change point, the day
/// before it, before the start and after the end; and with the pairs found from the votes
/// (no `balance_pairs` in the file) as well as listed.
#[test]
fn the_balance_at_a_date_is_the_full_evaluations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut checked = 0;
    for name in [
        "renault-nissan-2023.ron",
        "status-quo-2022.ron",
        "lockup-10-percent.ron",
        "nissan-25-percent.ron",
        "trust-to-nissan-2026.ron",
    ] {
        let s = io::load(&dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut unlisted = s.clone();
        unlisted.balance_pairs.clear();
        let variants = assumptions::assumptions(&s).into_iter().flat_map(|a| [a.low.1, a.high.1]);
        for v in [s.clone(), unlisted].into_iter().chain(variants) {
            let full = alliance_sim::engine::evaluate(&v);
            let mut dates: Vec<chrono::NaiveDate> = vec![v.start - chrono::Days::new(1), v.end + chrono::Days::new(1)];
            if let Ok(ev) = &full {
                for p in &ev.points {
                    dates.extend([p.date, p.date - chrono::Days::new(1)]);
                }
            }
            for d in dates {
                let quick = alliance_sim::engine::balances_at(&v, d);
                match &full {
                    Ok(ev) => assert_eq!(quick, Ok(ev.at(d).map(|p| p.balance.as_ref().clone())), "{name} on {d}"),
                    Err(e) => assert_eq!(quick.as_ref().err(), Some(e), "{name} on {d}"),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} dates checked");
}
