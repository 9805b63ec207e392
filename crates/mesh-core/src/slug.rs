//! The one slug rule: how free text becomes a name (`Customer Müller's Orders` →
//! `customer-muller-s-orders`) and how a taken name gets `-2`, `-3`, ... Imports, the
//! generator, the sheet and the UI's first guesses all follow it; the UI's copy
//! (`ui/src/lib/slug.ts`) is checked against the vectors a test here writes to
//! `ui/src/lib/slug.vectors.json`, so the two cannot drift. It makes names; whether a
//! name is valid is `validate::slug`'s to say.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::validate::MAX_NAME;

/// A slug from free text: accents folded away (NFKD, marks dropped), ASCII letters and
/// digits kept in lower case, every other run of characters one hyphen, no hyphen at
/// either end; `x-` in front when it would not start with a letter (`42 things` →
/// `x-42-things`, nothing → `x`); at most [`MAX_NAME`] characters.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_owned();
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert_str(0, if out.is_empty() { "x" } else { "x-" });
    }
    truncate(&out, MAX_NAME).to_owned()
}

/// `s` cut to at most `max` characters without a trailing hyphen.
pub fn truncate(s: &str, max: usize) -> &str {
    let end = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    s[..end].trim_end_matches('-')
}

/// `base` (a slug, maybe too long) cut to [`MAX_NAME`], or with `-2`, `-3`, ... when
/// `taken` holds it; the counter is kept whole and the base shortened to fit.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let cut = truncate(base, MAX_NAME);
    if !taken(cut) {
        return cut.to_owned();
    }
    (2usize..)
        .map(|n| {
            let suffix = format!("-{n}");
            format!("{}{suffix}", truncate(base, MAX_NAME - suffix.len()))
        })
        .find(|name| !taken(name))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::HashSet;

    use super::*;

    /// What the UI's copy must answer the same: free text → slug.
    const TEXTS: &[&str] = &[
        "orders-daily",
        "Customer Data Product",
        "payments ",
        "42 things",
        "",
        "---",
        "Müller & Söhne",
        "Crème brûlée",
        "Straße",
        "Ångström  units",
        "ÉCOLE normale",
        "naïve_café",
        "Σ sigma",
        "東京 orders",
        "  leading and trailing  ",
        "a--b",
        "Orders (EU) v2.1",
        "ＦＵＬＬ ｗｉｄｔｈ",
        "ﬁnance ﬂows",
        "this name is far too long to be a slug because it goes on and on and on",
    ];

    /// (base, taken) → what `unique` answers.
    fn unique_cases() -> Vec<(String, Vec<String>)> {
        let long = "a".repeat(70);
        vec![
            ("orders".into(), vec![]),
            ("orders".into(), vec!["orders".into()]),
            ("orders".into(), vec!["orders".into(), "orders-2".into()]),
            (long.clone(), vec![]),
            (long.clone(), vec!["a".repeat(63)]),
        ]
    }

    #[test]
    fn names_become_slugs_the_validator_accepts() {
        for text in TEXTS {
            let slug = slugify(text);
            crate::validate::slug(crate::model::EntityKind::Product, "", "name", &slug)
                .unwrap_or_else(|e| panic!("{text:?} → {slug:?}: {e}"));
        }
        assert_eq!(slugify("Müller & Söhne"), "muller-sohne");
        assert_eq!(slugify("42 things"), "x-42-things");
        assert_eq!(slugify(""), "x");
        assert_eq!(slugify("ＦＵＬＬ ｗｉｄｔｈ"), "full-width");
    }

    #[test]
    fn taken_names_get_a_counter_within_the_length() {
        let taken: HashSet<String> = ["orders".to_owned()].into();
        assert_eq!(unique("orders", |n| taken.contains(n)), "orders-2");
        let full = "a".repeat(63);
        let long = unique(&"a".repeat(70), |n| n == full);
        assert_eq!(long.len(), 63);
        assert!(long.ends_with("-2"));
    }

    /// Writes the vectors the UI's slug tests read; fails when the committed copy was stale.
    #[test]
    fn the_ui_vectors_are_current() {
        let slugs: Vec<_> = TEXTS
            .iter()
            .map(|t| serde_json::json!({ "text": t, "slug": slugify(t) }))
            .collect();
        let uniques: Vec<_> = unique_cases()
            .into_iter()
            .map(|(base, taken)| {
                let answer = unique(&base, |n| taken.iter().any(|t| t == n));
                serde_json::json!({ "base": base, "taken": taken, "unique": answer })
            })
            .collect();
        let want = serde_json::to_string_pretty(&serde_json::json!({
            "slugify": slugs,
            "unique": uniques,
        }))
        .unwrap()
            + "\n";
        let stale = crate::ui_files::keep_current("lib/slug.vectors.json", want.as_bytes());
        assert!(
            !stale,
            "ui/src/lib/slug.vectors.json was stale and is rewritten: commit it"
        );
    }
}
