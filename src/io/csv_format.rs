//! How numbers and fields are written in CSV, the same in the report and in chart exports:
//! the options (percentages, decimals, byte-order mark), numbers with every digit or
//! rounded, quoted fields, and the cells of report rows. A leaf both CSV writers use.

/// How a chart's data is written as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CsvOptions {
    /// Shares as percentages (`15` for 15%) instead of fractions (`0.15`); the value columns'
    /// headers get ` (%)`.
    pub percent: bool,
    /// Decimals after the point, rounded; `None`: every digit of the value (the shortest text
    /// that reads back as the same number, as in the JSON report).
    pub digits: Option<usize>,
    /// Begin the file with a UTF-8 byte-order mark, which Excel needs to read names with
    /// accents correctly.
    pub bom: bool,
}

/// The largest number of decimals accepted by [`CsvOptions::digits`].
pub const MAX_DIGITS: usize = 20;

/// A number as CSV: shortest round-trip text, empty for `None` or a non-finite value.
pub fn number(v: Option<f64>) -> String {
    format_number(v, &CsvOptions::default(), false)
}

/// A number as CSV as `options` say: a share (`share`: a fraction of one) as a percentage
/// when asked; rounded to `digits` decimals when asked, else every digit; empty for `None`
/// or a non-finite value; never `-0`.
///
/// Percentages are made by moving the decimal point of the decimal text, not by multiplying
/// in floating point, so `0.15` becomes exactly `15` (not `15.000000000000002`).
pub fn format_number(v: Option<f64>, options: &CsvOptions, share: bool) -> String {
    let Some(v) = v.filter(|v| v.is_finite()) else { return String::new() };
    let shift = if share && options.percent { 2 } else { 0 };
    let text = match options.digits {
        Some(n) => format!("{v:.*}", n.min(MAX_DIGITS) + shift),
        None => v.to_string(),
    };
    without_negative_zero(shift_point(&text, shift))
}

/// Moves the decimal point of a plain decimal text (`-12.345`, no exponent) `places` to
/// the right: exact, unlike a multiplication in floating point.
fn shift_point(text: &str, places: usize) -> String {
    if places == 0 {
        return text.to_string();
    }
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<places$}");
    let (moved, rest) = frac.split_at(places);
    let int = format!("{int}{moved}");
    let int = match int.trim_start_matches('0') {
        "" => "0",
        trimmed => trimmed,
    };
    if rest.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int}.{rest}") }
}

/// `-0`, `-0.00` and the like without their sign: a value that rounds to zero is zero.
fn without_negative_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// Quotes a CSV field when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The value of one row of the CSV report.
pub(crate) enum Cell {
    /// Written as it is (a count, a key, a sentence).
    Text(String),
    /// A share (a fraction of one; `None`: undefined), written as the options say.
    Share(Option<f64>),
}
