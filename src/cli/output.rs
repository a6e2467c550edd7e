//! Standard output for every command, and the closed pipe that ends a command quietly.

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

/// Whether an error comes from writing to a pipe whose reader has closed it.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
