//! Export of charts (SVG, PNG, CSV), through the library and through `alliance-sim export`.
//!
//! Scenarios: the embedded default and every `.ron` file directly in `scenarios/`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // helpers of the tests panic on purpose, with a message

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::support::{bin, default_file};
use alliance_sim::chart::{self, Chart, ChartBody, ChartId, palette};
use alliance_sim::engine::{self, Evaluation};
use alliance_sim::io::export::{ExportError, ExportFormat};
use alliance_sim::io::{self, export, report};
use alliance_sim::model::{Color, Scenario};
use serde_json::Value;

/// The embedded scenario and every scenario file, with a name for messages.
fn scenarios() -> Vec<(String, Scenario)> {
    let mut out = vec![("embedded".to_string(), io::default_scenario().expect("the embedded scenario loads"))];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenarios/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    for f in files {
        let s = io::load(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        out.push((f.display().to_string(), s));
    }
    out
}

fn evaluate(name: &str, s: &Scenario) -> Evaluation {
    engine::evaluate(s).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every chart of a scenario, built on its end date.
fn charts(s: &Scenario, ev: &Evaluation) -> Vec<(ChartId, Chart)> {
    ChartId::all(s)
        .into_iter()
        .map(|id| {
            let c = export::build_chart(&id, s, ev, s.end);
            (id, c)
        })
        .collect()
}

/// The text of every `<text>` element of an SVG document, which must parse as XML.
fn svg_texts(bytes: &[u8], what: &str) -> Vec<String> {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: SVG is not UTF-8: {e}"));
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{what}: SVG does not parse as XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg", "{what}");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect::<String>().trim().to_string()
        })
        .collect()
}

#[test]
fn svg_of_every_time_chart_parses_and_has_one_legend_entry_per_series() {
    for (name, s) in scenarios() {
        let ev = evaluate(&name, &s);
        for (id, c) in charts(&s, &ev) {
            let ChartBody::Time(t) = &c.body else {
                continue;
            };
            let what = format!("{name}, {}", id.name());
            let texts = svg_texts(&export::export(&c, ExportFormat::Svg, 1600, 900).expect("SVG export"), &what);
            for series in &t.series {
                let n = texts.iter().filter(|x| **x == series.name).count();
                assert_eq!(
                    n, 1,
                    "{what}: the series {:?} should appear once in the SVG's text, found {n} times in {texts:?}",
                    series.name
                );
            }
            assert!(texts.contains(&c.title), "{what}: title missing from {texts:?}");
        }
    }
}

#[test]
fn capital_charts_have_one_series_per_entity_holding_the_issuer_by_name() {
    for (name, s) in scenarios() {
        let ev = evaluate(&name, &s);
        for issuer in s.company_ids() {
            let holders: HashSet<String> = ev
                .points
                .iter()
                .filter_map(|p| p.issuer(issuer))
                .flat_map(|x| x.votes.holders.iter().map(|h| s.name_of(&h.holder).to_string()))
                .collect();
            let c = chart::build(&ChartId::Capital { issuer: issuer.to_string() }, &s, &ev, s.end);
            let texts = svg_texts(&export::export(&c, ExportFormat::Svg, 1200, 800).expect("SVG export"), &name);
            for h in &holders {
                assert_eq!(
                    texts.iter().filter(|t| *t == h).count(),
                    1,
                    "{name}: capital-{issuer} should name {h} once: {texts:?}"
                );
            }
            assert!(texts.iter().any(|t| t == "Public float"), "{name}: capital-{issuer} has no float series");
        }
    }
}

