//! How figures are read on the command line: every Banzhaf figure within 0.0005 of 1 or 0
//! carries its reading in JSON (`banzhaf_reading`) and in words in the table and the CSV, and a
//! Monte Carlo estimate is shown inside [0, 1] (JSON keeps the raw estimate).

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support::{company, holding, investor, run, scenario_text};
use serde_json::Value;

const DEFAULT: &str = "scenarios/renault-nissan-2023.ron";
const CONTROL: &str = "working control if the float splits evenly";
const NEVER: &str = "never decisive if the float splits evenly";

fn output(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&output(args)).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

/// The reading a Banzhaf figure must carry, by the rule of the issue, compared exactly.
fn expected(banzhaf: &Value) -> Value {
    match banzhaf.as_f64() {
        Some(b) if (1.0 - b).abs() <= 0.0005 => Value::from("working_control"),
        Some(b) if b.abs() <= 0.0005 => Value::from("never_decisive"),
        _ => Value::Null,
    }
}

#[test]
fn every_banzhaf_figure_at_its_extremes_carries_its_reading_in_json() {
    let v = json(&["report", DEFAULT, "--format", "json"]);
    let (mut read, mut between) = (0, 0);
    let mut check = |what: String, ix: &Value| {
        assert_eq!(ix["banzhaf_reading"], expected(&ix["banzhaf"]), "{what}: {ix}");
        if ix["banzhaf_reading"].is_null() {
            between += 1;
        } else {
            read += 1;
        }
    };
    for d in v["dates"].as_array().unwrap() {
        let date = d["date"].as_str().unwrap();
        for (issuer, x) in d["issuers"].as_object().unwrap() {
            for (holder, h) in x["holders"].as_object().unwrap() {
                for (kind, ix) in h["power"].as_object().unwrap() {
                    check(format!("{date} {issuer} {holder} {kind}"), ix);
                }
            }
            for (kind, ix) in x["float_power"].as_object().unwrap() {
                check(format!("{date} {issuer} float {kind}"), ix);
            }
        }
        for (issuer, kinds) in d["indirect"].as_object().unwrap() {
            for (kind, k) in kinds.as_object().unwrap() {
                for (holder, h) in k["holders"].as_object().unwrap() {
                    check(format!("{date} {issuer} {kind} {holder} through the network"), h);
                }
            }
        }
    }
    // The default's Banzhaf figures are 0 or 1 at almost every meeting: most are read.
    assert!(read > 100 && between > 0, "{read} read, {between} in between");
}

#[test]
fn the_table_and_the_csv_say_the_reading_in_words() {
    let table = output(&["report", DEFAULT, "--date", "2025-10-01"]);
    assert!(table.contains(CONTROL) && table.contains(NEVER), "{table}");
    // Renault's row at Nissan: its Banzhaf cell on ordinary resolutions is a word, not "100.00%".
    let renault = table.lines().find(|l| l.trim_start().starts_with("Renault ")).unwrap();
    assert!(renault.contains("control") && !renault.contains("100.00%"), "{renault}");
    let indirect = output(&["indirect", DEFAULT, "--date", "2025-10-01", "--kind", "ordinary"]);
    assert!(indirect.contains("working control") && indirect.contains("never decisive"), "{indirect}");
    let csv = output(&["report", DEFAULT, "--date", "2025-10-01", "--format", "csv"]);
    let nissan_at_mitsubishi = "2025-10-01,holder,mitsubishi,nissan,power_ordinary_banzhaf_reading,";
    assert!(csv.lines().any(|l| l == format!("{nissan_at_mitsubishi}{CONTROL}")), "{csv}");
    assert!(csv.lines().any(|l| l.contains("_banzhaf_reading,") && l.ends_with(NEVER)));
}

/// A company held by one investor with 30% and 21 investors with 10 shares each: more than 20
/// ultimate holders, so indirect power is estimated, and the tiny holders' estimates straddle 0.
fn many_tiny_holders(dir: &tempfile::TempDir) -> String {
    let mut entities = vec![company("co", "Other", 1_000_000, 0), investor("big")];
    let mut holdings = vec![holding("big", "co", 300_000)];
    for k in 0..21 {
        let id = format!("tiny{k:02}");
        entities.push(investor(&id));
        holdings.push(holding(&id, "co", 10));
    }
    let path = dir.path().join("tiny.ron");
    std::fs::write(&path, scenario_text("", &entities, &holdings, &[], &[])).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn monte_carlo_estimates_are_shown_inside_0_and_1_and_kept_raw_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = many_tiny_holders(&dir);
    let v = json(&["report", &file, "--format", "json"]);
    let k = &v["dates"][0]["indirect"]["co"]["ordinary"];
    assert_eq!(k["method"].as_str(), Some("monte_carlo"));
    let raw: Vec<f64> = k["holders"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|h| [h["shapley_shubik"].as_f64().unwrap(), h["banzhaf_absolute"].as_f64().unwrap()])
        .collect();
    assert!(raw.iter().any(|x| *x < 0.0), "JSON keeps the raw estimates, some below 0: {raw:?}");
    let csv = output(&["report", &file, "--format", "csv"]);
    let mut intervals = 0;
    for line in csv.lines().filter(|l| l.contains(",indirect,")) {
        let cells: Vec<&str> = line.split(',').collect();
        let (field, value) = (cells[4], cells[5]);
        if field.contains("_samples") || field.contains("_stderr_") {
            continue;
        }
        if let Ok(x) = value.parse::<f64>() {
            assert!((0.0..=1.0).contains(&x), "{line}");
        }
        intervals += usize::from(line.contains("_low,") || line.contains("_high,"));
    }
    assert!(intervals >= 4 * 22, "every estimate's interval: {intervals} rows");
    let table = output(&["report", &file]);
    assert!(table.contains("below "), "an estimate that cannot be told from 0 says so");
    let negative = table.split_whitespace().any(|w| w.starts_with('-') && w.ends_with('%'));
    assert!(!negative, "{table}");
}
