//! Field rules every entity must meet before it is written: names, lengths, versions,
//! e-mail shape. Only what can be decided from the entity alone lives here; rules that
//! need the rest of the mesh (unique names, existing references) are checked by the
//! store inside the edit's transaction.

mod contract_body;

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::model::{
    Contract, CustomProperty, DataProduct, Domain, EntityKind, InputPort, Link, Mesh, MeshInfo,
    OutputPort, Person, ServiceLevel, SourceSystem, Team,
};

pub use contract_body::{BodyError, BodyProblem, MAX_DEPTH, check as contract_body};

/// Longest slug name: Backstage's limit for `metadata.name`.
pub const MAX_NAME: usize = 63;
/// Longest title or display name.
pub const MAX_TITLE: usize = 200;
/// Longest free text (descriptions, purposes).
pub const MAX_TEXT: usize = 20_000;
/// Longest reference kept verbatim (an unresolved provider, a contract id).
pub const MAX_REFERENCE: usize = 500;
/// Most tags, links or custom properties on one entity.
pub const MAX_ITEMS: usize = 200;

/// Checks a slug name: lower-case letters and digits in words joined by single hyphens,
/// starting with a letter, at most [`MAX_NAME`] characters.
pub fn slug(entity: EntityKind, name: &str, field: &'static str, value: &str) -> Result<()> {
    let fail = |reason: &str| Err(Error::invalid(entity, name, field, reason));
    if value.is_empty() {
        return fail("must not be empty");
    }
    if value.chars().count() > MAX_NAME {
        return fail(&format!("must be at most {MAX_NAME} characters"));
    }
    if !value.starts_with(|c: char| c.is_ascii_lowercase()) {
        return fail("must start with a lower-case letter (a-z)");
    }
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return fail(&format!(
            "may only hold lower-case letters, digits and hyphens, not {c:?}"
        ));
    }
    if value.ends_with('-') || value.contains("--") {
        return fail("must not end with a hyphen or hold two hyphens in a row");
    }
    Ok(())
}

/// Checks a required single-line title.
pub fn title(entity: EntityKind, name: &str, field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(entity, name, field, "must not be empty"));
    }
    line(entity, name, field, value, MAX_TITLE)
}

/// Checks an optional multi-line text.
pub fn text(
    entity: EntityKind,
    name: &str,
    field: &'static str,
    value: Option<&str>,
) -> Result<()> {
    let Some(value) = value else { return Ok(()) };
    if value.chars().count() > MAX_TEXT {
        return Err(Error::invalid(
            entity,
            name,
            field,
            format!("must be at most {MAX_TEXT} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::invalid(
            entity,
            name,
            field,
            "must not hold control characters",
        ));
    }
    Ok(())
}

fn line(
    entity: EntityKind,
    name: &str,
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::invalid(
            entity,
            name,
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            entity,
            name,
            field,
            "must be one line without control characters",
        ));
    }
    Ok(())
}

/// Checks a semantic version such as `1.4.0`.
pub fn semver(entity: EntityKind, name: &str, field: &'static str, value: &str) -> Result<()> {
    semver::Version::parse(value).map(|_| ()).map_err(|e| {
        Error::invalid(
            entity,
            name,
            field,
            format!("must be a semantic version like 1.0.0 ({e})"),
        )
    })
}

/// Checks a short version token such as `1.0.0` or `v2`: no spaces, at most 32 characters.
pub fn version_token(
    entity: EntityKind,
    name: &str,
    field: &'static str,
    value: &str,
) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(entity, name, field, "must not be empty"));
    }
    if value.len() > 32
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-+_".contains(c))
    {
        return Err(Error::invalid(
            entity,
            name,
            field,
            "must be a short version such as 1.0.0 or v2 (letters, digits, . - + _)",
        ));
    }
    Ok(())
}

/// Checks the shape of an e-mail address: one `@`, a dotted domain, no spaces.
pub fn email(
    entity: EntityKind,
    name: &str,
    field: &'static str,
    value: Option<&str>,
) -> Result<()> {
    let Some(value) = value else { return Ok(()) };
    let ok = value.len() <= 254
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            entity,
            name,
            field,
            "must be an e-mail address like name@example.com",
        ))
    }
}

