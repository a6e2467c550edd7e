//! No silent wrong result: power for many blockholders against an
//! independent oracle, unknown values as null with a finding, a closed group of companies, dates
//! outside the window, and errors said once in the user's words (the file limits are tested
//! with `io::limits`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::bin;
use crate::support::{company, holding, investor, scenario_text};
use serde_json::Value;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `P(Bin(n, x) ≥ k)` by direct summation.
fn binom_tail(n: usize, k: usize, x: f64) -> f64 {
    if x <= 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    if x >= 1.0 {
        return 1.0;
    }
    (k..=n).map(|j| choose(n, j) * x.powi(j as i32) * (1.0 - x).powi((n - j) as i32)).sum()
}

fn choose(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |c, j| c * (n - j) as f64 / (j + 1) as f64)
}

/// The oracle: Milnor–Shapley and Dubey–Shapley for majors in classes (weight, count) with an
/// ocean, strict majority of `total`, by enumerating how many of each class join (independent
/// of the engine's dynamic programme). Returns (Shapley–Shubik, absolute Banzhaf) per class.
fn oracle(classes: &[(u64, usize)], ocean: u64) -> Vec<(f64, f64)> {
    let m: usize = classes.iter().map(|c| c.1).sum();
    let total = classes.iter().map(|&(w, c)| w * c as u64).sum::<u64>() + ocean;
    let half = total as f64 / 2.0;
    let mut out = Vec::new();
    for i in 0..classes.len() {
        let wi = classes[i].0 as f64;
        // Other players: class i has one fewer.
        let others: Vec<(u64, usize)> =
            classes.iter().enumerate().map(|(j, &(w, c))| (w, if j == i { c - 1 } else { c })).collect();
        let (mut ss, mut swings) = (0.0, 0.0);
        let mut counts = vec![0usize; others.len()];
        loop {
            let k: f64 = others.iter().zip(&counts).map(|(&(w, _), &n)| w as f64 * n as f64).sum();
            let size: usize = counts.iter().sum();
            let ways: f64 = others.iter().zip(&counts).map(|(&(_, c), &n)| choose(c, n)).product();
            // More than half: pivotal while k + a·t ≤ T/2 < k + wi + a·t.
            let lo = ((half - k - wi) / ocean as f64).clamp(0.0, 1.0);
            let hi = ((half - k) / ocean as f64).clamp(0.0, 1.0);
            if hi > lo {
                let beta = 1.0 / (m as f64 * choose(m - 1, size));
                ss += ways * beta * (binom_tail(m, size + 1, hi) - binom_tail(m, size + 1, lo));
            }
            let x = k + ocean as f64 / 2.0;
            if x <= half && x + wi > half {
                swings += ways;
            }
            // Next combination of counts.
            let mut j = 0;
            while j < counts.len() && counts[j] == others[j].1 {
                counts[j] = 0;
                j += 1;
            }
            if j == counts.len() {
                break;
            }
            counts[j] += 1;
        }
        out.push((ss, swings / 2f64.powi(m as i32 - 1)));
    }
    out
}

#[test]
fn forty_blockholders_and_the_float_against_an_oracle() {
    let classes = [(100_000u64, 14usize), (150_000, 13), (220_000, 13)];
    let issued = 14_000_000u64;
    let mut entities = vec![company("x", "Other", issued, 0)];
    let mut holdings = Vec::new();
    let mut weight_of = Vec::new();
    for (c, &(w, n)) in classes.iter().enumerate() {
        for k in 0..n {
            let id = format!("h{c}_{k}");
            entities.push(investor(&id));
            holdings.push(holding(&id, "x", w));
            weight_of.push((id, c));
        }
    }
    let float = issued - classes.iter().map(|&(w, n)| w * n as u64).sum::<u64>();
    let ev = crate::support::eval(&scenario_text("", &entities, &holdings, &[], &[]));
    let p = ev.points.first().unwrap();
    let x = p.issuer("x").unwrap();
    let ordinary = x.power("ordinary").unwrap();
    assert!(ordinary.unavailable.is_none(), "{:?}", ordinary.unavailable);
    let want = oracle(&classes, float);
    let mut sum = ordinary.float.shapley_shubik;
    let bz_total: f64 = want.iter().zip(&classes).map(|(w, c)| w.1 * c.1 as f64).sum();
    for (id, c) in &weight_of {
        let k = x.votes.holders.iter().position(|h| &h.holder == id).unwrap();
        let got = ordinary.holders[k];
        assert!((got.shapley_shubik - want[*c].0).abs() < 1e-12, "{id}: {} vs {}", got.shapley_shubik, want[*c].0);
        let bz = got.banzhaf.unwrap();
        assert!((bz - want[*c].1 / bz_total).abs() < 1e-12, "{id}: {bz}");
        sum += got.shapley_shubik;
    }
    assert!((sum - 1.0).abs() < 1e-12, "{sum}");
    assert!(ordinary.float.shapley_shubik > 0.0);
    assert!(!p.findings.iter().any(|f| f.kind.key() == "degenerate_power"));
}