#[test]
fn svg_of_snapshots_and_networks_names_every_holder_and_entity() {
    for (name, s) in scenarios() {
        let ev = evaluate(&name, &s);
        for (id, c) in charts(&s, &ev) {
            let what = format!("{name}, {}", id.name());
            let names: Vec<String> = match &c.body {
                ChartBody::Bars(b) => b.groups.iter().map(|g| g.name.clone()).collect(),
                ChartBody::Network(n) => n.nodes.iter().map(|x| x.name.clone()).collect(),
                ChartBody::Assumptions(t) => t.rows.iter().map(|r| r.label.clone()).collect(),
                ChartBody::Time(_) => continue,
            };
            let texts = svg_texts(&export::export(&c, ExportFormat::Svg, 1600, 900).expect("SVG export"), &what);
            for n in names {
                assert!(texts.contains(&n), "{what}: {n:?} is not in the SVG's text {texts:?}");
            }
        }
    }
}

#[test]
fn snapshot_category_names_are_wrapped_whole_and_in_full_in_the_svg_description() {
    let s = io::default_scenario().expect("the embedded scenario loads");
    let ev = evaluate("embedded", &s);
    let id = ChartId::Snapshot { issuer: "nissan".into() };
    let c = export::build_chart(&id, &s, &ev, s.end);
    let ChartBody::Bars(b) = &c.body else { panic!("bars") };
    let bytes = export::export(&c, ExportFormat::Svg, 1600, 900).expect("SVG export");
    let texts = svg_texts(&bytes, "snapshot-nissan");
    let words: String = texts.join(" ");
    for category in &b.categories {
        // Every word of every category is drawn: wrapped over lines, not cut with "…".
        for word in category.split_whitespace() {
            assert!(words.contains(word), "{word:?} of {category:?} is not drawn: {texts:?}");
        }
    }
    assert!(!texts.iter().any(|t| t.ends_with('…')), "a category cut: {texts:?}");
    let doc = std::str::from_utf8(&bytes).expect("UTF-8");
    let desc = roxmltree::Document::parse(doc).expect("XML");
    let desc = desc.descendants().find(|n| n.has_tag_name("desc")).and_then(|n| n.text()).unwrap_or_default();
    for category in &b.categories {
        assert!(desc.contains(category.as_str()), "{category:?} is not in the description {desc:?}");
    }
}

/// The colour an SVG element paints with `attr` (`fill` or `stroke`), blended with the white
/// background by its opacity; `None` if it paints nothing.
fn painted(node: roxmltree::Node, attr: &str) -> Option<Color> {
    let c: Color = node.attribute(attr).filter(|v| v.starts_with('#'))?.parse().ok()?;
    let opacity: f64 = node.attribute("opacity").and_then(|o| o.parse().ok()).unwrap_or(1.0);
    Some(palette::mix(palette::WHITE, c, opacity))
}

#[test]
fn svg_text_and_lines_meet_wcag_aa_on_white() {
    // Every text at least 4.5:1 (event labels included); every line (axes, ticks, event lines
    // and their labels' connectors, the playhead, the conflict's edge) at least 3:1, except
    // the grid, which is decoration. Series are drawn as filled pieces in palette::line
    // colours, checked in the palette's own tests.
    for (name, s) in scenarios() {
        let ev = evaluate(&name, &s);
        let options = export::ExportOptions { playhead: Some(s.start), ..export::ExportOptions::default() };
        for (id, c) in charts(&s, &ev) {
            let what = format!("{name}, {}", id.name());
            let bytes = export::export_labelled(&c, ExportFormat::Svg, 1400, 700, &options, true).expect("SVG export");
            let text = String::from_utf8(bytes).expect("UTF-8");
            let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
            for n in doc.descendants() {
                let (role, least, colour) = match n.tag_name().name() {
                    "text" => ("text", palette::TEXT_CONTRAST, painted(n, "fill")),
                    "line" | "polyline" => ("line", palette::LINE_CONTRAST, painted(n, "stroke")),
                    _ => continue,
                };
                let Some(colour) = colour.filter(|c| *c != palette::EXPORT_GRID) else { continue };
                let r = palette::contrast(colour, palette::WHITE);
                assert!(r >= least, "{what}: a {role} in {colour} has contrast {r:.2} on white: {n:?}");
            }
        }
    }
}

