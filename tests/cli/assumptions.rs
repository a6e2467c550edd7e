//! `alliance-sim sensitivity`: the headline balance under each assumption's low and high value,
//! in the three formats, and its errors.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support::run;

const DEFAULT: &str = "scenarios/renault-nissan-2023.ron";

#[test]
fn json_lists_every_assumption_sorted_by_swing_with_the_turnout_at_40_and_80_percent() {
    let o = run(&["sensitivity", DEFAULT, "--date", "2025-06-01", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (v["a"].as_str(), v["b"].as_str(), v["kind"].as_str()),
        (Some("renault"), Some("nissan"), Some("ordinary"))
    );
    let swings = v["swings"].as_array().unwrap();
    let widths: Vec<f64> = swings.iter().map(|s| s["swing"].as_f64().unwrap()).collect();
    assert!(widths.windows(2).all(|w| w[0] >= w[1]), "sorted by swing: {widths:?}");
    let turnout = swings.iter().find(|s| s["key"] == "turnout").unwrap();
    assert_eq!((turnout["low"]["label"].as_str(), turnout["high"]["label"].as_str()), (Some("40%"), Some("80%")));
    // A lower turnout leaves Renault's capped votes a larger share at Nissan: the balance rises.
    assert!(turnout["low"]["balance"].as_f64().unwrap() > turnout["high"]["balance"].as_f64().unwrap());
    for key in
        ["float_model", "cap_reading", "quarter_test", "control_test", "trust_neutral", "cap:french-state:renault"]
    {
        assert!(swings.iter().any(|s| s["key"] == key), "{key} missing");
    }
    assert!(swings.iter().any(|s| s["key"] == "behaviour:trust:nissan:director_renault_nominee"));
    // The base balance is the report's.
    let r = run(&["report", DEFAULT, "--date", "2025-06-01", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["balance"], r["dates"][0]["balance"][0]["power"]);
}

#[test]
fn a_kind_can_be_chosen_and_table_and_csv_carry_the_same_rows() {
    let o =
        run(&["sensitivity", DEFAULT, "--date", "2025-06-01", "--kind", "director_renault_nominee", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with("date,a,b,kind,key,assumption,value,low,low_balance,high,high_balance,swing\n"));
    assert!(csv.contains(",director_renault_nominee,behaviour:trust:nissan:director_renault_nominee,"), "{csv}");
    let rows = csv.lines().count();
    let t = run(&["sensitivity", DEFAULT, "--date", "2025-06-01", "--kind", "director_renault_nominee"]);
    let table = String::from_utf8(t.stdout).unwrap();
    assert!(table.contains("float turnout") && table.contains("sources and reasons:"), "{table}");
    // header + base row + one row per assumption in the CSV; the table has one line each.
    assert!(rows >= 12, "{rows}");
}

#[test]
fn errors_say_what_to_do() {
    let o = run(&["sensitivity", DEFAULT, "--date", "2030-01-01"]);
    assert_eq!(o.status.code(), Some(1));
    let e = String::from_utf8(o.stderr).unwrap();
    assert!(e.contains("outside the scenario's window") && e.contains("give a date inside it"), "{e}");
    let o = run(&["sensitivity", DEFAULT, "--kind", "nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().contains("`nope` is not a resolution kind"));
}
