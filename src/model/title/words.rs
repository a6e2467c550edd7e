//! Small wording helpers shared by titles, summaries and error messages.

/// A name followed by the id it has in the file, "Renault (`renault`)", or the id alone,
/// "`nisan`", when there is no other name (an entity the scenario does not list, or one whose
/// name is empty or its id).
pub(crate) fn with_id(name: &str, id: &str) -> String {
    if name.trim().is_empty() || name == id { format!("`{id}`") } else { format!("{name} (`{id}`)") }
}

/// `text` with its first letter in capitals, for a summary that starts a tooltip or a
/// sentence ("transfer of …" → "Transfer of …").
pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}
