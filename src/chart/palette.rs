//! Every colour alliance-sim draws, on screen and in exports: entity lines made legible on
//! the background, the playhead, vote statuses, event kinds, timeline marks, the changes of a
//! comparison, and the exporters' text, grid and axes. No other file names a colour (a test,
//! `tests/palette.rs`, scans `src/` for colour literals).
//!
//! Colours meet WCAG 2.1 AA on their background: text at least 4.5:1, lines and marks at
//! least 3:1, on white (light theme and every export) and on the dark theme's panel colour.
//! Entity colours come from the scenario file and may be pale (Renault's yellow): [`line`]
//! and [`text`] darken them on light backgrounds and lighten them on dark ones until they
//! reach the ratio, keeping their hue.

use crate::engine::VoteStatus;
use crate::model::{Color, Event};

/// Which background a colour is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// White: the light theme and every export.
    Light,
    /// The dark theme.
    Dark,
}

impl Mode {
    /// The mode of a theme.
    pub fn of_dark(dark: bool) -> Mode {
        if dark { Mode::Dark } else { Mode::Light }
    }

    /// The background the contrast is measured against.
    pub fn background(self) -> Color {
        match self {
            Mode::Light => WHITE,
            Mode::Dark => DARK_BACKGROUND,
        }
    }
}

/// White: the background of exports.
pub const WHITE: Color = Color::rgb(0xff, 0xff, 0xff);
/// The dark theme's darkest background (egui's `extreme_bg_color`, checked by a test).
pub const DARK_BACKGROUND: Color = Color::rgb(0x0a, 0x0a, 0x0a);
/// The dark theme's panel background (egui's `panel_fill`, checked by a test).
pub const DARK_PANEL: Color = Color::rgb(0x1b, 0x1b, 0x1b);

/// Least contrast of text with its background (WCAG AA).
pub const TEXT_CONTRAST: f64 = 4.5;
/// Least contrast of lines and marks with their background (WCAG AA, graphics).
pub const LINE_CONTRAST: f64 = 3.0;

/// The playhead: the same red on screen (both themes) and in exports.
pub const PLAYHEAD: Color = Color::rgb(0xd3, 0x2f, 0x2f);
/// A line whose entity is unknown (the float).
pub const FLOAT: Color = Color::rgb(0x7a, 0x7a, 0x7a);
/// An event that cannot happen: the edge of its band on time charts (from its date on,
/// nothing is known), its banner and its mark on the timeline. Orange, apart from the red
/// playhead and the magenta crossings.
pub const CONFLICT: Color = Color::rgb(0xe6, 0x51, 0x00);
/// The conflict band's fill in exports (a pale tint of [`CONFLICT`] on white).
pub const CONFLICT_FILL: Color = Color::rgb(0xff, 0xec, 0xd9);
/// An assumptions (tornado) bar's part from the balance as given to the assumption's low value.
pub const ASSUMPTION_LOW: Color = Color::rgb(0x1e, 0x88, 0xe5);
/// An assumptions (tornado) bar's part from the balance as given to the assumption's high value.
pub const ASSUMPTION_HIGH: Color = Color::rgb(0xf4, 0x51, 0x1e);
/// The halo of the chains highlighted on the network (how one holder's votes reach a meeting).
pub const CHAIN: Color = Color::rgb(0xff, 0xb3, 0x00);
/// A what-if adjustment made in the app: its marker on the timeline and its tag in lists.
pub const WHAT_IF: Color = Color::rgb(0x00, 0x89, 0x7b);
/// Dates where a threshold is crossed or a cycle appears (ticks on the timeline).
pub const CROSSING: Color = Color::rgb(0xd8, 0x1b, 0x60);

