//! The command line, run as a built binary: `check` on shipped and broken files, and
//! `report` in its three formats, with the documented JSON shape.

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::{broken, default_file, root, run, shipped};
use alliance_sim::io::csv_format::CsvOptions;
use alliance_sim::io::report;
use serde_json::Value;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 on stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 on stderr")
}

fn report_json(file: &Path, date: Option<&str>) -> Value {
    let mut args = vec!["report", file.to_str().expect("UTF-8 path"), "--format", "json"];
    if let Some(d) = date {
        args.extend(["--date", d]);
    }
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", stdout(&o)))
}

const DEFAULT: &str = "scenarios/renault-nissan-2023.ron";

#[test]
fn check_accepts_every_shipped_file() {
    for path in shipped() {
        let o = run(&["check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", path.display(), stderr(&o));
        assert!(stdout(&o).contains("ok"), "{}", stdout(&o));
        assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    }
}

#[test]
fn check_refuses_a_syntax_error_with_file_line_and_column() {
    let path = broken("syntax-error.ron");
    let o = run(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("syntax-error.ron:20:9"), "{err}");
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
}

#[test]
fn check_refuses_semantic_errors_with_item_and_date() {
    for (name, date) in [
        ("unknown-entity.ron", "2024-05-02"),
        ("negative-float.ron", "2024-06-03"),
        ("sale-not-held.ron", "2024-07-04"),
        ("date-outside-window.ron", "2025-02-01"),
        ("zero-tranches.ron", "2024-08-01"),
    ] {
        let path = broken(name);
        let o = run(&["check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = stderr(&o);
        assert!(err.contains(name), "{name}: the file is named: {err}");
        assert!(err.contains("event 1"), "{name}: the item is named: {err}");
        assert!(err.contains(date), "{name}: the date is named: {err}");
    }
}

#[test]
fn check_refuses_unknown_fields_newer_versions_and_missing_files() {
    let o = run(&["check", broken("unknown-field.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown-field.ron:19:57") && stderr(&o).contains("colour"), "{}", stderr(&o));
    let o = run(&["check", broken("too-new.ron").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("99"), "{}", stderr(&o));
    let o = run(&["check", "scenarios/no-such-file.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.ron"), "{}", stderr(&o));
}

fn is_count(v: &Value) -> bool {
    v.is_u64()
}

fn is_fraction(v: &Value) -> bool {
    v.as_f64().is_some_and(|x| (0.0..=1.0).contains(&x))
}

fn assert_power(v: &Value, what: &str) {
    for res in ["ordinary", "special"] {
        let ix = &v[res];
        assert!(is_fraction(&ix["shapley_shubik"]), "{what} {res}: {ix}");
        assert!(ix["banzhaf"].is_null() || is_fraction(&ix["banzhaf"]), "{what} {res}: {ix}");
    }
}

/// Checks one element of `dates` against the documented shape.
fn assert_date_shape(d: &Value) {
    let date = d["date"].as_str().expect("date is a string");
    assert!(date.parse::<chrono::NaiveDate>().is_ok(), "{date}");
    let issuers = d["issuers"].as_object().expect("issuers is an object");
    assert!(!issuers.is_empty());
    for (iid, i) in issuers {
        let what = format!("{date} {iid}");
        for key in
            ["issued_shares", "treasury_shares", "float_shares", "theoretical_votes", "exercisable_votes", "votes_cast"]
        {
            assert!(is_count(&i[key]), "{what}: {key} = {}", i[key]);
        }
        let n = |k: &str| i[k].as_u64().unwrap_or(0);
        assert!(n("treasury_shares") + n("float_shares") <= n("issued_shares"), "{what}");
        assert!(n("exercisable_votes") <= n("theoretical_votes"), "{what}");
        assert!(n("votes_cast") <= n("exercisable_votes"), "{what}");
        let holders = i["holders"].as_object().expect("holders is an object");
        let mut held = 0;
        for (hid, h) in holders {
            let what = format!("{what} {hid}");
            for key in ["shares", "theoretical_votes", "exercisable_votes"] {
                assert!(is_count(&h[key]), "{what}: {key}");
            }
            held += h["shares"].as_u64().unwrap_or(0);
            assert!(is_fraction(&h["capital"]), "{what}: capital");
            assert!(is_fraction(&h["vote_share"]), "{what}: vote_share");
            let status = h["status"].as_str().expect("status is a string");
            assert!(["full", "capped", "neutral", "suppressed"].contains(&status), "{what}: {status}");
            assert_eq!(h["suppressed_by"].is_null(), status == "full", "{what}: suppressed_by {}", h["suppressed_by"]);
            if status == "suppressed" {
                assert_eq!(h["exercisable_votes"].as_u64(), Some(0), "{what}");
                assert_eq!(h["vote_share"].as_f64(), Some(0.0), "{what}");
            }
            assert_power(&h["power"], &what);
        }
        assert_eq!(held + n("treasury_shares") + n("float_shares"), n("issued_shares"), "{what}: shares are conserved");
        assert_power(&i["float_power"], &format!("{what} float"));
    }
    for f in d["findings"].as_array().expect("findings is an array") {
        assert!(f["kind"].is_string(), "{f}");
        assert!(f["holder"].is_null() || f["holder"].is_string(), "{f}");
        assert!(f["issuer"].is_null() || f["issuer"].is_string(), "{f}");
        let kinds = f["kinds"].as_array().expect("a finding's kinds is an array");
        assert!(
            kinds.iter().all(|k| k.as_str().is_some_and(|k| d["issuers"]
                .as_object()
                .is_some_and(|i| { i.values().all(|issuer| issuer["kinds"].get(k).is_some()) }))),
            "{f}: every kind is one of the scenario's"
        );
        assert!(f["detail"].as_str().is_some_and(|s| !s.is_empty()), "{f}");
    }
    assert!(d["balance"].is_array(), "balance");
    assert!(d["integrated_ownership"].is_object(), "integrated_ownership");
    assert!(d["ultimate_claims"].is_object(), "ultimate_claims");
}

#[test]
fn report_json_has_the_documented_shape_at_every_change_point() {
    for path in shipped() {
        let json = report_json(&path, None);
        let s = alliance_sim::io::load(&path).expect("loads");
        assert_eq!(json["scenario"].as_str(), Some(s.title.as_str()));
        let dates = json["dates"].as_array().expect("dates is an array");
        let ev = alliance_sim::engine::evaluate(&s).expect("evaluates");
        let want: Vec<String> = ev.points.iter().map(|p| p.date.to_string()).collect();
        let got: Vec<String> = dates.iter().map(|d| d["date"].as_str().unwrap_or("").to_string()).collect();
        assert_eq!(got, want, "{}: every change point, in order", path.display());
        assert!(got.windows(2).all(|w| w[0] < w[1]));
        for d in dates {
            assert_date_shape(d);
        }
    }
}

#[test]
fn report_json_on_a_date_shows_the_state_in_force() {
    let json = report_json(Path::new(DEFAULT), Some("2024-01-01"));
    let dates = json["dates"].as_array().expect("dates");
    assert_eq!(dates.len(), 1);
    let d = &dates[0];
    assert_eq!(d["date"], "2024-01-01");
    assert_date_shape(d);
    let nissan = &d["issuers"]["nissan"];
    let renault = &nissan["holders"]["renault"];
    assert_eq!(renault["shares"], 633_107_267);
    assert_eq!(renault["status"], "capped");
    assert_eq!(renault["suppressed_by"], "vote_cap");
    assert_eq!(nissan["holders"]["trust"]["status"], "neutral");
    assert_eq!(nissan["holders"]["trust"]["suppressed_by"], "trust");
    // The buyback of 2023-12-13 and the cancellation of 2023-12-15 are in force.
    assert_eq!(nissan["issued_shares"], 4_220_715_112u64 - 211_000_000);
    assert_eq!(nissan["holders"]["trust"]["shares"], 1_198_729_733u64 - 211_000_000);
    assert_eq!(d["issuers"]["renault"]["holders"]["nissan"]["status"], "capped");
    assert!(d["findings"].as_array().unwrap().iter().any(|f| f["kind"] == "neutral" && f["holder"] == "trust"));
    // The day before the closing: Renault holds 43.4% with full votes, Nissan's are off.
    let json = report_json(Path::new(DEFAULT), Some("2023-11-07"));
    let d = &json["dates"][0];
    assert_eq!(d["issuers"]["nissan"]["holders"]["renault"]["shares"], 1_831_837_000u64);
    assert_eq!(d["issuers"]["nissan"]["holders"]["renault"]["status"], "full");
    assert_eq!(d["issuers"]["renault"]["holders"]["nissan"]["status"], "suppressed");
    assert_eq!(d["issuers"]["renault"]["holders"]["nissan"]["suppressed_by"], "control_suppression");
}

#[test]
fn report_csv_carries_the_same_figures() {
    let o = run(&["report", DEFAULT, "--date", "2024-01-01", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("date,record,issuer,holder,field,value"));
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.starts_with("2024-01-01,")), "only the date asked for");
    assert!(rows.contains(&"2024-01-01,holder,nissan,renault,shares,633107267"), "{text}");
    assert!(rows.contains(&"2024-01-01,holder,nissan,renault,status,capped"));
    assert!(rows.contains(&"2024-01-01,holder,nissan,trust,status,neutral"));
    // Every change point without --date.
    let o = run(&["report", DEFAULT, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let mut dates: Vec<&str> =
        text.lines().skip(1).filter_map(|l| l.split(',').next()).filter(|d| !d.is_empty()).collect();
    dates.dedup();
    assert!(dates.len() > 10 && dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
}

#[test]
fn report_table_is_the_default_format() {
    let o = run(&["report", DEFAULT, "--date", "2024-01-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("== 2024-01-01 =="), "{text}");
    assert!(text.contains("633107267") && text.contains("capped") && text.contains("neutral"), "{text}");
    let o = run(&["report", DEFAULT, "--date", "2024-01-01", "--format", "table"]);
    assert_eq!(stdout(&o), text);
}

#[test]
fn report_refuses_a_broken_file_and_a_bad_format() {
    let o = run(&["report", broken("sale-not-held.ron").to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("sale-not-held.ron"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let o = run(&["report", DEFAULT, "--format", "xml"]);
    assert_ne!(o.status.code(), Some(0));
    let o = run(&["report", DEFAULT, "--date", "2024-13-01"]);
    assert_ne!(o.status.code(), Some(0));
}

#[test]

fn report_into_a_closed_pipe_does_not_panic() {
    let o = into_closed_pipe(&["report", DEFAULT, "--format", "json"]);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert_ne!(o.status.code(), Some(101));
}

/// Runs the binary with its standard output closed by the reader before it writes.
fn into_closed_pipe(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alliance-sim"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    child.wait_with_output().expect("finishes")
}

#[test]
fn every_command_ends_quietly_with_success_when_the_reader_closes_the_pipe() {
    // As `alliance-sim export --list | head -1`: the reader goes away; nothing is wrong.
    for args in [
        vec!["export", "--list"],
        vec!["report", DEFAULT],
        vec!["report", DEFAULT, "--format", "csv"],
        vec!["check", DEFAULT],
        vec!["power", "--weights", "3,2,2", "--quota", "4"],
        vec!["indirect", DEFAULT, "--date", "2025-01-01"],
        vec!["sensitivity", DEFAULT, "--date", "2025-06-01", "--format", "json"],
    ] {
        let o = into_closed_pipe(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{args:?} said something: {}", stderr(&o));
    }
}

#[test]
fn an_error_that_cannot_be_written_to_a_full_standard_error_still_exits_1_without_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: this system has no /dev/full");
        return;
    };
    let o = crate::support::bin()
        .args(["check", "/nonexistent/scenario.ron"])
        .stderr(Stdio::from(full))
        .output()
        .expect("the binary runs");
    assert_eq!(o.status.code(), Some(1), "a failed check exits 1, not with a panic's 101");
}

#[test]
fn fmt_check_into_a_closed_pipe_ends_quietly() {
    // A scenario indented otherwise on every line, its difference read by nobody: the reader's
    // end is closed as soon as the program starts, so its first write meets a closed pipe.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("spread.ron");
    let shipped = std::fs::read_to_string(root().join("scenarios/examples/every-event.ron")).expect("the example");
    std::fs::write(&file, shipped.replace("    ", "      ")).expect("written");
    let o = into_closed_pipe(&["fmt", "--check", file.to_str().expect("a UTF-8 temporary path")]);
    assert_eq!(stderr(&o), "", "nothing is said about the closed pipe");
    assert_eq!(o.status.code(), Some(1), "the file still needed formatting");
}

#[test]
fn report_json_says_the_french_state_decides_neither_at_nissan_nor_at_mitsubishi_motors() {
    let json = report_json(&default_file(), None);
    let dates = json["dates"].as_array().expect("dates");
    for d in dates {
        for f in d["findings"].as_array().expect("findings") {
            let at = f["issuer"].as_str().unwrap_or("");
            assert!(
                !(f["kind"] == "indirect_decides"
                    && f["holder"] == "french-state"
                    && ["nissan", "mitsubishi"].contains(&at)),
                "{}: {f}",
                d["date"]
            );
        }
    }
    // The findings name kinds by id in `kinds` and in words in `detail`: blocking at Mitsubishi
    // Motors holds on special resolutions only.
    let first = &dates[0]["findings"];
    let blocking =
        first.as_array().unwrap().iter().find(|f| f["kind"] == "blocking_minority" && f["issuer"] == "mitsubishi");
    let blocking = blocking.expect("Nissan's blocking minority at Mitsubishi Motors");
    assert_eq!(blocking["kinds"], serde_json::json!(["special"]));
    assert!(blocking["detail"].as_str().unwrap().contains(" on special resolutions: "), "{blocking}");
}

/// A report's bytes, whole in memory and written one date at a time: JSON, CSV and table.
fn whole_and_streamed(path: &Path, date: Option<chrono::NaiveDate>, keep: &[report::Section]) -> [(String, String); 3] {
    let s = alliance_sim::io::load(path).expect("loads");
    let ev = alliance_sim::engine::evaluate(&s).expect("evaluates");
    let mut whole = report::report(&s, &ev, date);
    if !keep.is_empty() {
        whole.keep_sections(keep);
    }
    let kinds = report::kind_reports(&s);
    let dates = || {
        report::date_reports(&ev, date).map(|mut d| {
            if !keep.is_empty() {
                d.keep_sections(keep);
            }
            d
        })
    };
    let options = CsvOptions { percent: true, digits: Some(3), bom: true };
    let (mut json, mut csv, mut table) = (Vec::new(), Vec::new(), Vec::new());
    report::write_json(&mut json, &s.title, &kinds, dates()).expect("written");
    report::write_csv(&mut csv, dates(), &options, &s.names()).expect("written");
    report::write_table(&mut table, &s.title, &kinds, &s.names(), dates()).expect("written");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    [
        (report::to_json(&whole).expect("JSON"), text(json)),
        (report::to_csv_with(&whole, &options), text(csv)),
        (report::to_table(&whole), text(table)),
    ]
}

#[test]
fn a_report_written_date_by_date_has_the_bytes_of_the_whole_report() {
    let mut files = shipped();
    files.push(root().join("scenarios/examples/every-event.ron"));
    for path in &files {
        let s = alliance_sim::io::load(path).expect("loads");
        let middle = s.start + (s.end - s.start) / 2;
        let before = s.start.pred_opt().expect("a day before the window");
        let cases: [(Option<chrono::NaiveDate>, &[report::Section]); 4] = [
            (None, &[]),
            (Some(middle), &[]),
            (None, &[report::Section::Balance, report::Section::Findings]),
            (Some(before), &[]),
        ];
        for (date, keep) in cases {
            for (format, (whole, streamed)) in ["json", "csv", "table"].iter().zip(whole_and_streamed(path, date, keep))
            {
                assert!(streamed == whole, "{}, {format}, {date:?}, {keep:?}: the bytes differ", path.display());
            }
        }
        // The command writes the same bytes, and a line break.
        let [(json, _), _, _] = whole_and_streamed(path, None, &[]);
        let o = run(&["report", path.to_str().expect("UTF-8 path"), "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o) == json + "\n", "{}: report --format json differs from the whole report", path.display());
    }
}

#[test]
fn a_report_that_cannot_be_written_to_standard_output_exits_1_and_says_what_to_do() {
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        eprintln!("skipped: this system has no /dev/full");
        return;
    };
    for format in ["json", "csv", "table"] {
        let o = crate::support::bin()
            .args(["report", DEFAULT, "--format", format])
            .current_dir(root())
            .stdout(Stdio::from(full.try_clone().expect("a second handle")))
            .output()
            .expect("the binary runs");
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let said = stderr(&o);
        assert!(
            said.starts_with("error: could not write to standard output: No space left on device")
                && said.contains("send the output elsewhere")
                && said.lines().count() == 1,
            "{format}: {said}"
        );
    }
}

/// The peak resident memory of the binary run with `args`, from GNU time's report, in kB.
fn peak_memory_kb(args: &[&str]) -> u64 {
    let o = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_alliance-sim"))
        .args(args)
        .stdout(Stdio::null())
        .output()
        .expect("/usr/bin/time runs: install GNU time (the `time` package) to measure memory");
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {said}");
    let line = said.lines().find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "));
    line.and_then(|kb| kb.parse().ok()).unwrap_or_else(|| panic!("no peak memory in GNU time's report: {said}"))
}

#[test]
#[ignore = "a 9.5 MB scenario and a gigabyte of output: run with `cargo test --release --test cli -- --ignored`"]
fn a_report_of_the_most_change_points_is_written_in_the_memory_of_its_evaluation() {
    // The worst accepted file for memory (docs/safety-and-limits.md): 100,001 change points.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("most-changes.ron");
    std::fs::write(&file, crate::support::largest::most_changes()).expect("written");
    let file = file.to_str().expect("a UTF-8 temporary path");
    let check = peak_memory_kb(&["check", file]);
    eprintln!("check: {check} kB at the peak");
    for format in ["json", "csv", "table"] {
        let peak = peak_memory_kb(&["report", file, "--format", format]);
        eprintln!("report --format {format}: {peak} kB at the peak");
        assert!(peak < 400_000, "report --format {format} peaks at {peak} kB, above 400 MB");
        assert!(peak < check + 50_000, "report --format {format} peaks at {peak} kB, check at {check} kB");
    }
}
