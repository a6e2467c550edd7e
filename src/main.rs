//! The command line: no arguments opens the app; `open`, `check`, `report`, `power`,
//! `export` and `fmt` as documented in docs/command-line.md.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        // The reader of a pipe has gone (`alliance-sim export --list | head -1`): nothing is
        // wrong and nobody is left to tell, so end quietly, for every command.
        Err(e) if cli::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            cli::print_err(&format!("error: {}", message(&e)));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, each said once: a cause whose text the message
/// already contains (an OS error quoted by the error that wraps it) is not repeated.
fn message(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !text.contains(&c) {
            text.push_str(": ");
            text.push_str(&c);
        }
    }
    text
}
