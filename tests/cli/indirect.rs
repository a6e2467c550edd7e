//! Indirect power through the network on the command line: the `indirect` object of
//! `report --format json` at every change point of every shipped scenario, the same figures in
//! the CSV, and the `indirect` command.

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support::{run, shipped};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

const DEFAULT: &str = "scenarios/renault-nissan-2023.ron";

fn fraction(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// One issuer's `indirect` object: every kind, every ultimate holder, floats = 1 − Σ SS.
fn assert_indirect_shape(what: &str, by_kind: &Value, players: &[String]) {
    for kind in ["ordinary", "special"] {
        let k = &by_kind[kind];
        assert_eq!(k["method"].as_str(), Some("exact"), "{what} {kind}");
        assert!(k["samples"].is_null(), "{what} {kind}");
        let holders = k["holders"].as_object().expect("holders is an object");
        let ids: Vec<String> = holders.keys().cloned().collect();
        assert_eq!(ids, players, "{what} {kind}: every ultimate holder at every company");
        let mut sum = 0.0;
        for (id, h) in holders {
            let b = fraction(&h["banzhaf_absolute"]);
            assert!((0.0..=1.0).contains(&b), "{what} {kind} {id}");
            assert!(h["banzhaf"].is_null() || (0.0..=1.0).contains(&fraction(&h["banzhaf"])));
            let ss = fraction(&h["shapley_shubik"]);
            assert!((-1e-12..=1.0 + 1e-12).contains(&ss), "{what} {kind} {id}: {ss}");
            assert!(h["stderr"].is_null(), "exact figures have no standard error");
            sum += ss;
        }
        assert!((fraction(&k["float"]["shapley_shubik"]) - (1.0 - sum)).abs() < 1e-12, "{what} {kind}");
    }
}

#[test]
fn report_json_carries_indirect_power_at_every_change_point() {
    for path in shipped() {
        let v = json(&["report", path.to_str().unwrap(), "--format", "json"]);
        for d in v["dates"].as_array().expect("dates") {
            let issuers: Vec<String> = d["issuers"].as_object().expect("issuers").keys().cloned().collect();
            let indirect = d["indirect"].as_object().expect("indirect is an object");
            assert_eq!(indirect.keys().cloned().collect::<Vec<_>>(), issuers, "{}", path.display());
            // The ultimate holders: holders with votes in play somewhere that are not issuers.
            let mut players: Vec<String> = d["issuers"]
                .as_object()
                .unwrap()
                .values()
                .flat_map(|i| i["holders"].as_object().unwrap().iter())
                .filter(|(id, h)| !issuers.contains(id) && fraction(&h["vote_share"]) > 0.0)
                .map(|(id, _)| id.clone())
                .collect();
            players.sort();
            players.dedup();
            for (iid, k) in indirect {
                assert_indirect_shape(&format!("{} {} {iid}", path.display(), d["date"]), k, &players);
            }
        }
    }
}

#[test]
fn report_csv_carries_the_same_indirect_figures() {
    let v = json(&["report", DEFAULT, "--date", "2024-06-01", "--format", "json"]);
    let o = run(&["report", DEFAULT, "--date", "2024-06-01", "--format", "csv"]);
    let csv = String::from_utf8(o.stdout).unwrap();
    let ind = &v["dates"][0]["indirect"];
    let mut checked = 0;
    for line in csv.lines().filter(|l| l.contains(",indirect,")) {
        let cells: Vec<&str> = line.split(',').collect();
        let (issuer, holder, field, value) = (cells[2], cells[3], cells[4], cells[5]);
        // Kind ids may contain underscores themselves: the kind is the id the field starts with.
        let kinds: Vec<&String> = ind[issuer].as_object().unwrap().keys().collect();
        let kind = kinds.iter().filter(|k| field.starts_with(&format!("{k}_"))).max_by_key(|k| k.len()).unwrap();
        let name = &field[kind.len() + 1..];
        let k = &ind[issuer][kind.as_str()];
        let want = match (holder, name) {
            ("", "method") => k["method"].as_str().unwrap().to_string(),
            ("", "samples") => String::new(),
            ("", "float_shapley_shubik") => k["float"]["shapley_shubik"].to_string(),
            (_, n) if n.starts_with("stderr_") => String::new(),
            (h, "banzhaf") if k["holders"][h]["banzhaf"].is_null() => String::new(),
            (h, "banzhaf_reading") => match k["holders"][h]["banzhaf_reading"].as_str() {
                Some("working_control") => "working control if the float splits evenly".to_string(),
                Some("never_decisive") => "never decisive if the float splits evenly".to_string(),
                other => panic!("{line}: a reading row where JSON has {other:?}"),
            },
            (h, n) => k["holders"][h][n].to_string(),
        };
        let same = value == want || value.parse::<f64>().ok() == want.parse::<f64>().ok() && !want.is_empty();
        assert!(same, "{line}: JSON says {want}");
        checked += 1;
    }
    assert!(checked > 20, "{checked} indirect rows");
}

#[test]
fn the_indirect_command_prints_the_report_figures() {
    let report = json(&["report", DEFAULT, "--date", "2025-01-01", "--format", "json"]);
    let ours = json(&["indirect", DEFAULT, "--date", "2025-01-01", "--format", "json"]);
    assert_eq!(ours["dates"][0]["indirect"], report["dates"][0]["indirect"]);
    let one = json(&["indirect", DEFAULT, "--date", "2025-01-01", "--kind", "special", "--format", "json"]);
    let renault = one["dates"][0]["indirect"]["renault"].as_object().unwrap();
    assert_eq!(renault.keys().collect::<Vec<_>>(), ["special"]);
    let o = run(&["indirect", DEFAULT, "--date", "2025-01-01"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("ultimate holder") && text.contains("French State") && text.contains("the floats"), "{text}");
}

#[test]
fn the_indirect_command_estimates_with_a_seed_and_explains_mistakes() {
    let args =
        ["indirect", DEFAULT, "--date", "2025-01-01", "--kind", "ordinary", "--monte-carlo", "--samples", "1000"];
    let a = json(&[&args[..], &["--format", "json"]].concat());
    let k = &a["dates"][0]["indirect"]["nissan"]["ordinary"];
    assert_eq!(k["method"].as_str(), Some("monte_carlo"));
    assert_eq!(k["samples"].as_u64(), Some(1024));
    assert!(k["holders"]["french-state"]["stderr"]["shapley_shubik"].as_f64().is_some_and(|x| x > 0.0));
    assert_eq!(a, json(&[&args[..], &["--format", "json"]].concat()), "the same seed gives the same figures");
    let o = run(&["indirect", DEFAULT, "--kind", "director-election"]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("director-election") && err.contains("ordinary") && err.contains("special"), "{err}");
    for date in ["1999-01-01", "9999-12-31"] {
        let o = run(&["indirect", DEFAULT, "--date", date]);
        let err = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(1), "{date}: {err}");
        assert!(err.contains("outside the scenario's window") && err.contains(date), "{date}: {err}");
    }
}

#[test]
fn samples_near_two_to_the_sixty_four_are_refused_at_once_with_the_limit() {
    let o = run(&["indirect", DEFAULT, "--monte-carlo", "--samples", "18446744073709551615"]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("18,446,744,073,709,551,615") && err.contains("at most 1,000,000,000"), "{err}");
    // How long they would take on this file, as `power` says of its orderings.
    assert!(err.contains("these would take about ") && err.contains(" minutes here"), "{err}");
    assert!(o.stdout.is_empty());
}
