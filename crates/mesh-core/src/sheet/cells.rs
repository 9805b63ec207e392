//! One cell's text read as a field value: the words of the model's enums (forgiving
//! case and spaces, `Source aligned` is `source-aligned`), optional texts, tag lists.
//! It reads text only; references and rules belong to `refs` and `validate`.

/// Trimmed text, `None` when empty (an empty cell clears an optional field).
pub(super) fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A word of one of the model's enums: `parse` gets the text lower-cased with spaces and
/// underscores as hyphens. `Err` says which words there are.
pub(super) fn word<T: Copy>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> Result<T, String> {
    let folded = text.trim().to_lowercase().replace([' ', '_'], "-");
    parse(&folded).ok_or_else(|| {
        let words: Vec<_> = all.iter().map(|w| as_str(*w)).collect();
        format!("{:?} is not one of {}", text.trim(), words.join(", "))
    })
}

/// An optional enum word: empty clears it.
pub(super) fn optional_word<T: Copy>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> Result<Option<T>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    word(text, parse, all, as_str).map(Some)
}

/// Tags as a sheet writes them: separated by commas, each trimmed, empty and repeated
/// ones left out.
pub(super) fn tags(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !out.iter().any(|t| t == tag) {
            out.push(tag.to_owned());
        }
    }
    out
}