fn custom_properties(entity: EntityKind, name: &str, props: &[CustomProperty]) -> Result<()> {
    if props.len() > MAX_ITEMS {
        return Err(Error::invalid(
            entity,
            name,
            "customProperties",
            format!("must hold at most {MAX_ITEMS} entries"),
        ));
    }
    let mut seen = HashSet::new();
    for p in props {
        if p.key.trim().is_empty() {
            return Err(Error::invalid(
                entity,
                name,
                "customProperties",
                "keys must not be empty",
            ));
        }
        line(entity, name, "customProperties", &p.key, MAX_TITLE)?;
        if !seen.insert(p.key.as_str()) {
            return Err(Error::invalid(
                entity,
                name,
                "customProperties",
                format!("key {:?} appears twice", p.key),
            ));
        }
    }
    Ok(())
}

fn links(entity: EntityKind, name: &str, links: &[Link]) -> Result<()> {
    if links.len() > MAX_ITEMS {
        return Err(Error::invalid(
            entity,
            name,
            "links",
            format!("must hold at most {MAX_ITEMS} entries"),
        ));
    }
    for l in links {
        let scheme_ok = ["https://", "http://", "mailto:"]
            .iter()
            .any(|s| l.url.starts_with(s));
        if !scheme_ok || l.url.chars().any(char::is_whitespace) {
            return Err(Error::invalid(
                entity,
                name,
                "links",
                format!("{:?} is not an http(s) or mailto URL", l.url),
            ));
        }
        line(entity, name, "links", &l.url, 2000)?;
    }
    Ok(())
}

/// Checks every entity of a whole mesh (the field rules only; references are the store's).
pub fn mesh(m: &Mesh) -> Result<()> {
    mesh_info(&m.info)?;
    m.people.iter().try_for_each(person)?;
    m.teams.iter().try_for_each(team)?;
    m.domains.iter().try_for_each(domain)?;
    m.source_systems.iter().try_for_each(source_system)?;
    m.products.iter().try_for_each(product)?;
    m.output_ports.iter().try_for_each(output_port)?;
    m.input_ports.iter().try_for_each(input_port)?;
    m.contracts.iter().try_for_each(contract)
}

/// Checks the mesh header.
pub fn mesh_info(m: &MeshInfo) -> Result<()> {
    let k = EntityKind::Mesh;
    title(k, &m.name, "name", &m.name)?;
    let ns_ok = !m.namespace.is_empty()
        && m.namespace.len() <= 200
        && m.namespace.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
    if !ns_ok {
        return Err(Error::invalid(
            k,
            &m.name,
            "namespace",
            "must be a reverse-DNS name like com.example",
        ));
    }
    text(k, &m.name, "description", m.description.as_deref())?;
    custom_properties(k, &m.name, &m.custom_properties)
}

/// Checks a person.
pub fn person(p: &Person) -> Result<()> {
    let k = EntityKind::Person;
    if p.username.trim().is_empty() {
        return Err(Error::invalid(
            k,
            &p.username,
            "username",
            "must not be empty",
        ));
    }
    line(k, &p.username, "username", &p.username, 254)?;
    if p.username.chars().any(char::is_whitespace) {
        return Err(Error::invalid(
            k,
            &p.username,
            "username",
            "must not hold spaces",
        ));
    }
    title(k, &p.username, "displayName", &p.display_name)?;
    email(k, &p.username, "email", p.email.as_deref())
}

/// Checks a team.
pub fn team(t: &Team) -> Result<()> {
    let k = EntityKind::Team;
    slug(k, &t.name, "name", &t.name)?;
    title(k, &t.name, "title", &t.title)?;
    text(k, &t.name, "description", t.description.as_deref())?;
    email(k, &t.name, "email", t.email.as_deref())?;
    let mut seen = HashSet::new();
    for m in &t.members {
        line(k, &t.name, "members", &m.role, MAX_NAME)?;
        if m.role.trim().is_empty() {
            return Err(Error::invalid(
                k,
                &t.name,
                "members",
                "every member needs a role",
            ));
        }
        if !seen.insert(m.person_id) {
            return Err(Error::invalid(
                k,
                &t.name,
                "members",
                "a person is listed twice",
            ));
        }
    }
    custom_properties(k, &t.name, &t.custom_properties)
}

