//! What an import did, file by file and kind by kind: the entities each file created,
//! updated or left unchanged, the ones kept without a place (unresolved inputs,
//! unattached contracts), the files skipped with their reason, and the same counts per
//! kind of entity. The CLI's text and `--json` report and the app's Import dialog all
//! show this one summary, so they cannot count differently.
//!
//! It only counts; it must not decide anything about the import.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::{Action, ImportReport, Kept};
use crate::model::EntityKind;

/// One file's part in an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FileSummary {
    /// The file.
    pub path: PathBuf,
    /// Entities it creates.
    pub created: u32,
    /// Entities it changes.
    pub updated: u32,
    /// Entities it declares exactly as the mesh holds them.
    pub unchanged: u32,
    /// Input ports kept with a provider neither the import nor the mesh holds.
    pub unresolved: u32,
    /// Contracts kept that no output port references.
    pub unattached: u32,
    /// Why the file was not read, when it was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// The whole import's counts, the sum over the files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// Entities created.
    pub created: u32,
    /// Entities changed.
    pub updated: u32,
    /// Entities unchanged.
    pub unchanged: u32,
    /// Unresolved input ports.
    pub unresolved: u32,
    /// Unattached contracts.
    pub unattached: u32,
    /// Files skipped.
    pub skipped: u32,
}

impl Totals {
    /// How many entities the import creates or changes: none means there is nothing to
    /// import.
    pub fn changes(&self) -> u32 {
        self.created + self.updated
    }
}

/// One kind of entity's part in an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct KindSummary {
    /// The kind.
    pub kind: EntityKind,
    /// Entities of this kind created.
    pub created: u32,
    /// Entities of this kind changed.
    pub updated: u32,
    /// Entities of this kind unchanged.
    pub unchanged: u32,
}

/// The order kinds are listed in: what a data architect looks for first.
const KIND_ORDER: [EntityKind; 7] = [
    EntityKind::Product,
    EntityKind::OutputPort,
    EntityKind::InputPort,
    EntityKind::Domain,
    EntityKind::Team,
    EntityKind::Person,
    EntityKind::SourceSystem,
];

/// Where `kind` is listed: the kinds [`KIND_ORDER`] names first, the rest after them.
fn kind_rank(kind: EntityKind) -> (usize, EntityKind) {
    let rank = KIND_ORDER
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(KIND_ORDER.len());
    (rank, kind)
}

impl ImportReport {
    /// The entities created, updated and unchanged per kind, the kinds the import
    /// declares only, products first.
    pub fn by_kind(&self) -> Vec<KindSummary> {
        let mut kinds: BTreeMap<(usize, EntityKind), KindSummary> = BTreeMap::new();
        for e in &self.plan.entities {
            let k = kinds.entry(kind_rank(e.kind)).or_insert(KindSummary {
                kind: e.kind,
                created: 0,
                updated: 0,
                unchanged: 0,
            });
            match e.action {
                Action::Create => k.created += 1,
                Action::Update => k.updated += 1,
                Action::Unchanged => k.unchanged += 1,
            }
        }
        kinds.into_values().collect()
    }

    /// Every file of the import with its counts, in path order; skipped files too, and
    /// files whose entities another file declared first (counted there).
    pub fn by_file(&self) -> Vec<FileSummary> {
        let mut files: BTreeMap<PathBuf, FileSummary> = self
            .files
            .iter()
            .map(|p| (p.clone(), FileSummary::default()))
            .collect();
        for e in &self.plan.entities {
            let f = files.entry(e.path.clone()).or_default();
            match e.action {
                Action::Create => f.created += 1,
                Action::Update => f.updated += 1,
                Action::Unchanged => f.unchanged += 1,
            }
            match e.kept {
                Some(Kept::Unresolved) => f.unresolved += 1,
                Some(Kept::Unattached) => f.unattached += 1,
                None => {}
            }
        }
        for (path, why) in &self.skipped {
            files.entry(path.clone()).or_default().skipped = Some(why.clone());
        }
        files
            .into_iter()
            .map(|(path, f)| FileSummary { path, ..f })
            .collect()
    }

    /// The counts over all files.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for f in self.by_file() {
            t.created += f.created;
            t.updated += f.updated;
            t.unchanged += f.unchanged;
            t.unresolved += f.unresolved;
            t.unattached += f.unattached;
            t.skipped += u32::from(f.skipped.is_some());
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::super::{ImportPlan, Planned};
    use super::*;

    fn planned(kind: EntityKind, action: Action, path: &str) -> Planned {
        Planned {
            kind,
            id: Uuid::nil(),
            name: "x".into(),
            action,
            path: PathBuf::from(path),
            kept: None,
        }
    }

    #[test]
    fn counts_per_kind_products_first_and_the_changes() {
        let report = ImportReport {
            plan: ImportPlan {
                entities: vec![
                    planned(EntityKind::Team, Action::Create, "/m/a.yaml"),
                    planned(EntityKind::Product, Action::Create, "/m/a.yaml"),
                    planned(EntityKind::Product, Action::Update, "/m/b.yaml"),
                    planned(EntityKind::Product, Action::Unchanged, "/m/b.yaml"),
                    planned(EntityKind::OutputPort, Action::Create, "/m/a.yaml"),
                ],
                ..ImportPlan::default()
            },
            skipped: Vec::new(),
            documents: 2,
            files: vec![PathBuf::from("/m/a.yaml"), PathBuf::from("/m/b.yaml")],
            applied: false,
            edit: None,
        };
        let kinds = report.by_kind();
        let order: Vec<EntityKind> = kinds.iter().map(|k| k.kind).collect();
        assert_eq!(
            order,
            [
                EntityKind::Product,
                EntityKind::OutputPort,
                EntityKind::Team
            ]
        );
        assert_eq!(
            kinds[0],
            KindSummary {
                kind: EntityKind::Product,
                created: 1,
                updated: 1,
                unchanged: 1,
            }
        );
        assert_eq!(report.totals().changes(), 4);

        let unchanged = ImportReport {
            plan: ImportPlan {
                entities: vec![planned(EntityKind::Product, Action::Unchanged, "/m/a.yaml")],
                ..ImportPlan::default()
            },
            ..report
        };
        assert_eq!(unchanged.totals().changes(), 0);
    }
}
