//! The report as JSON: the records of [`super::dto`], pretty-printed, whole ([`to_json`]) or
//! written one date at a time ([`write_json`]) with the same bytes.

use std::borrow::Borrow;
use std::io::{self, Write};

use serde::Serialize;

use super::dto::{DateReport, KindReport, Report};

/// The report as pretty JSON.
pub fn to_json(r: &Report) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(r)
}

/// Writes the report as pretty JSON to `out`, one date at a time: the same bytes as [`to_json`]
/// of the whole [`Report`] (no newline at the end), while only the date being written is in
/// memory when `dates` builds each as it goes ([`super::date_reports`]).
pub fn write_json<W: Write>(
    out: &mut W,
    scenario: &str,
    kinds: &[KindReport],
    dates: impl IntoIterator<Item = impl Borrow<DateReport>>,
) -> io::Result<()> {
    out.write_all(b"{\n  \"scenario\": ")?;
    serde_json::to_writer(&mut *out, scenario)?;
    out.write_all(b",\n  \"kinds\": ")?;
    write_nested(out, 1, kinds)?;
    out.write_all(b",\n  \"dates\": [")?;
    let mut empty = true;
    for date in dates {
        out.write_all(if empty { b"\n    " } else { b",\n    " })?;
        write_nested(out, 2, date.borrow())?;
        empty = false;
    }
    out.write_all(if empty { b"]\n}" } else { b"\n  ]\n}" })
}

/// Writes `value` pretty-printed as it is inside a value `depth` levels deep: every line after
/// its first indented by two spaces a level, as serde_json's pretty printer indents it there.
/// JSON text has no line break inside a string (it is written `\n`), so every line break is
/// one of the printer's.
fn write_nested<W: Write>(out: &mut W, depth: usize, value: &(impl Serialize + ?Sized)) -> io::Result<()> {
    let mut line_break = vec![b'\n'];
    line_break.resize(1 + depth * 2, b' ');
    let mut indented = Indented { out, line_break };
    serde_json::to_writer_pretty(&mut indented, value)?;
    Ok(())
}

/// A writer that indents every line after the first.
struct Indented<'a, W> {
    /// Where the indented text goes.
    out: &'a mut W,
    /// A line break and the spaces that follow it.
    line_break: Vec<u8>,
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut lines = buf.split(|&b| b == b'\n');
        if let Some(first) = lines.next() {
            self.out.write_all(first)?;
        }
        for line in lines {
            self.out.write_all(&self.line_break)?;
            self.out.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::report::dto::KindReport;

    /// The whole report in memory and written one date at a time.
    fn both(r: &Report) -> (String, String) {
        let mut streamed = Vec::new();
        write_json(&mut streamed, &r.scenario, &r.kinds, &r.dates).unwrap();
        (to_json(r).unwrap(), String::from_utf8(streamed).unwrap())
    }

    #[test]
    fn a_report_without_kinds_or_dates_is_written_as_serde_writes_it() {
        let r = Report {
            scenario: "a \"quoted\"\nline".into(),
            kinds: Vec::new(),
            dates: Vec::new(),
            names: crate::model::Names::default(),
        };
        let (whole, streamed) = both(&r);
        assert_eq!(streamed, whole);
    }

    #[test]
    fn kinds_with_nulls_and_line_breaks_in_their_texts_are_indented_as_serde_indents_them() {
        let kind = |id: &str, short: Option<&str>| KindReport {
            id: id.into(),
            name: format!("{id}\nsecond line"),
            short: short.map(str::to_string),
            quota: "more than 1/2".into(),
            source: None,
        };
        let r = Report {
            scenario: "s".into(),
            kinds: vec![kind("ordinary", None), kind("special", Some("sp"))],
            dates: Vec::new(),
            names: crate::model::Names::default(),
        };
        let (whole, streamed) = both(&r);
        assert_eq!(streamed, whole);
    }
}
