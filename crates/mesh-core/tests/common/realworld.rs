//! Comparing a manifest as another project wrote it with what Meshwright exports after
//! importing it: which of the original's keys and values did not survive.

use serde_json::Value;

/// The JSON-pointer paths (RFC 6901: `/outputPorts/0/name`, `~1` for `/`, `~0` for `~`)
/// of every key or value of `original` that is missing from `reexported` or different
/// there. Maps are compared key by key, order ignored, and keys only the re-export has
/// are fine; lists item by item in order, an item the re-export lacks reported by its
/// index; numbers as numbers (`2` and `2.0` are equal); strings, booleans and nulls
/// exactly. Paths come in the original's order. Where a value differs in kind (a map against a string) only its own path is
/// reported, not every key below it; the original as a whole differing is the path `""`.
pub fn keys_kept(original: &Value, reexported: &Value) -> Vec<String> {
    let mut lost = Vec::new();
    walk(original, Some(reexported), &mut String::new(), &mut lost);
    lost
}

fn walk(original: &Value, reexported: Option<&Value>, path: &mut String, lost: &mut Vec<String>) {
    let Some(again) = reexported else {
        lost.push(path.clone());
        return;
    };
    match (original, again) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let len = path.len();
                path.push('/');
                path.push_str(&key.replace('~', "~0").replace('/', "~1"));
                walk(value, b.get(key), path, lost);
                path.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, value) in a.iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                walk(value, b.get(i), path, lost);
                path.truncate(len);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let same = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                (Some(x), Some(y), _, _) => x == y,
                (_, _, Some(x), Some(y)) => x == y,
                _ => a.as_f64() == b.as_f64(),
            };
            if !same {
                lost.push(path.clone());
            }
        }
        (a, b) => {
            if a != b {
                lost.push(path.clone());
            }
        }
    }
}