/// Checks a domain.
pub fn domain(d: &Domain) -> Result<()> {
    let k = EntityKind::Domain;
    slug(k, &d.name, "name", &d.name)?;
    title(k, &d.name, "title", &d.title)?;
    text(k, &d.name, "description", d.description.as_deref())?;
    if d.parent_id == Some(d.id) {
        return Err(Error::invalid(
            k,
            &d.name,
            "parentId",
            "a domain cannot be its own parent",
        ));
    }
    if let Some(folder) = &d.repo_folder {
        line(k, &d.name, "repoFolder", folder, 1024)?;
        if let Some(reason) = crate::manifests::paths::relative_problem(folder) {
            return Err(Error::invalid(
                k,
                &d.name,
                "repoFolder",
                format!("{reason} (a folder under the export root, such as `sales`)"),
            ));
        }
    }
    links(k, &d.name, &d.links)?;
    custom_properties(k, &d.name, &d.custom_properties)
}

/// Checks a source system.
pub fn source_system(s: &SourceSystem) -> Result<()> {
    let k = EntityKind::SourceSystem;
    slug(k, &s.name, "name", &s.name)?;
    text(k, &s.name, "description", s.description.as_deref())?;
    if let Some(t) = &s.system_type {
        line(k, &s.name, "type", t, MAX_NAME)?;
    }
    custom_properties(k, &s.name, &s.custom_properties)
}

/// Checks a data product.
pub fn product(p: &DataProduct) -> Result<()> {
    let k = EntityKind::Product;
    slug(k, &p.name, "name", &p.name)?;
    title(k, &p.name, "displayName", &p.display_name)?;
    semver(k, &p.name, "version", &p.version)?;
    text(k, &p.name, "purpose", p.description.purpose.as_deref())?;
    text(k, &p.name, "usage", p.description.usage.as_deref())?;
    text(
        k,
        &p.name,
        "limitations",
        p.description.limitations.as_deref(),
    )?;
    if p.tags.len() > MAX_ITEMS {
        return Err(Error::invalid(
            k,
            &p.name,
            "tags",
            format!("must hold at most {MAX_ITEMS} tags"),
        ));
    }
    let mut seen = HashSet::new();
    for t in &p.tags {
        if t.trim().is_empty() {
            return Err(Error::invalid(k, &p.name, "tags", "tags must not be empty"));
        }
        line(k, &p.name, "tags", t, MAX_NAME)?;
        if !seen.insert(t.as_str()) {
            return Err(Error::invalid(
                k,
                &p.name,
                "tags",
                format!("tag {t:?} appears twice"),
            ));
        }
    }
    links(k, &p.name, &p.links)?;
    custom_properties(k, &p.name, &p.custom_properties)
}

fn service_levels(name: &str, levels: &[ServiceLevel]) -> Result<()> {
    let k = EntityKind::OutputPort;
    let mut seen = HashSet::new();
    for sl in levels {
        if sl.property.trim().is_empty() {
            return Err(Error::invalid(
                k,
                name,
                "serviceLevels",
                "every service level needs a property",
            ));
        }
        line(k, name, "serviceLevels", &sl.property, MAX_NAME)?;
        if !sl.value.is_finite() || sl.value < 0.0 {
            return Err(Error::invalid(
                k,
                name,
                "serviceLevels",
                format!("{} must be a number of at least 0", sl.property),
            ));
        }
        if !seen.insert(sl.property.as_str()) {
            return Err(Error::invalid(
                k,
                name,
                "serviceLevels",
                format!("{} appears twice", sl.property),
            ));
        }
    }
    Ok(())
}

