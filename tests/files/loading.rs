//! Scenario files: every shipped scenario loads, evaluates and round-trips; saving keeps a
//! backup; every broken file gives its documented error.

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;

use crate::support::{broken, date, shipped};
use alliance_sim::engine::{self, FindingKind, VoteStatus};
use alliance_sim::io::{self, FileError};
use alliance_sim::model::RuleName;
use alliance_sim::model::validate::ValidationError;

#[test]
fn the_scenarios_worth_shipping_are_shipped() {
    let names: Vec<String> = shipped().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for want in [
        "renault-nissan-2023.ron",
        "status-quo-2022.ron",
        "nissan-25-percent.ron",
        "lockup-10-percent.ron",
        "trust-to-nissan-2026.ron",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
    }
    assert!(names.iter().all(|n| !n.contains("broken")), "broken files are not shipped scenarios");
}

#[test]
fn every_shipped_scenario_loads_and_evaluates() {
    for path in shipped() {
        let s = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let ev = engine::evaluate(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!ev.points.is_empty(), "{}", path.display());
        assert_eq!(ev.points[0].date, s.start, "{}: the first point is the start date", path.display());
        assert!(ev.points.windows(2).all(|w| w[0].date < w[1].date), "{}: points in date order", path.display());
        assert!(ev.points.iter().all(|p| p.date <= s.end), "{}", path.display());
        for p in &ev.points {
            assert!(
                !p.findings.iter().any(|f| f.kind == FindingKind::Cycle),
                "{}: the rules cycle on {}",
                path.display(),
                p.date
            );
        }
    }
}

#[test]
fn every_shipped_scenario_round_trips_through_text_and_files() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for path in shipped() {
        let s = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let text = io::to_text(&s).expect("serializes");
        let again = io::parse(&text, Path::new("again.ron")).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(again, s, "{}: to_text → parse", path.display());
        let out = dir.path().join(path.file_name().unwrap());
        io::save(&s, &out).expect("saves");
        let loaded = io::load(&out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded, s, "{}: save → load", path.display());
        // Saving the loaded file again writes the same text.
        assert_eq!(io::to_text(&loaded).expect("serializes"), text);
    }
}

#[test]
fn second_save_keeps_a_backup_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("scenario.ron");
    let first = io::load(&shipped()[0]).expect("loads");
    io::save(&first, &path).expect("first save");
    assert!(!io::scenario_file::sibling(&path, "bak").exists(), "nothing to back up on the first save");
    let first_text = std::fs::read_to_string(&path).expect("readable");
    let mut second = first.clone();
    second.title = "A second version".into();
    io::save(&second, &path).expect("second save");
    let bak = io::scenario_file::sibling(&path, "bak");
    assert_eq!(bak.file_name().unwrap(), "scenario.ron.bak");
    assert_eq!(std::fs::read_to_string(&bak).expect("a backup"), first_text);
    assert_eq!(io::load(&path).expect("loads").title, "A second version");
    assert_eq!(io::load(&bak).expect("the backup loads"), first);
    assert!(!io::scenario_file::sibling(&path, "tmp").exists());
}

fn syntax(name: &str) -> (usize, usize, String) {
    match io::load(&broken(name)) {
        Err(FileError::Syntax { path, line, column, message }) => {
            assert_eq!(path, broken(name));
            (line, column, message)
        }
        other => panic!("{name}: expected a syntax error, got {other:?}"),
    }
}

fn invalid(name: &str) -> ValidationError {
    match io::load(&broken(name)) {
        Err(FileError::Invalid { path, error }) => {
            assert_eq!(path, broken(name));
            let text = FileError::Invalid { path, error: error.clone() }.to_string();
            assert!(text.contains(name), "the message names the file: {text}");
            error
        }
        other => panic!("{name}: expected a semantic error, got {other:?}"),
    }
}

#[test]
fn a_syntax_error_names_line_and_column() {
    let (line, column, message) = syntax("syntax-error.ron");
    assert_eq!((line, column), (20, 9));
    assert!(message.to_lowercase().contains("comma"), "{message}");
    assert!(message.contains("put a comma after the previous value"), "{message}");
    let shown = io::load(&broken("syntax-error.ron")).unwrap_err().to_string();
    assert!(shown.contains("syntax-error.ron:20:9"), "{shown}");
}

