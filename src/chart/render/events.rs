//! Short labels of the event lines of time charts (asked for with `--event-labels`): each
//! event's label cut to a short length (to the next line where there is room for a readable
//! label), in rows in a strip above the plot, joined to its line by a thin connector; lines a
//! few pixels apart share a label. A label goes in the row nearest the plot where it overlaps
//! no other label and no other label's connector, and its own connector crosses no label; a
//! label that fits in no row is left out, so labels never overlap each other or the data.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::style::{Area, Drawn, MUTED, Scale, anchored, fit_text, text_size};

/// Widest label, in pixels at 1600×900 (about 26 characters).
const MAX_WIDTH: f64 = 190.0;
/// Most rows of labels.
const MAX_ROWS: usize = 5;

/// Where a label goes: its row (0 nearest the plot) and the left and right of its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Placed {
    /// The row, 0 nearest the plot.
    pub row: usize,
    /// Left of the label's box.
    pub left: i32,
    /// Right of the label's box.
    pub right: i32,
}

/// Which side of its line a label goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Right of the line (where there is room).
    Right,
    /// Left of the line (near the right edge).
    Left,
}

/// Places labels beside event lines: `(x, width, side)` in pixels, in at most `rows` rows,
/// `gap` pixels free around every box. `None` for a label that fits in no row.
pub(super) fn stack(spans: &[(i32, i32, Side)], gap: i32, rows: usize) -> Vec<Option<Placed>> {
    // Labels right of their lines from the right, so that the lines of those placed later (to
    // the left, in farther rows) pass left of the labels already placed; labels left of their
    // lines then from the left, for the same reason mirrored.
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&k| match spans[k].2 {
        Side::Right => (0, -spans[k].0),
        Side::Left => (1, spans[k].0),
    });
    let mut out: Vec<Option<Placed>> = vec![None; spans.len()];
    for k in order {
        let (x, w, side) = spans[k];
        let (left, right) = match side {
            Side::Right => (x + gap, x + gap + w),
            Side::Left => (x - gap - w, x - gap),
        };
        let hits = |lo: i32, hi: i32, at: i32| at >= lo - gap && at <= hi + gap;
        let free = |row: usize| {
            out.iter().zip(spans).all(|(p, &(px, _, _))| match p {
                None => true,
                Some(p) if p.row == row => p.right + gap < left || right + gap < p.left,
                // A label farther from the plot: its connector crosses this row at its line.
                Some(p) if p.row > row => !hits(left, right, px),
                // A label nearer the plot: this label's connector crosses it.
                Some(p) => !hits(p.left, p.right, x),
            })
        };
        out[k] = (0..rows).find(|&r| free(r)).map(|row| Placed { row, left, right });
    }
    out
}

/// Event lines at most `within` pixels from the first of their group, with their texts
/// joined by " · " (each text once), as `(x of the first line, text)`, from left to right.
pub(super) fn group(xs: &[i32], texts: &[&str], within: i32) -> Vec<(i32, String)> {
    let mut order: Vec<usize> = (0..xs.len().min(texts.len())).collect();
    order.sort_by_key(|&k| xs[k]);
    let mut out: Vec<(i32, Vec<&str>)> = Vec::new();
    for k in order {
        let text = texts[k].trim();
        match out.last_mut() {
            Some((x, parts)) if xs[k] - *x <= within => {
                if !parts.contains(&text) {
                    parts.push(text);
                }
            }
            _ => out.push((xs[k], vec![text])),
        }
    }
    out.into_iter().map(|(x, parts)| (x, parts.join(" · "))).collect()
}

/// Labels laid out for a chart: their texts, places and the height of their strip.
pub(super) struct EventLabels {
    /// Each label's line, text and place (`None`: left out).
    labels: Vec<(i32, String, Option<Placed>)>,
    /// Height of a row.
    row: i32,
    /// Height of the strip above the plot (0 when no label is placed).
    pub height: i32,
    font: TextStyle<'static>,
}

