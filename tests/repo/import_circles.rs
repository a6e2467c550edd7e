//! No import circle between the files of `src/`: file A uses an item defined in file B (by a
//! `use`, or by a path in code that starts with `crate::`, `super::`, `self::` or a module in
//! scope) and B, directly or through other files, uses an item of A. Re-exports are followed
//! to the file that defines the item, so a `mod.rs` that only declares modules and re-exports
//! their items is no part of a circle; code compiled only for tests is left out.
//!
//! The check builds the module tree from `src/lib.rs` and `src/main.rs`, resolves every path
//! to the file that defines its item, and finds the strongly connected components of the
//! resulting file graph (Tarjan).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::rust_source::{closing, is_ident_char, mask, source_files, without_test_code};

/// A circle: files that all reach one another through uses, and the names that tie each edge
/// between two of them.
#[derive(Debug)]
pub struct Circle {
    /// The files of the circle, sorted.
    pub files: Vec<String>,
    /// Each edge inside the circle: the file that uses, the file used, and the paths that use it.
    pub ties: Vec<(String, String, BTreeSet<String>)>,
}

/// A module of the tree: the file it is written in and the range of its body in that file.
#[derive(Debug)]
struct Module {
    file: String,
    body: Range<usize>,
    parent: Option<String>,
}

/// One name brought in by a `use`: the module where its path starts, the rest of the path,
/// and the name it binds (`None` for a glob).
#[derive(Debug, Clone)]
struct Import {
    start: String,
    rest: Vec<String>,
    binding: Option<String>,
}

/// What a path leads to.
#[derive(Debug, PartialEq)]
enum Target {
    Module(String),
    Item(String),
}

/// The module tree of a crate's sources, with each module's imports and defined names.
#[derive(Debug, Default)]
struct Tree {
    modules: BTreeMap<String, Module>,
    code: BTreeMap<String, String>,
    imports: BTreeMap<String, Vec<Import>>,
    defined: BTreeMap<String, BTreeSet<String>>,
}

impl Tree {
    /// The tree of the crates rooted at `src/lib.rs` (`lib`) and `src/main.rs` (`bin`).
    fn build(files: &BTreeMap<String, String>) -> Tree {
        let mut tree = Tree::default();
        for (root, key) in [("src/lib.rs", "lib"), ("src/main.rs", "bin")] {
            if files.contains_key(root) {
                tree.add_file(files, key, root, None, "src");
            }
        }
        let keys: Vec<String> = tree.modules.keys().cloned().collect();
        for key in &keys {
            tree.scan_module(key);
        }
        tree
    }

    fn add_file(&mut self, files: &BTreeMap<String, String>, key: &str, path: &str, parent: Option<&str>, dir: &str) {
        let Some(text) = files.get(path) else { return };
        let code = without_test_code(&mask(text));
        let body = 0..code.len();
        self.modules.insert(
            key.to_string(),
            Module { file: path.to_string(), body: body.clone(), parent: parent.map(str::to_string) },
        );
        self.declarations(files, key, path, &code, body, dir);
        self.code.insert(path.to_string(), code);
    }

    /// The `mod` declarations at the top level of a module's body: files for `mod x;`, the
    /// same file for `mod x { … }`.
    fn declarations(
        &mut self,
        files: &BTreeMap<String, String>,
        key: &str,
        path: &str,
        code: &str,
        body: Range<usize>,
        dir: &str,
    ) {
        for (offset, name) in top_level_words(code, body.clone(), &["mod"]) {
            let after = skip_space(code, offset + name.len());
            let Some((child, end)) = identifier(code, after) else { continue };
            let next = skip_space(code, end);
            let child_key = format!("{key}::{child}");
            let child_dir = format!("{dir}/{child}");
            match code.as_bytes().get(next) {
                Some(b';') => {
                    let flat = format!("{dir}/{child}.rs");
                    let nested = format!("{dir}/{child}/mod.rs");
                    let file = if files.contains_key(&flat) { flat } else { nested };
                    self.add_file(files, &child_key, &file, Some(key), &child_dir);
                }
                Some(b'{') => {
                    let inner = next + 1..closing(code, next).saturating_sub(1);
                    self.modules.insert(
                        child_key.clone(),
                        Module { file: path.to_string(), body: inner.clone(), parent: Some(key.to_string()) },
                    );
                    self.declarations(files, &child_key, path, code, inner, &child_dir);
                }
                _ => {}
            }
        }
    }

