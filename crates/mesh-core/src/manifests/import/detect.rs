//! Telling a manifest's format from its content: the `apiVersion`/`kind` pair or the
//! descriptor key each standard requires, and for DataHub data product files, which
//! have neither, the `id` with one of the keys only a data product file has at its
//! root. File names are never trusted for this, since repositories name files freely.
//!
//! It must not validate the document beyond what identifies it.

use serde_json::Value;

/// The formats import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Detected {
    /// Bitol ODPS (`kind: DataProduct`, `apiVersion: v…`).
    Odps,
    /// Bitol ODCS (`kind: DataContract`, `apiVersion: v…`).
    Odcs,
    /// DPDS (`dataProductDescriptor: …`).
    Dpds,
    /// A Backstage catalog entity (`apiVersion: backstage.io/…`).
    Backstage,
    /// A Data Contract Specification contract (`dataContractSpecification: …`).
    Dcs,
    /// A Bitol ODCS contract before v3 (`standardVersion: 2.x`, no `apiVersion`), kept
    /// whole: its structure predates what the model maps.
    OdcsV2,
    /// A DataHub data product (`id` with `domain`, `assets`, `display_name`, `owners` or
    /// `output_ports`; no `apiVersion`, `kind` or other format's marker).
    Datahub,
}

impl Detected {
    /// A short name for messages and reports.
    pub fn name(self) -> &'static str {
        match self {
            Detected::Odps => "ODPS",
            Detected::Odcs => "ODCS",
            Detected::Dpds => "DPDS",
            Detected::Backstage => "Backstage",
            Detected::Dcs => "Data Contract Specification",
            Detected::OdcsV2 => "ODCS v2",
            Detected::Datahub => "DataHub",
        }
    }
}

/// The format of one parsed document, or why it is not one Meshwright reads.
pub fn detect(doc: &Value) -> Result<Detected, String> {
    let Some(map) = doc.as_object() else {
        return Err(format!("is {}, not a mapping of fields", kind_of(doc)));
    };
    if map.contains_key("dataProductDescriptor") {
        return Ok(Detected::Dpds);
    }
    if map.contains_key("dataContractSpecification") {
        return Ok(Detected::Dcs);
    }
    if is_datahub_product(map) {
        return Ok(Detected::Datahub);
    }
    if !map.contains_key("apiVersion")
        && map
            .get("standardVersion")
            .and_then(Value::as_str)
            .is_some_and(|v| v.starts_with(['1', '2']))
    {
        return Ok(Detected::OdcsV2);
    }
    if let Some(why) = known_but_not_read(map) {
        return Err(why);
    }
    let api = map.get("apiVersion").and_then(Value::as_str);
    let kind = map.get("kind").and_then(Value::as_str);
    match (api, kind) {
        (Some(api), Some(_)) if api.starts_with("backstage.io/") => Ok(Detected::Backstage),
        (Some(api), Some("DataProduct")) if is_bitol_version(api) => Ok(Detected::Odps),
        (Some(api), Some("DataContract")) if is_bitol_version(api) => Ok(Detected::Odcs),
        (Some(api), Some(kind)) => Err(format!(
            "apiVersion `{api}` with kind `{kind}` is not ODPS, ODCS, DPDS or Backstage"
        )),
        _ => Err(
            "has neither `apiVersion` and `kind` nor `dataProductDescriptor`, nor a DataHub \
             data product's `id` with its `domain`, `assets`, `display_name`, `owners` or \
             `output_ports`: not ODPS, ODCS, DPDS or Backstage, nor DataHub"
                .into(),
        ),
    }
}

/// Whether the documents of one file hold anything of a mesh: every ODPS, ODCS and
/// DPDS document does; Backstage entities do when they are Domains, Groups or Systems
/// or belong to a System.
pub fn concerns_the_mesh(documents: &[super::SourceDocument]) -> bool {
    documents.iter().any(|d| {
        d.format != Detected::Backstage
            || matches!(
                d.value.get("kind").and_then(Value::as_str),
                Some("Domain" | "Group" | "System")
            )
            || d.value.pointer("/spec/system").is_some()
    })
}

/// A DataHub data product file (`datahub dataproduct upsert`): it has no format marker,
/// so it is told by `id` (of any type, so that a malformed one is reported by the
/// reader rather than the file skipped) beside a key only such a file has at its root.
/// Any other format's marker wins: `apiVersion`/`kind` (Bitol, Backstage, Kubernetes),
/// `dataContractSpecification` (a Data Contract Specification file, which has an `id`
/// too), and `platform` or `schema` (DataHub's own dataset YAML, which has `id` and
/// `owners`).
fn is_datahub_product(map: &serde_json::Map<String, Value>) -> bool {
    const PRODUCT_KEYS: [&str; 5] = ["domain", "assets", "display_name", "owners", "output_ports"];
    const OTHERS: [&str; 6] = [
        "apiVersion",
        "kind",
        "dataProductDescriptor",
        "dataContractSpecification",
        "platform",
        "schema",
    ];
    map.contains_key("id")
        && PRODUCT_KEYS.iter().any(|k| map.contains_key(*k))
        && !OTHERS.iter().any(|k| map.contains_key(*k))
}

