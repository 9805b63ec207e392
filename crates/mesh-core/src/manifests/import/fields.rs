//! Reading fields of one decoded document with typed errors: a value of the wrong type
//! names the file and the dotted field (`outputPorts[0].version`) instead of being
//! ignored, and the keys a reader did not take are what goes into the extension bag.
//!
//! It must not know any format's fields.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::ImportError;
use crate::manifests::documents::bitol::{CUSTOM_PROPERTIES, Property};
use crate::manifests::documents::{Entry, Item, Problems, describe, key_at};
use crate::model::{CustomProperty, Extensions};

/// One object of a document being read, with the place it sits at.
pub(super) struct Fields<'v> {
    /// The object.
    pub map: &'v Map<String, Value>,
    /// Its dotted place in the document (`""` for the root).
    pub at: String,
    /// Keys read so far, in reading order.
    taken: Vec<&'static str>,
}

impl<'v> Fields<'v> {
    /// Reads `map`, found at `at`.
    pub fn new(map: &'v Map<String, Value>, at: impl Into<String>) -> Self {
        Fields {
            map,
            at: at.into(),
            taken: Vec::new(),
        }
    }

    /// The dotted name of `key` here.
    pub fn name(&self, key: &str) -> String {
        if self.at.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.at)
        }
    }

    fn get(&mut self, key: &'static str) -> Option<&'v Value> {
        self.taken.push(key);
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A string field; a value of another type is an error.
    pub fn string(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                sink.wrong_type(&self.name(key), "a string", other);
                None
            }
        }
    }

    /// A required string field.
    pub fn required(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<String> {
        if self.map.get(key).is_none_or(Value::is_null) {
            sink.error(&self.name(key), "is required");
            self.taken.push(key);
            return None;
        }
        self.string(key, sink)
    }

    /// A list field (empty when absent).
    pub fn list(&mut self, key: &'static str, sink: &mut Sink<'_>) -> &'v [Value] {
        match self.get(key) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                sink.wrong_type(&self.name(key), "a list", other);
                &[]
            }
        }
    }

    /// An object field.
    pub fn object(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Option<Fields<'v>> {
        let at = self.name(key);
        match self.get(key)? {
            Value::Object(map) => Some(Fields::new(map, at)),
            other => {
                sink.wrong_type(&at, "a mapping", other);
                None
            }
        }
    }

    /// A list of strings (empty when absent); other items are reported.
    pub fn strings(&mut self, key: &'static str, sink: &mut Sink<'_>) -> Vec<String> {
        let at = self.name(key);
        self.list(key, sink)
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Value::String(s) => Some(s.clone()),
                other => {
                    sink.wrong_type(&format!("{at}[{i}]"), "a string", other);
                    None
                }
            })
            .collect()
    }

    /// A field holding a model value as the model serializes it (Meshwright's own
    /// `x-customProperties`, `x-sourceSystem`); a value that does not fit is reported.
    pub fn typed<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
        sink: &mut Sink<'_>,
    ) -> Option<T> {
        let field = self.name(key);
        typed(self.get(key)?, &field, sink)
    }

    /// The raw value of `key`, marked as read.
    pub fn raw(&mut self, key: &'static str) -> Option<&'v Value> {
        self.get(key)
    }

    /// Marks `key` as handled without reading it (a value Meshwright derives).
    pub fn skip(&mut self, key: &'static str) {
        self.taken.push(key);
    }

    /// The keys not read, in document order: what the model has no place for.
    pub fn rest(&self) -> Map<String, Value> {
        self.map
            .iter()
            .filter(|(k, _)| !self.taken.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}

/// `value` as a model type; a value that does not fit is reported under `field`.
pub(super) fn typed<T: DeserializeOwned>(
    value: &Value,
    field: &str,
    sink: &mut Sink<'_>,
) -> Option<T> {
    match T::deserialize(value) {
        Ok(v) => Some(v),
        Err(e) => {
            sink.error(field, format!("does not fit: {e}"));
            None
        }
    }
}

/// The strings of a list (those of another type were reported by the check).
pub(super) fn strings(items: Option<Vec<Item<String>>>) -> Vec<String> {
    items
        .into_iter()
        .flatten()
        .filter_map(|item| item.given().cloned())
        .collect()
}

/// Where the errors of one file go.
pub(super) struct Sink<'a> {
    /// The file.
    pub path: &'a Path,
    /// Every problem found so far (of all files).
    pub errors: &'a mut Vec<ImportError>,
}

impl Sink<'_> {
    /// Reports `field`: `reason`.
    pub fn error(&mut self, field: &str, reason: impl Into<String>) {
        self.errors
            .push(ImportError::field(self.path, field, reason.into()));
    }

    /// Reports a value of the wrong type.
    pub fn wrong_type(&mut self, field: &str, expected: &str, found: &Value) {
        self.error(
            field,
            format!("must be {expected}, not {}", describe(found)),
        );
    }
}

