//! The rules an output port's contract body must meet before it is written: schema
//! objects and properties named and named once among their siblings, nesting at most
//! [`MAX_DEPTH`] levels deep, logical types ODCS v3.1 knows, a primary key position
//! only on a primary key, servers named once.
//!
//! A refusal is a typed [`BodyError`]: the dotted path of what is wrong, in ODCS terms
//! (`schema.orders.properties.customer_id.logicalType`), and why ([`BodyProblem`]).
//! `validate::output_port` turns it into the port's `Invalid` error on the field
//! `contractBody`. It must not look beyond the body (the rest of the port, the mesh).

use std::collections::HashSet;
use std::fmt;

use crate::model::{ContractBody, LogicalType, SchemaObject, SchemaProperty};

/// Deepest nesting of properties (an object's own properties are level 1, theirs 2,
/// an array's `items` one more): deeper than any real schema, shallow enough that the
/// stored JSON stays well inside serde_json's recursion limit when it is read back.
pub const MAX_DEPTH: usize = 32;

/// Why a contract body is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyProblem {
    /// An object or property without a name.
    Unnamed,
    /// Two objects of the schema share this name.
    DuplicateObject(String),
    /// Two properties of one object share this name.
    DuplicateProperty(String),
    /// Two servers share this identifier.
    DuplicateServer(String),
    /// Properties nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A logical type ODCS v3.1 does not know.
    UnknownLogicalType(String),
    /// A schema object whose logical type is not `object`.
    ObjectNotObject(String),
    /// A primary key position on a property that is not part of the primary key.
    PositionWithoutPrimaryKey(i64),
    /// A position that is neither -1 (none) nor 1 or more.
    BadPosition(i64),
}

impl fmt::Display for BodyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyProblem::Unnamed => f.write_str("needs a name"),
            BodyProblem::DuplicateObject(n) => {
                write!(f, "the schema has two objects named {n:?}")
            }
            BodyProblem::DuplicateProperty(n) => {
                write!(f, "two properties are named {n:?}")
            }
            BodyProblem::DuplicateServer(n) => write!(f, "two servers are named {n:?}"),
            BodyProblem::TooDeep => {
                write!(f, "properties are nested more than {MAX_DEPTH} levels deep")
            }
            BodyProblem::UnknownLogicalType(t) => {
                let known: Vec<&str> = LogicalType::ALL.iter().map(|t| t.as_str()).collect();
                write!(
                    f,
                    "{t:?} is no ODCS logical type (one of {})",
                    known.join(", ")
                )
            }
            BodyProblem::ObjectNotObject(t) => write!(
                f,
                "a schema object's logical type can only be \"object\", not {t:?}"
            ),
            BodyProblem::PositionWithoutPrimaryKey(p) => write!(
                f,
                "is {p}, but the property is not part of the primary key (set primaryKey, or -1 for no position)"
            ),
            BodyProblem::BadPosition(p) => {
                write!(f, "must be 1 or more, or -1 for none, not {p}")
            }
        }
    }
}

/// A refused contract body: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    /// Dotted path in ODCS terms: `schema.orders.properties.customer_id.logicalType`.
    pub path: String,
    /// What is wrong there.
    pub problem: BodyProblem,
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

impl std::error::Error for BodyError {}

/// Checks a contract body; the first problem found, in document order.
pub fn check(body: &ContractBody) -> Result<(), BodyError> {
    let mut objects = HashSet::new();
    for o in &body.schema {
        object(o, &mut objects)?;
    }
    let mut servers = HashSet::new();
    for s in &body.servers {
        let at = format!("servers.{}", s.server);
        if s.server.trim().is_empty() {
            return fail("servers[].server".into(), BodyProblem::Unnamed);
        }
        if !servers.insert(s.server.as_str()) {
            return fail(at, BodyProblem::DuplicateServer(s.server.clone()));
        }
    }
    Ok(())
}

fn fail(path: String, problem: BodyProblem) -> Result<(), BodyError> {
    Err(BodyError { path, problem })
}

fn object<'a>(o: &'a SchemaObject, seen: &mut HashSet<&'a str>) -> Result<(), BodyError> {
    if o.name.trim().is_empty() {
        return fail("schema[].name".into(), BodyProblem::Unnamed);
    }
    let at = format!("schema.{}", o.name);
    if !seen.insert(o.name.as_str()) {
        return fail(at, BodyProblem::DuplicateObject(o.name.clone()));
    }
    if let Some(t) = o.logical_type.as_deref().filter(|t| *t != "object") {
        return fail(
            format!("{at}.logicalType"),
            BodyProblem::ObjectNotObject(t.to_owned()),
        );
    }
    properties(&o.properties, &at, 1)
}

/// The properties of the object or property at `at`, which are at `depth`.
fn properties(list: &[SchemaProperty], at: &str, depth: usize) -> Result<(), BodyError> {
    let mut seen = HashSet::new();
    for p in list {
        if p.name.trim().is_empty() {
            return fail(format!("{at}.properties[].name"), BodyProblem::Unnamed);
        }
        let here = format!("{at}.properties.{}", p.name);
        if !seen.insert(p.name.as_str()) {
            return fail(here, BodyProblem::DuplicateProperty(p.name.clone()));
        }
        property(p, &here, depth)?;
    }
    Ok(())
}