    /// Records a module's defined names and its `use` items.
    fn scan_module(&mut self, key: &str) {
        let Some(module) = self.modules.get(key) else { return };
        let code = &self.code[&module.file];
        let keywords = ["fn", "struct", "enum", "trait", "type", "const", "static", "union"];
        let mut defined = BTreeSet::new();
        for (offset, keyword) in top_level_words(code, module.body.clone(), &keywords) {
            let after = skip_space(code, offset + keyword.len());
            if let Some((name, _)) = identifier(code, after).filter(|(name, _)| !is_keyword(name)) {
                defined.insert(name);
            }
        }
        let mut imports = Vec::new();
        for (statement, range) in use_statements(code, module.body.clone()) {
            // A `use` inside an inline module belongs to that module.
            if self.scope_at(&module.file, range.start) != Some(key) {
                continue;
            }
            for (path, binding) in use_tree(&statement) {
                if let Some((start, rest)) = self.start(key, &path) {
                    imports.push(Import { start, rest, binding });
                }
            }
        }
        self.defined.insert(key.to_string(), defined);
        self.imports.insert(key.to_string(), imports);
    }

    fn parent(&self, key: &str) -> Option<String> {
        self.modules.get(key).and_then(|module| module.parent.clone())
    }

    fn child(&self, key: &str, name: &str) -> Option<String> {
        let child = format!("{key}::{name}");
        self.modules.contains_key(&child).then_some(child)
    }

    /// Where a path written in module `scope` starts, and the rest of it; `None` for a path
    /// into another crate.
    fn start(&self, scope: &str, path: &[String]) -> Option<(String, Vec<String>)> {
        let first = path.first()?;
        let root = scope.split("::").next().unwrap_or(scope).to_string();
        match first.as_str() {
            "crate" | "$crate" => Some((root, path[1..].to_vec())),
            "self" | "super" => Some((scope.to_string(), path.to_vec())),
            name if self.child(scope, name).is_some() => Some((scope.to_string(), path.to_vec())),
            _ => None,
        }
    }

    /// A module that `name` stands for in `scope` (a child module, or a module brought in by a
    /// `use`).
    fn module_alias(&self, scope: &str, name: &str, depth: usize) -> Option<String> {
        if let Some(child) = self.child(scope, name) {
            return Some(child);
        }
        let import = self.imports.get(scope)?.iter().find(|import| import.binding.as_deref() == Some(name))?;
        match self.resolve(&import.start, &import.rest, depth + 1)? {
            Target::Module(module) => Some(module),
            Target::Item(_) => None,
        }
    }

    /// Follows a path from module `from` to the module it names or the file that defines its
    /// item, through `use` re-exports and globs; `None` when it leaves the crate.
    fn resolve(&self, from: &str, path: &[String], depth: usize) -> Option<Target> {
        if depth > 24 {
            return None;
        }
        let mut module = from.to_string();
        let mut at = 0;
        while at < path.len() {
            match path[at].as_str() {
                "self" => {}
                "super" => module = self.parent(&module)?,
                name => match self.child(&module, name) {
                    Some(child) => module = child,
                    None => break,
                },
            }
            at += 1;
        }
        if at == path.len() {
            return Some(Target::Module(module));
        }
        let name = &path[at];
        let file = self.modules.get(&module)?.file.clone();
        if self.defined.get(&module).is_some_and(|names| names.contains(name)) {
            return Some(Target::Item(file));
        }
        let imports = self.imports.get(&module).map(Vec::as_slice).unwrap_or_default();
        if let Some(import) = imports.iter().find(|import| import.binding.as_deref() == Some(name.as_str())) {
            let mut rest = import.rest.clone();
            rest.extend_from_slice(&path[at + 1..]);
            return self.resolve(&import.start, &rest, depth + 1);
        }
        for glob in imports.iter().filter(|import| import.binding.is_none()) {
            if let Some(Target::Module(target)) = self.resolve(&glob.start, &glob.rest, depth + 1)
                && self.exports(&target, name, depth + 1)
            {
                return self.resolve(&target, &path[at..], depth + 1);
            }
        }
        Some(Target::Item(file))
    }

