//! The README is a front door that starts with the two commands, and the manual's complete example
//! (docs/file-format.md) is the file the tests load, and it is valid.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_manual_example_is_the_shipped_example_and_it_evaluates() {
    let manual = std::fs::read_to_string(root().join("docs/file-format.md")).unwrap();
    let start = manual.find("```ron\n").expect("docs/file-format.md has a ```ron block") + "```ron\n".len();
    let len = manual[start..].find("\n```").expect("the block ends");
    let block = &manual[start..start + len];
    let file = std::fs::read_to_string(root().join("scenarios/examples/every-event.ron")).unwrap();
    assert_eq!(block.trim_end(), file.trim_end(), "docs/file-format.md and scenarios/examples/every-event.ron differ");
    let s = alliance_sim::io::parse(block, Path::new("docs/file-format.md")).unwrap();
    let ev = alliance_sim::engine::evaluate(&s).unwrap();
    // Every kind of event is in it.
    let kinds: std::collections::BTreeSet<&str> = s.events.iter().map(|e| e.kind_label()).collect();
    assert_eq!(kinds.len(), 10, "{kinds:?}");
    assert!(ev.points.len() >= 12);
}

#[test]
fn the_readme_starts_with_the_two_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let head: String = readme.lines().take(12).collect::<Vec<_>>().join("\n");
    assert!(head.contains("cargo run --release"));
    assert!(head.contains("cargo test"));
}

#[test]
fn the_readme_is_a_front_door_whose_links_all_lead_somewhere() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines < 160, "the README has {lines} lines: the manual belongs in docs/, the code map in ARCHITECTURE.md");
    let mut rest = readme.as_str();
    let mut checked = 0;
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        let target = &rest[..rest.find(')').expect("a link ends")];
        if !target.starts_with("http") {
            let path = target.split('#').next().unwrap_or_default();
            assert!(root().join(path).exists(), "the README links to {target}, which does not exist");
            checked += 1;
        }
    }
    assert!(checked >= 12, "the README links to the manual, ARCHITECTURE.md and CONTRIBUTING.md");
}
