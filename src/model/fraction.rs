//! Exact fractions as they are written in scenario files: `"15%"`, `"0.15"` or `"3/20"`.
//!
//! Caps, turnouts and thresholds are ratios that the law states exactly; reading them as
//! floating point would make "15%" slightly more or less than 15%. A [`Fraction`] keeps the
//! exact ratio, remembers the text it was written with (`"17.9%"` stays `"17.9%"` when the
//! file is saved again), and otherwise writes itself in the shortest exact form. Two fractions
//! are equal when their values are, whatever their written forms.
//!
//! The grammar of written numbers ([`NumberText`], [`decimal_parts`]) is the crate's only
//! one: the command line reads its exact numbers of any size through [`exact_number`].

use std::fmt;
use std::str::FromStr;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::Zero;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A non-negative exact fraction `numer / denom`, always reduced, `denom > 0`, with the text
/// it was read from (when it was read from text). Equality, order and hashing are by value.
#[derive(Debug, Clone, Copy)]
pub struct Fraction {
    numer: u64,
    denom: u64,
    written: Written,
}

/// The longest written form that is kept; longer texts are written back in the shortest form.
const WRITTEN_MAX: usize = 32;

/// The text a fraction was read from, stored inline so that [`Fraction`] stays `Copy`.
#[derive(Clone, Copy)]
struct Written {
    len: u8,
    bytes: [u8; WRITTEN_MAX],
}

impl Written {
    const NONE: Written = Written { len: 0, bytes: [0; WRITTEN_MAX] };

    /// Keeps `text` when it is short ASCII (every text that parses as a fraction is ASCII).
    fn keep(text: &str) -> Written {
        if text.is_empty() || text.len() > WRITTEN_MAX || !text.is_ascii() {
            return Written::NONE;
        }
        let mut bytes = [0; WRITTEN_MAX];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Written { len: text.len() as u8, bytes }
    }

    fn as_str(&self) -> Option<&str> {
        let text = std::str::from_utf8(&self.bytes[..usize::from(self.len)]).ok()?;
        (!text.is_empty()).then_some(text)
    }
}

impl fmt::Debug for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Fraction) -> bool {
        (self.numer, self.denom) == (other.numer, other.denom)
    }
}

impl Eq for Fraction {}

impl std::hash::Hash for Fraction {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.numer, self.denom).hash(state);
    }
}

/// Why a text is not a fraction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a fraction: {reason}; write it as \"15%\", \"0.15\" or \"3/20\"")]
pub struct FractionError {
    text: String,
    reason: &'static str,
}

impl Fraction {
    /// Zero.
    pub const ZERO: Fraction = Fraction { numer: 0, denom: 1, written: Written::NONE };
    /// One.
    pub const ONE: Fraction = Fraction { numer: 1, denom: 1, written: Written::NONE };
    /// One half.
    pub const HALF: Fraction = Fraction { numer: 1, denom: 2, written: Written::NONE };
    /// Two thirds.
    pub const TWO_THIRDS: Fraction = Fraction { numer: 2, denom: 3, written: Written::NONE };
    /// Two fifths (40%): the low float turnout of the assumptions tested and the turnout band.
    pub const TWO_FIFTHS: Fraction = Fraction { numer: 2, denom: 5, written: Written::NONE };
    /// Four fifths (80%): the high float turnout of the assumptions tested and the turnout band.
    pub const FOUR_FIFTHS: Fraction = Fraction { numer: 4, denom: 5, written: Written::NONE };

    /// `numer / denom`, reduced. `None` when `denom` is zero.
    pub fn new(numer: u64, denom: u64) -> Option<Fraction> {
        if denom == 0 {
            return None;
        }
        let g = numer.gcd(&denom).max(1);
        Some(Fraction { numer: numer / g, denom: denom / g, written: Written::NONE })
    }

