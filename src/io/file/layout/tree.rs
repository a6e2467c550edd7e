//! A lossless reading of RON text into a tree of values that keeps the comments and blank lines.
//!
//! The serde reader throws comments away; this small scanner keeps each one with the item it
//! stands above (or, for a comment on the same line after an item, with that item), so that
//! the canonical writer can put it back beside the same item after the scenario was edited.

use std::fmt::Write;

pub use super::tokens::ScanError;
use super::tokens::{Kind, Token, tokenize};

/// A comment or a blank line before an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trivia {
    /// One or more blank lines (written back as one).
    Blank,
    /// A comment (`// …`, `/* … */`) or an attribute (`#![enable(…)]`), verbatim.
    Comment(String),
}

/// A value: a token (number, string, name) or a bracketed group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A number, a string with its quotes, `true`, a unit variant's name…
    Atom(String),
    /// `(…)`, `Name(…)`, `[…]` or `{…}`.
    Group(Group),
}

/// A bracketed group of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The struct or variant name before `(`, if any.
    pub name: Option<String>,
    /// The opening bracket: `(`, `[` or `{`.
    pub open: char,
    /// The items, in order.
    pub items: Vec<Item>,
    /// Comments after the last item, before the closing bracket.
    pub end: Vec<Trivia>,
}

/// One item of a group: `key: value` or a bare value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The field name or map key, if any.
    pub key: Option<String>,
    /// The value.
    pub value: Node,
    /// Comments and blank lines above the item.
    pub before: Vec<Trivia>,
    /// A comment on the same line, after the item.
    pub after: Option<String>,
}

/// A whole file: what comes before the value, the value, and what comes after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    /// Comments, blank lines and attributes before the value.
    pub head: Vec<Trivia>,
    /// The value.
    pub root: Node,
    /// Comments after the value.
    pub tail: Vec<Trivia>,
}

impl Group {
    /// True when the items are named fields (a struct or a struct variant).
    pub fn is_struct(&self) -> bool {
        self.open == '(' && self.items.iter().any(|i| i.key.is_some())
    }
}

impl Node {
    /// The group, if the value is one.
    pub fn group(&self) -> Option<&Group> {
        match self {
            Node::Group(g) => Some(g),
            Node::Atom(_) => None,
        }
    }
}

/// Reads RON text into a [`Tree`].
pub fn scan(text: &str) -> Result<Tree, ScanError> {
    let tokens = tokenize(text)?;
    let mut p = Parser { tokens, pos: 0, last_line: 1, depth: 0 };
    let head = p.trivia();
    let root = p.value(Vec::new().as_mut())?;
    let tail = p.trivia();
    if let Some(t) = p.peek() {
        return Err(ScanError { line: t.line, what: format!("unexpected `{}` after the end", t.text) });
    }
    Ok(Tree { head, root: unwrap_some(root), tail })
}

/// Replaces every `Some(x)` by `x` (files leave `Some` out).
fn unwrap_some(node: Node) -> Node {
    match node {
        Node::Group(mut g) => {
            if is_some(&g) {
                return unwrap_some(g.items.remove(0).value);
            }
            g.items = g.items.into_iter().map(unwrap_item).collect();
            Node::Group(g)
        }
        atom => atom,
    }
}

/// An item whose `Some( … )` is left out, keeping what was written inside it: the comments above
/// or before the closing bracket go above the item, one beside the value goes beside the item.
fn unwrap_item(item: Item) -> Item {
    let Item { key, value, mut before, after } = item;
    match value {
        Node::Group(mut g) if is_some(&g) => {
            let inner = g.items.remove(0);
            before.extend(inner.before);
            before.extend(g.end);
            let after = match (after, inner.after) {
                (Some(outer), Some(inside)) => {
                    before.push(Trivia::Comment(inside));
                    Some(outer)
                }
                (outer, inside) => outer.or(inside),
            };
            unwrap_item(Item { key, value: inner.value, before, after })
        }
        value => Item { key, value: unwrap_some(value), before, after },
    }
}

/// Whether a group is `Some(x)`.
fn is_some(g: &Group) -> bool {
    g.name.as_deref() == Some("Some") && g.items.len() == 1 && g.items[0].key.is_none()
}

