//! The pieces of a Bitol document (ODPS and ODCS) both formats write and read the same
//! way: a `customProperties` item, the `team` block and its members, a support channel,
//! a service level in `slaProperties` shape, an `authoritativeDefinitions` link.
//!
//! It must not say what a key means in the model; `manifests::bitol`, the format
//! modules and their importers do.

use serde_json::Value;

use super::{Entry, document};

document! {
    /// One item of a `customProperties` list.
    pub struct Property / PropertyKeys {
        /// Its name.
        property: String = "property" [required],
        /// Its value, of any type.
        value: Value = "value",
        /// What it means.
        description: String = "description",
    }
}

document! {
    /// The `team` block (ODPS v1, ODCS v3).
    pub struct Team / TeamKeys {
        /// The team's name.
        name: String = "name" [required],
        /// Its description.
        description: String = "description",
        /// Its members.
        members: Vec<Entry<Member>> = "members",
        /// Its title and its own custom properties.
        custom_properties: Vec<Entry<Property>> = "customProperties",
    }
}

document! {
    /// One member of a team.
    pub struct Member / MemberKeys {
        /// The person's username.
        username: String = "username" [required],
        /// The person's display name.
        name: String = "name",
        /// The member's role.
        role: String = "role",
    }
}

document! {
    /// One support channel.
    pub struct Support / SupportKeys {
        /// `email`.
        channel: String = "channel",
        /// `mailto:<address>`.
        url: String = "url",
        /// `email`.
        tool: String = "tool",
        /// `issues`.
        scope: String = "scope",
    }
}

document! {
    /// One service level in ODCS `slaProperties` shape.
    pub struct SlaProperty / SlaPropertyKeys {
        /// What is promised (`latency`).
        property: String = "property" [required],
        /// The number promised, read as written.
        value: Value = "value",
        /// Its unit.
        unit: String = "unit",
        /// What it means.
        description: String = "description",
    }
}

document! {
    /// One `authoritativeDefinitions` item: a link.
    pub struct Link / LinkKeys {
        /// The link's kind, `link` without one.
        kind: String = "type",
        /// Its address.
        url: String = "url" [required],
        /// Its title.
        description: String = "description",
    }
}

/// The key of a `customProperties` list, in each document that has one and in the
/// extension bags that keep such a list's shape.
pub const CUSTOM_PROPERTIES: &str = Team::KEYS.custom_properties;
