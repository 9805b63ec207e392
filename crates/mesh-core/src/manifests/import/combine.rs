//! One entity declared by several formats: a tree exported with every format holds each
//! product four times (its ODPS file, its DPDS descriptor, its Backstage System, its
//! DataHub file), and this module makes one entity of them.
//!
//! Precedence, field by field (a field is one key of the entity as the model
//! serializes it): ODPS and ODCS come first, then DPDS, then Backstage, then DataHub
//! (whose file holds least of the model, so it only fills gaps). The first
//! format that gives a field a value (not absent, not an empty list or mapping, and not
//! a default its reader filled in because the document said nothing) decides it; later
//! formats only fill what the earlier ones left empty, such as a domain's title, which
//! only the Backstage Domain carries, or a source system's type, which only DPDS and
//! Backstage carry. A later format that gives a decided field another value is a
//! [`Disagreement`]: reported (in the dry run too), never an error, and the earlier
//! value is kept, so the outcome never depends on the order of files. Two documents of
//! the same format that disagree are an error, as for ODPS alone. The extension bag of
//! a format comes from that format's own document when the import has one (it is what
//! people edit), else from the copy another format carried. Entities an ODPS, DPDS or
//! DataHub document only names (a domain, a source system) are placeholders: every field but
//! their id and name gives way. When no ODPS document declares an entity the mesh
//! already holds, the mesh's values stand in for the fields the other formats leave
//! out, so importing a Backstage catalog never resets a status to its default.
//!
//! It must not read documents or resolve references: the format readers do that.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::ImportError;
use super::detect::Detected;
use super::merge::Importable;
use crate::model::EntityKind;

/// Marks every field but the id and the name as defaulted (a placeholder).
pub(super) const PLACEHOLDER: &str = "*";

/// One entity as one format declared it.
#[derive(Debug, Clone)]
pub(super) struct Part<T> {
    /// The file.
    pub path: PathBuf,
    /// Its format.
    pub format: Detected,
    /// The entity.
    pub entity: T,
    /// Fields (as the model serializes them, `displayName`) the reader filled with a
    /// default because the document said nothing: they never decide a field.
    pub defaulted: Vec<&'static str>,
}

/// Entities decoded from DPDS, Backstage and DataHub documents, combined with the ODPS
/// and ODCS ones once every document is read.
#[derive(Debug, Default)]
pub(super) struct Staged {
    pub teams: Vec<Part<crate::model::Team>>,
    pub domains: Vec<Part<crate::model::Domain>>,
    pub source_systems: Vec<Part<crate::model::SourceSystem>>,
    pub products: Vec<Part<crate::model::DataProduct>>,
    pub output_ports: Vec<Part<crate::model::OutputPort>>,
    pub input_ports: Vec<Part<crate::model::InputPort>>,
}

/// Two formats giving one field of one entity different values; the first is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The entity's kind.
    pub kind: EntityKind,
    /// Its name.
    pub name: String,
    /// The field.
    pub field: String,
    /// The file, format and value kept.
    pub kept: (PathBuf, &'static str, String),
    /// The file, format and value passed over.
    pub other: (PathBuf, &'static str, String),
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: field `{}`: {} ({}) says {}, {} ({}) says {}; keeping {}",
            self.kind,
            self.name,
            self.field,
            self.kept.1,
            self.kept.0.display(),
            self.kept.2,
            self.other.1,
            self.other.0.display(),
            self.other.2,
            self.kept.1
        )
    }
}

/// Where a format stands: lower decides first.
fn rank(format: Detected) -> u8 {
    match format {
        Detected::Odps | Detected::Odcs | Detected::Dcs | Detected::OdcsV2 => 0,
        Detected::Dpds => 1,
        Detected::Backstage => 2,
        Detected::Datahub => 3,
    }
}

/// The extension bag key of a format.
fn bag_name(format: Detected) -> &'static str {
    match format {
        Detected::Odps => "odps",
        Detected::Odcs => "odcs",
        Detected::Dpds => "dpds",
        Detected::Backstage => "backstage",
        Detected::Dcs => "dcs",
        Detected::OdcsV2 => "odcs",
        Detected::Datahub => "datahub",
    }
}

/// What the combining of one kind of entity sees besides the parts.
pub(super) struct Context<'a, T> {
    /// The mesh's entities, by id.
    pub mesh: &'a [T],
    /// Ids of the entities in `primary` that are placeholders.
    pub placeholders: &'a HashSet<Uuid>,
}