    /// True when module `key` defines `name` or brings it in by a `use`.
    fn exports(&self, key: &str, name: &str, depth: usize) -> bool {
        if depth > 24 {
            return false;
        }
        self.defined.get(key).is_some_and(|names| names.contains(name))
            || self.imports.get(key).is_some_and(|imports| {
                imports.iter().any(|import| match &import.binding {
                    Some(binding) => binding == name,
                    None => matches!(
                        self.resolve(&import.start, &import.rest, depth + 1),
                        Some(Target::Module(target)) if self.exports(&target, name, depth + 1)
                    ),
                })
            })
    }

    /// The innermost module whose body holds `offset` in `file`.
    fn scope_at(&self, file: &str, offset: usize) -> Option<&str> {
        self.modules
            .iter()
            .filter(|(_, module)| module.file == file && module.body.contains(&offset))
            .min_by_key(|(_, module)| module.body.len())
            .map(|(key, _)| key.as_str())
    }
}

/// The edges between files: for each (user, used) pair of files, the paths that tie them.
fn edges(tree: &Tree) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (file, code) in &tree.code {
        let mut add = |target: Option<Target>, label: String| {
            if let Some(Target::Item(used)) = target
                && used != *file
            {
                edges.entry((file.clone(), used)).or_default().insert(label);
            }
        };
        let mut without_uses = code.clone().into_bytes();
        for (statement, range) in use_statements(code, 0..code.len()) {
            without_uses[range.clone()].fill(b' ');
            let Some(scope) = tree.scope_at(file, range.start) else { continue };
            for (path, binding) in use_tree(&statement) {
                let Some((start, rest)) = tree.start(scope, &path) else { continue };
                let written = path.join("::");
                match (binding, tree.resolve(&start, &rest, 0)) {
                    (None, Some(Target::Module(module))) => {
                        for (name, target) in glob_uses(tree, &module, code) {
                            add(target, format!("{written}::* ({name})"));
                        }
                    }
                    (_, target) => add(target, written),
                }
            }
        }
        let without_uses = String::from_utf8_lossy(&without_uses).into_owned();
        for (offset, path) in inline_paths(&without_uses) {
            let Some(scope) = tree.scope_at(file, offset) else { continue };
            let label = path.join("::");
            let target = match tree.start(scope, &path) {
                Some((start, rest)) => tree.resolve(&start, &rest, 0),
                None => tree.module_alias(scope, &path[0], 0).and_then(|module| tree.resolve(&module, &path[1..], 0)),
            };
            add(target, label);
        }
    }
    edges
}

/// For a glob import of `module` into a file: each name the module offers that the file's
/// code mentions, and where it leads.
fn glob_uses(tree: &Tree, module: &str, code: &str) -> Vec<(String, Option<Target>)> {
    let mut names: BTreeSet<String> = tree.defined.get(module).cloned().unwrap_or_default();
    if let Some(imports) = tree.imports.get(module) {
        names.extend(imports.iter().filter_map(|import| import.binding.clone()));
    }
    names
        .into_iter()
        .filter(|name| mentions(code, name))
        .map(|name| {
            let target = tree.resolve(module, std::slice::from_ref(&name), 0);
            (name, target)
        })
        .collect()
}

/// True when `code` has `name` as a whole word.
fn mentions(code: &str, name: &str) -> bool {
    let bytes = code.as_bytes();
    code.match_indices(name).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + name.len()).copied();
        !before.is_some_and(is_ident_char) && !after.is_some_and(is_ident_char)
    })
}

/// The circles of the crate's sources given as (path, text) pairs.
pub fn circles(files: &BTreeMap<String, String>) -> Vec<Circle> {
    let tree = Tree::build(files);
    let edges = edges(&tree);
    let nodes: Vec<String> = tree.code.keys().cloned().collect();
    let mut circles = Vec::new();
    for component in strongly_connected(&nodes, &edges) {
        if component.len() < 2 {
            continue;
        }
        let members: BTreeSet<&String> = component.iter().collect();
        let ties = edges
            .iter()
            .filter(|((from, to), _)| members.contains(from) && members.contains(to))
            .map(|((from, to), labels)| (from.clone(), to.clone(), labels.clone()))
            .collect();
        let mut files = component;
        files.sort();
        circles.push(Circle { files, ties });
    }
    circles.sort_by(|a, b| a.files.cmp(&b.files));
    circles
}

