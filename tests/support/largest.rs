//! The largest files the limits accept (`src/io/file/limits.rs`), as RON text: the most dated
//! changes (100,000 one-share transfers on distinct dates, the worst accepted file for memory),
//! one phased sale of the most tranches, and the longest title and captions. Shared by the tests
//! (through `support`) and `benches/limits.rs` (which includes this file by its path).

use alliance_sim::io::limits;

/// The manual's complete example with its events replaced by `events` (RON lines) and its window
/// stretched to `end`.
pub fn with_events(events: &str, end: &str) -> String {
    let example = include_str!("../../scenarios/examples/every-event.ron");
    let head = &example[..example.find("    events: [").unwrap()];
    format!("{}    events: [\n{events}    ],\n)\n", head.replace("end: \"2026-12-31\"", &format!("end: \"{end}\"")))
}

/// The most dated changes accepted: transfers of one share back and forth, one a day.
pub fn most_changes() -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    let mut lines = String::new();
    for k in 0..limits::MAX_CHANGES {
        let date = start + chrono::Days::new(k);
        let (from, to) = if k % 2 == 0 { ("state", "market") } else { ("market", "state") };
        lines.push_str(&format!(
            "        Transfer(date: \"{date}\", issuer: \"alpha\", from: \"{from}\", to: \"{to}\", shares: 1),\n"
        ));
    }
    with_events(&lines, &(start + chrono::Days::new(limits::MAX_CHANGES + 1)).to_string())
}

/// One phased sale of the most tranches accepted, one a day.
pub fn most_tranches() -> String {
    let sale = format!(
        "        PhasedSale(start: \"2024-01-02\", end: \"2051-05-20\", issuer: \"beta\", seller: \"alpha\", \
        buyer: \"market\", shares: 1000000, tranches: {}),\n",
        limits::MAX_TRANCHES
    );
    with_events(&sale, "2051-12-31")
}

/// The longest title and captions accepted.
pub fn longest_texts() -> String {
    let example = include_str!("../../scenarios/examples/every-event.ron");
    let caption = "c".repeat(limits::MAX_CAPTION - 200);
    let title = format!("title: \"{}\"", "t".repeat(limits::MAX_TITLE));
    let start = example.find("title: \"").unwrap();
    let end = start + example[start..].find("\",").unwrap() + 1;
    let text = format!("{}{title}{}", &example[..start], &example[end..]);
    text.replace("caption: \"", &format!("caption: \"{caption}"))
}
