//! An output port's contract body (`model::ContractBody`) as the ODCS v3.1 keys of its
//! contract document: `schema`, `servers` and `description`, both ways.
//!
//! The model uses ODCS's own names, so writing is serializing, with two twists: each
//! item's `extra` map (the keys the model has no field for) is spread back among its
//! keys, and a property's `personalData` flag becomes the custom property
//! `personalData: true` (ODCS 3.1 has no key for it; see `model::contract_body`).
//! Reading is the inverse: the keys the model knows go to their fields, the others
//! into `extra`, null and empty values too (so `description: null` or `examples: []`
//! are written back as they came). A part that does not fit the model (a number where
//! a name belongs, a quality `type` of another word) is not read: the importer keeps it
//! in the port's extension bag as written, as before the model could hold it. A part
//! that fits but breaks a rule of `validate::contract_body` (an unknown logical type,
//! a name used twice) is kept there too, with the reason, for the importer to report.
//!
//! It must not decide which document a body goes in (`manifests::odcs` does) nor touch
//! the file system.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::model::{ContractBody, SchemaObject, Server, UsageTerms};
use crate::validate;

/// The contract keys a body fills.
pub(crate) const SCHEMA: &str = "schema";
/// See [`SCHEMA`].
pub(crate) const SERVERS: &str = "servers";
/// See [`SCHEMA`].
pub(crate) const DESCRIPTION: &str = "description";

/// The custom property marking a property's values as personal data.
pub(crate) const PERSONAL_DATA: &str = "personalData";

/// The model's field holding unmapped keys, and the one for the personal data flag:
/// model names, never read as ODCS keys.
const EXTRA: &str = "extra";

/// The item kinds of a body, each with the ODCS keys the model has fields for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Object,
    Property,
    Rule,
    Server,
    Terms,
}

impl Kind {
    fn known(self) -> &'static [&'static str] {
        match self {
            Kind::Object => &[
                "name",
                "physicalName",
                "physicalType",
                "logicalType",
                "businessName",
                "description",
                "dataGranularityDescription",
                "properties",
                "quality",
            ],
            Kind::Property => &[
                "name",
                "physicalName",
                "physicalType",
                "logicalType",
                "businessName",
                "description",
                "required",
                "unique",
                "primaryKey",
                "primaryKeyPosition",
                "partitioned",
                "partitionKeyPosition",
                "classification",
                "criticalDataElement",
                "examples",
                "properties",
                "items",
                "quality",
            ],
            Kind::Rule => &[
                "name",
                "description",
                "type",
                "dimension",
                "severity",
                "metric",
                "rule",
                "query",
                "engine",
                "implementation",
                "mustBe",
                "mustNotBe",
                "mustBeGreaterThan",
                "mustBeGreaterOrEqualTo",
                "mustBeLessThan",
                "mustBeLessOrEqualTo",
                "mustBeBetween",
                "mustNotBeBetween",
                "unit",
            ],
            Kind::Server => &[
                "server",
                "type",
                "description",
                "environment",
                "host",
                "port",
                "database",
                "schema",
                "catalog",
                "project",
                "dataset",
                "location",
                "path",
                "format",
                "delimiter",
                "account",
                "warehouse",
                "region",
            ],
            Kind::Terms => &["purpose", "usage", "limitations"],
        }
    }

    /// The kind of the items under `key`, for the keys holding nested items.
    fn nested(self, key: &str) -> Option<Kind> {
        match (self, key) {
            (Kind::Object | Kind::Property, "properties" | "items") => Some(Kind::Property),
            (Kind::Object | Kind::Property, "quality") => Some(Kind::Rule),
            _ => None,
        }
    }
}

/// `quality[].type` words the model has a variant for; another word stays in `extra`.
const RULE_TYPES: [&str; 4] = ["text", "library", "sql", "custom"];

// ---- writing ----

/// The ODCS `schema` list of a body, empty when it has no objects.
pub(crate) fn schema(objects: &[SchemaObject]) -> Vec<Value> {
    written(objects, Kind::Object)
}

/// The ODCS `servers` list.
pub(crate) fn servers(servers: &[Server]) -> Vec<Value> {
    written(servers, Kind::Server)
}

