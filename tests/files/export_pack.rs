//! `alliance-sim export FILE --deck` (the board pack, a PDF) and `--workbook` (an `.xlsx`),
//! opened by independent readers as their readers would: poppler's `pdfinfo` and `pdftotext`,
//! `qpdf --check` and its JSON outline, and Python's openpyxl. `.ci/run` installs the readers; on
//! a machine without one the test says so and passes, except under CI, where it fails.

#![allow(clippy::expect_used, clippy::unwrap_used)] // helpers of the tests panic on purpose, with a message

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{default_file, shipped};
use alliance_sim::{chart, io};

fn export(file: &Path, args: &[&str], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_alliance-sim"))
        .arg("export")
        .arg(file)
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run alliance-sim")
}

/// Runs a reader; `None` (with a message) when it is not installed outside CI.
fn reader(program: &str, args: &[&str]) -> Option<Output> {
    match Command::new(program).args(args).output() {
        Ok(o) => Some(o),
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: the reader `{program}` is not installed ({e}); .ci/run installs it");
            None
        }
        Err(e) => panic!("the reader `{program}` is missing under CI ({e}): .ci/run must install it"),
    }
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_default_deck_has_a_page_and_a_bookmark_per_step_and_its_captions_extract() {
    let s = io::load(&default_file()).expect("default file");
    let steps = chart::steps(&s);
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("deck.pdf");
    let o = export(&default_file(), &["--deck", "--notes"], &pdf);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = pdf.to_str().expect("utf-8 path");
    let Some(check) = reader("qpdf", &["--check", path]) else { return };
    assert!(check.status.success(), "qpdf --check: {}", text(&check));
    let Some(info) = reader("pdfinfo", &[path]) else { return };
    let info = text(&info);
    assert!(info.contains(&format!("Pages:           {}", steps.len() + 3)), "{info}");
    assert!(info.contains(&format!("Title:           {}", s.title)), "{info}");
    assert!(info.lines().any(|l| l.starts_with("Subject:") && l.contains("Board pack")), "{info}");
    let Some(json) = reader("qpdf", &["--json", "--json-key=outlines", path]) else { return };
    let outlines: serde_json::Value = serde_json::from_slice(&json.stdout).expect("qpdf's JSON");
    let entries = outlines["outlines"].as_array().expect("an outline");
    assert_eq!(entries.len(), steps.len() + 3, "title, one per step, assumptions and sources");
    for (entry, step) in entries[1..].iter().zip(&steps) {
        assert!(entry["title"].as_str().expect("a title").starts_with(&step.date.to_string()), "{entry}");
    }
    let Some(words) = reader("pdftotext", &[path, "-"]) else { return };
    let words = squeeze(&text(&words));
    for step in &steps {
        let first: String = squeeze(step.caption.lines().next().unwrap_or_default()).chars().take(40).collect();
        assert!(words.contains(&first), "the caption {first:?} does not extract");
    }
    for heading in ["Assumptions", "Sources", "Speaker notes", "Float turnout"] {
        assert!(words.contains(heading), "{heading} is missing from the text");
    }
}

#[test]
fn every_shipped_scenario_makes_a_deck_and_a_workbook_and_compare_puts_runs_side_by_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (k, file) in shipped().iter().enumerate() {
        let pdf = dir.path().join(format!("{k}.pdf"));
        let o = export(file, &["--deck"], &pdf);
        assert!(o.status.success(), "{}: {}", file.display(), String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::read(&pdf).expect("the pdf").starts_with(b"%PDF-"));
        let xlsx = dir.path().join(format!("{k}.xlsx"));
        let o = export(file, &["--workbook", "--every", "quarter"], &xlsx);
        assert!(o.status.success(), "{}: {}", file.display(), String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::read(&xlsx).expect("the workbook").starts_with(b"PK"));
    }
    let other = shipped().into_iter().find(|f| f != &default_file()).expect("a second scenario");
    let pdf = dir.path().join("compare.pdf");
    let o = export(&default_file(), &["--deck", "--compare", other.to_str().expect("utf-8")], &pdf);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b = io::load(&other).expect("the second scenario");
    let Some(words) = reader("pdftotext", &["-f", "2", "-l", "2", pdf.to_str().expect("utf-8"), "-"]) else { return };
    let title: String = b.title.chars().take(30).collect();
    assert!(squeeze(&text(&words)).contains(&squeeze(&title)), "the compared run's title is on the step page");
}