/// Export text.
pub const EXPORT_TEXT: Color = Color::rgb(0x22, 0x22, 0x22);
/// Export secondary text.
pub const EXPORT_MUTED: Color = Color::rgb(0x55, 0x55, 0x55);
/// Export grid lines (decoration, not information: no contrast required).
pub const EXPORT_GRID: Color = Color::rgb(0xe2, 0xe2, 0xe2);
/// Export axes and frames.
pub const EXPORT_AXIS: Color = Color::rgb(0x75, 0x75, 0x75);
/// Export: dark outlines (network nodes).
pub const EXPORT_OUTLINE: Color = Color::rgb(0x44, 0x44, 0x44);
/// Export: event lines on time charts, thin and behind the series; they date the events, so
/// they are information and meet 3:1 (a blue grey, apart from the neutral grid and axes).
pub const EXPORT_MARKER: Color = Color::rgb(0x7d, 0x91, 0xab);

/// The colour of a vote status, for text and lines.
pub fn status(s: VoteStatus, mode: Mode) -> Color {
    match (s, mode) {
        (VoteStatus::Full, Mode::Light) => Color::rgb(0x2e, 0x7d, 0x32),
        (VoteStatus::Capped, Mode::Light) => Color::rgb(0xa1, 0x5c, 0x00),
        (VoteStatus::Neutral, Mode::Light) => Color::rgb(0x4f, 0x4f, 0x8f),
        (VoteStatus::Suppressed, Mode::Light) => Color::rgb(0xc6, 0x28, 0x28),
        (VoteStatus::Full, Mode::Dark) => Color::rgb(0x81, 0xc7, 0x84),
        (VoteStatus::Capped, Mode::Dark) => Color::rgb(0xff, 0xb7, 0x4d),
        (VoteStatus::Neutral, Mode::Dark) => Color::rgb(0xb0, 0xb0, 0xe0),
        (VoteStatus::Suppressed, Mode::Dark) => Color::rgb(0xef, 0x9a, 0x9a),
    }
}

/// Suppressed votes drawn as a line (grey: they count for nothing, yet the arrow is there).
pub const fn suppressed_line(mode: Mode) -> Color {
    match mode {
        Mode::Light => Color::rgb(0x8c, 0x8c, 0x8c),
        Mode::Dark => Color::rgb(0x75, 0x75, 0x75),
    }
}

/// The kinds of event, grouped as the timeline colours them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// Transfers and phased sales: shares change hands.
    Transfer,
    /// Buybacks, cancellations, issues: the capital changes.
    Capital,
    /// Vote caps and rules.
    Rule,
    /// A recorded vote count.
    VoteCount,
    /// A milestone (no change to the register).
    Milestone,
}

impl EventKind {
    /// Every kind, in legend order.
    pub const ALL: [EventKind; 5] =
        [EventKind::Transfer, EventKind::Capital, EventKind::Rule, EventKind::VoteCount, EventKind::Milestone];

    /// The kind of an event.
    pub fn of(e: &Event) -> EventKind {
        match e {
            Event::Transfer { .. } | Event::PhasedSale { .. } => EventKind::Transfer,
            Event::Buyback { .. } | Event::Cancellation { .. } | Event::Issue { .. } => EventKind::Capital,
            Event::SetVoteCap { .. }
            | Event::LiftVoteCap { .. }
            | Event::SetRule { .. }
            | Event::SetBehaviour { .. } => EventKind::Rule,
            Event::VoteCount { .. } => EventKind::VoteCount,
            Event::Milestone { .. } => EventKind::Milestone,
        }
    }