/// A document's problems are this file's errors.
impl Problems for Sink<'_> {
    fn problem(&mut self, field: &str, reason: String) {
        self.error(field, reason);
    }
}

/// A Bitol `customProperties` list, read once; named properties are taken out by the
/// reader and what is left are the entity's own custom properties.
pub(super) struct Props {
    items: Vec<(String, Value, Option<String>)>,
    at: String,
    /// Every property name, in the document's order.
    order: Vec<String>,
    /// The items that carry keys besides `property`, `value` and `description` (ODPS
    /// v1.1.0's `id` and `vendor`): `{property, ...those keys}`.
    extra: Vec<Value>,
}

impl Props {
    /// Reads a `customProperties` list, found at `at`.
    pub fn of(list: Option<Vec<Entry<Property>>>, at: String, sink: &mut Sink<'_>) -> Props {
        let keys = Property::KEYS;
        let mut items = Vec::new();
        let mut order = Vec::new();
        let mut extra = Vec::new();
        for (i, entry) in list.into_iter().flatten().enumerate() {
            let item_at = format!("{at}[{i}]");
            let Some(mut item) = entry.parse(&item_at, sink) else {
                continue;
            };
            item.property
                .check(&key_at(&item_at, keys.property), true, sink);
            let Some(key) = item.property.take() else {
                continue;
            };
            let value = item.value.take().unwrap_or(Value::Null);
            item.description
                .check(&key_at(&item_at, keys.description), false, sink);
            let description = item.description.take();
            if !item.rest.is_empty() {
                let mut kept = Map::new();
                kept.insert(keys.property.into(), Value::from(key.as_str()));
                kept.extend(item.rest);
                extra.push(Value::Object(kept));
            }
            order.push(key.clone());
            items.push((key, value, description));
        }
        Props {
            items,
            at,
            order,
            extra,
        }
    }

    /// Keeps in `bag` what the model's custom properties cannot hold of the list as
    /// written, for the exporter (`bitol::Props::shaped`) to write it back: the keys of
    /// an item besides `property`, `value` and `description` (under `customProperties`,
    /// by property), and the order of the entity's own property names (under
    /// [`ORDER`]`.customProperties`) when the list starts with one of them, which the
    /// exporter would otherwise write after its own fields. Call it once the properties
    /// the reader maps were taken.
    ///
    /// [`ORDER`]: crate::manifests::words::ORDER
    pub fn keep_shape(&self, bag: &mut Map<String, Value>) {
        if !self.extra.is_empty() {
            bag.insert(CUSTOM_PROPERTIES.into(), Value::Array(self.extra.clone()));
        }
        let own = |name: &String| self.items.iter().any(|(k, _, _)| k == name);
        if self.order.first().is_some_and(own) {
            // The entity's own names only: the exporter writes them first and its
            // fields after them, so a list it wrote reads back to the same order.
            let names = self
                .order
                .iter()
                .filter(|n| own(n))
                .map(|n| Value::from(n.as_str()))
                .collect();
            let order = bag
                .entry(crate::manifests::words::ORDER)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(order) = order {
                order.insert(CUSTOM_PROPERTIES.into(), Value::Array(names));
            }
        }
    }

    /// Takes the property `key` out, if present.
    pub fn take(&mut self, key: &str) -> Option<Value> {
        let i = self.items.iter().position(|(k, _, _)| k == key)?;
        Some(self.items.remove(i).1)
    }

    /// Takes a string property; another type is an error.
    pub fn string(&mut self, key: &str, sink: &mut Sink<'_>) -> Option<String> {
        match self.take(key)? {
            Value::String(s) => Some(s),
            Value::Null => None,
            other => {
                sink.wrong_type(&self.field(key), "a string", &other);
                None
            }
        }
    }

    /// Takes a boolean property.
    pub fn boolean(&mut self, key: &str, sink: &mut Sink<'_>) -> Option<bool> {
        match self.take(key)? {
            Value::Bool(b) => Some(b),
            Value::Null => None,
            other => {
                sink.wrong_type(&self.field(key), "true or false", &other);
                None
            }
        }
    }

    /// Takes a string property that must be one of a fixed set of words.
    pub fn word<T>(
        &mut self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &[&str],
        sink: &mut Sink<'_>,
    ) -> Option<T> {
        let s = self.string(key, sink)?;
        let parsed = parse(&s);
        if parsed.is_none() {
            sink.error(&self.field(key), unknown_word(&s, allowed));
        }
        parsed
    }

