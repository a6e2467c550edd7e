//! The command line speaks the user's words: the table and CSV outputs of `report`,
//! `assumptions`, `indirect` and `solve` on the default scenario name holders and kinds by the
//! names in the file, with no id, program key or Rust enum name; only the key columns of a CSV
//! (documented in docs/command-line.md) hold ids.

// Helpers outside #[test] functions may panic too: this is a test crate.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::support::run;
use crate::support::words::{enum_variants, forbidden_ids, leaks};

const DEFAULT: &str = "scenarios/renault-nissan-2023.ron";

fn output(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn scan(what: &str, text: &str) -> Vec<String> {
    let s = alliance_sim::io::default_scenario().unwrap();
    leaks(text, &forbidden_ids(&s), &enum_variants()).into_iter().map(|l| format!("{what}: {l}")).collect()
}

/// The CSV's value columns: every column but the keys `docs/command-line.md` names.
fn csv_values(text: &str, keys: &[&str]) -> String {
    let mut rows = text.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let keep: Vec<usize> = (0..header.len()).filter(|&i| !keys.contains(&header[i])).collect();
    let mut out = String::new();
    for row in rows {
        let cells = split_csv(row);
        for &i in &keep {
            out.push_str(cells.get(i).map_or("", String::as_str));
            out.push('\n');
        }
    }
    out
}

/// One CSV row's cells, quotes removed.
fn split_csv(row: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    for c in row.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn the_scan_finds_ids_keys_and_enum_names_on_word_boundaries_only() {
    let ids = vec!["nissan".to_string(), "french-state".to_string()];
    let variants = vec!["HeldVotes".to_string(), "Ocean".to_string()];
    assert_eq!(leaks("Renault at Nissan: 15%", &ids, &variants), Vec::<String>::new());
    assert_eq!(leaks("file renault-nissan-2023.ron", &ids, &variants), Vec::<String>::new());
    assert_eq!(leaks("an oceanic float", &ids, &variants), Vec::<String>::new());
    for leak in ["at nissan", "french-state holds", "test HeldVotes", "Ocean", "cap Some(0.2)", "rule vote_cap"] {
        assert_eq!(leaks(leak, &ids, &variants).len(), 1, "{leak}");
    }
    assert!(enum_variants().contains(&"HeldVotes".to_string()));
}

#[test]
fn tables_of_every_command_name_holders_and_kinds_by_their_names() {
    let mut found = Vec::new();
    let runs: [&[&str]; 6] = [
        &["report", DEFAULT],
        &["assumptions", DEFAULT],
        &["indirect", DEFAULT, "--date", "2025-06-01"],
        &["solve", DEFAULT, "--holding", "renault:nissan", "--date", "2026-12-31", "--target", "balance-power=0"],
        &["solve", DEFAULT, "--holding", "renault:nissan", "--date", "2026-12-31", "--target", "vote-share=nissan:25%"],
        &["solve", DEFAULT, "--holding", "nissan:renault", "--date", "2026-12-31", "--target", "balance-votes=0"],
    ];
    for args in runs {
        found.extend(scan(&args[..2].join(" "), &output(args)));
    }
    assert!(found.is_empty(), "{} leaks, the first:\n{}", found.len(), found[..found.len().min(40)].join("\n"));
}

#[test]
fn csv_values_name_holders_and_kinds_by_their_names() {
    let mut found = Vec::new();
    let report = output(&["report", DEFAULT, "--format", "csv"]);
    found.extend(scan("report csv", &csv_values(&report, &["date", "record", "issuer", "holder", "field"])));
    let assumptions = output(&["assumptions", DEFAULT, "--format", "csv"]);
    found.extend(scan("assumptions csv", &csv_values(&assumptions, &["date", "a", "b", "kind", "key"])));
    assert!(found.is_empty(), "{} leaks, the first:\n{}", found.len(), found[..found.len().min(40)].join("\n"));
}