/// Combines `staged` parts with the entities ODPS and ODCS gave (`primary`, in which
/// an id may stand several times: a team in every product file it owns). Afterwards
/// every id of `staged` stands in `primary`.
pub(super) fn combine<T>(
    primary: &mut Vec<(PathBuf, T)>,
    staged: Vec<Part<T>>,
    cx: &Context<'_, T>,
    errors: &mut Vec<ImportError>,
    disagreements: &mut Vec<Disagreement>,
) where
    T: Importable + Serialize + DeserializeOwned,
{
    if staged.is_empty() {
        return;
    }
    let mut groups: Vec<Vec<Part<T>>> = Vec::new();
    let mut group_of: HashMap<Uuid, usize> = HashMap::new();
    for part in staged {
        let i = *group_of.entry(part.entity.id()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(part);
    }
    let mut at: HashMap<Uuid, Vec<usize>> = HashMap::new();
    for (i, (_, e)) in primary.iter().enumerate() {
        at.entry(e.id()).or_default().push(i);
    }
    let mesh: HashMap<Uuid, &T> = if cx.mesh.is_empty() {
        HashMap::new()
    } else {
        cx.mesh.iter().map(|e| (e.id(), e)).collect()
    };
    for mut group in groups {
        group.sort_by_key(|p| rank(p.format));
        let id = group[0].entity.id();
        match at.get(&id) {
            Some(positions) => {
                for (n, &i) in positions.iter().enumerate() {
                    let (path, entity) = &primary[i];
                    let defaulted = if cx.placeholders.contains(&id) {
                        vec![PLACEHOLDER]
                    } else {
                        Vec::new()
                    };
                    let base = Part {
                        path: path.clone(),
                        format: Detected::Odps,
                        entity: entity.clone(),
                        defaulted,
                    };
                    let mut parts = vec![base];
                    parts.extend(group.iter().cloned());
                    // A disagreement is reported once, not once per repeated team.
                    let mut sink = Vec::new();
                    let merged = merge(&parts, None, errors, &mut sink);
                    if n == 0 {
                        disagreements.append(&mut sink);
                    }
                    primary[i].1 = merged;
                }
            }
            None => {
                let path = group[0].path.clone();
                let merged = merge(&group, mesh.get(&id).copied(), errors, disagreements);
                primary.push((path, merged));
            }
        }
    }
}

/// Gives the entities of `incoming` the mesh's values of the fields `uncarried` lists
/// for them, where the import left those fields empty: a field is a key of the entity
/// as the model serializes it (`serviceLevels`), or `extensions.<format>` for one bag.
pub(super) fn stand_in<T>(
    incoming: &mut [(PathBuf, T)],
    mesh: &[T],
    uncarried: &HashMap<Uuid, Vec<&'static str>>,
) where
    T: Importable + Serialize + DeserializeOwned,
{
    if uncarried.values().all(Vec::is_empty) {
        return;
    }
    let mesh: HashMap<Uuid, &T> = mesh
        .iter()
        .filter(|e| uncarried.get(&e.id()).is_some_and(|f| !f.is_empty()))
        .map(|e| (e.id(), e))
        .collect();
    for (_, entity) in incoming {
        let (Some(fields), Some(old)) = (uncarried.get(&entity.id()), mesh.get(&entity.id()))
        else {
            continue;
        };
        let old = object(*old);
        let mut new = object(entity);
        for field in fields {
            let (outer, inner) = match field.split_once('.') {
                Some((outer, inner)) => (outer, Some(inner)),
                None => (*field, None),
            };
            let Some(inner) = inner else {
                if !new.get(outer).is_some_and(present)
                    && let Some(v) = old.get(outer)
                {
                    new.insert(outer.to_owned(), v.clone());
                }
                continue;
            };
            let theirs = old.get(outer).and_then(|o| o.get(inner)).cloned();
            if let (Some(v), Some(Value::Object(map))) = (theirs, new.get_mut(outer))
                && !map.get(inner).is_some_and(present)
            {
                map.insert(inner.to_owned(), v);
            }
        }
        if let Ok(e) = serde_json::from_value(Value::Object(new)) {
            *entity = e;
        }
    }
}

/// Whether a field's value says something.
fn present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

/// Keys whose value is one whole: merging them field by field could pair a contract's
/// id with another contract's version, or a port with another port's kind of source.
const WHOLE: [&str; 2] = ["source", "contract"];

/// The parts (rank order) merged into one entity; `mesh` stands in last, for fields
/// no part decides.
fn merge<T>(
    parts: &[Part<T>],
    mesh: Option<&T>,
    errors: &mut Vec<ImportError>,
    disagreements: &mut Vec<Disagreement>,
) -> T
where
    T: Importable + Serialize + DeserializeOwned,
{
    if parts.len() == 1 && mesh.is_none() {
        return parts[0].entity.clone();
    }
    let values: Vec<Map<String, Value>> = parts.iter().map(|p| object(&p.entity)).collect();
    let mut merged = match mesh {
        Some(m) => object(m),
        None => values[0].clone(),
    };
    let mut keys: Vec<&String> = Vec::new();
    for v in &values {
        for k in v.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let name = parts[0].entity.name().to_owned();
    let mut fields = Fields {
        parts,
        values: &values,
        kind: T::KIND,
        name: &name,
        errors,
        disagreements,
    };
    for key in keys {
        if key == "extensions" {
            merged.insert(key.clone(), fields.extensions(mesh.is_some(), &merged));
            continue;
        }
        let candidates: Vec<usize> = (0..parts.len())
            .filter(|&i| {
                let d = &parts[i].defaulted;
                !d.contains(&PLACEHOLDER) && !d.contains(&key.as_str())
                    || (key == "id" || key == "name")
            })
            .filter(|&i| values[i].get(key).is_some_and(present))
            .collect();
        let Some(&first) = candidates.first() else {
            if mesh.is_none()
                && let Some(v) = values[0].get(key)
            {
                merged.insert(key.clone(), v.clone());
            }
            continue;
        };
        let mut value = values[first][key].clone();
        let nested = !WHOLE.contains(&key.as_str()) && value.is_object();
        for &other in &candidates[1..] {
            let theirs = &values[other][key];
            if nested && let (Value::Object(mine), Value::Object(more)) = (&mut value, theirs) {
                fields.nested(key, mine, more, first, other);
            } else if theirs != &value {
                fields.differ(key, &value, theirs, first, other);
            }
        }
        merged.insert(key.clone(), value);
    }
    serde_json::from_value(Value::Object(merged)).unwrap_or_else(|_| parts[0].entity.clone())
}

fn object<T: Serialize>(e: &T) -> Map<String, Value> {
    match serde_json::to_value(e) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// The merging of one entity's fields, with where problems go.
struct Fields<'a, T> {
    parts: &'a [Part<T>],
    values: &'a [Map<String, Value>],
    kind: EntityKind,
    name: &'a str,
    errors: &'a mut Vec<ImportError>,
    disagreements: &'a mut Vec<Disagreement>,
}

impl<T> Fields<'_, T> {
    /// A field two parts give different values: an error within one format, else a
    /// disagreement (the first part's value is kept).
    fn differ(&mut self, field: &str, mine: &Value, theirs: &Value, first: usize, other: usize) {
        let (a, b) = (&self.parts[first], &self.parts[other]);
        if rank(a.format) == rank(b.format) {
            self.errors.push(ImportError::field(
                &b.path,
                field,
                format!(
                    "{} {} has {field} {}, which {} declares as {}",
                    self.kind,
                    self.name,
                    short(theirs),
                    a.path.display(),
                    short(mine)
                ),
            ));
            return;
        }
        self.disagreements.push(Disagreement {
            kind: self.kind,
            name: self.name.to_owned(),
            field: field.to_owned(),
            kept: (a.path.clone(), a.format.name(), short(mine)),
            other: (b.path.clone(), b.format.name(), short(theirs)),
        });
    }

    /// Merges a mapping field (a product's description) key by key.
    fn nested(
        &mut self,
        field: &str,
        mine: &mut Map<String, Value>,
        more: &Map<String, Value>,
        first: usize,
        other: usize,
    ) {
        for (k, v) in more {
            match mine.get(k) {
                Some(existing) if present(existing) => {
                    if existing != v && present(v) {
                        let existing = existing.clone();
                        self.differ(&format!("{field}.{k}"), &existing, v, first, other);
                    }
                }
                _ => {
                    mine.insert(k.clone(), v.clone());
                }
            }
        }
    }

    /// The extension bags: each format's from its own document when there is one,
    /// else the first copy in rank order (the mesh's last).
    fn extensions(&self, with_mesh: bool, base: &Map<String, Value>) -> Value {
        let mut out = Map::new();
        let mut names: Vec<String> = Vec::new();
        let bags = |v: &Map<String, Value>| -> Map<String, Value> {
            v.get("extensions")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let all: Vec<Map<String, Value>> = self.values.iter().map(bags).collect();
        let mesh = if with_mesh { bags(base) } else { Map::new() };
        for k in all
            .iter()
            .chain(std::iter::once(&mesh))
            .flat_map(|b| b.keys())
        {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
        for name in names {
            let own = self.parts.iter().position(|p| bag_name(p.format) == name);
            let chosen = match own {
                Some(i) => all[i].get(&name),
                None => all
                    .iter()
                    .chain(std::iter::once(&mesh))
                    .find_map(|b| b.get(&name)),
            };
            if let Some(v) = chosen {
                out.insert(name, v.clone());
            }
        }
        Value::Object(out)
    }
}

/// A value for a message: compact JSON, cut at 80 characters.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, SourceSystem};

    fn system(name: &str, description: Option<&str>, kind: Option<&str>) -> SourceSystem {
        SourceSystem {
            id: Uuid::from_u128(7),
            name: name.into(),
            description: description.map(Into::into),
            system_type: kind.map(Into::into),
            custom_properties: vec![],
            extensions: Default::default(),
        }
    }

    fn part<T>(format: Detected, entity: T, defaulted: Vec<&'static str>) -> Part<T> {
        Part {
            path: PathBuf::from(format!("{}.file", format.name())),
            format,
            entity,
            defaulted,
        }
    }

    #[test]
    fn later_formats_fill_gaps_and_disagreements_keep_the_first() {
        let mut primary = vec![(PathBuf::from("a.odps.yaml"), system("erp", None, None))];
        let staged = vec![
            part(
                Detected::Backstage,
                system("erp", Some("From Backstage"), Some("saas")),
                vec![],
            ),
            part(
                Detected::Dpds,
                system("erp", Some("From DPDS"), None),
                vec![],
            ),
        ];
        let (mut errors, mut disagreements) = (Vec::new(), Vec::new());
        let cx = Context {
            mesh: &[],
            placeholders: &HashSet::new(),
        };
        combine(&mut primary, staged, &cx, &mut errors, &mut disagreements);
        assert!(errors.is_empty(), "{errors:?}");
        let got = &primary[0].1;
        assert_eq!(got.description.as_deref(), Some("From DPDS"));
        assert_eq!(got.system_type.as_deref(), Some("saas"));
        assert_eq!(disagreements.len(), 1);
        let text = disagreements[0].to_string();
        assert!(
            text.contains("field `description`") && text.contains("keeping DPDS"),
            "{text}"
        );
    }

    #[test]
    fn a_placeholder_gives_way_and_defaults_never_decide() {
        let id = Uuid::from_u128(9);
        let domain = |title: &str| Domain {
            id,
            name: "sales".into(),
            title: title.into(),
            description: None,
            parent_id: None,
            owner_team_id: None,
            repo_folder: None,
            links: vec![],
            custom_properties: vec![],
            extensions: Default::default(),
        };
        let mut primary = vec![(PathBuf::from("a.odps.yaml"), domain("Sales"))];
        let staged = vec![part(
            Detected::Backstage,
            domain("Sales and Orders"),
            vec![],
        )];
        let (mut errors, mut disagreements) = (Vec::new(), Vec::new());
        let cx = Context {
            mesh: &[],
            placeholders: &HashSet::from([id]),
        };
        combine(&mut primary, staged, &cx, &mut errors, &mut disagreements);
        assert_eq!(primary[0].1.title, "Sales and Orders");
        assert!(disagreements.is_empty() && errors.is_empty());
    }

    #[test]
    fn two_documents_of_one_format_that_disagree_are_an_error() {
        let mut primary = Vec::new();
        let staged = vec![
            part(Detected::Dpds, system("erp", Some("one"), None), vec![]),
            part(Detected::Dpds, system("erp", Some("two"), None), vec![]),
        ];
        let (mut errors, mut disagreements) = (Vec::new(), Vec::new());
        let cx = Context {
            mesh: &[],
            placeholders: &HashSet::new(),
        };
        combine(&mut primary, staged, &cx, &mut errors, &mut disagreements);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains("\"two\""), "{}", errors[0]);
    }
}