    /// The legend's words for the kind.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Transfer => "transfer or sale",
            EventKind::Capital => "buyback, cancellation or issue",
            EventKind::Rule => "vote cap or rule",
            EventKind::VoteCount => "vote count",
            EventKind::Milestone => "milestone",
        }
    }

    /// The kind's colour (event markers, sale bands).
    pub fn color(self, mode: Mode) -> Color {
        match (self, mode) {
            (EventKind::Transfer, Mode::Light) => Color::rgb(0x15, 0x65, 0xc0),
            (EventKind::Capital, Mode::Light) => Color::rgb(0x2e, 0x7d, 0x32),
            (EventKind::Rule, Mode::Light) => Color::rgb(0xc4, 0x5a, 0x00),
            (EventKind::VoteCount, Mode::Light) => Color::rgb(0x61, 0x61, 0x61),
            (EventKind::Milestone, Mode::Light) => Color::rgb(0x7b, 0x1f, 0xa2),
            (EventKind::Transfer, Mode::Dark) => Color::rgb(0x64, 0xb5, 0xf6),
            (EventKind::Capital, Mode::Dark) => Color::rgb(0x81, 0xc7, 0x84),
            (EventKind::Rule, Mode::Dark) => Color::rgb(0xff, 0xb7, 0x4d),
            (EventKind::VoteCount, Mode::Dark) => Color::rgb(0xbd, 0xbd, 0xbd),
            (EventKind::Milestone, Mode::Dark) => Color::rgb(0xce, 0x93, 0xd8),
        }
    }
}

/// The colour of a change in a comparison (B − A): gain, loss, or none.
pub fn change(delta_sign: std::cmp::Ordering, mode: Mode) -> Option<Color> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    match (delta_sign, mode) {
        (Equal, _) => None,
        (Greater, Mode::Light) => Some(Color::rgb(0x2e, 0x7d, 0x32)),
        (Less, Mode::Light) => Some(Color::rgb(0xc6, 0x28, 0x28)),
        (Greater, Mode::Dark) => Some(Color::rgb(0x81, 0xc7, 0x84)),
        (Less, Mode::Dark) => Some(Color::rgb(0xef, 0x9a, 0x9a)),
    }
}

/// Colours given to entities added in the app, in turn.
const NEW_ENTITIES: [Color; 6] = [
    Color::rgb(0x1f, 0x77, 0xb4),
    Color::rgb(0x2c, 0xa0, 0x2c),
    Color::rgb(0xd6, 0x27, 0x28),
    Color::rgb(0x94, 0x67, 0xbd),
    Color::rgb(0x8c, 0x56, 0x4b),
    Color::rgb(0x17, 0xbe, 0xcf),
];

/// The colour of the `n`-th entity added in the app.
pub fn new_entity(n: usize) -> Color {
    NEW_ENTITIES[n % NEW_ENTITIES.len()]
}

/// The most scenarios compared at once (A, the open one, and B, C, D).
pub const RUNS: usize = 4;

/// Each run's colour family on white (A blue, B orange, C green, D purple, as a simulation
/// tool's run list gives each run its hue): four shades a family, one per series of the run.
const RUN_LIGHT: [[Color; 4]; RUNS] = [
    [
        Color::rgb(0x0d, 0x47, 0xa1),
        Color::rgb(0x19, 0x76, 0xd2),
        Color::rgb(0x02, 0x88, 0xd1),
        Color::rgb(0x28, 0x35, 0x93),
    ],
    [
        Color::rgb(0xbf, 0x36, 0x0c),
        Color::rgb(0xa6, 0x4d, 0x00),
        Color::rgb(0xd8, 0x43, 0x15),
        Color::rgb(0x8d, 0x6e, 0x63),
    ],
    [
        Color::rgb(0x1b, 0x5e, 0x20),
        Color::rgb(0x2e, 0x7d, 0x32),
        Color::rgb(0x00, 0x79, 0x6b),
        Color::rgb(0x55, 0x8b, 0x2f),
    ],
    [
        Color::rgb(0x6a, 0x1b, 0x9a),
        Color::rgb(0x8e, 0x24, 0xaa),
        Color::rgb(0x5e, 0x35, 0xb1),
        Color::rgb(0xad, 0x14, 0x57),
    ],
];