/// A decimal number as (negative, significant digits, exponent) so that texts written
/// differently ("1" and "1.0", "0.0000001" and "1e-7") compare equal exactly when they show
/// the same digits.
fn canonical(text: &str) -> (bool, String, i64) {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or_else(|_| panic!("bad exponent in {text}"))),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    assert!(int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()), "not a number: {text:?}");
    let all = format!("{int}{frac}");
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0').to_string();
    if digits.is_empty() {
        return (false, String::new(), 0);
    }
    (negative, digits, exp + int.len() as i64 - lead as i64)
}

/// A JSON value that keeps each number's text as written (serde_json, without its
/// `arbitrary_precision` feature, keeps only the parsed `f64`).
#[derive(Debug)]
enum Raw {
    Object(Vec<(String, Raw)>),
    Array(Vec<Raw>),
    Number(String),
    Other(Value),
}

impl Raw {
    fn get(&self, key: &str) -> Option<&Raw> {
        match self {
            Raw::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn at(&self, k: usize) -> Option<&Raw> {
        match self {
            Raw::Array(items) => items.get(k),
            _ => None,
        }
    }

    fn path(&self, keys: &[&str]) -> Option<&Raw> {
        keys.iter().try_fold(self, |v, k| v.get(k))
    }

    /// The number's text; `None` for null.
    fn number(&self) -> Option<&str> {
        match self {
            Raw::Number(t) => Some(t),
            Raw::Other(Value::Null) => None,
            other => panic!("expected a number or null, found {other:?}"),
        }
    }

    fn string(&self) -> &str {
        match self {
            Raw::Other(Value::String(s)) => s,
            other => panic!("expected a string, found {other:?}"),
        }
    }
}

/// Parses JSON into [`Raw`] after checking it with serde_json, whose `Value` gives the
/// strings, booleans and nulls.
fn parse_raw(json: &str) -> Raw {
    let _: Value = serde_json::from_str(json).expect("the report is valid JSON");
    let mut rest = json.trim_start();
    let raw = raw_value(&mut rest);
    assert!(rest.trim().is_empty(), "trailing text after the JSON");
    raw
}

fn raw_value(s: &mut &str) -> Raw {
    *s = s.trim_start();
    let eat = |s: &mut &str, n: usize| *s = s[n..].trim_start();
    match s.chars().next() {
        Some('{') => {
            eat(s, 1);
            let mut fields = Vec::new();
            while !s.starts_with('}') {
                let Raw::Other(Value::String(key)) = raw_value(s) else { panic!("object key is not a string") };
                assert!(s.starts_with(':'), "expected ':' in JSON");
                eat(s, 1);
                fields.push((key, raw_value(s)));
                if s.starts_with(',') {
                    eat(s, 1);
                }
            }
            eat(s, 1);
            Raw::Object(fields)
        }
        Some('[') => {
            eat(s, 1);
            let mut items = Vec::new();
            while !s.starts_with(']') {
                items.push(raw_value(s));
                if s.starts_with(',') {
                    eat(s, 1);
                }
            }
            eat(s, 1);
            Raw::Array(items)
        }
        Some('"') => {
            let mut de = serde_json::Deserializer::from_str(s).into_iter::<Value>();
            let v = de.next().expect("a string").expect("a valid string");
            let used = de.byte_offset();
            eat(s, used);
            Raw::Other(v)
        }
        Some(c) if c == '-' || c.is_ascii_digit() => {
            let end = s.find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c))).unwrap_or(s.len());
            let text = s[..end].to_string();
            eat(s, end);
            Raw::Number(text)
        }
        _ => {
            let end = s.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(s.len());
            let v: Value = serde_json::from_str(&s[..end]).expect("true, false or null");
            eat(s, end);
            Raw::Other(v)
        }
    }
}

