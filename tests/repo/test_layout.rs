//! The tests stay in a few binaries: every folder of `tests/` but `support/` is one test binary
//! (`tests/NAME/main.rs`, found by Cargo on its own), no test file lies directly in `tests/`
//! (each would be one more binary to compile and link), and each `main.rs` opens with an index
//! that names every module it declares.

use std::path::Path;

/// The most test binaries the crate may have.
const MOST_BINARIES: usize = 6;

#[test]
fn tests_are_in_a_few_binaries_each_with_an_index() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let entries = std::fs::read_dir(&tests).unwrap_or_else(|e| panic!("cannot list tests/: {e}"));
    let mut binaries = Vec::new();
    let mut loose = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && name != "support" {
            binaries.push(name);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            loose.push(name);
        }
    }
    binaries.sort();
    assert!(
        loose.is_empty(),
        "test files directly in tests/, each a binary of its own: {loose:?}; move each into the folder of \
         the binary it belongs to (see the index at the top of each tests/*/main.rs) and declare it there"
    );
    assert!(
        binaries.len() <= MOST_BINARIES,
        "{} test binaries ({binaries:?}), at most {MOST_BINARIES}: add tests to an existing binary",
        binaries.len()
    );
    for binary in &binaries {
        let main = tests.join(binary).join("main.rs");
        let text = std::fs::read_to_string(&main).unwrap_or_else(|e| panic!("cannot read tests/{binary}/main.rs: {e}"));
        let index: String = text.lines().take_while(|line| line.starts_with("//!")).collect::<Vec<_>>().join("\n");
        let unnamed: Vec<&str> = text
            .lines()
            .filter_map(|line| line.strip_prefix("mod ")?.strip_suffix(';'))
            .filter(|module| !index.contains(&format!("`{module}`")))
            .collect();
        assert!(
            unnamed.is_empty(),
            "tests/{binary}/main.rs declares modules its opening index does not name: {unnamed:?}; add a line \
             `//! - `NAME`: what goes there.` for each"
        );
    }
}
