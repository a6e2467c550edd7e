//! No function in `src/` over 80 lines (functions of `#[cfg(test)]` modules and `#[test]`
//! functions aside): a function begins at the line of `fn name` (after `pub`, `pub(crate)`,
//! `const`, `async`, `unsafe`) and ends at the brace that closes its body, which in rustfmt's
//! layout is the first later line made of its indent and `}`.

use crate::rust_source::{closing, is_ident_char, line_of, mask, source_files, without_test_code};

/// The most lines a function of `src/` may have.
const MOST_LINES: usize = 80;

/// A function that is too long: where it is, its name and its length in lines.
#[derive(Debug, PartialEq)]
struct LongFunction {
    path: String,
    line: usize,
    name: String,
    lines: usize,
}

/// The name of the function declared on `line`, if the line declares one.
fn declared_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    loop {
        let before = rest;
        for qualifier in ["pub(crate)", "pub(super)", "pub", "const", "async", "unsafe"] {
            if let Some(after) = rest.strip_prefix(qualifier)
                && after.starts_with(|c: char| c.is_whitespace() || c == '(')
            {
                rest = after.trim_start();
            }
        }
        if rest.starts_with("pub(in ") {
            rest = rest.split_once(')').map_or(rest, |(_, after)| after.trim_start());
        }
        if rest == before {
            break;
        }
    }
    let name = rest.strip_prefix("fn ")?.trim_start();
    let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(name.len());
    (end > 0 && name.as_bytes().first().is_some_and(|&b| is_ident_char(b))).then(|| &name[..end])
}

/// The functions of one file longer than [`MOST_LINES`].
fn long_functions(path: &str, text: &str) -> Vec<LongFunction> {
    let code = without_test_code(&mask(text));
    let mut long = Vec::new();
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(name) = declared_name(line) else { continue };
        // The body opens at the first `{` outside parentheses and brackets; a `;` first means a
        // declaration without a body.
        let Some(open) = body_start(&code, start) else { continue };
        let first = line_of(&code, start);
        let last = line_of(&code, closing(&code, open).saturating_sub(1));
        let lines = last - first + 1;
        if lines > MOST_LINES {
            long.push(LongFunction { path: path.to_string(), line: first, name: name.to_string(), lines });
        }
    }
    long
}

/// The offset of the `{` that opens the body of the function declared from `from`, or `None`
/// when the declaration ends with `;`.
fn body_start(code: &str, from: usize) -> Option<usize> {
    let bytes = code.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        match bytes[at] {
            b'(' | b'[' => at = closing(code, at),
            b'{' => return Some(at),
            b';' => return None,
            _ => at += 1,
        }
    }
    None
}

fn describe(long: &[LongFunction]) -> String {
    let list: Vec<String> = long
        .iter()
        .map(|function| format!("  {}:{} fn {}: {} lines", function.path, function.line, function.name, function.lines))
        .collect();
    format!(
        "{} functions of src/ are over {MOST_LINES} lines:\n{}\nCut each into small functions named after \
         what they do (one step of the work each), in the same file or a new module.",
        long.len(),
        list.join("\n")
    )
}

#[test]
fn no_function_of_src_is_over_80_lines() {
    let files = source_files();
    assert!(files.iter().any(|file| file.path == "src/lib.rs"), "the check reads src/");
    let mut long: Vec<LongFunction> = files.iter().flat_map(|file| long_functions(&file.path, &file.text)).collect();
    long.sort_by(|a, b| b.lines.cmp(&a.lines).then_with(|| a.path.cmp(&b.path)));
    assert!(long.is_empty(), "{}", describe(&long));
}

#[test]
fn the_function_check_measures_bodies_and_leaves_tests_out() {
    let body = "    let _ = 1;\n".repeat(85);
    let text = format!(
        "pub(crate) const fn long(a: [u8; 2]) -> u8 {{\n{body}    0\n}}\n\
         pub trait Shape {{\n    fn area(&self) -> f64;\n    fn short(&self) {{\n    }}\n}}\n\
         fn quoted() {{\n    let _ = \"}}\n{body}\";\n}}\n\
         #[cfg(test)]\nmod tests {{\n    fn helper() {{\n{body}    }}\n}}\n\
         #[test]\nfn a_test() {{\n{body}}}\n"
    );
    let long = long_functions("src/x.rs", &text);
    let names: Vec<(&str, usize, usize)> = long.iter().map(|f| (f.name.as_str(), f.line, f.lines)).collect();
    // `long` is 1 + 85 + 2 lines; `quoted` spans its string's lines too (4 + 85 lines), a long
    // literal is a long function. `area` has no body, tests are left out.
    assert_eq!(names, [("long", 1, 88), ("quoted", 94, 89)]);
    assert!(describe(&long).contains("src/x.rs:1 fn long: 88 lines"));
}