/// The id of the entity a series is named after (`None` for the float).
fn id_of<'a>(s: &'a Scenario, series: &str) -> Option<&'a str> {
    if series == "Public float" {
        return None;
    }
    Some(
        s.entities
            .iter()
            .find(|e| e.name == series)
            .map(|e| e.id.as_str())
            .unwrap_or_else(|| panic!("no entity is named {series:?}")),
    )
}

/// The JSON number's text (`None`: null or absent, an empty cell) behind a cell of a time
/// chart's CSV, or a holder absent from the report (the chart shows 0 there).
enum Expected<'a> {
    Text(Option<&'a str>),
    Zero,
    Ratio(u64, u64),
}

fn expected<'a>(s: &Scenario, id: &ChartId, column: usize, series: &str, date: &'a Raw) -> Expected<'a> {
    match id {
        ChartId::Balance => {
            let pair = date.get("balance").and_then(|b| b.at(column / 3)).expect("a balance pair per three series");
            Expected::Text(pair.get(["power", "votes", "capital"][column % 3]).and_then(Raw::number))
        }
        ChartId::Capital { issuer } | ChartId::Votes { issuer } | ChartId::Power { issuer, .. } => {
            let Some(x) = date.path(&["issuers", issuer]) else {
                return Expected::Text(None);
            };
            // A holder absent on a date, or whose index is null, is drawn (and exported) as 0 by
            // `chart::build`; the float's null stays a gap.
            let field = |x: &'a Raw, keys: &[&str]| match x.path(keys).map(Raw::number) {
                Some(Some(text)) => Expected::Text(Some(text)),
                Some(None) if keys[0] != "holders" => Expected::Text(None),
                _ => Expected::Zero,
            };
            match (id, id_of(s, series)) {
                (ChartId::Capital { .. }, Some(h)) => field(x, &["holders", h, "capital"]),
                (ChartId::Capital { .. }, None) => {
                    let int = |k: &str| {
                        x.get(k)
                            .and_then(Raw::number)
                            .and_then(|t| t.parse::<u64>().ok())
                            .expect("share counts are integers")
                    };
                    Expected::Ratio(int("float_shares"), int("issued_shares"))
                }
                (ChartId::Votes { .. }, Some(h)) => field(x, &["holders", h, "vote_share"]),
                (ChartId::Votes { .. }, None) => field(x, &["float_vote_share"]),
                (ChartId::Power { measure, resolution, .. }, h) => {
                    let (m, r) = (measure.key(), resolution.as_str());
                    match h {
                        Some(h) => field(x, &["holders", h, "power", r, m]),
                        None => field(x, &["float_power", r, m]),
                    }
                }
                _ => unreachable!(),
            }
        }
        ChartId::Indirect { issuer, measure, resolution } => {
            let (m, r) = (measure.key(), resolution.as_str());
            if series == "Floats through the network" {
                return Expected::Text(
                    date.path(&["indirect", issuer, r, "float", "shapley_shubik"]).and_then(Raw::number),
                );
            }
            // A holder that is no ultimate holder on a date is drawn (and exported) as 0.
            if let Some(name) = series.strip_suffix(" through the network") {
                let h = id_of(s, name).expect("an ultimate holder");
                return match date.path(&["indirect", issuer, r, "holders", h, m]).map(Raw::number) {
                    Some(text) => Expected::Text(text),
                    None => Expected::Zero,
                };
            }
            let name = series.strip_suffix(" directly").expect("through the network, or directly");
            let h = id_of(s, name).expect("an ultimate holder");
            match date.path(&["issuers", issuer, "holders", h, "power", r, m]).map(Raw::number) {
                Some(Some(text)) => Expected::Text(Some(text)),
                _ => Expected::Zero,
            }
        }
        ChartId::Snapshot { .. } | ChartId::Network | ChartId::IndirectSnapshot { .. } | ChartId::Assumptions => {
            unreachable!("not a time chart")
        }
    }
}

