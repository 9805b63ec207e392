//! Rendering a document's value to text the same way every time: YAML through
//! serde-saphyr (keys in the order the value holds them, so format modules build
//! `serde_json::Value`s or structs in schema order), JSON pretty-printed, LF line ends
//! and exactly one final newline.
//!
//! It must not decide what goes into a document.

use serde::Serialize;

/// `value` as YAML, ending in one newline.
pub fn yaml<T: Serialize>(value: &T) -> String {
    // Serializing plain data (strings, numbers, maps with string keys) cannot fail; a
    // failure here is a programming error in a format module, not bad user input.
    // Long one-line strings (URNs, URLs, descriptions) stay on one line: folded `>-`
    // blocks parse back the same but are hard to read and to diff in a domain repo.
    // Multi-line strings still use literal `|` blocks.
    let options = serde_saphyr::ser_options! { folded_wrap_chars: usize::MAX };
    let text = serde_saphyr::to_string_with_options(value, options)
        .expect("manifest values serialize to YAML");
    finish(text)
}

/// Several YAML documents in one file, separated by `---`, ending in one newline.
pub fn yaml_documents<T: Serialize>(values: &[T]) -> String {
    let parts: Vec<String> = values.iter().map(|v| yaml(v)).collect();
    finish(parts.join("---\n"))
}

/// `value` as pretty-printed JSON, ending in one newline.
pub fn json<T: Serialize>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).expect("manifest values serialize to JSON");
    finish(text)
}

fn finish(text: String) -> String {
    let mut text = text.replace("\r\n", "\n");
    while text.ends_with('\n') {
        text.pop();
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json as j;

    #[test]
    fn yaml_keeps_key_order_and_ends_in_one_newline() {
        let text = yaml(&j!({"b": 1, "a": ["x", "y"]}));
        assert!(
            text.find("b:").unwrap() < text.find("a:").unwrap(),
            "{text}"
        );
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{text:?}");
    }

    #[test]
    fn long_lines_are_not_folded() {
        let urn = format!(
            "urn:li:dataset:(urn:li:dataPlatform:meshwright,{},PROD)",
            "x".repeat(120)
        );
        let text = yaml(&j!({ "urn": urn, "notes": "one\ntwo" }));
        assert!(text.contains(&format!("urn: {urn}\n")), "{text}");
        assert!(text.contains("notes: |"), "{text}");
    }

    #[test]
    fn several_documents_are_separated() {
        let text = yaml_documents(&[j!({"kind": "Domain"}), j!({"kind": "System"})]);
        assert_eq!(text.matches("---").count(), 1, "{text}");
        assert!(
            text.contains("kind: Domain") && text.contains("kind: System"),
            "{text}"
        );
    }

    #[test]
    fn json_ends_in_one_newline() {
        assert_eq!(json(&j!({"a": 1})), "{\n  \"a\": 1\n}\n");
    }
}