/// The same families on the dark theme.
const RUN_DARK: [[Color; 4]; RUNS] = [
    [
        Color::rgb(0x90, 0xca, 0xf9),
        Color::rgb(0x64, 0xb5, 0xf6),
        Color::rgb(0x4f, 0xc3, 0xf7),
        Color::rgb(0x9f, 0xa8, 0xda),
    ],
    [
        Color::rgb(0xff, 0xab, 0x91),
        Color::rgb(0xff, 0xb7, 0x4d),
        Color::rgb(0xff, 0x8a, 0x65),
        Color::rgb(0xd7, 0xcc, 0xc8),
    ],
    [
        Color::rgb(0xa5, 0xd6, 0xa7),
        Color::rgb(0x81, 0xc7, 0x84),
        Color::rgb(0x80, 0xcb, 0xc4),
        Color::rgb(0xc5, 0xe1, 0xa5),
    ],
    [
        Color::rgb(0xce, 0x93, 0xd8),
        Color::rgb(0xba, 0x68, 0xc8),
        Color::rgb(0xb3, 0x9d, 0xdb),
        Color::rgb(0xf4, 0x8f, 0xb1),
    ],
];

/// The colour of series `series` of run `run` (0: A) in a comparison, on `mode`'s background:
/// the run's hue, a shade per series. Past the family's four shades, the shades come again
/// moved further from the background (darker on white, lighter on dark), so that no two series
/// of a chart share a colour and each keeps its contrast.
pub fn run(run: usize, series: usize, mode: Mode) -> Color {
    let families = match mode {
        Mode::Light => &RUN_LIGHT,
        Mode::Dark => &RUN_DARK,
    };
    let family = &families[run % RUNS];
    let base = family[series % family.len()];
    let away = if mode == Mode::Light { Color::rgb(0, 0, 0) } else { WHITE };
    let round = (series / family.len()) as f64;
    mix(base, away, (round * 0.2).min(0.8))
}

/// An entity's colour as a line or mark on `mode`'s background: at least 3:1.
pub fn line(c: Color, mode: Mode) -> Color {
    legible(c, mode.background(), LINE_CONTRAST)
}

/// An entity's colour as text on `mode`'s background: at least 4.5:1.
pub fn text(c: Color, mode: Mode) -> Color {
    legible(c, mode.background(), TEXT_CONTRAST)
}

/// `c`, moved towards black (on a light background) or white (on a dark one) in small steps
/// until its contrast with `bg` is at least `ratio`.
pub fn legible(c: Color, bg: Color, ratio: f64) -> Color {
    let towards = if luminance(bg) > 0.5 { Color::rgb(0, 0, 0) } else { WHITE };
    (0..=20).map(|k| mix(c, towards, f64::from(k) / 20.0)).find(|x| contrast(*x, bg) >= ratio).unwrap_or(towards)
}

/// `a` mixed with `b`: `t` = 0 gives `a`, 1 gives `b`.
pub fn mix(a: Color, b: Color, t: f64) -> Color {
    let f = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round().clamp(0.0, 255.0) as u8;
    Color::rgb(f(a.r, b.r), f(a.g, b.g), f(a.b, b.b))
}