    /// The dotted name of a property, for messages.
    pub fn field(&self, key: &str) -> String {
        format!("{}[{key}]", self.at)
    }

    /// What is left: the entity's own custom properties.
    pub fn rest(self) -> Vec<CustomProperty> {
        self.items
            .into_iter()
            .map(|(key, value, description)| CustomProperty {
                key,
                value,
                description,
            })
            .collect()
    }
}

/// The model's closed vocabularies (status, visibility, port type, archetype), read
/// from their serialized words.
pub(super) trait Word: Sized {
    /// Every word, in the model's order.
    fn words() -> Vec<&'static str>;
    /// The value of a word.
    fn from_word(s: &str) -> Option<Self>;
}

macro_rules! word {
    ($($ty:ty),*) => {$(
        impl Word for $ty {
            fn words() -> Vec<&'static str> {
                <$ty>::ALL.iter().map(|v| v.as_str()).collect()
            }
            fn from_word(s: &str) -> Option<Self> {
                <$ty>::parse(s)
            }
        }
    )*};
}

word!(
    crate::model::TeamType,
    crate::model::Status,
    crate::model::Visibility,
    crate::model::PortType,
    crate::model::Archetype
);

/// `text` as a `T`; another word is reported under `field` with the words allowed.
pub(super) fn word_of<T: Word>(text: &str, field: &str, sink: &mut Sink<'_>) -> Option<T> {
    let parsed = T::from_word(text);
    if parsed.is_none() {
        sink.error(field, unknown_word(text, &T::words()));
    }
    parsed
}

/// The fields whose flag is set: those a reader filled with a default.
pub(super) fn defaulted(fields: &[(&'static str, bool)]) -> Vec<&'static str> {
    fields.iter().filter(|(_, d)| *d).map(|(f, _)| *f).collect()
}

/// "unknown value `x`; expected one of a, b, c".
pub(super) fn unknown_word(found: &str, allowed: &[&str]) -> String {
    format!(
        "unknown value `{found}`; expected one of {}",
        allowed.join(", ")
    )
}

/// A value as a UUID when it is one, else a stable UUID derived from it, so the same
/// external id always lands on the same entity.
pub(super) fn id_or_derived(namespace: &Uuid, kind: &str, id: &str) -> Uuid {
    Uuid::parse_str(id).unwrap_or_else(|_| derived(namespace, kind, id))
}

/// Puts the fields a document held that the model has no place for into the entity's
/// `format` bag; nothing when there are none, so an entity from a file Meshwright wrote
/// carries no empty bag.
pub(super) fn put_bag(extensions: &mut Extensions, format: &str, bag: Map<String, Value>) {
    if !bag.is_empty() {
        extensions.insert(format.into(), Value::Object(bag));
    }
}

/// A stable UUID for `kind` and `key` in the mesh's namespace.
pub(super) fn derived(namespace: &Uuid, kind: &str, key: &str) -> Uuid {
    Uuid::new_v5(namespace, format!("{kind}:{key}").as_bytes())
}

/// The UUID namespace of a mesh, from its reverse-DNS namespace.
pub(super) fn namespace(mesh_namespace: &str) -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_DNS, mesh_namespace.as_bytes())
}

/// A slug for a free name: the one rule of [`crate::slug::slugify`].
pub(crate) use crate::slug::slugify;

/// A title from a slug: `customer-analytics` → `Customer Analytics`.
pub(crate) fn title_of(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_pass_through_and_names_become_slugs() {
        assert_eq!(slugify("orders-daily"), "orders-daily");
        assert_eq!(slugify("Customer Data Product"), "customer-data-product");
        assert_eq!(slugify("payments "), "payments");
        assert_eq!(slugify("42 things"), "x-42-things");
        assert_eq!(title_of("customer-analytics"), "Customer Analytics");
    }

    #[test]
    fn wrong_types_name_the_field() {
        let doc = serde_json::json!({"status": 5, "outputPorts": "x"});
        let mut errors = Vec::new();
        let mut sink = Sink {
            path: Path::new("a.odps.yaml"),
            errors: &mut errors,
        };
        let mut f = Fields::new(doc.as_object().unwrap(), "");
        assert_eq!(f.string("status", &mut sink), None);
        assert!(f.list("outputPorts", &mut sink).is_empty());
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "a.odps.yaml: field `status`: must be a string, not the number 5",
                "a.odps.yaml: field `outputPorts`: must be a list, not the string \"x\"",
            ]
        );
    }
}