/// Why a document of a known kind that Meshwright does not read is refused, so the
/// message names it instead of listing every format: an ODCS contract before v3 (the
/// Bitol repository's own v2.2.2 `docs/examples/all/postgresql-adventureworks-contract.yaml`:
/// `standardVersion: 2.2.0`, a `dataset` of `tables`), and a DPDS port or component
/// description, a file of its own that a descriptor includes by `$ref`
/// (opendatamesh-initiative/odm-specification-dpdescriptor
/// `examples/tripexecution/ports/trip-status-oport.json`).
fn known_but_not_read(map: &serde_json::Map<String, Value>) -> Option<String> {
    let text = |key: &str| map.get(key).and_then(Value::as_str);
    if map.contains_key("apiVersion") {
        return None;
    }
    let fqn = text("fullyQualifiedName").filter(|f| f.starts_with("urn:dpds:"))?;
    Some(format!(
        "a DPDS component `{fqn}`, which a descriptor includes by `$ref`, not a descriptor \
         (`dataProductDescriptor`): import the descriptor; its `$ref` is kept and written \
         back"
    ))
}

/// Bitol versions are written `v1.0.0`, `v3.1.0`.
fn is_bitol_version(api: &str) -> bool {
    api.strip_prefix('v')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_format_is_told_by_its_content() {
        let odps = json!({"apiVersion": "v1.0.0", "kind": "DataProduct", "id": "x"});
        let odcs = json!({"apiVersion": "v3.1.0", "kind": "DataContract", "id": "x"});
        let dpds = json!({"dataProductDescriptor": "1.0.0", "info": {}});
        let backstage = json!({"apiVersion": "backstage.io/v1alpha1", "kind": "System"});
        assert_eq!(detect(&odps), Ok(Detected::Odps));
        assert_eq!(detect(&odcs), Ok(Detected::Odcs));
        assert_eq!(detect(&dpds), Ok(Detected::Dpds));
        assert_eq!(detect(&backstage), Ok(Detected::Backstage));
        let datahub = json!({"id": "urn:li:dataProduct:orders", "domain": "sales"});
        assert_eq!(detect(&datahub), Ok(Detected::Datahub));
        // A malformed id is still a DataHub file, for its reader to report.
        assert_eq!(
            detect(&json!({"id": ["x"], "display_name": "X"})),
            Ok(Detected::Datahub)
        );
    }

    #[test]
    fn other_files_with_an_id_are_not_datahub_products() {
        for doc in [
            json!({"id": "x"}),
            json!({"id": "x", "name": "X", "description": "no product key"}),
            json!({"dataContractSpecification": "1.1.0", "id": "x", "owners": []}),
            json!({"id": "x", "platform": "hive", "owners": ["jdoe"]}),
            json!({"apiVersion": "v1", "kind": "Thing", "id": "x", "domain": "d"}),
        ] {
            assert_ne!(detect(&doc), Ok(Detected::Datahub), "{doc}");
        }
        let odps = json!({"apiVersion": "v1.0.0", "kind": "DataProduct", "id": "x",
                          "domain": "sales"});
        assert_eq!(detect(&odps), Ok(Detected::Odps));
    }

    #[test]
    fn unknown_documents_say_why() {
        let k8s = json!({"apiVersion": "apps/v1", "kind": "Deployment"});
        assert!(detect(&k8s).unwrap_err().contains("apps/v1"));
        assert!(detect(&json!(["a"])).unwrap_err().contains("a list"));
        assert!(
            detect(&json!({"name": "x"}))
                .unwrap_err()
                .contains("neither")
        );
        // An ODCS v2 contract is kept whole; known documents Meshwright does not read
        // say what they are.
        let odcs_v2 = json!({"standardVersion": "2.2.0", "kind": "managedDataset"});
        assert_eq!(detect(&odcs_v2), Ok(Detected::OdcsV2));
        let port = json!({"fullyQualifiedName": "urn:dpds:x:dataproducts:p:1:outputports:o"});
        assert!(detect(&port).unwrap_err().contains("DPDS component"));
        // A Bitol-looking kind under a foreign apiVersion is not Bitol.
        let fake = json!({"apiVersion": "example.com/v1", "kind": "DataProduct"});
        assert!(detect(&fake).is_err());
    }
}
