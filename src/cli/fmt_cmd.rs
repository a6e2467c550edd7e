//! `alliance-sim fmt`: rewrites scenario files in the canonical layout (comments, byte-order
//! mark and CRLF line endings kept), or, with `--check`, says which would change and shows how,
//! like `rustfmt --check`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use alliance_sim::io::{self, scenario_file};

use super::output::{is_closed_pipe, print_err, print_out};

/// Arguments of `fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// The `.ron` scenario files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Change nothing: exit 1 and show the difference when a file is not in the canonical layout.
    #[arg(long)]
    check: bool,
}

/// Above this many changed lines on either side, the difference is shown whole rather than
/// line by line (the line-by-line comparison costs their product).
const DIFF_LINES: usize = 4000;

/// Runs `fmt`.
pub fn run(args: &FmtArgs) -> Result<ExitCode> {
    let mut ok = true;
    for file in &args.files {
        match format_one(file, args.check) {
            Ok(true) => {}
            Ok(false) => ok = false,
            // The reader of the difference has gone (`fmt --check FILE | head -1`): end quietly;
            // the file still needed formatting.
            Err(e) if is_closed_pipe(&e) => return Ok(ExitCode::FAILURE),
            Err(e) => {
                print_err(&format!("error: {e}"));
                ok = false;
            }
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Formats one file; `Ok(false)` when `check` finds it would change.
fn format_one(file: &Path, check: bool) -> Result<bool> {
    let bytes = std::fs::read(file).map_err(|source| io::FileError::Io {
        path: file.to_path_buf(),
        action: "reading",
        source,
    })?;
    let text = scenario_file::read_text_with_mark(file)?;
    let formatted = io::format_text(&text, file)?;
    if formatted.as_bytes() == bytes.as_slice() {
        return Ok(true);
    }
    if check {
        let mut out = format!("{}: not in the canonical layout; `alliance-sim fmt` would change:\n", file.display());
        out.push_str(&diff(&text, &formatted));
        print_out(out.trim_end())?;
        return Ok(false);
    }
    io::write_atomic(file, formatted.as_bytes())?;
    Ok(true)
}

/// The lines that differ between `old` and `new`, as `-`/`+` lines under `@@ line N` headers.
fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_mid, b_mid) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out = String::new();
    if a_mid.is_empty() && b_mid.is_empty() {
        out.push_str("(only the line endings or the final newline differ)\n");
        return out;
    }
    if a_mid.len() > DIFF_LINES || b_mid.len() > DIFF_LINES {
        out.push_str(&format!("@@ line {}\n", prefix + 1));
        a_mid.iter().for_each(|l| out.push_str(&format!("-{l}\n")));
        b_mid.iter().for_each(|l| out.push_str(&format!("+{l}\n")));
        return out;
    }
    let ops = lcs_ops(a_mid, b_mid);
    let (mut i, mut in_hunk) = (prefix, false);
    for op in ops {
        match op {
            Op::Same => {
                i += 1;
                in_hunk = false;
            }
            Op::Del(l) | Op::Add(l) => {
                if !in_hunk {
                    out.push_str(&format!("@@ line {}\n", i + 1));
                    in_hunk = true;
                }
                let sign = if matches!(op, Op::Del(_)) { '-' } else { '+' };
                out.push_str(&format!("{sign}{l}\n"));
                i += usize::from(matches!(op, Op::Del(_)));
            }
        }
    }
    out
}

enum Op<'a> {
    Same,
    Del(&'a str),
    Add(&'a str),
}

/// A shortest edit from `a` to `b` by longest common subsequence.
fn lcs_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    let (n, m) = (a.len(), b.len());
    let mut len = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[at(i, j)] =
                if a[i] == b[j] { len[at(i + 1, j + 1)] + 1 } else { len[at(i + 1, j)].max(len[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if j < m && (i == n || len[at(i, j + 1)] > len[at(i + 1, j)]) {
            ops.push(Op::Add(b[j]));
            j += 1;
        } else {
            ops.push(Op::Del(a[i]));
            i += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_only_the_changed_lines_with_their_line_numbers() {
        let d = diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
        assert_eq!(d, "@@ line 2\n-b\n+B\n@@ line 5\n+e\n");
    }
}