/// A scenario file in a temporary folder.
fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn equal_holders(text: &str, model: &str) -> String {
    text.replace("meeting: (float_turnout: \"1\")", &format!("meeting: (float_turnout: \"1\", float_model: {model})"))
}

#[test]
fn power_that_cannot_be_computed_is_null_with_a_finding_in_json_csv_and_table() {
    // 130 blockholders with the float as 1,000 equal holders: beyond what that model computes
    // within its work bound (125).
    let mut entities = vec![company("x", "Other", 10_000_000, 0)];
    let mut holdings = Vec::new();
    for k in 0..130 {
        entities.push(investor(&format!("h{k}")));
        holdings.push(holding(&format!("h{k}"), "x", 10_000 + 100 * k));
    }
    let text = equal_holders(&scenario_text("", &entities, &holdings, &[], &[]), "EqualHolders(1000)");
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "many.ron", &text);
    let (ok, out, err) = run(&["report", &path, "--format", "json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let date = &v["dates"][0];
    let h0 = &date["issuers"]["x"]["holders"]["h0"]["power"]["ordinary"];
    assert!(h0["shapley_shubik"].is_null() && h0["banzhaf"].is_null(), "{h0}");
    assert!(date["issuers"]["x"]["float_power"]["ordinary"]["shapley_shubik"].is_null());
    let findings = date["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["kind"] == "degenerate_power" && f["detail"].as_str().unwrap().contains("could not")),
        "{findings:?}"
    );
    let (_, csv, _) = run(&["report", &path, "--format", "csv"]);
    let row = csv.lines().find(|l| l.contains(",h0,power_ordinary_shapley_shubik")).unwrap();
    assert!(row.ends_with("power_ordinary_shapley_shubik,"), "{row}");
    assert!(!csv.contains("NaN"));
    let (_, table, _) = run(&["report", &path]);
    assert!(!table.contains("NaN") && !table.contains("0.00%   0.00%"), "{table}");
}

#[test]
fn a_closed_group_has_no_look_through_and_says_so() {
    let entities = [company("a", "Other", 1000, 0), company("b", "Other", 1000, 0)];
    let holdings = [holding("a", "b", 1000), holding("b", "a", 1000)];
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "closed.ron", &scenario_text("", &entities, &holdings, &[], &[]));
    let (ok, out, err) = run(&["report", &path, "--format", "json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let date = &v["dates"][0];
    assert!(date["integrated_ownership"].is_null() && date["ultimate_claims"].is_null(), "{date}");
    let f = date["findings"].as_array().unwrap().iter().find(|f| f["kind"] == "look_through_undefined").unwrap();
    let detail = f["detail"].as_str().unwrap();
    assert!(detail.contains("a name") && detail.contains("b name"), "{detail}");
    // A healthy network keeps its tables, without zero entries; --sections leaves them out.
    let entities = [company("a", "Other", 1000, 0), company("b", "Other", 1000, 0)];
    let path = file(&dir, "open.ron", &scenario_text("", &entities, &[holding("a", "b", 300)], &[], &[]));
    let (_, out, _) = run(&["report", &path, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["dates"][0]["integrated_ownership"]["a"]["b"].as_f64(), Some(0.3));
    assert!(v["dates"][0]["integrated_ownership"]["b"].is_null());
    let (ok, out, _) = run(&["report", &path, "--format", "json", "--sections", "issuers,findings"]);
    assert!(ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["dates"][0].get("integrated_ownership").is_none() && v["dates"][0].get("balance").is_some());
}

#[test]
fn report_refuses_a_date_outside_the_window_as_export_does() {
    let dir = tempfile::tempdir().unwrap();
    let entities = [company("a", "Other", 1000, 0), investor("i")];
    let path = file(&dir, "s.ron", &scenario_text("", &entities, &[holding("i", "a", 600)], &[], &[]));
    for date in ["9999-12-31", "2023-12-31"] {
        let (ok, _, err) = run(&["report", &path, "--date", date]);
        assert!(!ok);
        assert!(err.contains("outside the scenario's window, 2024-01-01 to 2024-12-31"), "{err}");
    }
    let (ok, _, err) = run(&["report", &path, "--date", "2024-12-31"]);
    assert!(ok, "{err}");
}

#[test]
fn errors_are_said_once_without_internal_names() {
    let (ok, _, err) = run(&["report", "/nonexistent/folder/x.ron"]);
    assert!(!ok);
    let os = "No such file or directory";
    assert_eq!(err.matches(os).count(), 1, "{err}");
    let (ok, _, err) =
        run(&["export", "/nonexistent/folder/x.ron", "--chart", "balance", "--format", "csv", "--out", "/tmp/x.csv"]);
    assert!(!ok);
    assert_eq!(err.matches(os).count(), 1, "{err}");
    let (ok, _, err) = run(&["power", "--weights", "18446744073709551615,1", "--quota", "2"]);
    assert!(!ok);
    assert!(!err.contains("::") && !err.contains("u64"), "{err}");
}

#[test]
fn decimals_of_any_length_are_read_exactly() {
    // 2/3 written with 16 and 30 decimals: a hair below 2/3, so with weights 1,1,1 the quota
    // is ceil(3 × 0.666…) = 2 both times, and each player has Shapley–Shubik 1/3.
    for f in ["0.6666666666666666", "0.666666666666666666666666666666"] {
        let (ok, out, err) = run(&["power", "--weights", "1,1,1", "--quota-fraction", f, "--format", "json"]);
        assert!(ok, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["players"][0]["shapley_shubik_exact"], "1/3");
    }
    // An exact decimal that is not a binary fraction, at the edge: 0.50000000000000000001
    // is more than half of 2, so the quota is 2 (both players needed).
    let (ok, out, _) =
        run(&["power", "--weights", "1,1", "--quota-fraction", "0.50000000000000000001", "--format", "json"]);
    assert!(ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["players"][0]["swings"], "1");
    assert_eq!(v["players"][0]["shapley_shubik_exact"], "1/2");
}

#[test]
fn power_offers_faster_alternatives_and_warns_before_a_long_request() {
    // Banzhaf only; Monte Carlo with standard errors (EEC 1958: 7/30 for the big three).
    let (ok, out, _) =
        run(&["power", "--weights", "4,4,4,2,2,1", "--quota", "12", "--banzhaf-only", "--format", "json"]);
    assert!(ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["players"][0]["shapley_shubik"].is_null());
    assert_eq!(v["players"][0]["banzhaf_exact"], "5/21");
    assert_eq!(v["method"]["shapley_shubik"], "skipped");
    let (ok, out, _) =
        run(&["power", "--weights", "4,4,4,2,2,1", "--quota", "12", "--monte-carlo", "100000", "--format", "json"]);
    assert!(ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    let (est, se) = (
        v["players"][0]["shapley_shubik"].as_f64().unwrap(),
        v["players"][0]["shapley_shubik_standard_error"].as_f64().unwrap(),
    );
    assert!(se > 0.0 && (est - 7.0 / 30.0).abs() < 5.0 * se, "{est} ± {se}");
    assert_eq!(v["method"]["shapley_shubik"], "monte_carlo");
    assert_eq!(v["method"]["monte_carlo_orderings"], 100000);
    // 4,000 players: the note comes on standard error before the work starts (the process is
    // stopped once the note is read).
    let weights: Vec<String> = (0..4000).map(|k| (1 + k % 97).to_string()).collect();
    let mut child = bin()
        .args(["power", "--weights", &weights.join(","), "--quota-fraction", "1/2", "--format", "json"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.contains("4000 players") && line.contains("--banzhaf-only") && line.contains("--monte-carlo"),
        "{line}"
    );
}