/// Tarjan's strongly connected components of the graph `nodes`/`edges`.
fn strongly_connected(nodes: &[String], edges: &BTreeMap<(String, String), BTreeSet<String>>) -> Vec<Vec<String>> {
    let index_of: BTreeMap<&String, usize> = nodes.iter().enumerate().map(|(i, node)| (node, i)).collect();
    let mut successors = vec![Vec::new(); nodes.len()];
    for (from, to) in edges.keys() {
        if let (Some(&a), Some(&b)) = (index_of.get(from), index_of.get(to)) {
            successors[a].push(b);
        }
    }
    let mut state = Tarjan {
        successors,
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        on_stack: vec![false; nodes.len()],
        stack: Vec::new(),
        next: 0,
        components: Vec::new(),
    };
    for node in 0..nodes.len() {
        if state.index[node].is_none() {
            state.visit(node);
        }
    }
    state.components.into_iter().map(|component| component.into_iter().map(|i| nodes[i].clone()).collect()).collect()
}

/// The state of Tarjan's algorithm.
struct Tarjan {
    successors: Vec<Vec<usize>>,
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    components: Vec<Vec<usize>>,
}

impl Tarjan {
    fn visit(&mut self, node: usize) {
        self.index[node] = Some(self.next);
        self.low[node] = self.next;
        self.next += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        for successor in self.successors[node].clone() {
            match self.index[successor] {
                None => {
                    self.visit(successor);
                    self.low[node] = self.low[node].min(self.low[successor]);
                }
                Some(index) if self.on_stack[successor] => self.low[node] = self.low[node].min(index),
                Some(_) => {}
            }
        }
        if Some(self.low[node]) == self.index[node] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                component.push(member);
                if member == node {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

/// The offsets of the given keywords at the top level of `body` (not inside braces of the
/// body, such as an `impl` or a function), each with the keyword.
fn top_level_words<'a>(code: &str, body: Range<usize>, words: &[&'a str]) -> Vec<(usize, &'a str)> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut at = body.start;
    while at < body.end {
        match bytes[at] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            byte if is_ident_char(byte) => {
                let end = (at..body.end).find(|&i| !is_ident_char(bytes[i])).unwrap_or(body.end);
                let starts_word = at == 0 || !is_ident_char(bytes[at - 1]) && bytes[at - 1] != b'$';
                if let Some(word) = words.iter().find(|word| **word == &code[at..end])
                    && depth == 0
                    && starts_word
                {
                    found.push((at, *word));
                }
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    found
}

/// Every `use` statement in `body` (at any depth): its text after `use` up to the `;`, and
/// the byte range of the whole statement.
fn use_statements(code: &str, body: Range<usize>) -> Vec<(String, Range<usize>)> {
    let bytes = code.as_bytes();
    let mut statements = Vec::new();
    let mut from = body.start;
    while let Some(found) = code[from..body.end].find("use") {
        let at = from + found;
        from = at + 3;
        let starts_word = at == 0 || !is_ident_char(bytes[at - 1]);
        let spaced = bytes.get(at + 3).is_some_and(|b| b.is_ascii_whitespace());
        if !starts_word || !spaced {
            continue;
        }
        let Some(end) = code[at..body.end].find(';').map(|n| at + n) else { break };
        statements.push((code[at + 3..end].to_string(), at..end + 1));
        from = end + 1;
    }
    statements
}

/// The paths of a use tree (`a::b::{c, d::{e as f, *}, self}`), each with the name it binds:
/// `Some(name)` for a name (its `as` rename, or the last segment), `None` for a glob.
fn use_tree(text: &str) -> Vec<(Vec<String>, Option<String>)> {
    let compact: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let compact = compact.trim().trim_start_matches("::").to_string();
    let mut out = Vec::new();
    expand(&compact, &[], &mut out);
    out
}

fn expand(text: &str, prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
    let text = text.trim();
    if let Some(open) = text.find('{') {
        let mut path = prefix.to_vec();
        path.extend(segments(text[..open].trim_end_matches("::")));
        let inner = &text[open + 1..text.rfind('}').unwrap_or(text.len())];
        for part in split_top_level(inner) {
            expand(part, &path, out);
        }
        return;
    }
    let (path_text, rename) = match text.split_once(" as ") {
        Some((path, rename)) => (path.trim(), Some(rename.trim().to_string())),
        None => (text, None),
    };
    let mut path = prefix.to_vec();
    path.extend(segments(path_text));
    match path.last().map(String::as_str) {
        Some("*") => {
            path.pop();
            out.push((path, None));
        }
        Some("self") => {
            path.pop();
            let binding = rename.or_else(|| path.last().cloned());
            out.push((path, binding));
        }
        Some(last) => {
            let binding = rename.unwrap_or_else(|| last.to_string());
            out.push((path, Some(binding)));
        }
        None => {}
    }
}

fn segments(text: &str) -> Vec<String> {
    text.split("::").map(str::trim).filter(|segment| !segment.is_empty()).map(str::to_string).collect()
}

/// The parts of a brace group's inside, split at its top-level commas.
fn split_top_level(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (at, character) in inner.char_indices() {
        match character {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts.into_iter().filter(|part| !part.trim().is_empty()).collect()
}

/// Paths in code (`a::b::c`, at least two segments, not part of a longer path), with their
/// offsets; `$crate` keeps its `$`.
fn inline_paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let bytes = code.as_bytes();
    let mut paths = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !is_ident_char(bytes[at]) || (at > 0 && (is_ident_char(bytes[at - 1]) || bytes[at - 1] == b':')) {
            at += 1;
            continue;
        }
        let start = if at > 0 && bytes[at - 1] == b'$' { at - 1 } else { at };
        let mut path = Vec::new();
        let mut end = at;
        while let Some((segment, after)) = identifier(code, end) {
            path.push(segment);
            end = after;
            if code[end..].starts_with("::") && bytes.get(end + 2).is_some_and(|&b| is_ident_char(b)) {
                end += 2;
            } else {
                break;
            }
        }
        if path.len() >= 2 {
            if start < at {
                path[0] = format!("${}", path[0]);
            }
            paths.push((start, path));
        }
        at = end.max(at + 1);
    }
    paths
}

fn skip_space(code: &str, from: usize) -> usize {
    let bytes = code.as_bytes();
    (from..bytes.len()).find(|&i| !bytes[i].is_ascii_whitespace()).unwrap_or(bytes.len())
}

/// The identifier starting at `from` (a raw `r#name` without its `r#`), and where it ends.
fn identifier(code: &str, from: usize) -> Option<(String, usize)> {
    let bytes = code.as_bytes();
    let from = if code[from..].starts_with("r#") { from + 2 } else { from };
    let end = (from..bytes.len()).find(|&i| !is_ident_char(bytes[i])).unwrap_or(bytes.len());
    (end > from && !bytes[from].is_ascii_digit()).then(|| (code[from..end].to_string(), end))
}

fn is_keyword(word: &str) -> bool {
    matches!(word, "fn" | "unsafe" | "extern" | "async" | "mut" | "impl" | "_")
}

/// The report of the circles, one paragraph each, with what to do.
fn describe(circles: &[Circle]) -> String {
    let mut text = String::from(
        "files of src/ that use one another in a circle (each file reaches the others through the items \
         it uses):\n",
    );
    for circle in circles {
        text.push_str(&format!("\ncircle of {} files: {}\n", circle.files.len(), circle.files.join(", ")));
        for (from, to, labels) in &circle.ties {
            let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
            text.push_str(&format!("  {from} uses {to}: {}\n", labels.join(", ")));
        }
    }
    text.push_str(
        "\nBreak each circle: move the item that ties one of its edges to the file where it belongs \
         (often a small leaf file that both sides use), so that uses between these files go one way. \
         A mod.rs that only declares modules and re-exports their items is no part of a circle; one \
         that defines an item a child uses, while it uses the child's items, is.\n",
    );
    text
}

#[test]
fn no_import_circle_between_files_of_src() {
    let files: BTreeMap<String, String> = source_files().into_iter().map(|file| (file.path, file.text)).collect();
    assert!(files.contains_key("src/lib.rs"), "the check reads src/");
    let found = circles(&files);
    assert!(found.is_empty(), "{}", describe(&found));
}

#[cfg(test)]
fn tree_of(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files.iter().map(|(path, text)| (path.to_string(), text.to_string())).collect()
}

#[test]
fn the_checker_finds_a_circle_between_two_files() {
    let files = tree_of(&[
        ("src/lib.rs", "pub mod a;\npub mod b;\n"),
        ("src/a.rs", "use crate::b::Bee;\npub struct Ay;\npub fn f(_: Bee) {}\n"),
        ("src/b.rs", "pub struct Bee;\npub fn g() -> crate::a::Ay { crate::a::Ay }\n"),
    ]);
    let found = circles(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].files, ["src/a.rs", "src/b.rs"]);
    let message = describe(&found);
    assert!(message.contains("src/a.rs uses src/b.rs: crate::b::Bee"), "{message}");
    assert!(message.contains("src/b.rs uses src/a.rs: crate::a::Ay"), "{message}");
}

#[test]
fn a_parent_that_only_reexports_is_no_part_of_a_circle() {
    let files = tree_of(&[
        ("src/lib.rs", "pub mod engine;\npub use engine::Game;\n"),
        ("src/engine/mod.rs", "mod game;\nmod power;\npub use game::Game;\npub use power::{self, Power};\n"),
        ("src/engine/game.rs", "use super::Power;\npub struct Game(pub Power);\n"),
        ("src/engine/power.rs", "pub struct Power;\npub fn of(_: &super::Game) {}\n"),
    ]);
    let found = circles(&files);
    // game → power (through the parent's re-export) and power → game: a circle of the two
    // children, without the parent.
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].files, ["src/engine/game.rs", "src/engine/power.rs"]);
    let files = tree_of(&[
        ("src/lib.rs", "pub mod engine;\n"),
        ("src/engine/mod.rs", "mod game;\nmod power;\npub use game::*;\npub use power::Power;\n"),
        ("src/engine/game.rs", "use super::Power;\npub struct Game(pub Power);\n"),
        ("src/engine/power.rs", "pub struct Power;\n"),
    ]);
    assert!(circles(&files).is_empty(), "{:?}", circles(&files));
}

