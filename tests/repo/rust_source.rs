//! Reading the crate's own sources for the structure checks: every `src/**/*.rs` file, its text
//! with comments and literals blanked out (so that a `use` in a doc comment or a `{` in a
//! string is not code), and its text without the code compiled only for tests.

use std::path::Path;

/// One source file: its path relative to the crate's root, with `/` separators, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path relative to the crate's root, such as `src/engine/mod.rs`.
    pub path: String,
    /// The file's text as it is on disk.
    pub text: String,
}

/// Every `.rs` file under `src/`, sorted by path.
pub fn source_files() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(root, &root.join("src"), &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<SourceFile>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> =
                relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            files.push(SourceFile { path: parts.join("/"), text });
        }
    }
}

/// True for the characters of an identifier.
pub fn is_ident_char(character: u8) -> bool {
    character.is_ascii_alphanumeric() || character == b'_'
}

/// The text with every comment, string literal and character literal replaced by spaces
/// (line breaks kept, so lines and byte offsets stay where they were). Lifetimes and labels
/// (`'a`, `'outer:`) are code and stay.
pub fn mask(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut at = 0;
    while at < bytes.len() {
        let literal_end = match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => Some(line_comment_end(bytes, at)),
            b'/' if bytes.get(at + 1) == Some(&b'*') => Some(block_comment_end(bytes, at)),
            b'"' => Some(string_end(bytes, at + 1)),
            b'r' | b'b' | b'c' if starts_literal(bytes, at) => Some(prefixed_literal_end(bytes, at)),
            b'\'' => char_literal_end(bytes, at),
            _ => None,
        };
        if let Some(end) = literal_end {
            blank(&mut out, at, end);
            at = end;
        } else if is_ident_char(bytes[at]) {
            // The whole identifier, so that an `r` or a `b` ending a name is no literal's prefix.
            while at < bytes.len() && is_ident_char(bytes[at]) {
                at += 1;
            }
        } else {
            at += 1;
        }
    }
    // Blanking replaces whole characters' bytes by spaces, so the result is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| panic!("masking kept UTF-8: {e}"))
}

/// Replaces `out[from..to]` by spaces, keeping line breaks.
fn blank(out: &mut [u8], from: usize, to: usize) {
    let end = to.min(out.len());
    for byte in &mut out[from..end] {
        if *byte != b'\n' {
            *byte = b' ';
        }
    }
}

fn line_comment_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |n| from + n)
}

/// The end of a block comment starting at `from`; block comments nest.
fn block_comment_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0;
    let mut at = from;
    while at + 1 < bytes.len() {
        match (bytes[at], bytes[at + 1]) {
            (b'/', b'*') => {
                depth += 1;
                at += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                at += 2;
                if depth == 0 {
                    return at;
                }
            }
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The end (after the closing quote) of an escaped string whose text starts at `from`.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// True when a literal with a prefix (`r"`, `r#"`, `b"`, `br"`, `b'`, `c"`, `cr#"`) starts at
/// `at`, at the start of a token.
fn starts_literal(bytes: &[u8], at: usize) -> bool {
    if at > 0 && is_ident_char(bytes[at - 1]) {
        return false;
    }
    let mut next = at;
    if matches!(bytes[next], b'b' | b'c') {
        next += 1;
        if bytes.get(next) == Some(&b'\'') && bytes[at] == b'b' {
            return true;
        }
    }
    if bytes.get(next) == Some(&b'r') {
        next += 1;
        while bytes.get(next) == Some(&b'#') {
            next += 1;
        }
    }
    next > at && bytes.get(next) == Some(&b'"')
}

/// The end of a literal with a prefix starting at `at` (see [`starts_literal`]).
fn prefixed_literal_end(bytes: &[u8], at: usize) -> usize {
    let mut next = at;
    if matches!(bytes[next], b'b' | b'c') {
        next += 1;
        if bytes[next] == b'\'' {
            return char_literal_end(bytes, next).unwrap_or(next + 1);
        }
    }
    if bytes[next] != b'r' {
        return string_end(bytes, next + 1);
    }
    next += 1;
    let mut hashes = 0;
    while bytes[next] == b'#' {
        hashes += 1;
        next += 1;
    }
    // A raw string: no escapes; it ends at a quote followed by as many hashes.
    let mut scan = next + 1;
    while scan < bytes.len() {
        if bytes[scan] == b'"' && bytes[scan + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
            return scan + 1 + hashes;
        }
        scan += 1;
    }
    bytes.len()
}

/// The end of a character literal starting at the quote at `from`, or `None` when the quote
/// opens a lifetime or a label.
fn char_literal_end(bytes: &[u8], from: usize) -> Option<usize> {
    let first = *bytes.get(from + 1)?;
    if first == b'\\' {
        let close = bytes.get(from + 3..)?.iter().position(|&b| b == b'\'')?;
        return Some(from + 3 + close + 1);
    }
    // One character, which may take several bytes in UTF-8.
    let width = match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    (bytes.get(from + 1 + width) == Some(&b'\'')).then_some(from + 2 + width)
}

/// The offset just after the bracket that closes the one at `open` (`(`, `[` or `{`), in
/// masked text; the end of the text when it is not closed.
pub fn closing(masked: &str, open: usize) -> usize {
    let bytes = masked.as_bytes();
    let mut depth = 0usize;
    for (offset, &byte) in bytes.iter().enumerate().skip(open) {
        match byte {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return offset + 1;
                }
            }
            _ => {}
        }
    }
    bytes.len()
}