#[test]
fn csv_of_time_charts_has_one_row_per_date_and_agrees_with_the_json_report_to_the_last_digit() {
    let mut compared = 0usize;
    for (name, s) in scenarios() {
        let ev = evaluate(&name, &s);
        let json = report::to_json(&report::report(&s, &ev, None)).expect("JSON report");
        let raw = parse_raw(&json);
        let dates = match raw.get("dates") {
            Some(Raw::Array(d)) => d,
            _ => panic!("{name}: no dates in the report"),
        };
        for (id, c) in charts(&s, &ev) {
            let ChartBody::Time(t) = &c.body else {
                continue;
            };
            let what = format!("{name}, {}", id.name());
            let csv =
                String::from_utf8(export::export(&c, ExportFormat::Csv, 0, 0).expect("CSV export")).expect("UTF-8");
            let mut lines = csv.lines();
            let header = lines.next().unwrap_or_else(|| panic!("{what}: empty CSV"));
            let expected_header: Vec<String> = std::iter::once("date".to_string())
                .chain(t.series.iter().map(|x| export::csv::ascii_field(&x.name)))
                .collect();
            assert_eq!(header, expected_header.join(","), "{what}: header");
            let rows: Vec<&str> = lines.collect();
            assert_eq!(rows.len(), dates.len(), "{what}: one row per change point");
            for (row, date) in rows.iter().zip(dates) {
                let cells: Vec<&str> = row.split(',').collect();
                assert_eq!(cells.len(), t.series.len() + 1, "{what}: cells in {row:?}");
                assert_eq!(cells[0], date.get("date").map(Raw::string).unwrap_or_default(), "{what}: dates");
                for (k, series) in t.series.iter().enumerate() {
                    let cell = cells[k + 1];
                    let at = format!("{what}, {}, {:?}", cells[0], series.name);
                    match expected(&s, &id, k, &series.name, date) {
                        Expected::Text(None) => assert_eq!(cell, "", "{at}: the report has null"),
                        Expected::Text(Some(text)) => {
                            assert_eq!(canonical(cell), canonical(text), "{at}: CSV {cell} vs JSON {text}")
                        }
                        Expected::Zero => {
                            assert_eq!(canonical(cell), canonical("0"), "{at}: not a holder on this date")
                        }
                        Expected::Ratio(n, d) => assert_eq!(
                            cell,
                            if d == 0 { "0".to_string() } else { (n as f64 / d as f64).to_string() },
                            "{at}"
                        ),
                    }
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} cells compared");
}

#[test]
fn canonical_numbers_compare_digits_not_spelling() {
    assert_eq!(canonical("1"), canonical("1.0"));
    assert_eq!(canonical("0.0000001"), canonical("1e-7"));
    assert_eq!(canonical("0.43400000000000005"), canonical("4.3400000000000005e-1"));
    assert_ne!(canonical("0.43400000000000005"), canonical("0.434"));
    assert_eq!(canonical("0"), canonical("0.0"));
    assert_ne!(canonical("-0.5"), canonical("0.5"));
}

#[test]
fn csv_of_snapshots_and_networks_has_the_documented_header_and_a_row_per_item() {
    let s = io::default_scenario().expect("embedded scenario");
    let ev = evaluate("embedded", &s);
    for (id, c) in charts(&s, &ev) {
        let csv = String::from_utf8(export::export(&c, ExportFormat::Csv, 0, 0).expect("CSV")).expect("UTF-8");
        let lines: Vec<&str> = csv.lines().collect();
        match &c.body {
            ChartBody::Bars(b) => {
                assert_eq!(
                    lines[0],
                    format!("holder,{}", export::csv::ascii(&b.categories.join(","))),
                    "{}",
                    id.name()
                );
                assert_eq!(lines.len(), b.groups.len() + 1, "{}", id.name());
                assert!(!b.groups.is_empty(), "{}: no holder", id.name());
            }
            ChartBody::Network(n) => {
                assert_eq!(lines[0], "holder,issuer,capital,votes,status,label");
                assert_eq!(lines.len(), n.edges.len() + 1);
                assert!(
                    lines[1..].iter().all(|l| ["full", "capped", "neutral", "suppressed"]
                        .iter()
                        .any(|k| l.contains(&format!(",{k},")))),
                    "{csv}"
                );
            }
            ChartBody::Assumptions(t) => {
                assert!(lines[0].starts_with("assumption,value,low,balance_low"), "{}", lines[0]);
                assert_eq!(lines.len(), t.rows.len() + 1);
            }
            ChartBody::Time(_) => {}
        }
    }
}

fn decode_png(bytes: &[u8], what: &str) -> image::RgbImage {
    image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{what}: not a PNG: {e}"))
        .to_rgb8()
}

fn has_color(img: &image::RgbImage, c: Color) -> bool {
    img.pixels().any(|p| p.0 == [c.r, c.g, c.b])
}

#[test]
fn png_has_the_requested_size_many_colours_and_the_entities_colours() {
    let s = io::default_scenario().expect("embedded scenario");
    let ev = evaluate("embedded", &s);
    let renault = s.entity("renault").expect("renault").color;
    let nissan = s.entity("nissan").expect("nissan").color;
    for (chart_name, w, h, colors) in [
        ("capital-nissan", 3000, 2000, vec![renault]),
        ("balance", 1600, 900, vec![renault]),
        ("snapshot-renault", 800, 600, vec![nissan]),
        ("network", 1024, 1024, vec![renault, nissan]),
    ] {
        let id = ChartId::parse(chart_name, &s).expect("known chart");
        let c = chart::build(&id, &s, &ev, s.end);
        let img = decode_png(&export::export(&c, ExportFormat::Png, w, h).expect("PNG export"), chart_name);
        assert_eq!(img.dimensions(), (w, h), "{chart_name}");
        let distinct: HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
        assert!(distinct.len() > 50, "{chart_name}: only {} colours: blank?", distinct.len());
        for col in colors {
            // Lines and bars are drawn in the entity's colour made legible on white (the
            // palette darkens pale colours to a contrast of at least 3:1).
            let drawn = palette::line(col, palette::Mode::Light);
            assert!(has_color(&img, col) || has_color(&img, drawn), "{chart_name}: no pixel of {col} or {drawn}");
        }
    }
}

#[test]
fn nothing_runs_off_the_edges_of_a_small_png() {
    // Long names (assumptions of the tornado, resolution kinds, legends) are cut to their room:
    // the outer two pixels of every chart of the default file stay white at 900×500.
    let file = default_file();
    let s = io::load(&file).expect("default scenario file");
    let ev = evaluate("default", &s);
    for (id, c) in charts(&s, &ev) {
        let what = format!("{} at 900x500", id.name());
        let img = decode_png(&export::export(&c, ExportFormat::Png, 900, 500).expect("PNG export"), &what);
        let (w, h) = img.dimensions();
        let edge = |x: u32, y: u32| x < 2 || y < 2 || x >= w - 2 || y >= h - 2;
        let inked: Vec<(u32, u32)> = img
            .enumerate_pixels()
            .filter(|(x, y, p)| edge(*x, *y) && p.0.iter().any(|v| *v < 0xf0))
            .map(|(x, y, _)| (x, y))
            .collect();
        assert!(inked.is_empty(), "{what}: ink on the edge at {:?}", &inked[..inked.len().min(5)]);
    }
}

#[test]
fn export_refuses_impossible_sizes_with_a_message() {
    let s = io::default_scenario().expect("embedded scenario");
    let ev = evaluate("embedded", &s);
    let c = chart::build(&ChartId::Balance, &s, &ev, s.end);
    for (w, h) in [(0, 900), (1600, 0), (100_000, 100), (16_000, 16_000)] {
        for f in [ExportFormat::Png, ExportFormat::Svg] {
            let e = export::export(&c, f, w, h).expect_err("size out of range");
            assert!(matches!(e, ExportError::Size { .. }), "{e}");
            assert!(e.to_string().contains(&format!("{w}×{h}")), "{e}");
        }
    }
    assert!(export::export(&c, ExportFormat::Csv, 0, 0).is_ok(), "CSV has no size");
}

#[test]
fn write_file_replaces_the_file_and_names_a_missing_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("chart.csv");
    export::write_file(&path, b"first").expect("write");
    export::write_file(&path, b"second").expect("overwrite");
    assert_eq!(std::fs::read(&path).expect("read"), b"second");
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path()).expect("list").filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "temporary files left: {leftovers:?}");
    let missing = dir.path().join("no-such-folder").join("chart.png");
    let e = export::write_file(&missing, b"x").expect_err("missing folder");
    assert!(matches!(e, ExportError::NoFolder { .. }), "{e}");
    assert!(e.to_string().contains("no-such-folder"), "{e}");
}

