//! No file under `src/` over 500 lines, in-crate test modules included: a file that long holds
//! more than one thing, and a reader loses its thread.

use crate::rust_source::source_files;

/// The most lines a file of `src/` may have.
const MOST_LINES: usize = 500;

/// The files of `(path, text)` over [`MOST_LINES`] lines, each with its count, longest first.
fn too_long(files: &[(String, String)]) -> Vec<(String, usize)> {
    let mut long: Vec<(String, usize)> = files
        .iter()
        .map(|(path, text)| (path.clone(), text.lines().count()))
        .filter(|(_, lines)| *lines > MOST_LINES)
        .collect();
    long.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    long
}

fn describe(long: &[(String, usize)]) -> String {
    let list: Vec<String> = long.iter().map(|(path, lines)| format!("  {path}: {lines} lines")).collect();
    format!(
        "{} files of src/ are over {MOST_LINES} lines:\n{}\nSplit each into modules named after what \
         they hold; move a big in-crate test module to its own file (`foo/tests.rs`), and split that \
         too if it is over {MOST_LINES} lines.",
        long.len(),
        list.join("\n")
    )
}

#[test]
fn no_file_of_src_is_over_500_lines() {
    let files: Vec<(String, String)> = source_files().into_iter().map(|file| (file.path, file.text)).collect();
    assert!(files.iter().any(|(path, _)| path == "src/lib.rs"), "the check reads src/");
    let long = too_long(&files);
    assert!(long.is_empty(), "{}", describe(&long));
}

#[test]
fn the_line_check_counts_test_modules_too() {
    let body = "fn a() {}\n".repeat(400);
    let tests = format!("#[cfg(test)]\nmod tests {{\n{}}}\n", "    fn t() {}\n".repeat(150));
    let files = vec![("src/short.rs".to_string(), body.clone()), ("src/long.rs".to_string(), body + &tests)];
    let long = too_long(&files);
    assert_eq!(long, [("src/long.rs".to_string(), 553)]);
    assert!(describe(&long).contains("src/long.rs: 553 lines"));
}