    /// The text the fraction was read from (trimmed), if it was read from text.
    pub fn written(&self) -> Option<&str> {
        self.written.as_str()
    }

    /// The text to write in a file: as it was written, or the shortest exact form.
    pub fn to_file_text(&self) -> String {
        self.written().map_or_else(|| self.to_string(), str::to_string)
    }

    /// The numerator (reduced).
    pub fn numer(self) -> u64 {
        self.numer
    }

    /// The denominator (reduced, never zero).
    pub fn denom(self) -> u64 {
        self.denom
    }

    /// The value as `f64`, for display and plots only.
    pub fn to_f64(self) -> f64 {
        self.numer as f64 / self.denom as f64
    }

    /// True when the fraction is at most one.
    pub fn is_at_most_one(self) -> bool {
        self.numer <= self.denom
    }

    /// `floor(self * n)`, computed exactly.
    pub fn floor_mul(self, n: u64) -> u64 {
        (u128::from(n) * u128::from(self.numer) / u128::from(self.denom)) as u64
    }

    /// `round(self * n)` (half up), computed exactly.
    pub fn round_mul(self, n: u64) -> u64 {
        let d = u128::from(self.denom);
        ((u128::from(n) * u128::from(self.numer) * 2 + d) / (2 * d)) as u64
    }

    /// The nearest fraction with denominator 10 000 (a slider's resolution), for `x` in [0, 1].
    pub fn from_f64_basis_points(x: f64) -> Fraction {
        let bp = (x.clamp(0.0, 1.0) * 10_000.0).round() as u64;
        Fraction::new(bp, 10_000).unwrap_or(Fraction::ZERO)
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (u128::from(self.numer) * u128::from(other.denom)).cmp(&(u128::from(other.numer) * u128::from(self.denom)))
    }
}

impl fmt::Display for Fraction {
    /// Writes a terminating decimal (`0.15`) when the denominator divides a power of ten
    /// small enough to stay exact, otherwise `p/q`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut scale: u64 = 1;
        let mut digits = 0usize;
        while digits < 12 {
            if scale.is_multiple_of(self.denom) {
                let scaled = u128::from(self.numer) * u128::from(scale / self.denom);
                let whole = scaled / u128::from(scale);
                let frac = scaled % u128::from(scale);
                return if digits == 0 {
                    write!(f, "{whole}")
                } else {
                    let s = format!("{frac:0digits$}");
                    write!(f, "{whole}.{}", s.trim_end_matches('0'))
                };
            }
            scale *= 10;
            digits += 1;
        }
        write!(f, "{}/{}", self.numer, self.denom)
    }
}

impl FromStr for Fraction {
    type Err = FractionError;

    fn from_str(text: &str) -> Result<Fraction, FractionError> {
        let value = parse_value(text)?;
        Ok(Fraction { written: Written::keep(text.trim()), ..value })
    }
}

/// The value of a written fraction, without its text.
fn parse_value(text: &str) -> Result<Fraction, FractionError> {
    let err = |reason| FractionError { text: text.to_string(), reason };
    match NumberText::of(text.trim()) {
        NumberText::Percent(pct) => {
            let f = parse_decimal(pct).map_err(|why| err(why.before_percent()))?;
            Fraction::new(f.numer, f.denom.checked_mul(100).ok_or_else(|| err(TOO_PRECISE))?)
                .ok_or_else(|| err("bad denominator"))
        }
        NumberText::Ratio(p, q) => {
            let p = whole(p).map_err(|why| err(why.of("numerator")))?;
            let q = whole(q).map_err(|why| err(why.of("denominator")))?;
            Fraction::new(p, q).ok_or_else(|| err("the denominator is zero"))
        }
        NumberText::Decimal(t) => parse_decimal(t).map_err(|why| err(why.of("number"))),
    }
}

/// More decimals, or larger numbers, than a file's fractions keep exactly.
const TOO_PRECISE: &str = "it has more digits than a fraction of a file keeps exactly (at most 15 decimals, \
                           and a numerator and a denominator of at most 19 digits), so round it";

