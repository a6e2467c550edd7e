//! Files read and written: scenarios and exports, one test binary. Where a test goes:
//!
//! - `export`: charts exported as SVG, PNG and CSV, through the library and `alliance-sim export`.
//! - `export_csv`: the CSV options (`--percent`, `--digits`, `--excel`) and ASCII headers.
//! - `export_steps`: `export --steps`, one image per presenter step.
//! - `export_pack`: `export --deck` (a PDF) and `--workbook` (an `.xlsx`) read back by independent
//!   readers (qpdf, poppler, openpyxl); `--every` and `--dates` on CSV.
//! - `loading`: shipped scenarios load and round-trip; broken files give their documented errors.
//! - `robustness`: random mutations of the shipped files give a result or an error, never a panic.
//! - `saving`: the canonical layout, comments and fractions kept, backups, `fmt`, odd encodings.
//! - `writer_safety`: the safe writer as an unprivileged user: access, owners, planted links, hard
//!   links, byte-order marks and CRLF, 255-byte names.
//! - `support` (shared with every test binary): scenarios, RON builders, look-ups, the PRNG.

#[path = "../support/mod.rs"]
mod support;

mod export;
mod export_csv;
mod export_pack;
mod export_steps;
mod loading;
mod robustness;
mod saving;
mod writer_safety;
