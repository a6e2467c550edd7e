//! The canonical layout of scenario files, and the comments that a save keeps.
//!
//! [`canonical`] writes any serializable value (the scenario) in one layout, whatever layout
//! it was read from, so that `fmt` and Save give the same bytes and a diff shows only what
//! changed. The fields come from serde, so a field added to the model is written without any
//! change here. Comments and blank lines of the text the value was read from are put back
//! above the same items: fields are matched by name, list elements by what identifies them
//! (an entity's `id`; a holding's holder and issuer; an event's kind, date and parties), so
//! a comment follows its item when items are added, removed or reordered.
//!
//! The layout: the top level and its sections (`meeting`, `rules`) one field per line; any
//! other value on one line when it fits in [`WIDTH`] columns, holds no comment, and holds no
//! struct inside it (so a holding is one line, an entity with a company's figures is not);
//! otherwise one field or element per line, each followed by a comma; four spaces per level;
//! `Some(…)` left out; texts quoted with only `"`, `\` and control characters escaped; a
//! final newline.

mod tokens;
pub mod tree;

use std::collections::HashMap;
use std::fmt::Write;

use tree::{Group, Item, Node, ScanError, Tree, Trivia, closing, one_line};

/// The widest line the layout puts several items on (the project's rustfmt width).
pub const WIDTH: usize = 120;

/// Spaces per level.
const INDENT: usize = 4;

/// Fields that identify a list element (with the kind of element), so that its comments
/// follow it when the list changes.
const IDENTITY_FIELDS: [&str; 10] =
    ["id", "holder", "issuer", "date", "start", "from", "to", "seller", "buyer", "rule"];

/// Identity fields left out on a second pass, so that a moved event keeps its comments.
const DATE_FIELDS: [&str; 2] = ["date", "start"];

/// Why a value could not be laid out.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// Serde could not write the value.
    #[error("the scenario could not be written: {0}")]
    Serialize(#[from] ron::Error),
    /// The serializer's output could not be read back (a defect of this program).
    #[error("the scenario's text could not be laid out ({0}); please report this")]
    Scan(ScanError),
}

/// `value` as canonical RON text, with the comments of `original` (the text it was read
/// from) above the same items. Comments of items that no longer exist are dropped.
pub fn canonical<T: serde::Serialize>(value: &T, original: Option<&Tree>) -> Result<String, LayoutError> {
    let compact = ron::ser::to_string(value)?;
    let mut tree = tree::scan(&compact).map_err(LayoutError::Scan)?;
    requote_all(&mut tree.root);
    if let Some(old) = original {
        tree.head = old.head.clone();
        tree.tail = old.tail.clone();
        if let (Node::Group(new), Node::Group(old)) = (&mut tree.root, &old.root) {
            graft(new, old);
        }
    }
    Ok(print(&tree))
}

/// The text as a tree, for [`canonical`]'s comments.
pub fn read_comments(text: &str) -> Result<Tree, ScanError> {
    tree::scan(text)
}

/// Copies the comments of `old` onto the matching items of `new`, recursively.
fn graft(new: &mut Group, old: &Group) {
    new.end = old.end.clone();
    let pairs = match_items(&new.items, &old.items);
    for (n, o) in pairs {
        let (new_item, old_item) = (&mut new.items[n], &old.items[o]);
        new_item.before = old_item.before.clone();
        new_item.after = old_item.after.clone();
        if let (Node::Group(ng), Node::Group(og)) = (&mut new_item.value, &old_item.value)
            && ng.open == og.open
        {
            graft(ng, og);
        }
    }
}

