//! Pieces the two Bitol formats (ODPS and ODCS) build the same way: ordered objects,
//! `customProperties` lists, the `team` block, support channels from the team's
//! address, numbers, and the per-format extension bags put back where they belong.
//!
//! It must not decide which fields a product or contract document holds; that is
//! `odps.rs` and `odcs.rs`.

use serde_json::{Map, Value};

use super::ExportContext;
use super::documents::bitol::{
    CUSTOM_PROPERTIES, Member, Property, SlaProperty, Support, Team as TeamDoc,
};
use super::documents::{Entry, Field, object};
use super::words::{self, ORDER, spelled};
use crate::model::{CustomProperty, Extensions, ServiceLevel, Team};

/// An object whose keys keep the order they are put in (serde_json's
/// `preserve_order`), so documents come out in schema order every time.
#[derive(Default)]
pub(super) struct Obj(Map<String, Value>);

impl Obj {
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

    /// The finished object.
    pub(super) fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// The custom property holding other formats' extension fragments.
pub(crate) const EXTENSIONS_PROPERTY: &str = "extensions";

/// The custom property holding a team's title (the `team` block has no key for it).
pub(crate) const TITLE_PROPERTY: &str = "title";

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
        self.push(property, value.into(), None)
    }

    /// Adds one item: `property`, `value` (null included) and `description`.
    fn push(&mut self, property: &str, value: Value, description: Option<&str>) -> &mut Self {
        self.0.push(Value::Object(object(&Property {
            property: Field::Given(property.to_owned()),
            // A null value is written, where a missing one would not be.
            value: Field::Given(value),
            description: description.map(str::to_owned).into(),
            ..Default::default()
        })));
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
            self.push(&p.key, p.value.clone(), p.description.as_deref());
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
            self.add(EXTENSIONS_PROPERTY, Value::Object(others));
        }
        self
    }

    /// Adds the custom properties an import kept in this format's bag (under
    /// `customProperties`) whose names the list does not hold yet.
    pub(super) fn kept(&mut self, extensions: &Extensions, format: &str) -> &mut Self {
        let kept = extensions
            .get(format)
            .and_then(|bag| bag.get(CUSTOM_PROPERTIES))
            .and_then(Value::as_array);
        for item in kept.into_iter().flatten() {
            let name = item.get(Property::KEYS.property);
            if !self
                .0
                .iter()
                .any(|p| p.get(Property::KEYS.property) == name)
            {
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
        let list = CUSTOM_PROPERTIES;
        let property = Property::KEYS.property;
        let extra = bag.and_then(|b| b.get(list)).and_then(Value::as_array);
        for kept in extra.into_iter().flatten() {
            let (Some(name), Value::Object(fields)) = (kept.get(property), kept) else {
                continue;
            };
            if let Some(Value::Object(item)) =
                items.iter_mut().find(|i| i.get(property) == Some(name))
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
            .and_then(|o| o.get(list))
            .and_then(Value::as_array);
        if let Some(order) = order {
            let rank = |item: &Value| {
                let name = item.get(property);
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
            Value::Object(object(&SlaProperty {
                property: Field::Given(sl.property.clone()),
                value: Field::Given(number(sl.value)),
                unit: sl.unit.clone().into(),
                description: sl.description.clone().into(),
                ..Default::default()
            }))
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
    let keys = TeamDoc::KEYS;
    // Member fields the model has no place for (an import keeps them in the team's
    // bag under `members`, by username) go back onto their member.
    let kept: &[Value] = team
        .extensions
        .get(own_format)
        .and_then(|bag| bag.get(keys.members))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let members: Vec<Value> = team
        .members
        .iter()
        .filter_map(|m| ctx.people.get(&m.person_id).map(|person| (person, m)))
        .map(|(person, m)| {
            let username = Member::KEYS.username;
            let extra = kept
                .iter()
                .find(|k| k.get(username).and_then(Value::as_str) == Some(&person.username))
                .and_then(Value::as_object);
            let member = Member {
                username: Field::Given(person.username.clone()),
                name: Field::Given(person.display_name.clone()),
                role: Field::Given(m.role.clone()),
                ..Default::default()
            };
            let mut o = Obj::of(object(&member));
            if let Some(extra) = extra {
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
        .add(TITLE_PROPERTY, team.title.as_str())
        .custom(&team.custom_properties)
        .foreign_extensions(&team.extensions, own_format);
    // A name the import read as written otherwise (`Data Team`) while it still names
    // the team.
    let name = spelled(
        words::kept(&team.extensions, own_format, keys.name),
        &team.name,
        None,
        |t| words::named_from(t, &team.name),
    )
    .unwrap_or_default();
    let doc = TeamDoc {
        name: Field::Given(name),
        description: team.description.clone().into(),
        members: entries(members),
        custom_properties: entries(props.shaped(&team.extensions, own_format)),
        ..Default::default()
    };
    let mut o = Obj::of(object(&doc));
    o.own_extensions_but(
        &team.extensions,
        own_format,
        &[TEAM_SHAPE, keys.name, keys.custom_properties, ORDER],
    );
    o.done()
}

/// Finished items as a document list, left out when empty.
pub(super) fn entries<T>(items: Vec<Value>) -> Field<Vec<Entry<T>>> {
    Field::non_empty(items.into_iter().map(Entry::Raw).collect())
}

/// A list as one value, left out when empty.
pub(super) fn list(items: Vec<Value>) -> Field<Value> {
    Field::non_empty(items).map(Value::Array)
}

/// Support channels: the team's e-mail address, when it has one.
pub(super) fn support(team: Option<&Team>) -> Vec<Value> {
    let Some(email) = team.and_then(|t| t.email.as_deref()) else {
        return Vec::new();
    };
    vec![Value::Object(object(&support_channel(email)))]
}

/// The support channel the exporter writes for a team's address.
pub(crate) fn support_channel(email: &str) -> Support {
    let given = |s: &str| Field::Given(s.to_owned());
    Support {
        channel: given("email"),
        url: given(&format!("mailto:{email}")),
        tool: given("email"),
        scope: given("issues"),
        ..Default::default()
    }
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
        let mut o = Obj::of(
            serde_json::json!({"id": "mine"})
                .as_object()
                .unwrap()
                .clone(),
        );
        o.own_extensions(&ext, "odps");
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
