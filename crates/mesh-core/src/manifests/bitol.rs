//! Pieces the two Bitol formats (ODPS and ODCS) build the same way: ordered objects,
//! `customProperties` lists, the `team` block, support channels from the team's
//! address, numbers, and the per-format extension bags put back where they belong.
//!
//! It must not decide which fields a product or contract document holds; that is
//! `odps.rs` and `odcs.rs`.

use serde_json::{Map, Value};

use super::ExportContext;
use super::words::{self, ORDER, spelled};
use crate::model::{CustomProperty, Extensions, ServiceLevel, Team};

/// An object whose keys keep the order they are put in (serde_json's
/// `preserve_order`), so documents come out in schema order every time.
#[derive(Default)]
pub(super) struct Obj(Map<String, Value>);

impl Obj {
    /// An empty object.
    pub(super) fn new() -> Self {
        Obj(Map::new())
    }

    /// Sets `key`.
    pub(super) fn put(&mut self, key: &str, value: impl Into<Value>) -> &mut Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    /// Sets `key` when there is a value.
    pub(super) fn opt<V: Into<Value>>(&mut self, key: &str, value: Option<V>) -> &mut Self {
        if let Some(v) = value {
            self.0.insert(key.to_owned(), v.into());
        }
        self
    }

    /// Sets `key` to a list when the list is not empty.
    pub(super) fn list(&mut self, key: &str, items: Vec<Value>) -> &mut Self {
        if !items.is_empty() {
            self.0.insert(key.to_owned(), Value::Array(items));
        }
        self
    }

    /// Adds the keys of this format's extension fragment that the document does not
    /// already hold: fields an import kept because the model has no place for them go
    /// back where they came from.
    pub(super) fn own_extensions(&mut self, extensions: &Extensions, format: &str) -> &mut Self {
        self.own_extensions_but(extensions, format, &[])
    }

    /// [`Obj::own_extensions`] but for the keys in `handled`, which the exporter wrote
    /// (or left out) itself: the original texts and markers of `manifests::words`.
    pub(super) fn own_extensions_but(
        &mut self,
        extensions: &Extensions,
        format: &str,
        handled: &[&str],
    ) -> &mut Self {
        if let Some(Value::Object(fragment)) = extensions.get(format) {
            for (k, v) in fragment {
                if !self.0.contains_key(k) && !handled.contains(&k.as_str()) {
                    self.0.insert(k.clone(), v.clone());
                }
            }
        }
        self
    }

    /// A document's object, for more keys to be added after its own.
    pub(super) fn of(map: Map<String, Value>) -> Self {
        Obj(map)
    }

    /// Whether nothing was set.
    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The finished object.
    pub(super) fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// A `customProperties` list: Meshwright's own fields first (in a fixed order), then
/// the entity's custom properties, then other formats' extension fragments.
#[derive(Default)]
pub(super) struct Props(Vec<Value>);

impl Props {
    /// An empty list.
    pub(super) fn new() -> Self {
        Props(Vec::new())
    }

    /// Adds one property.
    pub(super) fn add(&mut self, property: &str, value: impl Into<Value>) -> &mut Self {
        let mut o = Obj::new();
        o.put("property", property).put("value", value);
        self.0.push(o.done());
        self
    }

    /// Adds one property when there is a value.
    pub(super) fn opt<V: Into<Value>>(&mut self, property: &str, value: Option<V>) -> &mut Self {
        if let Some(v) = value {
            self.add(property, v);
        }
        self
    }

    /// Adds the entity's own custom properties, in their order.
    pub(super) fn custom(&mut self, props: &[CustomProperty]) -> &mut Self {
        for p in props {
            let mut o = Obj::new();
            o.put("property", p.key.as_str())
                .put("value", p.value.clone())
                .opt("description", p.description.as_deref());
            self.0.push(o.done());
        }
        self
    }

    /// Adds the extension fragments of the other formats as one `extensions`
    /// property (`{dpds: {...}, backstage: {...}}`), so nothing an import kept is
    /// dropped by a format that cannot place it.
    pub(super) fn foreign_extensions(&mut self, extensions: &Extensions, own: &str) -> &mut Self {
        let others: Map<String, Value> = extensions
            .iter()
            .filter(|(k, _)| k.as_str() != own)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !others.is_empty() {
            self.add("extensions", Value::Object(others));
        }
        self
    }

    /// Adds the custom properties an import kept in this format's bag (under
    /// `customProperties`) whose names the list does not hold yet.
    pub(super) fn kept(&mut self, extensions: &Extensions, format: &str) -> &mut Self {
        let kept = extensions
            .get(format)
            .and_then(|bag| bag.get("customProperties"))
            .and_then(Value::as_array);
        for item in kept.into_iter().flatten() {
            let name = item.get("property");
            if !self.0.iter().any(|p| p.get("property") == name) {
                self.0.push(item.clone());
            }
        }
        self
    }

    /// The list, or nothing when it is empty (the key is then left out).
    pub(super) fn done(self) -> Vec<Value> {
        self.0
    }

