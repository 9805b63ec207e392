//! Where a field named in an import error sits in its file: the line and column of
//! `outputPorts[0].version` in `orders.odps.yaml`, so a problem reads as
//! `orders.odps.yaml:14:7: field outputPorts[0].version: …`, the form editors and CI
//! logs jump to.
//!
//! Decoders read documents as plain values, which carry no positions; only when a file
//! has problems is its text read again and walked as YAML events (JSON is YAML here), so
//! a clean import pays nothing. A field the text does not hold exactly (a required key
//! that is missing) points at the nearest enclosing entry that it does hold.
//!
//! It must not change an error's reason or field, nor add problems of its own: a file
//! that cannot be read again, or that no longer parses, leaves its errors as they were.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_saphyr::granit_parser::{Event, Marker, Options, Parser, StrInput};

use super::ImportError;
use super::source::MAX_FILE_BYTES;
use crate::governance::parallel::map_ordered;

/// Deeper than this the walk gives up on the file: the first read already refused
/// documents nested beyond the YAML budget, so only a file edited since gets here.
const MAX_DEPTH: usize = 128;

/// Gives every error that names a field but has no place yet the line and column of
/// that field in its file. Each file is read and walked once, however many errors it
/// has; many files (a check of a whole repository places a finding in most of them)
/// are walked on several threads.
pub(super) fn locate(errors: &mut [ImportError]) {
    let mut by_file: BTreeMap<PathBuf, Vec<(usize, String)>> = BTreeMap::new();
    for (i, e) in errors.iter().enumerate() {
        if e.line.is_none()
            && let Some(field) = &e.field
        {
            by_file
                .entry(e.path.clone())
                .or_default()
                .push((i, field.clone()));
        }
    }
    let files: Vec<(PathBuf, Vec<(usize, String)>)> = by_file.into_iter().collect();
    let found = map_ordered(&files, files.len() > 64, |(path, fields)| {
        let Some(documents) = read(path).and_then(|text| documents(&text)) else {
            return Vec::new();
        };
        fields
            .iter()
            .filter_map(|(i, field)| find(&documents, field).map(|at| (*i, at)))
            .collect::<Vec<_>>()
    });
    for (i, at) in found.into_iter().flatten() {
        errors[i].line = Some(at.line() as u64);
        // Markers count columns from 0; the places we report count from 1.
        errors[i].column = Some(at.col() as u64 + 1);
    }
}

fn read(path: &std::path::Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_FILE_BYTES {
        return None;
    }
    String::from_utf8(std::fs::read(path).ok()?).ok()
}

/// One node of a document, with where it starts.
#[derive(Debug)]
struct Node {
    /// Where the node starts; for a mapping entry, where its key starts.
    at: Marker,
    /// What it holds.
    body: Body,
}

#[derive(Debug)]
enum Body {
    /// A scalar, or an alias.
    Scalar(String),
    /// Entries in document order; the marker of each entry is its key's.
    Map(Vec<(String, Node)>),
    /// Items in order.
    Seq(Vec<Node>),
}