impl EventLabels {
    /// Lays out a label for each event line at `xs` (pixels of `area`'s backend) with the
    /// texts `texts`, at most `max_height` pixels high; lines a few pixels apart, which read
    /// as one, share one label.
    pub(super) fn fit<DB: DrawingBackend>(
        area: &Area<DB>,
        scale: Scale,
        xs: &[i32],
        texts: &[&str],
        max_height: i32,
    ) -> EventLabels {
        let font = scale.font(13.0).color(&MUTED);
        let row = (f64::from(text_size(area, "Ág", &font).1.max(1)) * 1.5).round() as i32;
        let rows = usize::try_from(max_height / row.max(1)).unwrap_or(0).min(MAX_ROWS);
        let (base, (w, _)) = (area.get_base_pixel(), area.dim_in_pixel());
        let (gap, limit, widest) = (scale.int(4.0, 2), base.0 + w as i32, scale.px(MAX_WIDTH).round() as i32);
        // Right of the line, cut to the room before the next line if that leaves a readable
        // label (then the label stays in the row nearest the plot, and every line keeps its
        // label), else to the room before the edge; left of the line where that room is too
        // short for a readable label.
        let groups = group(xs, texts, scale.int(6.0, 3));
        let readable = widest.min(scale.int(80.0, 30));
        let (cut, spans): (Vec<String>, Vec<(i32, i32, Side)>) = groups
            .iter()
            .enumerate()
            .map(|(k, (x, t))| {
                let x = *x;
                let room = limit - x - gap;
                let before_next = groups.get(k + 1).map_or(room, |(next, _)| next - x - 3 * gap);
                let (side, max) = if room < readable {
                    (Side::Left, widest)
                } else if before_next >= readable {
                    (Side::Right, room.min(widest).min(before_next))
                } else {
                    (Side::Right, room.min(widest))
                };
                let text = fit_text(area, t.trim(), &font, max);
                let width = text_size(area, &text, &font).0;
                (text, (x, width, side))
            })
            .unzip();
        let places = stack(&spans, gap, rows);
        let used = places.iter().flatten().map(|p| p.row + 1).max().unwrap_or(0);
        let height = if used == 0 { 0 } else { used as i32 * row + scale.int(4.0, 2) };
        let labels = spans.iter().zip(cut).zip(places).map(|((span, text), place)| (span.0, text, place)).collect();
        EventLabels { labels, row, height, font }
    }

    /// Draws the labels in the strip whose bottom is `bottom`, with connectors down to
    /// `plot_top`, in `color`.
    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &Area<DB>,
        bottom: i32,
        plot_top: i32,
        color: RGBColor,
    ) -> Drawn {
        let style = anchored(&self.font, HPos::Left, VPos::Center);
        for (x, text, place) in &self.labels {
            let Some(p) = place else { continue };
            let middle = bottom - self.row * p.row as i32 - self.row / 2;
            root.draw(&PathElement::new(vec![(*x, middle), (*x, plot_top)], color.stroke_width(1)))?;
            root.draw_text(text, &style, (p.left, middle))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No two labels overlap, and no connector crosses another label.
    fn assert_apart(spans: &[(i32, i32, Side)], placed: &[Option<Placed>]) {
        for (a, pa) in placed.iter().enumerate() {
            let Some(pa) = pa else { continue };
            assert_eq!(pa.right - pa.left, spans[a].1, "label {a} keeps its width");
            for (b, pb) in placed.iter().enumerate().filter(|(b, _)| *b != a) {
                let Some(pb) = pb else { continue };
                if pa.row == pb.row {
                    assert!(pa.right < pb.left || pb.right < pa.left, "labels {a} and {b} overlap: {placed:?}");
                }
                if pb.row < pa.row {
                    let x = spans[a].0;
                    assert!(x < pb.left || x > pb.right, "the connector of {a} crosses label {b}: {placed:?}");
                }
            }
        }
    }

    #[test]
    fn crowded_labels_are_stacked_apart() {
        // Three events within a few pixels, two apart, and two at the right edge, whose labels
        // go left of their lines.
        let spans = [
            (100, 120, Side::Right),
            (104, 90, Side::Right),
            (109, 150, Side::Right),
            (400, 100, Side::Right),
            (600, 80, Side::Right),
            (780, 60, Side::Left),
            (795, 60, Side::Left),
        ];
        let placed = stack(&spans, 3, 5);
        assert!(placed.iter().all(Option::is_some), "{placed:?}");
        assert_apart(&spans, &placed);
        let rows: Vec<usize> = placed.iter().flatten().map(|p| p.row).collect();
        assert_eq!(rows[3..5], [0, 0], "lone labels stay in the row nearest the plot: {placed:?}");
        assert_eq!(rows[..3].iter().collect::<std::collections::HashSet<_>>().len(), 3, "{placed:?}");
        assert!(placed[6].is_some_and(|p| p.right < 795), "left of its line: {placed:?}");
    }

    #[test]
    fn lines_a_few_pixels_apart_share_a_label() {
        let groups = group(&[300, 100, 103, 106, 110], &["sale", "cancellation", "transfer", "cancellation", "x"], 6);
        assert_eq!(
            groups,
            vec![(100, "cancellation · transfer".to_string()), (110, "x".to_string()), (300, "sale".to_string())]
        );
    }

    #[test]
    fn labels_that_fit_in_no_row_are_left_out() {
        let spans: Vec<(i32, i32, Side)> = (0..6).map(|k| (100 + k, 200, Side::Right)).collect();
        let placed = stack(&spans, 3, 2);
        assert_eq!(placed.iter().flatten().count(), 2, "{placed:?}");
        assert_apart(&spans, &placed);
    }
}
