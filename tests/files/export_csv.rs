//! CSV an analyst can paste: ASCII headers, `--percent`, `--digits N` and `--excel` on
//! `alliance-sim export` and `alliance-sim report --format csv`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // helpers of the tests panic on purpose, with a message

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{bin, default_file};
use alliance_sim::chart::ChartId;
use alliance_sim::engine;
use alliance_sim::io::{self, export};

fn ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what}: {}", String::from_utf8_lossy(&o.stderr));
}

/// `export FILE --chart CHART --format csv` with `extra` options: the file's bytes.
fn export_csv(chart: &str, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("data.csv");
    let o = bin()
        .arg("export")
        .arg(default_file())
        .args(["--chart", chart, "--format", "csv"])
        .args(extra)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run alliance-sim");
    ok(&o, &format!("export {chart} {extra:?}"));
    std::fs::read(&out).expect("the CSV was written")
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("UTF-8")
}

/// The rows of a CSV without quoted fields, as cells.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

/// A plain decimal text as (negative, digits without the point, position of the point):
/// equal for `0.15` and `15` shifted by 2 exactly when the digits agree.
fn decimal(text: &str) -> (bool, String, i64) {
    let (negative, body) = text.strip_prefix('-').map_or((false, text), |r| (true, r));
    assert!(!body.contains(['e', 'E']), "no exponent in CSV: {text}");
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let all = format!("{int}{frac}");
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_string();
    if digits.is_empty() {
        return (false, String::new(), 0);
    }
    (negative, digits, int.len() as i64 - lead as i64)
}

#[test]
fn percent_moves_the_point_of_every_value_exactly_and_marks_the_headers() {
    for chart in ["balance", "capital-nissan", "power-renault-banzhaf", "snapshot-nissan", "network"] {
        let plain = text(export_csv(chart, &[]));
        let pct = text(export_csv(chart, &["--percent"]));
        let (plain, pct) = (rows(&plain), rows(&pct));
        assert_eq!(plain.len(), pct.len(), "{chart}: rows");
        for (k, (a, b)) in plain[0].iter().zip(&pct[0]).enumerate() {
            let share_column = match chart {
                "network" => a == "capital" || a == "votes",
                _ => k > 0,
            };
            let expected = if share_column { format!("{a} (%)") } else { a.clone() };
            assert_eq!(b, &expected, "{chart}: header");
        }
        let shares: Vec<usize> = match chart {
            "network" => vec![2, 3],
            _ => (1..plain[0].len()).collect(),
        };
        for (ra, rb) in plain[1..].iter().zip(&pct[1..]) {
            for (k, (a, b)) in ra.iter().zip(rb).enumerate() {
                if !shares.contains(&k) || a.is_empty() {
                    assert_eq!(a, b, "{chart}: only shares change");
                    continue;
                }
                let (na, da, pa) = decimal(a);
                let (nb, db, pb) = decimal(b);
                assert_eq!((na, &da), (nb, &db), "{chart}: {a} as a percentage is {b}");
                if !da.is_empty() {
                    assert_eq!(pb, pa + 2, "{chart}: {a} as a percentage is {b}");
                }
            }
        }
    }
}

