//! Standard output and standard error for every command, and the closed pipe that ends a
//! command quietly.

use std::process::ExitCode;

use anyhow::{Context, Result};

/// Writes a line to standard output. Every command prints through here (never `println!`,
/// which panics on a closed pipe); a failed write is an error, and `main` ends quietly when the
/// reader has gone (`| head`).
pub fn print_out(text: &str) -> Result<ExitCode> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").and_then(|()| out.flush()).context("could not write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a line to standard error. A failed write is ignored: standard error is where failures
/// are told, so there is nowhere left to tell this one (`2>/dev/full`), and the exit code still
/// says that the command failed. Never `eprintln!`, which panics there.
pub fn print_err(text: &str) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    let _ignored = writeln!(err, "{text}").and_then(|()| err.flush());
}

/// A duration for people: minutes, seconds or milliseconds (the estimates that `power` and
/// `indirect` print before a long run).
pub fn seconds_text(s: f64) -> String {
    if s >= 120.0 {
        format!("{:.0} minutes", s / 60.0)
    } else if s >= 1.0 {
        format!("{s:.0} s")
    } else {
        format!("{:.0} ms", (s * 1e3).max(1.0))
    }
}

/// Whether an error comes from writing to a pipe whose reader has closed it.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