/// The masked text with the code compiled only for tests blanked out: every item under
/// `#[cfg(test)]` (an inline `mod tests { … }`, a `mod tests;` declaration, a function) and
/// every `#[test]` function.
pub fn without_test_code(masked: &str) -> String {
    let mut out = masked.as_bytes().to_vec();
    let mut from = 0;
    while let Some(found) = masked[from..].find("#[") {
        let start = from + found;
        let attribute_end = closing(masked, start + 1);
        let attribute: String = masked[start + 2..attribute_end - 1].chars().filter(|c| !c.is_whitespace()).collect();
        if attribute == "cfg(test)" || attribute.starts_with("cfg(all(test,") || attribute == "test" {
            let end = item_end(masked, attribute_end);
            blank(&mut out, start, end);
            from = end;
        } else {
            from = attribute_end;
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| panic!("blanking kept UTF-8: {e}"))
}

/// The end of the item that starts after an attribute ending at `from`: after further
/// attributes, the item runs to its `;` or to the brace that closes its body.
fn item_end(masked: &str, from: usize) -> usize {
    let bytes = masked.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        match bytes[at] {
            b'#' if bytes.get(at + 1) == Some(&b'[') => at = closing(masked, at + 1),
            b'(' | b'[' => at = closing(masked, at),
            b'{' => return closing(masked, at),
            b';' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[test]
fn masking_blanks_comments_and_literals_and_keeps_lifetimes() {
    let text = "fn a<'x>(s: &'x str) -> char { // use crate::b;\n    let _ = \"use crate::c;\"; /* { */ '{'\n}\n";
    let masked = mask(text);
    assert_eq!(masked.len(), text.len());
    assert_eq!(masked.lines().count(), text.lines().count());
    assert!(!masked.contains("crate"), "{masked}");
    assert!(masked.contains("<'x>") && masked.contains("&'x str"), "{masked}");
    assert_eq!(masked.matches('{').count(), 1, "{masked}");
    let raw = mask("let a = r#\"say \"hi\" {\"#; let b = b'{'; let c = br\"}\";");
    assert!(!raw.contains('{') && !raw.contains('}') && raw.contains("let c"), "{raw}");
}

#[test]
fn test_code_is_left_out() {
    let masked = mask("use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\n#[cfg(test)]\nmod more;\n");
    let code = without_test_code(&masked);
    assert!(code.contains("crate::a") && !code.contains("crate::b") && !code.contains("more"), "{code}");
}
