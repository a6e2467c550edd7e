//! Standard output and standard error for every command, and the closed pipe that ends a
//! command quietly.

use std::io::{BufWriter, StdoutLock, Write as _};
use std::process::ExitCode;

use anyhow::Result;

/// Writes a line to standard output. Every command prints through here or [`write_out`] (never
/// `println!`, which panics on a closed pipe); a failed write is an error, and `main` ends
/// quietly when the reader has gone (`| head`).
pub fn print_out(text: &str) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").and_then(|()| out.flush()).map_err(stdout_failed)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output what `write` writes, then a line break, through a buffer: for
/// output too large to hold as one text (a report of every change point), written as it is
/// made. Errors as [`print_out`]'s, the closed pipe included.
pub fn write_out(write: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> std::io::Result<()>) -> Result<ExitCode> {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    write(&mut out).and_then(|()| writeln!(out)).and_then(|()| out.flush()).map_err(stdout_failed)?;
    Ok(ExitCode::SUCCESS)
}

/// A failed write to standard output, said with what to do; the write's error stays in the
/// chain, so that a closed pipe is still recognised.
fn stdout_failed(e: std::io::Error) -> anyhow::Error {
    let message = format!("could not write to standard output: {e}; make room, or send the output elsewhere");
    anyhow::Error::new(e).context(message)
}

/// Writes a line to standard error. A failed write is ignored: standard error is where failures
/// are told, so there is nowhere left to tell this one (`2>/dev/full`), and the exit code still
/// says that the command failed. Never `eprintln!`, which panics there.
pub fn print_err(text: &str) {
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