/// The ODCS `description` of a contract: `purpose` (the terms' own, else the port's
/// description), `usage`, `limitations` and the kept keys; `None` when all are empty.
pub(crate) fn description(terms: &UsageTerms, port_description: Option<&str>) -> Option<Value> {
    let mut terms = terms.clone();
    if terms.purpose.is_none() {
        terms.purpose = port_description.map(str::to_owned);
    }
    if terms.is_empty() {
        return None;
    }
    Some(to_odcs(model_value(&terms), Kind::Terms))
}

fn written<T: Serialize>(items: &[T], kind: Kind) -> Vec<Value> {
    items
        .iter()
        .map(|item| to_odcs(model_value(item), kind))
        .collect()
}

/// A model value as JSON. Model types are plain structs of strings, numbers and JSON
/// values: they always serialize.
fn model_value<T: Serialize>(item: &T) -> Value {
    serde_json::to_value(item).unwrap_or(Value::Null)
}

/// A serialized model item made an ODCS item: nested items converted, `extra` spread
/// among the keys (a key the model sets wins), the personal data flag a custom property.
fn to_odcs(value: Value, kind: Kind) -> Value {
    let Value::Object(mut map) = value else {
        return value;
    };
    let extra = map.remove(EXTRA);
    let personal = kind == Kind::Property && map.remove(PERSONAL_DATA) == Some(Value::Bool(true));
    for (key, v) in map.iter_mut() {
        let Some(inner) = kind.nested(key) else {
            continue;
        };
        *v = match std::mem::take(v) {
            Value::Array(items) => items.into_iter().map(|i| to_odcs(i, inner)).collect(),
            item => to_odcs(item, inner),
        };
    }
    if let Some(Value::Object(extra)) = extra {
        for (k, v) in extra {
            map.entry(k).or_insert(v);
        }
    }
    if personal {
        let flag = serde_json::json!({"property": PERSONAL_DATA, "value": true});
        match map.get_mut("customProperties") {
            Some(Value::Array(list)) => list.push(flag),
            _ => {
                map.insert("customProperties".into(), Value::Array(vec![flag]));
            }
        }
    }
    Value::Object(map)
}

// ---- reading ----

/// What a contract document says of its port's body.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// The body, with what fits the model.
    pub body: ContractBody,
    /// The document keys read into the body ([`SCHEMA`], [`SERVERS`], [`DESCRIPTION`]);
    /// the others stay in the port's bag as written.
    pub taken: Vec<&'static str>,
    /// Parts that fit the model but break its rules, kept as written: the dotted field
    /// and why.
    pub refused: Vec<(String, String)>,
}

/// Reads `schema`, `servers` and `description` of a contract document; `purpose` is
/// left out of the terms when it says what the port's description says.
pub(crate) fn read(doc: &Map<String, Value>, port_description: Option<&str>) -> Read {
    let mut out = Read::default();
    if let Some(objects) = doc
        .get(SCHEMA)
        .and_then(|v| list::<SchemaObject>(v, Kind::Object))
    {
        let part = ContractBody {
            schema: objects,
            ..ContractBody::default()
        };
        match validate::contract_body(&part) {
            Ok(()) => {
                out.body.schema = part.schema;
                out.taken.push(SCHEMA);
            }
            Err(e) => out.refused.push((e.path, e.problem.to_string())),
        }
    }
    if let Some(servers) = doc
        .get(SERVERS)
        .and_then(|v| list::<Server>(v, Kind::Server))
    {
        let part = ContractBody {
            servers,
            ..ContractBody::default()
        };
        match validate::contract_body(&part) {
            Ok(()) => {
                out.body.servers = part.servers;
                out.taken.push(SERVERS);
            }
            Err(e) => out.refused.push((e.path, e.problem.to_string())),
        }
    }
    if let Some(mut terms) = doc
        .get(DESCRIPTION)
        .and_then(|v| item::<UsageTerms>(v, Kind::Terms))
    {
        if terms.purpose.is_some() && terms.purpose.as_deref() == port_description {
            terms.purpose = None;
        }
        // Empty terms say nothing a port without a description could write back.
        if !terms.is_empty() || port_description.is_some() {
            out.body.terms = terms;
            out.taken.push(DESCRIPTION);
        }
    }
    out
}