#[test]
fn digits_round_every_share_and_zero_has_no_sign() {
    let plain = rows(&text(export_csv("balance", &[])));
    for (n, percent) in [(0usize, false), (4, false), (2, true), (6, true)] {
        let mut args = vec!["--digits".to_string(), n.to_string()];
        if percent {
            args.push("--percent".into());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let rounded = rows(&text(export_csv("balance", &args)));
        assert_eq!(plain.len(), rounded.len());
        for (ra, rb) in plain[1..].iter().zip(&rounded[1..]) {
            assert_eq!(ra[0], rb[0], "dates stay dates");
            for (a, b) in ra[1..].iter().zip(&rb[1..]) {
                let decimals = b.split_once('.').map_or(0, |(_, f)| f.len());
                assert_eq!(decimals, n, "{args:?}: {b} has {n} decimals");
                let exact: f64 = a.parse().expect("a number");
                let scale = if percent { 100.0 } else { 1.0 };
                let got: f64 = b.parse().expect("a number");
                assert!(
                    (got - exact * scale).abs() <= 0.5 * 10f64.powi(-(n as i32)) * (1.0 + 1e-9),
                    "{args:?}: {a} rounded is {b}"
                );
                assert!(!b.starts_with("-0") || got != 0.0, "{args:?}: {b} is a signed zero");
            }
        }
    }
    // The 2023 "15% each way": a capital balance of -1.3e-9 shows as zero at 4 decimals.
    let four = text(export_csv("balance", &["--digits", "4"]));
    let row = four.lines().find(|l| l.starts_with("2023-11-08,")).expect("the closing's row");
    assert!(row.ends_with(",0.0000"), "{row}");
}

#[test]
fn excel_adds_a_byte_order_mark_and_nothing_else() {
    let plain = export_csv("power-nissan", &[]);
    let excel = export_csv("power-nissan", &["--excel"]);
    assert_eq!(&excel[..3], b"\xef\xbb\xbf", "UTF-8 byte-order mark first");
    assert_eq!(&excel[3..], &plain[..]);
    assert_ne!(&plain[..3], b"\xef\xbb\xbf");
}

#[test]
fn headers_are_ascii_for_every_chart_of_every_scenario() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let mut scenarios = vec![io::default_scenario().expect("embedded scenario")];
    scenarios.extend(files.iter().map(|f| io::load(f).unwrap_or_else(|e| panic!("{e}"))));
    for s in scenarios {
        let ev = engine::evaluate(&s).expect("evaluates");
        for id in ChartId::all(&s) {
            let csv = export::csv::to_csv(&export::build_chart(&id, &s, &ev, s.end));
            let header = csv.lines().next().unwrap_or_default();
            assert!(header.is_ascii(), "{}, {}: {header:?}", s.title, id.name());
        }
    }
}

#[test]
fn report_csv_takes_the_same_options() {
    let run = |extra: &[&str]| {
        let o = bin()
            .arg("report")
            .arg(default_file())
            .args(["--date", "2023-11-08", "--format", "csv"])
            .args(extra)
            .output()
            .expect("run");
        ok(&o, &format!("report {extra:?}"));
        o.stdout
    };
    let plain = text(run(&[]));
    assert!(plain.contains("\n2023-11-08,holder,nissan,renault,capital,0.15000000004738534\n"), "{plain}");
    assert!(plain.contains("\n2023-11-08,balance,nissan,renault,capital,-0.0000000013052350849291485\n"), "{plain}");
    let pct = text(run(&["--percent", "--digits", "2"]));
    assert!(pct.contains("\n2023-11-08,holder,nissan,renault,capital_percent,15.00\n"), "{pct}");
    assert!(pct.contains("\n2023-11-08,balance,nissan,renault,capital_percent,0.00\n"), "{pct}");
    assert!(pct.contains("\n2023-11-08,holder,nissan,renault,shares,633107267\n"), "counts stay counts: {pct}");
    let excel = run(&["--excel"]);
    assert_eq!(&excel[..3], b"\xef\xbb\xbf");
    assert_eq!(text(excel[3..].to_vec()), plain);
}

#[test]
fn csv_options_on_an_image_or_a_table_are_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("x.png");
    let o = bin()
        .arg("export")
        .arg(default_file())
        .args(["--chart", "balance", "--format", "png", "--percent", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("CSV only") && err.contains("--format csv"), "{err}");
    assert!(!out.exists());
    let o = bin().arg("report").arg(default_file()).args(["--digits", "3"]).output().expect("run");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("CSV only"));
    let o = bin()
        .arg("export")
        .arg(default_file())
        .args(["--chart", "balance", "--format", "csv", "--digits", "21", "--out"])
        .arg(dir.path().join("x.csv"))
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "clap refuses --digits 21");
}