    /// The list shaped as an import kept it in `format`'s bag (the importer's
    /// `Props::keep_shape`): each item's keys besides `property`, `value` and
    /// `description` (`customProperties`, by property) put back on it, and the names
    /// listed under [`ORDER`]`.customProperties` first, in that order, the others after
    /// them in theirs. Real files list their own properties first, where Meshwright writes
    /// its fields first (the Bitol ODPS `docs/examples/customer-data-product.odps.yaml`).
    pub(super) fn shaped(self, extensions: &Extensions, format: &str) -> Vec<Value> {
        let mut items = self.0;
        let bag = extensions.get(format);
        let extra = bag
            .and_then(|b| b.get("customProperties"))
            .and_then(Value::as_array);
        for kept in extra.into_iter().flatten() {
            let (Some(name), Value::Object(fields)) = (kept.get("property"), kept) else {
                continue;
            };
            if let Some(Value::Object(item)) =
                items.iter_mut().find(|i| i.get("property") == Some(name))
            {
                for (k, v) in fields {
                    if !item.contains_key(k) {
                        item.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        let order = bag
            .and_then(|b| b.get(ORDER))
            .and_then(|o| o.get("customProperties"))
            .and_then(Value::as_array);
        if let Some(order) = order {
            let rank = |item: &Value| {
                let name = item.get("property");
                order
                    .iter()
                    .position(|n| Some(n) == name)
                    .unwrap_or(order.len())
            };
            // Stable: the properties the document did not list keep their order.
            items.sort_by_key(rank);
        }
        items
    }
}

/// A number as JSON: whole numbers without a fraction (`24`, not `24.0`), so the text
/// reads as people write it; non-finite values (refused by validation) become null.
pub(super) fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

/// Service levels in ODCS `slaProperties` shape (`property`, `value`, `unit`,
/// `description`), also used for ODPS ports without a contract.
pub(super) fn service_levels(levels: &[ServiceLevel]) -> Vec<Value> {
    levels
        .iter()
        .map(|sl| {
            let mut o = Obj::new();
            o.put("property", sl.property.as_str())
                .put("value", number(sl.value))
                .opt("unit", sl.unit.as_deref())
                .opt("description", sl.description.as_deref());
            o.done()
        })
        .collect()
}

/// The key of a team's bag that marks a team its document gave as a bare list of
/// members (ODPS v0.9: `team: [{username, ...}]`): `"$shape": "members"`. Such a team
/// is written back as that list.
pub(super) const TEAM_SHAPE: &str = "$shape";

/// The value of [`TEAM_SHAPE`] for a team given as a list of members.
pub(super) const MEMBERS_ONLY: &str = "members";

/// The Bitol `team` block: slug name, description, members with their username, name
/// and role; the title and the team's own custom properties as custom properties. A
/// team an import read from a bare list of members is that list again.
pub(super) fn team(ctx: &ExportContext<'_>, team: &Team, own_format: &str) -> Value {
    // Member fields the model has no place for (an import keeps them in the team's
    // bag under `members`, by username) go back onto their member.
    let kept: &[Value] = team
        .extensions
        .get(own_format)
        .and_then(|bag| bag.get("members"))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let members: Vec<Value> = team
        .members
        .iter()
        .filter_map(|m| ctx.people.get(&m.person_id).map(|person| (person, m)))
        .map(|(person, m)| {
            let mut o = Obj::new();
            o.put("username", person.username.as_str())
                .put("name", person.display_name.as_str())
                .put("role", m.role.as_str());
            if let Some(Value::Object(extra)) = kept
                .iter()
                .find(|k| k.get("username").and_then(Value::as_str) == Some(&person.username))
            {
                for (k, v) in extra {
                    if !o.0.contains_key(k) {
                        o.0.insert(k.clone(), v.clone());
                    }
                }
            }
            o.done()
        })
        .collect();
    let bag = team.extensions.get(own_format);
    if bag.and_then(|b| b.get(TEAM_SHAPE)).and_then(Value::as_str) == Some(MEMBERS_ONLY) {
        return Value::Array(members);
    }
    let mut props = Props::new();
    props
        .add("title", team.title.as_str())
        .custom(&team.custom_properties)
        .foreign_extensions(&team.extensions, own_format);
    // A name the import read as written otherwise (`Data Team`) while it still names
    // the team.
    let name = spelled(
        words::kept(&team.extensions, own_format, "name"),
        &team.name,
        None,
        |t| words::named_from(t, &team.name),
    )
    .unwrap_or_default();
    let mut o = Obj::new();
    o.put("name", name)
        .opt("description", team.description.as_deref())
        .list("members", members)
        .list(
            "customProperties",
            props.shaped(&team.extensions, own_format),
        )
        .own_extensions_but(
            &team.extensions,
            own_format,
            &[TEAM_SHAPE, "name", "customProperties", ORDER],
        );
    o.done()
}

/// Support channels: the team's e-mail address, when it has one.
pub(super) fn support(team: Option<&Team>) -> Vec<Value> {
    let Some(email) = team.and_then(|t| t.email.as_deref()) else {
        return Vec::new();
    };
    let mut o = Obj::new();
    o.put("channel", "email")
        .put("url", format!("mailto:{email}"))
        .put("tool", "email")
        .put("scope", "issues");
    vec![o.done()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_have_no_fraction() {
        assert_eq!(number(24.0), Value::from(24));
        assert_eq!(number(99.5), serde_json::json!(99.5));
        assert_eq!(number(f64::NAN), Value::Null);
    }

    #[test]
    fn own_extensions_fill_gaps_and_never_override() {
        let mut ext = Extensions::new();
        ext.insert(
            "odps".into(),
            serde_json::json!({"tenant": "acme", "id": "other"}),
        );
        let mut o = Obj::new();
        o.put("id", "mine").own_extensions(&ext, "odps");
        assert_eq!(
            o.done(),
            serde_json::json!({"id": "mine", "tenant": "acme"})
        );
    }

    #[test]
    fn foreign_extensions_keep_other_formats_only() {
        let mut ext = Extensions::new();
        ext.insert("odps".into(), serde_json::json!({"a": 1}));
        ext.insert("dpds".into(), serde_json::json!({"x-b": 2}));
        let mut p = Props::new();
        p.foreign_extensions(&ext, "odps");
        assert_eq!(
            p.done(),
            vec![serde_json::json!({"property": "extensions", "value": {"dpds": {"x-b": 2}}})]
        );
    }
}