/// Reads the workbook with openpyxl and the charts' XML: prints one line per finding.
const WORKBOOK_CHECK: &str = r#"
import sys, zipfile, re, datetime, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
print("sheets", "|".join(wb.sheetnames))
ws = wb["Balance"]
print("freeze", ws.freeze_panes)
print("header", ws.cell(2, 1).value, "|", ws.cell(2, 2).value)
print("date", type(ws.cell(3, 1).value).__name__, ws.cell(3, 1).value.date().isoformat())
print("last", ws.cell(ws.max_row, 1).value.date().isoformat())
cell = ws.cell(3, 2)
print("number", isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool), "%" in cell.number_format)
with zipfile.ZipFile(path) as z:
    for name in sorted(n for n in z.namelist() if n.startswith("xl/charts/chart")):
        xml = z.read(name).decode()
        for ref in re.findall(r"<c:val>.*?<c:f>([^<]*)</c:f>", xml, re.S):
            sheet, rng = ref.rsplit("!", 1)
            first = rng.split(":")[0].replace("$", "")
            value = wb[sheet.strip("'")][first].value
            print("series", name, ref, type(value).__name__)
"#;

fn python_with_openpyxl() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|p| Command::new(p).args(["-c", "import openpyxl"]).output().is_ok_and(|o| o.status.success()))
}

#[test]
fn the_workbook_reads_back_with_dates_as_dates_numbers_as_numbers_and_charts_on_its_cells() {
    let s = io::load(&default_file()).expect("default file");
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("analysis.xlsx");
    let o = export(&default_file(), &["--workbook", "--every", "month"], &xlsx);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let Some(python) = python_with_openpyxl() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "openpyxl is missing under CI: .ci/run must install python3-openpyxl"
        );
        eprintln!("skipped: Python's openpyxl is not installed; .ci/run installs python3-openpyxl");
        return;
    };
    let o = Command::new(python).args(["-c", WORKBOOK_CHECK, xlsx.to_str().expect("utf-8")]).output().expect("python");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = text(&o);
    let line = |key: &str| out.lines().find(|l| l.starts_with(key)).unwrap_or_default().to_string();
    for sheet in ["Balance", "Findings", "Assumptions", "Sources", "At dates"] {
        assert!(line("sheets").contains(sheet), "{out}");
    }
    let renault = s.name_of("renault");
    assert!(line("sheets").contains(&format!("{renault} power")), "{out}");
    assert_eq!(line("freeze"), "freeze B3");
    assert_eq!(line("header"), "header Date | power: Renault − Nissan", "names, not ids, in headers");
    assert_eq!(line("date"), format!("date datetime {}", chrono_month_end(s.start)));
    assert_eq!(line("last"), format!("last {}", s.end));
    assert_eq!(line("number"), "number True True");
    let series: Vec<&str> = out.lines().filter(|l| l.starts_with("series")).collect();
    assert!(series.len() >= 10, "{out}");
    assert!(
        series.iter().all(|l| l.ends_with(" float") || l.ends_with(" int")),
        "every series' first cell is a number: {out}"
    );
}

/// The last day of the month of `date`.
fn chrono_month_end(date: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let next = if date.month() == 12 {
        chrono::NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).expect("a month end")
}

#[test]
fn csv_every_month_has_a_row_per_month_end_and_listed_dates_are_checked() {
    let s = io::load(&default_file()).expect("default file");
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("balance.csv");
    let o = export(&default_file(), &["--chart", "balance", "--every", "month"], &csv);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let body = std::fs::read_to_string(&csv).expect("the csv");
    let dates: Vec<&str> = body.lines().skip(1).map(|l| l.split(',').next().unwrap_or_default()).collect();
    assert_eq!(dates.first().copied(), Some(chrono_month_end(s.start).to_string().as_str()));
    assert_eq!(dates.last().copied(), Some(s.end.to_string().as_str()));
    assert!(dates.len() > 40, "{} rows", dates.len());
    let o = export(&default_file(), &["--chart", "balance", "--dates", "2023-06-30,1999-01-01"], &csv);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1999-01-01 is outside the scenario's window"), "{err}");
    let o = export(&default_file(), &["--chart", "balance", "--dates", "2023-06-30"], &dir.path().join("b.png"));
    assert!(!o.status.success(), "an image has no rows to sample");
}