/// Why a written number is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotRead {
    /// Not digits with at most one point.
    NotANumber,
    /// Digits that a fraction cannot hold exactly.
    TooPrecise,
}

impl NotRead {
    /// The reason, for the part of the fraction named `what` ("numerator", "number").
    fn of(self, what: &str) -> &'static str {
        match (self, what) {
            (NotRead::TooPrecise, _) => TOO_PRECISE,
            (NotRead::NotANumber, "numerator") => "the numerator is not a whole number",
            (NotRead::NotANumber, "denominator") => "the denominator is not a whole number",
            (NotRead::NotANumber, _) => "it is not a decimal number",
        }
    }

    /// The reason, for the part before `%`.
    fn before_percent(self) -> &'static str {
        match self {
            NotRead::TooPrecise => TOO_PRECISE,
            NotRead::NotANumber => "the part before % is not a number",
        }
    }
}

/// A whole number of a ratio.
fn whole(t: &str) -> Result<u64, NotRead> {
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(NotRead::NotANumber);
    }
    t.parse().map_err(|_| NotRead::TooPrecise)
}

/// Parses `12`, `0.15` or `.5` exactly (at most 15 decimals).
fn parse_decimal(t: &str) -> Result<Fraction, NotRead> {
    let (whole_part, frac) = decimal_parts(t).ok_or(NotRead::NotANumber)?;
    if frac.len() > 15 {
        return Err(NotRead::TooPrecise);
    }
    let scale = 10u64.checked_pow(frac.len() as u32).ok_or(NotRead::TooPrecise)?;
    let w: u64 = if whole_part.is_empty() { 0 } else { whole_part.parse().map_err(|_| NotRead::TooPrecise)? };
    let fr: u64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| NotRead::TooPrecise)? };
    let numer = w.checked_mul(scale).and_then(|n| n.checked_add(fr)).ok_or(NotRead::TooPrecise)?;
    Fraction::new(numer, scale).ok_or(NotRead::TooPrecise)
}

/// The shape of a written non-negative number, the one grammar of numbers in the crate: a
/// percentage (`15%`), a ratio (`3/20`) or a decimal (`0.15`). Scenario files read it as a
/// [`Fraction`]; the command line reads it as an exact rational of any size
/// ([`exact_number`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberText<'a> {
    /// The text before `%`, trimmed.
    Percent(&'a str),
    /// The texts before and after `/`, trimmed.
    Ratio(&'a str, &'a str),
    /// Anything else: read as a decimal.
    Decimal(&'a str),
}

impl<'a> NumberText<'a> {
    /// The shape of `text` (already trimmed): a trailing `%` first, then a `/`.
    pub fn of(text: &'a str) -> NumberText<'a> {
        if let Some(pct) = text.strip_suffix('%') {
            return NumberText::Percent(pct.trim());
        }
        match text.split_once('/') {
            Some((p, q)) => NumberText::Ratio(p.trim(), q.trim()),
            None => NumberText::Decimal(text),
        }
    }
}

/// The whole and decimal digits of `12`, `0.15`, `.5` or `3.`; `None` unless both are ASCII
/// digits and not both empty.
pub fn decimal_parts(text: &str) -> Option<(&str, &str)> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return None;
    }
    Some((whole, frac))
}

/// Reads a non-negative number exactly, whatever its size and number of digits: a whole
/// number, a decimal (`0.6666666666666666`), a percentage (`50%`) or a ratio of decimals
/// (`2/3`, `1.5/4`). `None` when it is none of these, or a ratio over zero.
pub fn exact_number(text: &str) -> Option<BigRational> {
    match NumberText::of(text) {
        NumberText::Percent(pct) => exact_decimal(pct).map(|x| x / BigRational::from_integer(BigInt::from(100))),
        NumberText::Ratio(p, q) => {
            let (p, q) = (exact_decimal(p)?, exact_decimal(q)?);
            (!q.is_zero()).then(|| p / q)
        }
        NumberText::Decimal(t) => exact_decimal(t),
    }
}