/// Checks an output port.
pub fn output_port(p: &OutputPort) -> Result<()> {
    let k = EntityKind::OutputPort;
    slug(k, &p.name, "name", &p.name)?;
    version_token(k, &p.name, "version", &p.version)?;
    text(k, &p.name, "description", p.description.as_deref())?;
    if let Some(c) = &p.contract {
        if c.contract_id.trim().is_empty() {
            return Err(Error::invalid(
                k,
                &p.name,
                "contract",
                "a contract reference needs an id",
            ));
        }
        line(k, &p.name, "contract", &c.contract_id, MAX_TITLE)?;
    }
    if let Some(c) = &p.classification {
        line(k, &p.name, "classification", c, MAX_NAME)?;
    }
    if p.successor_port_id == Some(p.id) {
        return Err(Error::invalid(
            k,
            &p.name,
            "successorPortId",
            "a port cannot succeed itself",
        ));
    }
    service_levels(&p.name, &p.service_levels)?;
    contract_body(&p.contract_body)
        .map_err(|e| Error::invalid(k, &p.name, "contractBody", e.to_string()))?;
    custom_properties(k, &p.name, &p.custom_properties)
}

/// Checks an input port.
pub fn input_port(p: &InputPort) -> Result<()> {
    let k = EntityKind::InputPort;
    slug(k, &p.name, "name", &p.name)?;
    text(k, &p.name, "description", p.description.as_deref())?;
    if let Some(reference) = p.source.unresolved() {
        line(k, &p.name, "source", reference, MAX_REFERENCE)?;
    }
    custom_properties(k, &p.name, &p.custom_properties)
}

/// Checks a contract kept as its document.
pub fn contract(c: &Contract) -> Result<()> {
    let k = EntityKind::Contract;
    line(
        k,
        &c.contract_id,
        "contractId",
        &c.contract_id,
        MAX_REFERENCE,
    )?;
    if let Some(name) = &c.name {
        line(k, &c.contract_id, "name", name, MAX_REFERENCE)?;
    }
    if let Some(version) = &c.version {
        line(k, &c.contract_id, "version", version, MAX_NAME)?;
    }
    if !c.document.is_object() {
        return Err(Error::invalid(
            k,
            &c.contract_id,
            "document",
            "must be a mapping",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_slug(v: &str) -> bool {
        slug(EntityKind::Product, v, "name", v).is_ok()
    }

    #[test]
    fn slugs() {
        for ok in ["orders", "customer-360", "a", "a1-b2"] {
            assert!(is_slug(ok), "{ok} should pass");
        }
        for bad in [
            "", "Orders", "1orders", "orders-", "or--ders", "or ders", "örders", "../x", "a_b",
        ] {
            assert!(!is_slug(bad), "{bad:?} should fail");
        }
        assert!(!is_slug(&"a".repeat(64)));
        assert!(is_slug(&"a".repeat(63)));
    }

    #[test]
    fn slug_error_names_field_and_reason() {
        let err = slug(EntityKind::Domain, "Sales", "name", "Sales").unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Invalid);
        assert_eq!(err.field(), Some("name"));
        assert!(err.to_string().contains("lower-case"), "{err}");
    }

    #[test]
    fn emails_and_versions() {
        let e = |v: &str| email(EntityKind::Team, "t", "email", Some(v)).is_ok();
        assert!(e("a@b.io"));
        assert!(!e("a@b") && !e("ab.io") && !e("a b@c.io") && !e("a@@b.io") && !e("a@.io"));
        assert!(semver(EntityKind::Product, "p", "version", "1.2.3").is_ok());
        assert!(semver(EntityKind::Product, "p", "version", "1.2").is_err());
        assert!(version_token(EntityKind::OutputPort, "p", "version", "v2").is_ok());
        assert!(version_token(EntityKind::OutputPort, "p", "version", "v 2").is_err());
    }

    #[test]
    fn text_limits() {
        assert!(text(EntityKind::Product, "p", "purpose", Some("line\nnext")).is_ok());
        assert!(text(EntityKind::Product, "p", "purpose", Some("bell\u{7}")).is_err());
        assert!(
            text(
                EntityKind::Product,
                "p",
                "purpose",
                Some(&"x".repeat(MAX_TEXT + 1))
            )
            .is_err()
        );
        assert!(title(EntityKind::Product, "p", "displayName", "  ").is_err());
        assert!(title(EntityKind::Product, "p", "displayName", "two\nlines").is_err());
    }
}
