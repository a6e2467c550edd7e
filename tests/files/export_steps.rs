//! `alliance-sim export FILE --steps --chart NAME --format png|svg --out DIR`: one image per
//! presenter step.

#![allow(clippy::expect_used, clippy::unwrap_used)] // helpers of the tests panic on purpose, with a message

use std::path::Path;
use std::process::{Command, Output};

use crate::support::default_file;
use alliance_sim::chart;
use alliance_sim::io;

fn export(args: &[&str], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_alliance-sim"))
        .arg("export")
        .arg(default_file())
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run alliance-sim")
}

/// The files of a folder, by name.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder exists")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

#[test]
fn steps_writes_one_png_per_step_named_by_step_and_date() {
    let s = io::load(&default_file()).expect("default file");
    let steps = chart::steps(&s);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("deck").join("power");
    let o =
        export(&["--steps", "--chart", "power-renault", "--format", "png", "--width", "640", "--height", "360"], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names = files(&out);
    let expected: Vec<String> =
        steps.iter().enumerate().map(|(k, st)| format!("{:02}-{}-power-renault.png", k + 1, st.date)).collect();
    assert_eq!(names, expected, "one file per step, in presentation order");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains(&format!("wrote {} slides", steps.len())), "{stdout}");
    let images: Vec<image::RgbImage> = names
        .iter()
        .map(|n| image::load_from_memory(&std::fs::read(out.join(n)).expect("read")).expect("a PNG").to_rgb8())
        .collect();
    assert!(images.iter().all(|i| i.dimensions() == (640, 360)));
    for w in images.windows(2) {
        assert_ne!(w[0], w[1], "each step has its own playhead and caption");
    }
}

#[test]
fn steps_as_svg_carry_the_step_and_its_caption_in_the_subtitle() {
    let s = io::load(&default_file()).expect("default file");
    let steps = chart::steps(&s);
    let dir = tempfile::tempdir().expect("tempdir");
    let o = export(&["--steps", "--chart", "network", "--format", "svg"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names = files(dir.path());
    assert_eq!(names.len(), steps.len());
    for (k, (name, step)) in names.iter().zip(&steps).enumerate() {
        assert!(name.ends_with(&format!("{}-network.svg", step.date)), "{name}");
        let svg = std::fs::read_to_string(dir.path().join(name)).expect("read");
        let doc = roxmltree::Document::parse(&svg).expect("SVG parses");
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .flat_map(|n| n.descendants().filter_map(|t| t.text()))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(&format!("Step {} of {}", k + 1, steps.len())), "{name}: {text}");
        let word = step.caption.split_whitespace().next().expect("a caption");
        assert!(text.contains(word), "{name}: {word:?} of the caption missing from {text}");
        assert!(text.contains(&format!("Holdings on {}", step.date)), "{name}: the network on the step's date");
    }
}

#[test]
fn steps_refuses_csv_a_missing_format_and_a_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("slides");
    let csv = export(&["--steps", "--chart", "balance", "--format", "csv"], &out);
    assert_eq!(csv.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&csv.stderr).contains("PNG or SVG"), "{}", String::from_utf8_lossy(&csv.stderr));
    let none = export(&["--steps", "--chart", "balance"], &out);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("--format png"));
    let dated = export(&["--steps", "--chart", "balance", "--format", "png", "--date", "2024-01-01"], &out);
    assert_eq!(dated.status.code(), Some(2), "clap refuses --date with --steps");
    assert!(!out.exists(), "nothing written");
}