#[test]
fn a_child_using_its_parents_own_item_while_the_parent_uses_the_childs_is_a_circle() {
    let files = tree_of(&[
        ("src/lib.rs", "pub mod chart;\n"),
        ("src/chart/mod.rs", "mod legend;\npub struct Palette;\npub fn draw() { legend::place(); }\n"),
        ("src/chart/legend.rs", "use super::Palette;\npub fn place() { let _ = Palette; }\n"),
    ]);
    let found = circles(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].files, ["src/chart/legend.rs", "src/chart/mod.rs"]);
    let message = describe(&found);
    assert!(message.contains("src/chart/legend.rs uses src/chart/mod.rs: super::Palette"), "{message}");
    assert!(message.contains("src/chart/mod.rs uses src/chart/legend.rs: legend::place"), "{message}");
}

#[test]
fn comments_strings_and_test_modules_tie_nothing() {
    let files = tree_of(&[
        ("src/lib.rs", "pub mod a;\npub mod b;\n"),
        ("src/a.rs", "use crate::b::Bee;\npub struct Ay;\npub fn f(_: Bee) {}\n"),
        (
            "src/b.rs",
            "//! See [`crate::a::Ay`].\npub struct Bee;\npub const NAME: &str = \"crate::a::Ay\";\n\
             #[cfg(test)]\nmod tests {\n    use crate::a::Ay;\n}\n#[cfg(test)]\nmod more;\n",
        ),
        ("src/b/more.rs", "use crate::a::Ay;\n"),
    ]);
    assert!(circles(&files).is_empty(), "{:?}", circles(&files));
}

#[test]
fn globs_renames_and_nested_groups_are_followed() {
    let files = tree_of(&[
        ("src/lib.rs", "pub mod model;\npub mod io;\n"),
        ("src/model/mod.rs", "mod scenario;\nmod date;\npub use scenario::*;\npub use date::Day as Date;\n"),
        ("src/model/scenario.rs", "pub struct Scenario;\npub fn load() { crate::io::read(); }\n"),
        ("src/model/date.rs", "pub struct Day;\n"),
        (
            "src/io.rs",
            "use crate::{model::{Scenario, Date as When}};\npub fn read() -> Option<(Scenario, When)> { None }\n",
        ),
    ]);
    let found = circles(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].files, ["src/io.rs", "src/model/scenario.rs"]);
}