/// A kept contract document with the port's body in it: the document itself when the
/// body is what it says, else a copy with the body's parts written over its own.
pub(crate) fn over_kept<'d>(
    doc: &'d Value,
    body: &ContractBody,
    port_description: Option<&str>,
) -> std::borrow::Cow<'d, Value> {
    use std::borrow::Cow;
    let Some(map) = doc.as_object() else {
        return Cow::Borrowed(doc);
    };
    let read = read(map, port_description);
    if read.body == *body {
        return Cow::Borrowed(doc);
    }
    let mut map = map.clone();
    let mut put = |key: &'static str, value: Option<Value>| match value {
        Some(v) => {
            map.insert(key.into(), v);
        }
        // Only a part the body was read from is dropped: one it could not read stays.
        None if read.taken.contains(&key) => {
            map.remove(key);
        }
        None => {}
    };
    if read.body.schema != body.schema {
        let list = schema(&body.schema);
        put(SCHEMA, (!list.is_empty()).then_some(Value::Array(list)));
    }
    if read.body.servers != body.servers {
        let list = servers(&body.servers);
        put(SERVERS, (!list.is_empty()).then_some(Value::Array(list)));
    }
    if read.body.terms != body.terms {
        put(DESCRIPTION, description(&body.terms, port_description));
    }
    Cow::Owned(Value::Object(map))
}

/// A list of items of `kind`, or `None` when one does not fit the model.
fn list<T: DeserializeOwned>(v: &Value, kind: Kind) -> Option<Vec<T>> {
    let items: Vec<Value> = v
        .as_array()?
        .iter()
        .map(|i| to_model(i, kind, 0))
        .collect::<Option<_>>()?;
    serde_json::from_value(Value::Array(items)).ok()
}

/// One item of `kind`, or `None` when it does not fit the model.
fn item<T: DeserializeOwned>(v: &Value, kind: Kind) -> Option<T> {
    serde_json::from_value(to_model(v, kind, 0)?).ok()
}

/// Whether a value says nothing the model would write back (`null`, `[]`, `""`), so
/// it is kept as written instead.
fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

/// An ODCS item made the model's shape: known keys as they are (nested items
/// converted), the others under `extra`, the personal data custom property a flag.
/// `None` for what is no mapping, or nested deeper than validation would accept.
fn to_model(v: &Value, kind: Kind, depth: usize) -> Option<Value> {
    if depth > validate::MAX_DEPTH + 1 {
        return None;
    }
    let map = v.as_object()?;
    let mut out = Map::new();
    let mut extra = Map::new();
    for (key, value) in map {
        let known = kind.known().contains(&key.as_str())
            && !blank(value)
            && !(kind == Kind::Rule
                && key == "type"
                && !value.as_str().is_some_and(|t| RULE_TYPES.contains(&t)));
        if !known {
            extra.insert(key.clone(), value.clone());
            continue;
        }
        let value = match (kind.nested(key), value) {
            (Some(inner), Value::Array(items)) => Value::Array(
                items
                    .iter()
                    .map(|i| to_model(i, inner, depth + 1))
                    .collect::<Option<_>>()?,
            ),
            (Some(inner), item @ Value::Object(_)) => to_model(item, inner, depth + 1)?,
            (Some(_), _) => return None,
            (None, v) => v.clone(),
        };
        out.insert(key.clone(), value);
    }
    if kind == Kind::Property
        && let Some(Value::Array(props)) = extra.get_mut("customProperties")
        && let Some(at) = props.iter().position(is_personal_flag)
    {
        props.remove(at);
        if props.is_empty() {
            extra.remove("customProperties");
        }
        out.insert(PERSONAL_DATA.into(), Value::Bool(true));
    }
    if !extra.is_empty() {
        out.insert(EXTRA.into(), Value::Object(extra));
    }
    Some(Value::Object(out))
}