/// `12`, `0.15`, `.5` or `3.` as an exact rational, whatever the number of digits.
fn exact_decimal(text: &str) -> Option<BigRational> {
    let (whole, frac) = decimal_parts(text)?;
    let numer: BigInt = format!("{whole}{frac}").parse().ok()?;
    let denom = num_traits::pow(BigInt::from(10), frac.len());
    Some(BigRational::new(numer, denom))
}

impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_file_text())
    }
}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Fraction, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_written_form_exactly() {
        let f = |s: &str| s.parse::<Fraction>().map(|f| (f.numer(), f.denom()));
        assert_eq!(f("15%"), Ok((3, 20)));
        assert_eq!(f("0.15"), Ok((3, 20)));
        assert_eq!(f("3/20"), Ok((3, 20)));
        assert_eq!(f("17.9%"), Ok((179, 1000)));
        assert_eq!(f("1"), Ok((1, 1)));
        assert!(f("abc").is_err());
        assert!(f("1/0").is_err());
        assert!(f("-0.1").is_err());
    }

    #[test]
    fn writes_back_the_shortest_exact_form() {
        let w = |p, q| Fraction::new(p, q).map(|f| f.to_string());
        assert_eq!(w(3, 20).as_deref(), Some("0.15"));
        assert_eq!(w(1, 3).as_deref(), Some("1/3"));
        assert_eq!(w(2, 2).as_deref(), Some("1"));
        assert_eq!(w(179, 1000).as_deref(), Some("0.179"));
    }

    #[test]
    fn keeps_the_written_form_and_compares_by_value() {
        for text in ["17.9%", "179/1000", "0.179", "0.1790", ".179"] {
            let f: Fraction = text.parse().unwrap_or(Fraction::ZERO);
            assert_eq!(f.written(), Some(text));
            assert_eq!(f.to_file_text(), text);
            assert_eq!(f, Fraction::new(179, 1000).unwrap_or(Fraction::ONE), "{text}");
            assert_eq!(f.to_string(), "0.179");
        }
        assert_eq!(Fraction::new(179, 1000).map(|f| f.to_file_text()).as_deref(), Some("0.179"));
        let long = "0.123456789012345%";
        let f: Fraction = format!("  {long}  ").parse().unwrap_or(Fraction::ZERO);
        assert_eq!(f.written(), Some(long));
        let a: Fraction = "60%".parse().unwrap_or(Fraction::ZERO);
        let b: Fraction = "0.6".parse().unwrap_or(Fraction::ONE);
        assert_eq!(a, b);
        use std::hash::BuildHasher;
        let state = std::hash::RandomState::new();
        assert_eq!(state.hash_one(a), state.hash_one(b));
    }

    #[test]
    fn compares_and_multiplies_exactly() {
        let a = Fraction::new(1, 3).unwrap_or(Fraction::ZERO);
        let b = Fraction::new(333_333, 1_000_000).unwrap_or(Fraction::ZERO);
        assert!(a > b);
        assert_eq!(a.floor_mul(10), 3);
        assert_eq!(a.round_mul(5), 2);
    }

    #[test]
    fn a_number_with_too_many_digits_is_refused_as_such_not_as_no_number() {
        for text in
            ["0.1234567890123456789", "123456789012345678901%", "123456789012345678901/3", "1/123456789012345678901"]
        {
            let err = text.parse::<Fraction>().err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains("more digits than a fraction"), "{text}: {err}");
            assert!(!err.contains("not a decimal number") && !err.contains("not a whole number"), "{text}: {err}");
        }
        let err = "1.2.3".parse::<Fraction>().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("not a decimal number"), "{err}");
    }
}