/// WCAG relative luminance.
pub fn luminance(c: Color) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODES: [Mode; 2] = [Mode::Light, Mode::Dark];

    fn backgrounds(mode: Mode) -> Vec<Color> {
        match mode {
            Mode::Light => vec![WHITE],
            Mode::Dark => vec![DARK_BACKGROUND, DARK_PANEL],
        }
    }

    #[test]
    fn text_colours_meet_aa_on_their_backgrounds() {
        for mode in MODES {
            for bg in backgrounds(mode) {
                for s in [VoteStatus::Full, VoteStatus::Capped, VoteStatus::Neutral, VoteStatus::Suppressed] {
                    let c = contrast(status(s, mode), bg);
                    assert!(c >= TEXT_CONTRAST, "{s:?} in {mode:?}: {c:.2}");
                }
                for o in [std::cmp::Ordering::Less, std::cmp::Ordering::Greater] {
                    let c = change(o, mode).map_or(0.0, |x| contrast(x, bg));
                    assert!(c >= TEXT_CONTRAST, "change {o:?} in {mode:?}: {c:.2}");
                }
            }
        }
        assert!(contrast(EXPORT_TEXT, WHITE) >= TEXT_CONTRAST);
        assert!(contrast(EXPORT_MUTED, WHITE) >= TEXT_CONTRAST);
    }

    #[test]
    fn lines_and_marks_meet_aa_for_graphics() {
        for mode in MODES {
            for bg in backgrounds(mode) {
                for k in EventKind::ALL {
                    let c = contrast(k.color(mode), bg);
                    assert!(c >= LINE_CONTRAST, "{k:?} in {mode:?}: {c:.2}");
                }
                for c in [PLAYHEAD, CROSSING] {
                    assert!(contrast(c, bg) >= LINE_CONTRAST, "{c:?} on {bg:?}");
                }
                assert!(contrast(line(FLOAT, mode), bg) >= LINE_CONTRAST);
            }
        }
        assert!(contrast(EXPORT_AXIS, WHITE) >= LINE_CONTRAST);
        assert!(contrast(FLOAT, WHITE) >= LINE_CONTRAST);
    }

    #[test]
    fn every_export_colour_meets_aa_on_white() {
        // Text: titles, labels, subtitles, the conflict's label (in the conflict's colour made
        // legible as text), and entity names (Renault's yellow made legible as text).
        let yellow = Color::rgb(0xf2, 0xb7, 0x05);
        for (what, c) in [
            ("text", EXPORT_TEXT),
            ("muted text", EXPORT_MUTED),
            ("conflict label", text(CONFLICT, Mode::Light)),
            ("yellow name", text(yellow, Mode::Light)),
        ] {
            let r = contrast(c, WHITE);
            assert!(r >= TEXT_CONTRAST, "{what} {c:?} on white: {r:.2}");
        }
        // Lines and marks: axes, outlines, event lines, the playhead, the conflict's edge,
        // tornado bars, suppressed arrows, the float, and a yellow series.
        for (what, c) in [
            ("axis", EXPORT_AXIS),
            ("outline", EXPORT_OUTLINE),
            ("event line", EXPORT_MARKER),
            ("playhead", PLAYHEAD),
            ("conflict", CONFLICT),
            ("tornado low", ASSUMPTION_LOW),
            ("tornado high", ASSUMPTION_HIGH),
            ("suppressed", suppressed_line(Mode::Light)),
            ("float", line(FLOAT, Mode::Light)),
            ("yellow series", line(yellow, Mode::Light)),
        ] {
            let r = contrast(c, WHITE);
            assert!(r >= LINE_CONTRAST, "{what} {c:?} on white: {r:.2}");
        }
        assert!(contrast(suppressed_line(Mode::Dark), DARK_PANEL) >= LINE_CONTRAST);
    }

    #[test]
    fn every_run_colour_meets_aa_for_lines_and_no_two_are_alike() {
        for mode in MODES {
            let mut seen = Vec::new();
            for k in 0..RUNS {
                for j in 0..8 {
                    let c = run(k, j, mode);
                    for bg in backgrounds(mode) {
                        assert!(contrast(c, bg) >= LINE_CONTRAST, "run {k} series {j} in {mode:?}: {c:?}");
                    }
                    assert!(!seen.contains(&c), "run {k} series {j} in {mode:?} repeats {c:?}");
                    seen.push(c);
                }
            }
        }
    }

    #[test]
    fn pale_entity_colours_are_made_legible_keeping_strong_ones() {
        let yellow = Color::rgb(0xff, 0xcc, 0x33);
        assert!(contrast(yellow, WHITE) < 2.0, "the premise: Renault's yellow is pale on white");
        for mode in MODES {
            let bg = mode.background();
            assert!(contrast(line(yellow, mode), bg) >= LINE_CONTRAST);
            assert!(contrast(text(yellow, mode), bg) >= TEXT_CONTRAST);
        }
        let red = Color::rgb(0xc6, 0x28, 0x28);
        assert_eq!(line(red, Mode::Light), red, "a colour already legible is kept");
    }
}