#[test]
fn cli_exports_every_chart_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = default_file();
    let s = io::load(&file).expect("default scenario file");
    for id in ChartId::all(&s) {
        for format in ExportFormat::ALL {
            let out = dir.path().join(format!("{}.{}", id.name(), format.extension()));
            let run = bin()
                .arg("export")
                .arg(&file)
                .args([
                    "--chart",
                    &id.name(),
                    "--format",
                    format.extension(),
                    "--width",
                    "480",
                    "--height",
                    "320",
                    "--out",
                ])
                .arg(&out)
                .output()
                .expect("run alliance-sim");
            let what = format!("export {} as {format}", id.name());
            assert!(run.status.success(), "{what}: {}", String::from_utf8_lossy(&run.stderr));
            let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{what}: {e}"));
            match format {
                ExportFormat::Png => {
                    assert_eq!(decode_png(&bytes, &what).dimensions(), (480, 320), "{what}")
                }
                ExportFormat::Svg => {
                    assert!(!svg_texts(&bytes, &what).is_empty(), "{what}: no text")
                }
                ExportFormat::Csv => {
                    let text = String::from_utf8(bytes).expect("UTF-8");
                    let first = text.lines().next().unwrap_or_default();
                    let expected = if id == ChartId::Network {
                        "holder,issuer"
                    } else if id == ChartId::Assumptions {
                        "assumption,"
                    } else if id.is_dated() {
                        "holder,"
                    } else {
                        "date,"
                    };
                    assert!(first.starts_with(expected), "{what}: header {first:?}");
                    assert!(text.lines().count() >= 2, "{what}: no data rows");
                }
            }
        }
    }
}