impl Node {
    fn entries(&self) -> &[(String, Node)] {
        match &self.body {
            Body::Map(entries) => entries,
            _ => &[],
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, n)| n)
    }

    fn text(&self) -> Option<&str> {
        match &self.body {
            Body::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// The documents of `text` as trees, or `None` when it does not parse. Empty and null
/// documents are left out, as the first read left them out when it numbered the
/// documents (`System[document 3]`).
fn documents(text: &str) -> Option<Vec<Node>> {
    let mut options = Options::default();
    // Comments are events too when serde-saphyr's `comments` feature is on; a comment
    // where a key stands would shift every key after it.
    options.set_emit_comments(false);
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut docs = Vec::new();
    loop {
        let (event, _) = parser.next_event()?.ok()?;
        match event {
            Event::StreamEnd => return Some(docs),
            Event::DocumentStart(..) => {
                if let Some(node) = node(&mut parser, None, 0)?
                    && !is_null(&node)
                {
                    docs.push(node);
                }
            }
            _ => {}
        }
    }
}

fn is_null(node: &Node) -> bool {
    matches!(node.text(), Some("" | "~" | "null" | "Null" | "NULL"))
}

/// Reads the next node (its first event is `first`, or the parser's next); `None` inside
/// means the document ended where a node could have started; `None` outside, that the
/// text cannot be walked.
fn node<'t>(
    parser: &mut Parser<'t, StrInput<'t>>,
    first: Option<(Event<'t>, Marker)>,
    depth: usize,
) -> Option<Option<Node>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let (event, at) = match first {
        Some(f) => f,
        None => {
            let (event, span) = parser.next_event()?.ok()?;
            (event, span.start)
        }
    };
    let body = match event {
        Event::Scalar(text, ..) => Body::Scalar(text.into_owned()),
        Event::MappingStart(..) => {
            let mut entries = Vec::new();
            loop {
                let (key, span) = parser.next_event()?.ok()?;
                if matches!(key, Event::MappingEnd) {
                    break;
                }
                let key_text = match &key {
                    Event::Scalar(text, ..) => text.to_string(),
                    _ => String::new(),
                };
                // A complex key (a mapping or list as key) is read and set aside.
                if !matches!(key, Event::Scalar(..)) {
                    node(parser, Some((key, span.start)), depth + 1)?;
                }
                let value = node(parser, None, depth + 1)??;
                entries.push((
                    key_text,
                    Node {
                        at: span.start,
                        body: value.body,
                    },
                ));
            }
            Body::Map(entries)
        }
        Event::SequenceStart(..) => {
            let mut items = Vec::new();
            loop {
                let (item, span) = parser.next_event()?.ok()?;
                if matches!(item, Event::SequenceEnd) {
                    break;
                }
                items.push(node(parser, Some((item, span.start)), depth + 1)??);
            }
            Body::Seq(items)
        }
        Event::DocumentEnd | Event::StreamEnd => return Some(None),
        _ => Body::Scalar(String::new()),
    };
    Some(Some(Node { at, body }))
}

/// Where `field` sits. A Backstage field starts with the entity it belongs to
/// (`System[orders].spec.owner`, or `System[document 3]…` before the name is known),
/// which picks the document; other formats have one document a file.
fn find(documents: &[Node], field: &str) -> Option<Marker> {
    if let Some((doc, rest)) = entity_document(documents, field) {
        return Some(within(doc, rest).unwrap_or(doc.at));
    }
    let doc = documents.first()?;
    let found = within(doc, field);
    // A required key missing at the root (a Data Contract Specification file whose `id`
    // is commented out, datacontract-cli `tests/fixtures/lint/invalid_datacontract.yaml`)
    // points at the document it is missing from, the nearest entry the text holds. A
    // field of an entity no document holds (`API[ghost].spec`) has no place.
    let of_an_entity = field.starts_with(|c: char| c.is_ascii_uppercase()) && field.contains('[');
    match found {
        None if !of_an_entity => Some(doc.at),
        found => found,
    }
}

/// The document a `Kind[name]` prefix names, and the rest of the field after it.
fn entity_document<'d, 'f>(documents: &'d [Node], field: &'f str) -> Option<(&'d Node, &'f str)> {
    if !field.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let open = field.find('[')?;
    let close = open + field[open..].find(']')?;
    let (kind, selector) = (&field[..open], &field[open + 1..close]);
    let rest = field[close + 1..]
        .strip_prefix('.')
        .unwrap_or(&field[close + 1..]);
    if let Some(n) = selector.strip_prefix("document ") {
        let n: usize = n.parse().ok()?;
        return Some((documents.get(n.checked_sub(1)?)?, rest));
    }
    let doc = documents.iter().find(|d| {
        d.get("kind").and_then(Node::text) == Some(kind)
            && d.get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(Node::text)
                == Some(selector)
    })?;
    Some((doc, rest))
}

/// Where the path `field` (`a.b[0].c`, `customProperties[visibility]`, keys that hold
/// dots such as `annotations.meshwright.dev/status`) leads from `node`: the node it
/// names, or the deepest one on the way when the text lacks the rest; `None` when not
/// even its first step is there.
fn within(node: &Node, field: &str) -> Option<Marker> {
    let mut here = node;
    let mut rest = field;
    let mut found = None;
    while !rest.is_empty() {
        let Some((next, after)) = step(here, rest) else {
            break;
        };
        here = next;
        found = Some(next.at);
        rest = after.strip_prefix('.').unwrap_or(after);
    }
    found
}

/// One step of a path from `node`: the child the start of `path` names, and what is
/// left of the path.
fn step<'n, 'p>(node: &'n Node, path: &'p str) -> Option<(&'n Node, &'p str)> {
    match &node.body {
        Body::Map(entries) => entries
            .iter()
            .filter(|(key, _)| {
                !key.is_empty()
                    && path.strip_prefix(key.as_str()).is_some_and(|after| {
                        after.is_empty() || after.starts_with('.') || after.starts_with('[')
                    })
            })
            // `meshwright.dev/status` over `meshwright`, should both be keys.
            .max_by_key(|(key, _)| key.len())
            .map(|(key, child)| (child, &path[key.len()..])),
        Body::Seq(items) => {
            let inner = path.strip_prefix('[')?;
            let close = inner.find(']')?;
            let (selector, after) = (&inner[..close], &inner[close + 1..]);
            let item = match selector.parse::<usize>() {
                Ok(i) => items.get(i)?,
                // A Bitol custom property is named by its `property`; point at its value.
                Err(_) => {
                    let item = items
                        .iter()
                        .find(|item| item.get("property").and_then(Node::text) == Some(selector))?;
                    return Some((item.get("value").unwrap_or(item), after));
                }
            };
            Some((item, after))
        }
        Body::Scalar(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, field: &str) -> Option<(usize, usize)> {
        find(&documents(text)?, field).map(|m| (m.line(), m.col() + 1))
    }

    const ODPS: &str = "\
apiVersion: v1.1.0
kind: DataProduct
id: 7f0c
status: 5
outputPorts:
  - name: orders
    version: [1]
    customProperties:
      - property: visibility
        value: everyone
tags: [a, 3]
";

    #[test]
    fn keys_items_and_custom_properties_are_found() {
        assert_eq!(place(ODPS, "status"), Some((4, 1)));
        assert_eq!(place(ODPS, "outputPorts[0].version"), Some((7, 5)));
        assert_eq!(
            place(ODPS, "outputPorts[0].customProperties[visibility]"),
            Some((10, 9))
        );
        assert_eq!(place(ODPS, "tags[1]"), Some((11, 11)));
    }

    #[test]
    fn a_missing_key_points_at_what_encloses_it() {
        assert_eq!(place(ODPS, "outputPorts[0].description"), Some((6, 5)));
        assert_eq!(place(ODPS, "outputPorts[3]"), Some((5, 1)));
        // Missing at the root: the document it is missing from.
        assert_eq!(place(ODPS, "displayName"), Some((1, 1)));
    }

    #[test]
    fn backstage_fields_pick_their_document_and_dotted_keys() {
        let text = "\
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: orders
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: orders
  annotations:
    meshwright.dev/status: everywhere
spec:
  owner: 5
";
        assert_eq!(place(text, "System[orders].spec.owner"), Some((13, 3)));
        assert_eq!(
            place(
                text,
                "System[orders].metadata.annotations.meshwright.dev/status"
            ),
            Some((11, 5))
        );
        assert_eq!(place(text, "Domain[orders].metadata.name"), Some((4, 3)));
        assert_eq!(place(text, "System[document 2].metadata"), Some((8, 1)));
        assert_eq!(place(text, "System[orders].spec.system"), Some((12, 1)));
        assert_eq!(place(text, "API[ghost].spec"), None);
    }

    #[test]
    fn comments_and_empty_documents_change_no_place() {
        let text = "\
# A catalog written by hand.
---
---
# The system.
apiVersion: backstage.io/v1alpha1 # the version
kind: System
# its name comes next
metadata:
  name: orders # a comment after a value
  title: 5
";
        assert_eq!(place(text, "System[orders].metadata.title"), Some((10, 3)));
        assert_eq!(place(text, "System[document 1].metadata"), Some((8, 1)));
    }

    #[test]
    fn json_is_read_as_yaml() {
        let text = "{\n  \"info\": {\n    \"x-status\": 3\n  },\n  \"ports\": [{\"a\": 1}, {\"b\": 2}]\n}\n";
        assert_eq!(place(text, "info.x-status"), Some((3, 5)));
        assert_eq!(place(text, "ports[1].b"), Some((5, 24)));
    }

    #[test]
    fn text_that_no_longer_parses_locates_nothing() {
        assert!(documents("a: [unclosed\n").is_none());
    }
}
