//! The scanner's first step: RON text cut into tokens (brackets, commas, colons, atoms and
//! comments), each with the lines it spans.

/// Where the scanner could not follow the text (1-based line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct ScanError {
    /// The line.
    pub line: usize,
    /// What was unexpected.
    pub what: String,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Open(char),
    Close(char),
    Comma,
    Colon,
    Atom,
    Comment,
}

/// One token and the lines it spans.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) text: String,
    pub(super) line: usize,
    pub(super) end_line: usize,
}

/// Cuts `text` into tokens.
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, ScanError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        let start = i;
        let kind = match c {
            '\n' => {
                line += 1;
                i += 1;
                continue;
            }
            c if c.is_whitespace() || c == '\u{feff}' => {
                i += 1;
                continue;
            }
            '(' | '[' | '{' => {
                i += 1;
                Kind::Open(c)
            }
            ')' | ']' | '}' => {
                i += 1;
                Kind::Close(c)
            }
            ',' => {
                i += 1;
                Kind::Comma
            }
            ':' => {
                i += 1;
                Kind::Colon
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                Kind::Comment
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i = block_comment_end(&chars, i, &mut line)
                    .ok_or_else(|| ScanError { line: start_line, what: "a /* comment is not closed".into() })?;
                Kind::Comment
            }
            '#' => {
                while i < chars.len() && chars[i] != ']' {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 1;
                Kind::Comment
            }
            '"' | '\'' => {
                i = quoted_end(&chars, i, &mut line)
                    .ok_or_else(|| ScanError { line: start_line, what: "a quoted text is not closed".into() })?;
                Kind::Atom
            }
            'r' | 'b' if is_raw_start(&chars, i) => {
                i = raw_end(&chars, i, &mut line)
                    .ok_or_else(|| ScanError { line: start_line, what: "a raw text is not closed".into() })?;
                Kind::Atom
            }
            _ => {
                while i < chars.len() && !is_delimiter(chars[i]) {
                    i += 1;
                }
                Kind::Atom
            }
        };
        let text: String = chars[start..i.min(chars.len())].iter().collect();
        tokens.push(Token { kind, text, line: start_line, end_line: line });
    }
    Ok(tokens)
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | ',' | ':' | '"' | '/' | '\u{feff}')
}

fn block_comment_end(chars: &[char], mut i: usize, line: &mut usize) -> Option<usize> {
    let mut depth = 0usize;
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => {
                depth += 1;
                i += 2;
            }
            ('*', '/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            (c, _) => {
                *line += usize::from(c == '\n');
                i += 1;
            }
        }
    }
    None
}

fn quoted_end(chars: &[char], mut i: usize, line: &mut usize) -> Option<usize> {
    let quote = chars[i];
    i += 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            c if c == quote => return Some(i + 1),
            c => {
                *line += usize::from(c == '\n');
                i += 1;
            }
        }
    }
    None
}

fn is_raw_start(chars: &[char], i: usize) -> bool {
    let mut j = i + usize::from(chars[i] == 'b');
    if chars.get(j) == Some(&'"') && chars[i] == 'b' {
        return true;
    }
    if chars.get(j) != Some(&'r') {
        return false;
    }
    j += 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

fn raw_end(chars: &[char], mut i: usize, line: &mut usize) -> Option<usize> {
    if chars[i] == 'b' {
        i += 1;
        if chars.get(i) == Some(&'"') {
            return quoted_end(chars, i, line);
        }
    }
    i += 1;
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return Some(i + 1 + hashes);
        }
        *line += usize::from(chars[i] == '\n');
        i += 1;
    }
    None
}
