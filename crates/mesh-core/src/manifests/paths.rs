//! Path safety for everything an export writes: a relative path is `/`-separated
//! segments, each a plain file or folder name that means the same on Linux, macOS and
//! Windows, so that nothing lands outside the chosen root.
//!
//! Refused: empty paths and segments, `.` and `..`, absolute paths (`/x`, `\x`),
//! drive letters (`C:`), backslashes, control characters, the characters Windows
//! forbids (`<>:"|?*`), names ending in a dot or a space (Windows drops them), Windows
//! reserved device names (`CON`, `PRN`, `AUX`, `NUL`, `COM0`-`COM9`, `LPT0`-`LPT9`,
//! with or without an extension), and names longer than 255 bytes.
//!
//! It must not touch the file system: symbolic links are the writer's concern.

/// Longest segment most file systems accept.
const MAX_SEGMENT: usize = 255;

/// Why `segment` cannot be a file or folder name, or `None` when it can.
pub fn segment_problem(segment: &str) -> Option<String> {
    if segment.is_empty() {
        return Some("has an empty name".into());
    }
    if segment == "." || segment == ".." {
        return Some(format!("must not use {segment:?} (it refers to a folder)"));
    }
    if segment.len() > MAX_SEGMENT {
        return Some(format!("has a name longer than {MAX_SEGMENT} bytes"));
    }
    if let Some(c) = segment.chars().find(|c| c.is_control()) {
        return Some(format!("must not hold control characters ({c:?})"));
    }
    if segment.contains(['/', '\\']) {
        return Some("must not hold path separators inside a name".into());
    }
    if let Some(c) = segment.chars().find(|c| "<>:\"|?*".contains(*c)) {
        return Some(format!(
            "must not hold {c:?} (reserved on Windows; `C:` would be a drive)"
        ));
    }
    if segment.ends_with(['.', ' ']) {
        return Some("must not end with a dot or a space".into());
    }
    let stem = segment.split('.').next().unwrap_or(segment).trim_end();
    if is_reserved(stem) {
        return Some(format!(
            "must not be {stem:?}, a reserved device name on Windows"
        ));
    }
    None
}

fn is_reserved(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    match upper.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" => true,
        _ => {
            let (head, tail) = upper.split_at(upper.len().min(3));
            (head == "COM" || head == "LPT")
                && tail.len() == 1
                && tail.chars().all(|c| c.is_ascii_digit())
        }
    }
}

/// Why `path` cannot be a relative path under a root, or `None` when it can.
pub fn relative_problem(path: &str) -> Option<String> {
    if path.is_empty() {
        return Some("is empty".into());
    }
    if path.starts_with(['/', '\\']) {
        return Some("must be relative, not absolute".into());
    }
    let bytes = path.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Some("must not start with a drive letter".into());
    }
    if path.contains('\\') {
        return Some("must use `/` between folders, not `\\`".into());
    }
    path.split('/').find_map(segment_problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_and_paths_pass() {
        for ok in [
            "orders.odps.yaml",
            "catalog-info.yaml",
            "a_b-c.1",
            "console",
        ] {
            assert_eq!(segment_problem(ok), None, "{ok}");
        }
        for ok in [
            "sales",
            "repos/sales-data",
            "dataproducts/orders/orders.odps.yaml",
        ] {
            assert_eq!(relative_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn parent_and_current_folder_are_refused() {
        assert!(relative_problem("..").unwrap().contains(".."));
        assert!(relative_problem("a/../../b").unwrap().contains(".."));
        assert!(relative_problem("./a").is_some());
        assert!(segment_problem("..").is_some());
    }

    #[test]
    fn absolute_paths_are_refused() {
        assert!(
            relative_problem("/etc/passwd")
                .unwrap()
                .contains("absolute")
        );
        assert!(
            relative_problem("\\\\server\\share")
                .unwrap()
                .contains("absolute")
        );
    }

    #[test]
    fn drive_letters_are_refused() {
        assert!(relative_problem("C:/Windows").unwrap().contains("drive"));
        assert!(relative_problem("c:x").unwrap().contains("drive"));
        assert!(segment_problem("C:").is_some());
        assert!(relative_problem("a/d:b").is_some());
    }

    #[test]
    fn backslashes_and_empty_segments_are_refused() {
        assert!(relative_problem("a\\b").unwrap().contains('/'));
        assert!(relative_problem("a//b").unwrap().contains("empty"));
        assert!(relative_problem("").is_some());
        assert!(segment_problem("a\\b").is_some());
    }

    #[test]
    fn windows_reserved_names_are_refused_with_any_case_or_extension() {
        for bad in [
            "CON",
            "con",
            "Nul.yaml",
            "aux.odps.yaml",
            "COM1",
            "lpt9.txt",
            "prn",
        ] {
            assert!(
                segment_problem(bad).unwrap().contains("reserved device"),
                "{bad}"
            );
        }
        for ok in ["com10", "conference", "lpt", "nullable.yaml"] {
            assert_eq!(segment_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn control_characters_are_refused() {
        for bad in ["a\nb", "a\0b", "tab\there", "bell\u{7}"] {
            assert!(segment_problem(bad).unwrap().contains("control"), "{bad:?}");
        }
    }

    #[test]
    fn windows_forbidden_characters_and_trailing_dots_are_refused() {
        for bad in ["a<b", "a>b", "a\"b", "a|b", "a?b", "a*b"] {
            assert!(segment_problem(bad).is_some(), "{bad}");
        }
        assert!(segment_problem("name.").unwrap().contains("dot"));
        assert!(segment_problem("name ").is_some());
    }

    #[test]
    fn overlong_names_are_refused() {
        assert!(segment_problem(&"a".repeat(256)).unwrap().contains("255"));
        assert_eq!(segment_problem(&"a".repeat(255)), None);
    }
}
