//! Contract changes: what changed in the contract body of one output port from an
//! older mesh to a newer one (objects and properties added or removed, types narrowed
//! or widened, properties made required), each change classified as breaking for the
//! port's consumers or not, and whether the contract's major version moved with them.
//!
//! Governance reads it for "breaking change without a new major version" (`DM-CON-004`,
//! against a baseline) and `meshwright diff` lists it. It only compares: it must not
//! run checks, decide severities or read files, and it looks at nothing of a port but
//! its contract body and versions (the diff compares the other fields).

mod body;
mod ports;
mod version;

use serde::Serialize;

pub use body::compare_bodies;
pub use ports::{PortContractChanges, compare_meshes};
pub use version::{is_major_bump, major};

/// What changed in a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// An object (table, topic, file) only the new contract has.
    ObjectAdded,
    /// An object only the old contract has: consumers reading it fail.
    ObjectRemoved,
    /// A property only the new contract has; breaking when it is required.
    PropertyAdded,
    /// A property only the old contract has: consumers reading it fail.
    PropertyRemoved,
    /// The logical type changed; breaking unless it widens (see [`widens`]).
    TypeChanged,
    /// The physical type changed under the same logical type.
    PhysicalTypeChanged,
    /// A property that was optional is required now.
    MadeRequired,
    /// A property that was required is optional now.
    MadeOptional,
    /// A property joined or left the primary key.
    PrimaryKeyChanged,
    /// A property was marked as personal data, or no longer is.
    PersonalDataChanged,
}

impl ChangeKind {
    /// What happened, in words: `removed`, `type narrowed`.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::ObjectAdded | ChangeKind::PropertyAdded => "added",
            ChangeKind::ObjectRemoved | ChangeKind::PropertyRemoved => "removed",
            ChangeKind::TypeChanged => "type changed",
            ChangeKind::PhysicalTypeChanged => "physical type changed",
            ChangeKind::MadeRequired => "made required",
            ChangeKind::MadeOptional => "made optional",
            ChangeKind::PrimaryKeyChanged => "primary key changed",
            ChangeKind::PersonalDataChanged => "personal data flag changed",
        }
    }
}

/// One change of a contract body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ContractChange {
    /// What changed.
    pub kind: ChangeKind,
    /// The schema object concerned.
    pub object: String,
    /// The property within the object, dotted for nested ones (`address.city`, an
    /// array's item as `tags[]`); `None` for a change of the object itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
    /// The value before (a type, `true`/`false`), when the change has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The value after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Whether consumers built on the old contract may fail on the new one.
    pub breaking: bool,
}

impl ContractChange {
    /// Where the change is: `orders` or `orders.amount`.
    pub fn location(&self) -> String {
        match &self.property {
            Some(p) => format!("{}.{p}", self.object),
            None => self.object.clone(),
        }
    }

    /// The change in words: `column orders.amount removed`, `column orders.day type
    /// changed from timestamp to date`.
    pub fn describe(&self) -> String {
        let what = if self.property.is_some() {
            "column"
        } else {
            "object"
        };
        let mut text = format!("{what} {} {}", self.location(), self.kind.label());
        match (&self.before, &self.after) {
            (Some(b), Some(a)) => text.push_str(&format!(" from {b} to {a}")),
            (None, Some(a)) if self.kind == ChangeKind::TypeChanged => {
                text.push_str(&format!(" to {a}"));
            }
            _ => {}
        }
        if self.kind == ChangeKind::PropertyAdded && self.breaking {
            text.push_str(" (required)");
        }
        text
    }
}

/// Whether a change of logical type from `from` to `to` keeps every old value valid:
/// anything to `string`, `integer` to `number`, `date` to `timestamp`. An unset type
/// promised nothing, so setting it breaks nobody, and unsetting it promises less but
/// still lets every old value through; an unknown word compares only equal to itself.
pub fn widens(from: Option<&str>, to: Option<&str>) -> bool {
    use crate::model::LogicalType as T;
    let (Some(from), Some(to)) = (from, to) else {
        return true;
    };
    if from == to {
        return true;
    }
    match (T::parse(from), T::parse(to)) {
        (Some(_), Some(T::String)) => true,
        (Some(a), Some(b)) => matches!((a, b), (T::Integer, T::Number) | (T::Date, T::Timestamp)),
        _ => false,
    }
}