/// `{property: personalData, value: true}` and nothing else.
fn is_personal_flag(item: &Value) -> bool {
    item.as_object().is_some_and(|o| {
        o.len() == 2
            && o.get("property").and_then(Value::as_str) == Some(PERSONAL_DATA)
            && o.get("value") == Some(&Value::Bool(true))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::json;

    use super::*;
    use crate::model::{LogicalType, QualityRule, QualityType, SchemaProperty, Server, UsageTerms};

    /// The keys a fully set model item serializes, besides `extra` and the flag.
    fn keys<T: Serialize>(item: &T) -> BTreeSet<String> {
        model_value(item)
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != EXTRA && *k != PERSONAL_DATA)
            .cloned()
            .collect()
    }

    fn listed(kind: Kind) -> BTreeSet<String> {
        kind.known().iter().map(|k| (*k).to_owned()).collect()
    }

    fn full_property() -> SchemaProperty {
        let s = || Some("x".to_owned());
        SchemaProperty {
            name: "p".into(),
            physical_name: s(),
            physical_type: s(),
            logical_type: Some("array".into()),
            business_name: s(),
            description: s(),
            required: Some(true),
            unique: Some(true),
            primary_key: Some(true),
            primary_key_position: Some(1),
            partitioned: Some(true),
            partition_key_position: Some(1),
            classification: s(),
            critical_data_element: Some(true),
            personal_data: true,
            examples: vec![json!(1)],
            properties: vec![SchemaProperty::new("q", LogicalType::String)],
            items: Some(Box::new(SchemaProperty::new("", LogicalType::String))),
            quality: vec![QualityRule::default()],
            extra: Default::default(),
        }
    }

    #[test]
    fn the_known_keys_are_the_models_fields() {
        let s = || Some("x".to_owned());
        let object = SchemaObject {
            name: "o".into(),
            physical_name: s(),
            physical_type: s(),
            logical_type: s(),
            business_name: s(),
            description: s(),
            data_granularity_description: s(),
            properties: vec![full_property()],
            quality: vec![QualityRule::default()],
            extra: Default::default(),
        };
        assert_eq!(keys(&object), listed(Kind::Object));
        assert_eq!(keys(&full_property()), listed(Kind::Property));
        let n = || Some(serde_json::Number::from(1));
        let rule = QualityRule {
            name: s(),
            description: s(),
            rule_type: Some(QualityType::Sql),
            dimension: s(),
            severity: s(),
            metric: s(),
            rule: s(),
            query: s(),
            engine: s(),
            implementation: Some(json!("x")),
            must_be: Some(json!(0)),
            must_not_be: Some(json!(0)),
            must_be_greater_than: n(),
            must_be_greater_or_equal_to: n(),
            must_be_less_than: n(),
            must_be_less_or_equal_to: n(),
            must_be_between: vec![1.into(), 2.into()],
            must_not_be_between: vec![1.into(), 2.into()],
            unit: s(),
            extra: Default::default(),
        };
        assert_eq!(keys(&rule), listed(Kind::Rule));
        let server = Server {
            server: "s".into(),
            server_type: "postgres".into(),
            description: s(),
            environment: s(),
            host: s(),
            port: Some(1),
            database: s(),
            schema: s(),
            catalog: s(),
            project: s(),
            dataset: s(),
            location: s(),
            path: s(),
            format: s(),
            delimiter: s(),
            account: s(),
            warehouse: s(),
            region: s(),
            extra: Default::default(),
        };
        assert_eq!(keys(&server), listed(Kind::Server));
        let terms = UsageTerms {
            purpose: s(),
            usage: s(),
            limitations: s(),
            extra: Default::default(),
        };
        assert_eq!(keys(&terms), listed(Kind::Terms));
    }

    #[test]
    fn unknown_keys_and_the_personal_flag_go_back_where_they_came_from() {
        let doc = json!({
            "schema": [{
                "id": "orders_obj",
                "name": "orders",
                "physicalType": "table",
                "tags": ["sales"],
                "properties": [
                    {"name": "email", "logicalType": "string", "primaryKey": false,
                     "primaryKeyPosition": -1, "description": null, "examples": [],
                     "customProperties": [
                         {"property": "personalData", "value": true},
                         {"property": "owner", "value": "crm"}
                     ]},
                    {"name": "lines", "logicalType": "array",
                     "items": {"logicalType": "object", "properties": [
                         {"name": "sku", "logicalType": "string", "transformLogic": "x"}
                     ]}}
                ],
                "quality": [{"type": "library", "metric": "rowCount",
                             "mustBeGreaterThan": 1000000, "schedule": "0 20 * * *"},
                            {"type": "soda", "description": "kept"}]
            }],
            "servers": [{"server": "prod", "type": "postgres", "host": "db", "port": 5432,
                         "roles": [{"role": "r"}]}],
            "description": {"purpose": "p", "usage": "u", "authoritativeDefinitions": []}
        });
        let read = read(doc.as_object().unwrap(), None);
        assert_eq!(read.taken, vec![SCHEMA, SERVERS, DESCRIPTION]);
        assert!(read.refused.is_empty());
        let email = &read.body.schema[0].properties[0];
        assert!(email.personal_data);
        assert_eq!(email.primary_key, Some(false));
        assert_eq!(
            email.extra["customProperties"],
            json!([{"property": "owner", "value": "crm"}])
        );
        assert_eq!(email.extra["description"], Value::Null);
        let rules = &read.body.schema[0].quality;
        assert_eq!(rules[0].rule_type, Some(QualityType::Library));
        assert_eq!(
            rules[1].rule_type, None,
            "an unknown type word stays as written"
        );
        assert_eq!(read.body.servers[0].port, Some(5432));
        assert_eq!(read.body.terms.usage.as_deref(), Some("u"));

        // Written back, every key is there again with its value.
        let same = |a: &Value, b: &Value| {
            let sorted = |v: &Value| serde_json::to_string(&sort(v)).unwrap();
            assert_eq!(sorted(a), sorted(b));
        };
        same(&Value::Array(schema(&read.body.schema)), &doc["schema"]);
        same(&Value::Array(servers(&read.body.servers)), &doc["servers"]);
        same(
            &description(&read.body.terms, None).unwrap(),
            &doc["description"],
        );
    }

    /// Objects with their keys sorted, the personal flag moved to the end of its list
    /// as the writer puts it.
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let sorted: std::collections::BTreeMap<_, _> =
                    m.iter().map(|(k, v)| (k.clone(), sort(v))).collect();
                serde_json::to_value(sorted).unwrap()
            }
            Value::Array(a) => {
                let mut items: Vec<Value> = a.iter().map(sort).collect();
                if let Some(at) = items.iter().position(is_personal_flag) {
                    let flag = items.remove(at);
                    items.push(flag);
                }
                Value::Array(items)
            }
            v => v.clone(),
        }
    }

    #[test]
    fn what_does_not_fit_or_breaks_a_rule_is_not_read() {
        let doc = json!({
            "schema": [{"name": "orders", "properties": [{"name": 5}]}],
            "servers": [{"server": "a", "type": "postgres"}, {"server": "a", "type": "kafka"}],
            "description": "a text, as ODCS v2 had it"
        });
        let read = read(doc.as_object().unwrap(), Some("d"));
        assert!(read.taken.is_empty(), "{:?}", read.taken);
        assert!(read.body.is_empty());
        assert_eq!(read.refused.len(), 1);
        assert_eq!(read.refused[0].0, "servers.a");

        let bad = json!({"schema": [{"name": "o", "properties": [
            {"name": "c", "logicalType": "varchar"}]}]});
        let read = super::read(bad.as_object().unwrap(), None);
        assert!(read.taken.is_empty());
        assert_eq!(read.refused[0].0, "schema.o.properties.c.logicalType");
    }

    #[test]
    fn the_purpose_the_port_says_is_not_repeated() {
        let doc = json!({"description": {"purpose": "Orders"}});
        let read = read(doc.as_object().unwrap(), Some("Orders"));
        assert_eq!(read.taken, vec![DESCRIPTION]);
        assert!(read.body.terms.is_empty());
        assert_eq!(
            description(&read.body.terms, Some("Orders")),
            Some(json!({"purpose": "Orders"}))
        );
    }

    #[test]
    fn a_kept_document_is_written_as_it_came_until_its_body_is_edited() {
        let doc = json!({"id": "c", "schema": [{"name": "orders", "id": "x"}], "zeta": 1});
        let body = read(doc.as_object().unwrap(), None).body;
        assert!(matches!(
            over_kept(&doc, &body, None),
            std::borrow::Cow::Borrowed(_)
        ));
        let mut edited = body.clone();
        edited.schema[0]
            .properties
            .push(SchemaProperty::new("order_id", LogicalType::String));
        let written = over_kept(&doc, &edited, None).into_owned();
        assert_eq!(
            written,
            json!({"id": "c", "schema": [{"name": "orders",
                "properties": [{"name": "order_id", "logicalType": "string"}], "id": "x"}],
                "zeta": 1})
        );
        edited.schema.clear();
        assert_eq!(
            over_kept(&doc, &edited, None).into_owned(),
            json!({"id": "c", "zeta": 1})
        );
    }
}