/// Pairs (new index, old index) of the same items: fields by name, elements by identity,
/// then by identity without dates, then (for elements with no identity) by position.
fn match_items(new: &[Item], old: &[Item]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut used = vec![false; old.len()];
    let mut matched = vec![false; new.len()];
    for loose in [false, true] {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (o, item) in old.iter().enumerate().rev().filter(|(o, _)| !used[*o]) {
            by_key.entry(identity(item, loose)).or_default().push(o);
        }
        for (n, item) in new.iter().enumerate() {
            if matched[n] {
                continue;
            }
            if let Some(o) = by_key.get_mut(&identity(item, loose)).and_then(Vec::pop) {
                used[o] = true;
                matched[n] = true;
                pairs.push((n, o));
            }
        }
    }
    pairs
}

/// What identifies an item in its group: its key, or its kind and identifying fields.
fn identity(item: &Item, loose: bool) -> String {
    match &item.key {
        Some(k) => format!("key:{k}"),
        None => value_identity(&item.value, loose),
    }
}

fn value_identity(node: &Node, loose: bool) -> String {
    match node {
        Node::Group(g) if g.is_struct() => {
            let mut id = g.name.clone().unwrap_or_default();
            for item in &g.items {
                let Some(key) = item.key.as_deref() else { continue };
                let wanted = IDENTITY_FIELDS.contains(&key) && !(loose && DATE_FIELDS.contains(&key));
                match &item.value {
                    Node::Atom(t) if wanted => {
                        let _ = write!(id, " {key}={t}");
                    }
                    Node::Group(inner) if inner.is_struct() => {
                        let _ = write!(id, " {key}=({})", value_identity(&item.value, loose));
                    }
                    _ => {}
                }
            }
            id
        }
        other => one_line(other),
    }
}

/// Rewrites every quoted text in the fewest escapes (the serializer escapes `'` and more).
fn requote_all(node: &mut Node) {
    match node {
        Node::Atom(t) if t.starts_with('"') => *t = requote(t),
        Node::Atom(_) => {}
        Node::Group(g) => g.items.iter_mut().for_each(|i| requote_all(&mut i.value)),
    }
}