#[test]
fn every_syntax_error_says_what_to_do() {
    let good = std::fs::read_to_string(&shipped()[0]).expect("readable");
    // Half-way, at the end of a line (a cut inside a long source text is an unclosed string).
    let cut = good[..good.len() / 2].rfind('\n').expect("a line before the middle");
    let cases: [(&str, String, &str); 5] = [
        ("a date that is no date", good.replacen("start: \"2022-10-31\"", "start: \"2022-13-31\"", 1), "YYYY-MM-DD"),
        (
            "a number in quotes",
            good.replacen("issued_shares: 295722284", "issued_shares: \"295722284\"", 1),
            "whole number",
        ),
        ("a cut file", good[..good.floor_char_boundary(cut)].to_string(), "closing"),
        ("a field twice", good.replacen("    title:", "    title: \"x\",\n    title:", 1), "only one"),
        ("text after the end", format!("{good}\n)"), "remove what follows"),
    ];
    for (what, text, advice) in cases {
        assert_ne!(text, good, "{what}");
        match io::parse(&text, Path::new("bad.ron")) {
            Err(FileError::Syntax { message, .. }) => assert!(message.contains(advice), "{what}: {message}"),
            other => panic!("{what}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn an_empty_file_or_one_of_comments_says_what_a_scenario_is_not_an_internal_name() {
    for (what, text) in [("empty", ""), ("blank", "\n  \n"), ("comments only", "// nothing here yet\n")] {
        match io::parse(text, Path::new("new.ron")) {
            Err(FileError::Syntax { message, line, column, .. }) => {
                assert!(line >= 1 && column >= 1, "{what}");
                assert!(!message.contains("Header"), "{what}: {message}");
                assert!(
                    message.contains("docs/file-format.md") || message.contains("opens the scenario"),
                    "{what}: {message}"
                );
            }
            other => panic!("{what}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn an_unknown_field_is_refused() {
    let (line, column, message) = syntax("unknown-field.ron");
    assert_eq!((line, column), (19, 57));
    assert!(message.contains("colour"), "{message}");
    // Also at the top level and in an entity.
    let good = std::fs::read_to_string(&shipped()[0]).expect("readable");
    for (from, to) in [
        ("    title:", "    subtitle: \"x\",\n    title:"),
        ("name: \"Renault\",", "name: \"Renault\", ticker: \"RNO\","),
    ] {
        let bad = good.replacen(from, to, 1);
        assert_ne!(bad, good);
        match io::parse(&bad, Path::new("bad.ron")) {
            Err(FileError::Syntax { line, column, .. }) => assert!(line > 0 && column > 0),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn an_unknown_entity_id_names_the_event_and_its_date() {
    let e = invalid("unknown-entity.ron");
    assert!(e.item.contains("event 1"), "{e:?}");
    assert!(e.problem.contains("gamma"), "{e:?}");
    assert_eq!(e.date, Some(date("2024-05-02")));
}

#[test]
fn a_negative_float_names_the_event_and_its_date() {
    let e = invalid("negative-float.ron");
    assert!(e.item.contains("event 1"), "{e:?}");
    assert!(e.problem.contains("negative"), "{e:?}");
    assert_eq!(e.date, Some(date("2024-06-03")));
}

#[test]
fn a_sale_of_shares_not_held_names_the_event_and_its_date() {
    let e = invalid("sale-not-held.ron");
    assert!(e.item.contains("event 1"), "{e:?}");
    assert!(e.problem.contains("holds only 300"), "{e:?}");
    assert_eq!(e.date, Some(date("2024-07-04")));
}

#[test]
fn a_date_outside_the_window_is_named() {
    let e = invalid("date-outside-window.ron");
    assert!(e.item.contains("event 1"), "{e:?}");
    assert!(e.problem.contains("outside"), "{e:?}");
    assert_eq!(e.date, Some(date("2025-02-01")));
}

#[test]
fn zero_tranches_are_refused() {
    let e = invalid("zero-tranches.ron");
    assert!(e.item.contains("phased sale"), "{e:?}");
    assert!(e.problem.contains("zero tranches"), "{e:?}");
    assert_eq!(e.date, Some(date("2024-08-01")));
}

#[test]
fn a_newer_version_is_too_new() {
    match io::load(&broken("too-new.ron")) {
        Err(FileError::TooNew { found, supported, .. }) => {
            assert_eq!((found, supported), (99, alliance_sim::model::FORMAT_VERSION))
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    // The same for a shipped file whose version is bumped.
    let current = format!("version: {},", alliance_sim::model::FORMAT_VERSION);
    let text = std::fs::read_to_string(&shipped()[0]).expect("readable").replacen(&current, "version: 99,", 1);
    assert!(matches!(io::parse(&text, Path::new("x.ron")), Err(FileError::TooNew { found: 99, .. })));
}

#[test]
fn every_broken_file_is_an_error() {
    let mut n = 0;
    for entry in std::fs::read_dir(crate::support::root().join("scenarios/broken")).expect("readable") {
        let path = entry.expect("entry").path();
        assert!(io::load(&path).is_err(), "{} loads", path.display());
        n += 1;
    }
    assert!(n >= 8);
}

#[test]
fn a_missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    assert!(matches!(io::load(&dir.path().join("nope.ron")), Err(FileError::Io { .. })));
}

// ---------------------------------------------------------------- the shipped stories

fn load(name: &str) -> alliance_sim::engine::Evaluation {
    let s = io::load(&crate::support::root().join("scenarios").join(name)).unwrap_or_else(|e| panic!("{e}"));
    engine::evaluate(&s).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn status_quo_keeps_the_2022_holdings_and_control() {
    let ev = load("status-quo-2022.ron");
    for p in &ev.points {
        let date = p.date.to_string();
        let r = crate::support::holder(&ev, &date, "renault", "nissan");
        assert_eq!((r.shares, r.status), (1_831_837_000, VoteStatus::Full), "{date}");
        let n = crate::support::holder(&ev, &date, "nissan", "renault");
        assert_eq!(
            (n.shares, n.status, n.rule),
            (44_358_343, VoteStatus::Suppressed, Some(RuleName::ControlSuppression)),
            "{date}"
        );
        assert_eq!(
            crate::support::holder(&ev, &date, "french-state", "renault").status,
            VoteStatus::Capped,
            "{date}: the covenant stays"
        );
    }
}

#[test]
fn nissan_25_percent_has_the_three_consequences() {
    let ev = load("nissan-25-percent.ron");
    // The quarter of Renault's votes is crossed by the tranche of 2019-06-07 (about 18.75% of
    // the capital: Nissan's original shares carry double votes).
    let before = "2019-06-06";
    assert_eq!(crate::support::holder(&ev, before, "renault", "nissan").status, VoteStatus::Full);
    assert_eq!(crate::support::holder(&ev, before, "nissan", "renault").rule, Some(RuleName::ControlSuppression));
    let after = "2019-06-07";
    let r = crate::support::holder(&ev, after, "renault", "nissan");
    assert_eq!((r.status, r.rule, r.exercisable_votes), (VoteStatus::Suppressed, Some(RuleName::MutualQuarter), 0));
    assert!(crate::support::point(&ev, after).rules.control.get("renault").is_none_or(|c| !c.contains("nissan")));
    let n = crate::support::holder(&ev, after, "nissan", "renault");
    assert_eq!((n.status, n.exercisable_votes), (VoteStatus::Full, n.theoretical_votes));
    let renault = crate::support::issuer(&ev, after, "renault");
    // At least a quarter of Renault's votes, treasury aside.
    assert!(u128::from(n.theoretical_votes) * 4 >= u128::from(renault.theoretical_votes - renault.treasury_shares));
}

#[test]
fn lockup_scenario_ends_at_ten_percent_each_way() {
    let ev = load("lockup-10-percent.ron");
    let end = "2026-12-31";
    let pct = |holder: &str, issuer: &str| {
        let h = crate::support::holder(&ev, end, holder, issuer);
        let i = crate::support::issuer(&ev, end, issuer);
        (h.shares, i.issued_shares)
    };
    let (r, ni) = pct("renault", "nissan");
    let (n, ri) = pct("nissan", "renault");
    // At least 10%, and less than 10% plus one share.
    assert!(r * 10 >= ni && (r - 1) * 10 < ni, "{r} of {ni}");
    assert!(n * 10 >= ri && (n - 1) * 10 < ri, "{n} of {ri}");
    // Both sides identical to the default scenario up to 2025-09-30.
    let default = load("renault-nissan-2023.ron");
    for date in ["2023-11-08", "2024-10-31", "2025-09-30"] {
        assert_eq!(
            format!("{:?}", crate::support::point(&ev, date).issuers.iter().map(|x| &x.votes).collect::<Vec<_>>()),
            format!("{:?}", crate::support::point(&default, date).issuers.iter().map(|x| &x.votes).collect::<Vec<_>>()),
            "{date}"
        );
    }
}

#[test]
fn trust_to_nissan_cancels_the_trust_shares_and_leaves_renault_near_21_percent_capped_at_15() {
    let ev = load("trust-to-nissan-2026.ron");
    let end = "2026-12-31";
    let nissan = crate::support::issuer(&ev, end, "nissan");
    // 3,713,998,612 − 693,124,033 cancelled = 3,020,874,579 shares; the trust is empty.
    assert_eq!(nissan.issued_shares, 3_020_874_579);
    assert!(nissan.holder("trust").is_none_or(|h| h.shares == 0));
    // Renault's 633,107,267 direct shares are 20.96% of the capital, above the 15% level...
    let renault = crate::support::holder(&ev, end, "renault", "nissan");
    assert_eq!(renault.shares, 633_107_267);
    assert!(renault.shares * 100 > nissan.issued_shares * 20 && renault.shares * 100 < nissan.issued_shares * 21);
    // ...and its votes are still capped at 15% of Nissan's exercisable votes.
    assert_eq!(renault.status, VoteStatus::Capped);
    assert_eq!(renault.game_votes, nissan.exercisable_votes * 15 / 100);
    // Up to 2025-09-30 the file is the default scenario.
    let default = load("renault-nissan-2023.ron");
    for date in ["2023-11-08", "2024-10-31", "2025-09-30"] {
        assert_eq!(
            format!("{:?}", crate::support::point(&ev, date).issuers.iter().map(|x| &x.votes).collect::<Vec<_>>()),
            format!("{:?}", crate::support::point(&default, date).issuers.iter().map(|x| &x.votes).collect::<Vec<_>>()),
            "{date}"
        );
    }
}

#[test]
fn the_validation_error_names_item_and_date_in_its_message() {
    let e = invalid("sale-not-held.ron");
    let text = e.to_string();
    assert!(text.contains("event 1") && text.contains("2024-07-04"), "{text}");
}