/// The deepest nesting the scanner follows (the serde reader stops well before).
const MAX_DEPTH: usize = 256;

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    last_line: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        if let Some(t) = &t {
            self.pos += 1;
            self.last_line = t.end_line;
        }
        t
    }

    /// Comments and blank lines up to the next token that is not a comment.
    fn trivia(&mut self) -> Vec<Trivia> {
        let mut out = Vec::new();
        while let Some(t) = self.peek() {
            let gap = t.line.saturating_sub(self.last_line);
            if t.kind != Kind::Comment {
                if gap >= 2 {
                    out.push(Trivia::Blank);
                }
                break;
            }
            if gap >= 2 && self.pos > 0 {
                out.push(Trivia::Blank);
            }
            let text = t.text.trim_end().to_string();
            self.next();
            out.push(Trivia::Comment(text));
        }
        out
    }

    fn expect_more(&self) -> ScanError {
        ScanError { line: self.last_line, what: "the text ends too early".into() }
    }

    /// A value; comments met inside it before its first token go to `before`.
    fn value(&mut self, before: &mut Vec<Trivia>) -> Result<Node, ScanError> {
        before.extend(self.trivia().into_iter().filter(|t| matches!(t, Trivia::Comment(_))));
        let t = self.next().ok_or_else(|| self.expect_more())?;
        match t.kind {
            Kind::Open(c) => self.group(None, c),
            Kind::Atom => {
                let starts_name = t.text.starts_with(|c: char| c.is_alphabetic() || c == '_');
                let mut skipped = Vec::new();
                let save = (self.pos, self.last_line);
                skipped.extend(self.trivia());
                if starts_name && self.peek().is_some_and(|n| n.kind == Kind::Open('(')) {
                    before.extend(skipped.into_iter().filter(|t| matches!(t, Trivia::Comment(_))));
                    self.next();
                    return self.group(Some(t.text), '(');
                }
                (self.pos, self.last_line) = save;
                Ok(Node::Atom(t.text))
            }
            _ => Err(ScanError { line: t.line, what: format!("unexpected `{}`", t.text) }),
        }
    }

    fn group(&mut self, name: Option<String>, open: char) -> Result<Node, ScanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ScanError { line: self.last_line, what: "brackets nested too deeply".into() });
        }
        let close = closing(open);
        let mut items = Vec::new();
        loop {
            let mut before = self.trivia();
            let t = self.peek().ok_or_else(|| self.expect_more())?;
            if t.kind == Kind::Close(close) {
                self.next();
                self.depth -= 1;
                return Ok(Node::Group(Group { name, open, items, end: before }));
            }
            let mut value = self.value(&mut before)?;
            let mut key = None;
            let mut between = self.trivia();
            if self.peek().is_some_and(|t| t.kind == Kind::Colon) {
                self.next();
                key = Some(atom_text(value, self.last_line)?);
                value = self.value(&mut between)?;
                between.extend(self.trivia());
            }
            before.extend(between.into_iter().filter(|t| matches!(t, Trivia::Comment(_))));
            let item_line = self.last_line;
            let t = self.peek().ok_or_else(|| self.expect_more())?;
            match t.kind {
                Kind::Comma => {
                    self.next();
                }
                Kind::Close(c) if c == close => {}
                _ => {
                    return Err(ScanError {
                        line: t.line,
                        what: format!("expected `,` or `{close}`, found `{}`", t.text),
                    });
                }
            }
            let after = match self.peek() {
                Some(t) if t.kind == Kind::Comment && t.line == item_line && t.text.starts_with("//") => {
                    let text = t.text.trim_end().to_string();
                    self.next();
                    Some(text)
                }
                _ => None,
            };
            items.push(Item { key, value, before, after });
        }
    }
}

fn atom_text(node: Node, line: usize) -> Result<String, ScanError> {
    match node {
        Node::Atom(t) => Ok(t),
        Node::Group(_) => Err(ScanError { line, what: "a key must be a name or a text".into() }),
    }
}

/// The value on one line, as the canonical writer spells it (`a: 1, b: 2`).
pub fn one_line(node: &Node) -> String {
    let mut out = String::new();
    write_one_line(node, &mut out);
    out
}

fn write_one_line(node: &Node, out: &mut String) {
    match node {
        Node::Atom(t) => out.push_str(t),
        Node::Group(g) => {
            out.push_str(g.name.as_deref().unwrap_or(""));
            out.push(g.open);
            for (k, item) in g.items.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                if let Some(key) = &item.key {
                    let _ = write!(out, "{key}: ");
                }
                write_one_line(&item.value, out);
            }
            out.push(closing(g.open));
        }
    }
}

/// The bracket that closes `open`.
pub fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_comments_with_the_items_they_stand_above() {
        let text = "// head\n(\n    a: 1, // same line\n    // above b\n\n    b: Some(X(c: [1, 2])),\n    // \
            end\n)\n// tail\n";
        let tree = scan(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tree.head, vec![Trivia::Comment("// head".into())]);
        assert_eq!(tree.tail, vec![Trivia::Comment("// tail".into())]);
        let root = tree.root.group().cloned().unwrap_or_else(|| panic!("no group"));
        assert_eq!(root.items[0].after.as_deref(), Some("// same line"));
        assert_eq!(root.items[1].before, vec![Trivia::Comment("// above b".into()), Trivia::Blank]);
        assert_eq!(one_line(&root.items[1].value), "X(c: [1, 2])");
        assert_eq!(root.end, vec![Trivia::Comment("// end".into())]);
    }

    #[test]
    fn reads_strings_raw_strings_and_attributes() {
        let text = "#![enable(implicit_some)]\n(a: \"x, ) // y\", b: r#\"q\"#, c: 'z', d: -1.5e3)";
        let tree = scan(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tree.head, vec![Trivia::Comment("#![enable(implicit_some)]".into())]);
        assert_eq!(one_line(&tree.root), "(a: \"x, ) // y\", b: r#\"q\"#, c: 'z', d: -1.5e3)");
    }

    #[test]
    fn names_the_line_of_what_it_cannot_follow() {
        assert_eq!(scan("(\n a: 1\n b: 2)").err().map(|e| e.line), Some(3));
        assert!(scan("(a: \"open").is_err());
    }
}