#[test]
fn cli_dated_charts_default_to_the_end_date_and_honour_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = default_file();
    let s = io::load(&file).expect("default scenario file");
    let ev = evaluate("default", &s);
    let id = ChartId::parse("snapshot-renault", &s).expect("chart");
    let run = |date: Option<&str>| {
        let out = dir.path().join("snapshot.csv");
        let mut cmd = bin();
        cmd.arg("export").arg(&file).args(["--chart", "snapshot-renault", "--format", "csv", "--out"]).arg(&out);
        if let Some(d) = date {
            cmd.args(["--date", d]);
        }
        let o = cmd.output().expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(&out).expect("read")
    };
    let at = |d| export::csv::to_csv(&chart::build(&id, &s, &ev, d));
    assert_eq!(run(None), at(s.end));
    assert_eq!(run(Some(&s.start.to_string())), at(s.start));
}

#[test]
fn cli_list_prints_every_chart_with_its_description() {
    let s = io::default_scenario().expect("embedded scenario");
    for args in [vec!["export", "--list"], vec!["export", "--list", default_file().to_str().expect("UTF-8 path")]] {
        let o = bin().args(&args).output().expect("run");
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8(o.stdout).expect("UTF-8");
        let names: Vec<&str> = text.lines().map(|l| l.split('\t').next().unwrap_or_default()).collect();
        let expected: Vec<String> = ChartId::all(&s).iter().map(ChartId::name).collect();
        assert_eq!(names, expected, "{args:?}");
        assert!(
            text.lines().all(|l| l.split('\t').nth(1).is_some_and(|d| !d.is_empty())),
            "{args:?}: a chart without description"
        );
    }
    let help = bin().args(["export", "--help"]).output().expect("run");
    let help = String::from_utf8(help.stdout).expect("UTF-8");
    for id in ChartId::all(&s) {
        assert!(help.contains(&id.describe(&s)), "--help does not explain {}", id.name());
    }
}

