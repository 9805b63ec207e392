//! Which field of its entity a finding is about: a product without an owner is about
//! the owner, a port without a contract about the contract. Hosts that show findings in
//! the files the mesh was read from (`meshwright check` of manifests) point at that
//! field's key; each format says where the field sits in its documents.
//!
//! It must not know any manifest format or file: it names the model's fields only.

use crate::model::EntityKind;

/// The field of an entity a finding concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concern {
    /// The entity as a whole (where it is declared).
    Entity,
    /// Its name.
    Name,
    /// Its display name (title).
    Title,
    /// Its owner team.
    Owner,
    /// Its domain.
    Domain,
    /// Its description (a product's purpose).
    Description,
    /// Its lifecycle status.
    Status,
    /// Its version.
    Version,
    /// A product's input ports, as a whole.
    Inputs,
    /// A product's output ports, as a whole.
    Outputs,
    /// What an input port reads.
    Provider,
    /// An output port's contract.
    Contract,
    /// An output port's classification.
    Classification,
    /// An output port's service levels.
    ServiceLevels,
    /// An output port's deprecation date and successor.
    Deprecation,
}

/// The field the rule `rule_id` concerns on an entity of `kind`. Rules this does not
/// name (custom ones, policy rules, metrics over the mesh) concern the entity.
pub fn concern(rule_id: &str, kind: EntityKind) -> Concern {
    if kind == EntityKind::InputPort {
        // Every rule about one input port is about what it reads.
        return Concern::Provider;
    }
    match rule_id {
        "DM-OWN-001" | "DM-OWN-006" => Concern::Owner,
        "DM-CON-001" | "DM-CON-003" | "DM-CON-004" | "DM-CON-009" | "DM-CON-010" | "DM-DEP-006"
        | "DM-SEC-006" => Concern::Contract,
        "DM-CON-008" => Concern::Version,
        "DM-DEP-001" | "DM-DEP-005" | "DM-DEP-007" | "DM-DEP-009" | "DM-DEP-010" | "DM-DEP-011"
        | "DM-DEP-013" | "DM-ARCH-001" | "DM-LIFE-001" | "DM-LIFE-002"
            if kind == EntityKind::Product =>
        {
            Concern::Inputs
        }
        "DM-LIFE-003" => Concern::Deprecation,
        "DM-LIFE-005" | "DM-LIFE-006" => Concern::Status,
        "DM-DOC-001" => Concern::Description,
        "DM-NAME-001" => Concern::Name,
        "DM-NAME-002" => Concern::Title,
        "DM-SEC-001" => Concern::Classification,
        "DM-SEC-004" => Concern::Outputs,
        "DM-SLO-001" | "DM-SLO-003" => Concern::ServiceLevels,
        _ => Concern::Entity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_name_the_field_they_are_about() {
        assert_eq!(concern("DM-OWN-001", EntityKind::Product), Concern::Owner);
        assert_eq!(
            concern("DM-DEP-014", EntityKind::InputPort),
            Concern::Provider
        );
        assert_eq!(concern("DM-DEP-005", EntityKind::Product), Concern::Inputs);
        // The same rule on a domain (a domain cycle) is about the domain.
        assert_eq!(concern("DM-DEP-001", EntityKind::Domain), Concern::Entity);
        assert_eq!(concern("CUSTOM-1", EntityKind::Product), Concern::Entity);
    }
}
