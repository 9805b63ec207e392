//! Contract versions read for their major number, as loosely as the model holds them:
//! `2.1.0`, `v2`, `2.0.0-rc.1`. The store checks product versions as semver, but port
//! and contract versions are short tokens, so a full semver parse would refuse `v2`.

/// The major number of a version: `2` of `2.1.0`, `v2` or `2-beta`; `None` when it
/// does not start with a number.
pub fn major(version: &str) -> Option<u64> {
    let v = version.trim().trim_start_matches(['v', 'V']);
    v.split(['.', '-', '+']).next()?.parse().ok()
}

/// Whether `after` has a greater major number than `before`. A version without a
/// readable major number proves no bump.
pub fn is_major_bump(before: &str, after: &str) -> bool {
    matches!((major(before), major(after)), (Some(b), Some(a)) if a > b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majors_read_loosely() {
        assert_eq!(major("2.1.0"), Some(2));
        assert_eq!(major("v3"), Some(3));
        assert_eq!(major("1-rc.1"), Some(1));
        assert_eq!(major("latest"), None);
        assert!(is_major_bump("1.4.0", "2.0.0"));
        assert!(is_major_bump("v1", "v2"));
        assert!(!is_major_bump("1.0.0", "1.9.0"));
        assert!(!is_major_bump("latest", "2.0.0"));
    }
}