/// Whether `text` is `label`, whole or cut short with an ellipsis.
fn is_label(text: &str, label: &str) -> bool {
    text == label || text.strip_suffix('…').is_some_and(|head| !head.is_empty() && label.starts_with(head.trim_end()))
}

#[test]
fn cli_event_labels_label_the_event_lines_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = default_file();
    let s = io::load(&file).expect("default scenario file");
    let ev = evaluate("default", &s);
    let ChartBody::Time(t) = chart::build(&ChartId::Balance, &s, &ev, s.end).body else {
        panic!("balance is a time chart")
    };
    assert!(t.markers.len() >= 5, "the scenario has events: {:?}", t.markers);
    let labels_in = |flag: bool| -> Vec<String> {
        let out = dir.path().join(format!("balance-{flag}.svg"));
        let mut cmd = bin();
        cmd.arg("export").arg(&file).args(["--chart", "balance", "--width", "1600", "--height", "900", "--out"]);
        cmd.arg(&out);
        if flag {
            cmd.arg("--event-labels");
        }
        let run = cmd.output().expect("run alliance-sim");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let texts = svg_texts(&std::fs::read(&out).expect("the SVG"), "balance");
        // A label names one event, or several whose lines are a few pixels apart, joined by " · ".
        let names = |x: &str| x.split(" · ").all(|part| t.markers.iter().any(|m| is_label(part, &m.label)));
        texts
            .into_iter()
            .filter(|x| names(x))
            .flat_map(|x| x.split(" · ").map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    assert_eq!(labels_in(false), Vec::<String>::new(), "no event label by default");
    let labelled = labels_in(true);
    // The default has some 25 event lines over four years, several only days apart (the closing,
    // the AMF counts, the buybacks and their cancellations), and at most five rows of labels: at
    // least half of the lines are named.
    assert!(
        labelled.len() * 2 >= t.markers.len(),
        "half of the {} event lines are named in a label: {labelled:?}",
        t.markers.len()
    );
    assert!(labelled.iter().any(|x| x.ends_with('…')), "long captions are cut short: {labelled:?}");
    let csv = bin()
        .arg("export")
        .arg(&file)
        .args(["--chart", "balance", "--event-labels", "--out"])
        .arg(dir.path().join("b.csv"))
        .output()
        .expect("run");
    assert_eq!(csv.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&csv.stderr).contains("--event-labels"), "a CSV refuses the flag with a message");
}

#[test]
fn cli_errors_exit_1_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("x.png");
    let unknown = bin()
        .arg("export")
        .arg(default_file())
        .args(["--chart", "pie", "--format", "png", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(unknown.status.code(), Some(1));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        err.contains("pie") && err.contains("balance") && err.contains("network"),
        "should list the known charts: {err}"
    );
    let missing = dir.path().join("missing.ron");
    let unreadable = bin()
        .arg("export")
        .arg(&missing)
        .args(["--chart", "balance", "--format", "png", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(unreadable.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&unreadable.stderr).contains("missing.ron"),
        "{}",
        String::from_utf8_lossy(&unreadable.stderr)
    );
    let bad_date = bin()
        .arg("export")
        .arg(default_file())
        .args(["--chart", "network", "--format", "csv", "--date", "1999-01-01", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    assert_eq!(bad_date.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&bad_date.stderr).contains("outside"),
        "{}",
        String::from_utf8_lossy(&bad_date.stderr)
    );
    assert!(!out.exists(), "nothing written on error");
}