/// `"…"` with `\'`, `\u{…}` and the like decoded, then only `"`, `\` and control characters
/// escaped.
fn requote(quoted: &str) -> String {
    let inner = quoted.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(quoted);
    let Some(text) = unescape(inner) else { return quoted.to_string() };
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Decodes RON string escapes; `None` for one it does not know.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'u' => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// The tree in the canonical layout, ending with a newline.
fn print(tree: &Tree) -> String {
    let mut out = String::new();
    write_trivia(&mut out, &tree.head, 0, false);
    let mut root = String::new();
    write_value(&mut root, &tree.root, 0, 0, true);
    out.push_str(&root);
    out.push('\n');
    write_trivia(&mut out, trim_trailing_blanks(&tree.tail), 0, false);
    out
}

/// The trivia without the blank lines at its end (before a closing bracket or the end).
fn trim_trailing_blanks(trivia: &[Trivia]) -> &[Trivia] {
    let keep = trivia.iter().rposition(|t| matches!(t, Trivia::Comment(_))).map_or(0, |k| k + 1);
    &trivia[..keep]
}

/// Writes comments at `indent`; one blank line for any run of them; none at the top.
fn write_trivia(out: &mut String, trivia: &[Trivia], indent: usize, first: bool) {
    let mut blank_allowed = !first && !out.is_empty();
    for t in trivia {
        match t {
            Trivia::Blank if blank_allowed => {
                out.push('\n');
                blank_allowed = false;
            }
            Trivia::Blank => {}
            Trivia::Comment(c) => {
                let _ = writeln!(out, "{:indent$}{c}", "");
                blank_allowed = true;
            }
        }
    }
}

/// Writes a value whose first line starts at column `column`; `indent` is the line's
/// indentation; `top_section` asks for one item per line (the top level and its structs).
fn write_value(out: &mut String, node: &Node, indent: usize, column: usize, top_section: bool) {
    let Node::Group(g) = node else {
        if let Node::Atom(t) = node {
            out.push_str(t);
        }
        return;
    };
    let one = one_line(node);
    // The `,` that follows the value counts towards the width.
    if !top_section && fits_on_one_line(g) && column + one.chars().count() < WIDTH {
        out.push_str(&one);
        return;
    }
    out.push_str(g.name.as_deref().unwrap_or(""));
    out.push(g.open);
    out.push('\n');
    let inner = indent + INDENT;
    let root = indent == 0 && top_section;
    for (k, item) in g.items.iter().enumerate() {
        write_trivia(out, &item.before, inner, k == 0);
        let mut line = format!("{:inner$}", "");
        if let Some(key) = &item.key {
            let _ = write!(line, "{key}: ");
        }
        let section = root && item.value.group().is_some_and(Group::is_struct);
        let column = line.chars().count();
        write_value(&mut line, &item.value, inner, column, section);
        out.push_str(&line);
        out.push(',');
        if let Some(c) = &item.after {
            let _ = write!(out, " {c}");
        }
        out.push('\n');
    }
    write_trivia(out, trim_trailing_blanks(&g.end), inner, g.items.is_empty());
    let _ = write!(out, "{:indent$}{}", "", closing(g.open));
}

/// True when nothing in the group asks for one item per line: no comment and no struct
/// inside it.
fn fits_on_one_line(g: &Group) -> bool {
    trim_trailing_blanks(&g.end).is_empty()
        && g.items.iter().enumerate().all(|(k, i)| {
            // Blank lines before the first item are not written, so they do not count.
            (i.before.is_empty() || (k == 0 && i.before.iter().all(|t| *t == Trivia::Blank)))
                && i.after.is_none()
                && i.value.group().is_none_or(|inner| !inner.is_struct() && fits_on_one_line(inner))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(text: &str) -> String {
        let tree = tree::scan(text).unwrap_or_else(|e| panic!("{e}"));
        let mut copy = tree.clone();
        requote_all(&mut copy.root);
        print(&copy)
    }

    #[test]
    fn short_flat_items_go_on_one_line_and_structs_in_structs_do_not() {
        let text = "(a: 1, list: [(x: 1, y: \"a\"), (x: 2, y: \"b\")], s: (k: K(v: 1)), t: [(\"p\", \"q\")])";
        assert_eq!(
            format(text),
            "(\n    a: 1,\n    list: [\n        (x: 1, y: \"a\"),\n        (x: 2, y: \"b\"),\n    ],\n    s: \
            (\n        k: K(v: 1),\n    ),\n    t: [(\"p\", \"q\")],\n)\n"
        );
    }

    #[test]
    fn a_comment_keeps_its_item_and_opens_its_group() {
        let text = "// head\n\n\n(\n  list: [\n  // about one\n  (x: 1), (x: 2), // two\n  ],\n)";
        assert_eq!(
            format(text),
            "// head\n\n(\n    list: [\n        // about one\n        (x: 1),\n        (x: 2), // two\n    ],\n)\n"
        );
    }

    #[test]
    fn texts_are_quoted_with_the_fewest_escapes() {
        assert_eq!(requote(r#""Renault\'s \u{2013} \"x\"\n""#), "\"Renault's \u{2013} \\\"x\\\"\\n\"");
    }

    #[test]
    fn comments_follow_their_items_when_the_list_changes() {
        #[derive(serde::Serialize)]
        struct E {
            id: &'static str,
            n: u32,
        }
        #[derive(serde::Serialize)]
        struct S {
            list: Vec<E>,
        }
        let old = tree::scan(
            "(\n    list: [\n        // A\n        (id: \"a\", n: 1),\n        // B\n        \
            (id: \"b\", n: 2),\n    ],\n)\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let s = S { list: vec![E { id: "c", n: 0 }, E { id: "b", n: 5 }] };
        let text = canonical(&s, Some(&old)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            text,
            "(\n    list: [\n        (id: \"c\", n: 0),\n        // B\n        (id: \"b\", n: 5),\n    ],\n)\n"
        );
    }
}