fn property(p: &SchemaProperty, at: &str, depth: usize) -> Result<(), BodyError> {
    if depth > MAX_DEPTH {
        return fail(at.to_owned(), BodyProblem::TooDeep);
    }
    if let Some(t) = &p.logical_type
        && LogicalType::parse(t).is_none()
    {
        return fail(
            format!("{at}.logicalType"),
            BodyProblem::UnknownLogicalType(t.clone()),
        );
    }
    if let Some(pos) = p.primary_key_position
        && pos != -1
    {
        let field = format!("{at}.primaryKeyPosition");
        if pos < 1 {
            return fail(field, BodyProblem::BadPosition(pos));
        }
        if p.primary_key != Some(true) {
            return fail(field, BodyProblem::PositionWithoutPrimaryKey(pos));
        }
    }
    if let Some(pos) = p.partition_key_position
        && pos != -1
        && pos < 1
    {
        return fail(
            format!("{at}.partitionKeyPosition"),
            BodyProblem::BadPosition(pos),
        );
    }
    properties(&p.properties, at, depth + 1)?;
    if let Some(items) = &p.items {
        property(items, &format!("{at}.items"), depth + 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LogicalType, Server};

    fn orders(props: Vec<SchemaProperty>) -> ContractBody {
        ContractBody {
            schema: vec![SchemaObject {
                name: "orders".into(),
                properties: props,
                ..SchemaObject::default()
            }],
            ..ContractBody::default()
        }
    }

    fn problem(body: &ContractBody) -> (String, BodyProblem) {
        let e = check(body).unwrap_err();
        (e.path, e.problem)
    }

    #[test]
    fn a_plain_schema_passes() {
        let mut id = SchemaProperty::new("order_id", LogicalType::String);
        id.primary_key = Some(true);
        id.primary_key_position = Some(1);
        let mut other = SchemaProperty::new("total", LogicalType::Number);
        // ODCS's default position, written out by many tools.
        other.primary_key = Some(false);
        other.primary_key_position = Some(-1);
        assert_eq!(check(&orders(vec![id, other])), Ok(()));
        assert_eq!(check(&ContractBody::default()), Ok(()));
    }

    #[test]
    fn an_unknown_logical_type_names_its_path() {
        let mut p = SchemaProperty::new("customer_id", LogicalType::String);
        p.logical_type = Some("varchar".into());
        let (path, why) = problem(&orders(vec![p]));
        assert_eq!(path, "schema.orders.properties.customer_id.logicalType");
        assert_eq!(why, BodyProblem::UnknownLogicalType("varchar".into()));
        assert!(why.to_string().contains("string, date"), "{why}");
    }

    #[test]
    fn duplicate_names_are_refused() {
        let p = SchemaProperty::new("id", LogicalType::String);
        let (path, why) = problem(&orders(vec![p.clone(), p]));
        assert_eq!(path, "schema.orders.properties.id");
        assert_eq!(why, BodyProblem::DuplicateProperty("id".into()));

        let mut body = orders(vec![]);
        body.schema.push(body.schema[0].clone());
        assert_eq!(
            problem(&body),
            (
                "schema.orders".into(),
                BodyProblem::DuplicateObject("orders".into())
            )
        );

        let server = Server {
            server: "prod".into(),
            server_type: "postgres".into(),
            ..Server::default()
        };
        let body = ContractBody {
            servers: vec![server.clone(), server],
            ..ContractBody::default()
        };
        assert_eq!(
            problem(&body).1,
            BodyProblem::DuplicateServer("prod".into())
        );
    }

    #[test]
    fn a_position_needs_a_primary_key() {
        let mut p = SchemaProperty::new("customer_id", LogicalType::String);
        p.primary_key_position = Some(2);
        let (path, why) = problem(&orders(vec![p.clone()]));
        assert_eq!(
            path,
            "schema.orders.properties.customer_id.primaryKeyPosition"
        );
        assert_eq!(why, BodyProblem::PositionWithoutPrimaryKey(2));
        p.primary_key = Some(true);
        p.primary_key_position = Some(0);
        assert_eq!(problem(&orders(vec![p])).1, BodyProblem::BadPosition(0));
    }

    /// A chain of `depth` nested object properties.
    fn nested(depth: usize) -> SchemaProperty {
        let mut p = SchemaProperty::new("leaf", LogicalType::String);
        for i in 1..depth {
            let mut parent =
                SchemaProperty::new(format!("level{}", depth - i), LogicalType::Object);
            parent.properties.push(p);
            p = parent;
        }
        p
    }

    #[test]
    fn nesting_stops_at_the_limit() {
        assert_eq!(check(&orders(vec![nested(MAX_DEPTH)])), Ok(()));
        let (path, why) = problem(&orders(vec![nested(MAX_DEPTH + 1)]));
        assert_eq!(why, BodyProblem::TooDeep);
        assert!(path.starts_with("schema.orders.properties.level1.properties.level2."));
        assert!(path.ends_with(".leaf"), "{path}");

        // Array items count as a level too.
        let mut array = SchemaProperty::new("tags", LogicalType::Array);
        array.items = Some(Box::new(nested(MAX_DEPTH)));
        let (path, why) = problem(&orders(vec![array]));
        assert_eq!(why, BodyProblem::TooDeep);
        assert!(
            path.starts_with("schema.orders.properties.tags.items"),
            "{path}"
        );
    }

    #[test]
    fn nested_and_item_properties_are_checked() {
        let mut bad = SchemaProperty::new("zip", LogicalType::String);
        bad.logical_type = Some("text".into());
        let mut address = SchemaProperty::new("address", LogicalType::Object);
        address.properties.push(bad.clone());
        let (path, _) = problem(&orders(vec![address]));
        assert_eq!(
            path,
            "schema.orders.properties.address.properties.zip.logicalType"
        );

        let mut list = SchemaProperty::new("lines", LogicalType::Array);
        let mut item = SchemaProperty::new("", LogicalType::Object);
        item.properties.push(bad);
        list.items = Some(Box::new(item));
        let (path, _) = problem(&orders(vec![list]));
        assert_eq!(
            path,
            "schema.orders.properties.lines.items.properties.zip.logicalType"
        );
    }
}
