//! People, teams and domains: who owns what.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CustomProperty, Extensions, Link};

/// A person who belongs to teams or is accountable for products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Stable id.
    pub id: Uuid,
    /// Login or e-mail, unique in the mesh.
    pub username: String,
    /// Full name as shown.
    pub display_name: String,
    /// Contact e-mail, when different from the username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A person's role in a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Membership {
    /// The member.
    pub person_id: Uuid,
    /// Role such as `owner`, `data-engineer`, `product-owner`.
    pub role: String,
}

/// A team's kind in Team Topologies (Skelton & Pais): what it is for, which says how much
/// ownership it can carry (a platform team serves others; a stream-aligned team owns a
/// flow of business).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum TeamType {
    /// Owns a stream of business change end to end.
    StreamAligned,
    /// Provides self-service capabilities to other teams.
    Platform,
    /// Helps other teams adopt practices, for a while.
    Enabling,
    /// Owns a part that needs specialist knowledge.
    ComplicatedSubsystem,
}

impl TeamType {
    /// Every team type, in Team Topologies' order.
    pub const ALL: [TeamType; 4] = [
        TeamType::StreamAligned,
        TeamType::Platform,
        TeamType::Enabling,
        TeamType::ComplicatedSubsystem,
    ];

    /// The serialized word.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamType::StreamAligned => "stream-aligned",
            TeamType::Platform => "platform",
            TeamType::Enabling => "enabling",
            TeamType::ComplicatedSubsystem => "complicated-subsystem",
        }
    }

    /// Parses the serialized word.
    pub fn parse(s: &str) -> Option<TeamType> {
        TeamType::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A team that owns domains and data products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Team {
    /// Stable id.
    pub id: Uuid,
    /// Slug name, unique in the mesh.
    pub name: String,
    /// Display title.
    pub title: String,
    /// What the team does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Team contact address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Its Team Topologies type, when the architects have said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_type: Option<TeamType>,
    /// Members in display order.
    #[serde(default)]
    pub members: Vec<Membership>,
    /// Ordered custom properties.
    #[serde(default)]
    pub custom_properties: Vec<CustomProperty>,
    /// Unmapped fields per format.
    #[serde(default)]
    pub extensions: Extensions,
}

impl Team {
    /// A new team with a fresh id and nothing but its name and title.
    pub fn named(name: String, title: String) -> Team {
        Team {
            id: Uuid::new_v4(),
            name,
            title,
            description: None,
            email: None,
            team_type: None,
            members: Vec::new(),
            custom_properties: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}

/// A business domain: the unit of ownership in a data mesh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    /// Stable id.
    pub id: Uuid,
    /// Slug name, unique in the mesh.
    pub name: String,
    /// Display title.
    pub title: String,
    /// What the domain covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Enclosing domain, for subdomains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Uuid>,
    /// Team accountable for the domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_team_id: Option<Uuid>,
    /// Folder of the domain's repository (a local clone) under the export root, such
    /// as `sales` or `repos/sales-data`: where `meshwright export --by-domain` writes
    /// the domain's manifests. The domain's name when unset. A relative path that
    /// cannot leave the root (see `manifests::paths`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repo_folder: Option<String>,
    /// Links.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Ordered custom properties.
    #[serde(default)]
    pub custom_properties: Vec<CustomProperty>,
    /// Unmapped fields per format.
    #[serde(default)]
    pub extensions: Extensions,
}

impl Domain {
    /// A new top-level domain with a fresh id and nothing but its name and title.
    pub fn named(name: String, title: String) -> Domain {
        Domain {
            id: Uuid::new_v4(),
            name,
            title,
            description: None,
            parent_id: None,
            owner_team_id: None,
            repo_folder: None,
            links: Vec::new(),
            custom_properties: Vec::new(),
            extensions: Extensions::default(),
        }
    }
}
