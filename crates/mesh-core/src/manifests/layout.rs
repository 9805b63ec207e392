//! Where each document lands under the export root, as a `/`-separated relative path.
//!
//! The layout:
//!
//! ```text
//! <root>/                                   without --by-domain: one tree for the mesh
//!   dataproducts/<product>/<file>           Scope::Product (ODPS, its ODCS contracts, ...)
//!   domains/<domain>/<file>                 Scope::Domain (catalog-info.yaml, ...)
//!   contracts/<file>                        Scope::Mesh (contracts kept unattached), in
//!                                           both layouts: they belong to no domain yet
//!   <file>                                  Scope::Root, in both layouts
//!
//! <root>/<domain folder>/                   with --by-domain: one tree per domain, the
//!   dataproducts/<product>/<file>           domain's `repoFolder` (its repository clone)
//!   <file>                                  or its name; Scope::Domain files at its top
//! ```
//!
//! Without `--by-domain` the domain files go one folder down so that several domains'
//! `catalog-info.yaml` cannot collide. Every segment passes `paths` (a domain folder
//! may hold several segments), and two documents on one path are refused.
//!
//! It must not touch the file system.

use super::{Document, ExportContext, Scope, paths};
use crate::error::{Error, Result};
use crate::model::Domain;

/// The folder holding one folder per data product.
pub const PRODUCTS_DIR: &str = "dataproducts";
/// The folder holding the contracts no output port has yet.
pub const CONTRACTS_DIR: &str = "contracts";
/// The folder holding one folder per domain when all domains share one tree.
pub const DOMAINS_DIR: &str = "domains";
/// The record of the files an export wrote, kept at the export root; no document may
/// take its place.
pub const INDEX_FILE: &str = ".meshwright-export.json";

/// A document with the place it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Relative to the export root, `/`-separated.
    pub path: String,
    /// The complete text.
    pub text: String,
}

/// Places every document; the result is sorted by path.
pub fn place(ctx: &ExportContext<'_>, docs: Vec<Document>, by_domain: bool) -> Result<Vec<Placed>> {
    let mut placed = Vec::with_capacity(docs.len());
    for doc in docs {
        check_segment(&doc.file_name, &doc.file_name)?;
        let folder = match doc.scope {
            Scope::Product(id) => {
                let product = ctx.products.get(&id).ok_or_else(|| Error::Export {
                    path: doc.file_name.clone(),
                    reason: format!("belongs to a data product that is not in the mesh ({id})"),
                })?;
                check_segment(&product.name, &doc.file_name)?;
                let products = format!("{PRODUCTS_DIR}/{}", product.name);
                if by_domain {
                    let domain = domain(ctx, product.domain_id, &doc.file_name)?;
                    format!("{}/{products}", domain_folder(domain)?)
                } else {
                    products
                }
            }
            Scope::Domain(id) => {
                let domain = domain(ctx, id, &doc.file_name)?;
                if by_domain {
                    domain_folder(domain)?.to_owned()
                } else {
                    check_segment(&domain.name, &doc.file_name)?;
                    format!("{DOMAINS_DIR}/{}", domain.name)
                }
            }
            Scope::Mesh => CONTRACTS_DIR.to_owned(),
            Scope::Root => String::new(),
        };
        placed.push(Placed {
            path: if folder.is_empty() {
                doc.file_name
            } else {
                format!("{folder}/{}", doc.file_name)
            },
            text: doc.text,
        });
    }
    placed.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(pair) = placed.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(Error::Export {
            path: pair[0].path.clone(),
            reason: "two documents would be written to this path; give the domains distinct repository folders".into(),
        });
    }
    Ok(placed)
}

fn domain<'m>(ctx: &ExportContext<'m>, id: uuid::Uuid, file: &str) -> Result<&'m Domain> {
    ctx.domains.get(&id).copied().ok_or_else(|| Error::Export {
        path: file.to_owned(),
        reason: format!("belongs to a domain that is not in the mesh ({id})"),
    })
}

/// The domain's folder under the root: its `repoFolder`, else its name.
pub fn domain_folder(domain: &Domain) -> Result<&str> {
    let folder = domain.repo_folder.as_deref().unwrap_or(&domain.name);
    match paths::relative_problem(folder) {
        Some(reason) => Err(Error::Export {
            path: folder.to_owned(),
            reason: format!("domain {}'s repository folder {reason}", domain.name),
        }),
        None => Ok(folder),
    }
}

fn check_segment(segment: &str, file: &str) -> Result<()> {
    match paths::segment_problem(segment) {
        Some(reason) => Err(Error::Export {
            path: file.to_owned(),
            reason: format!("{segment:?} {reason}"),
        }),
        None if segment == INDEX_FILE => Err(Error::Export {
            path: file.to_owned(),
            reason: "is the name of Meshwright's export index".into(),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_mesh;
    use crate::manifests::ExportOptions;

    fn docs(mesh: &crate::model::Mesh) -> Vec<Document> {
        let product = &mesh.products[0];
        vec![
            Document {
                scope: Scope::Product(product.id),
                file_name: format!("{}.odps.yaml", product.name),
                text: "a\n".into(),
            },
            Document {
                scope: Scope::Domain(product.domain_id),
                file_name: "catalog-info.yaml".into(),
                text: "b\n".into(),
            },
        ]
    }

    #[test]
    fn one_tree_puts_products_and_domains_in_their_folders() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let placed = place(&ctx, docs(&mesh), false).unwrap();
        let p = &mesh.products[0];
        let d = ctx.domains[&p.domain_id];
        let paths: Vec<&str> = placed.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                format!("dataproducts/{0}/{0}.odps.yaml", p.name),
                format!("domains/{}/catalog-info.yaml", d.name)
            ]
        );
    }

    #[test]
    fn by_domain_uses_the_repo_folder_or_the_name() {
        let mut mesh = demo_mesh();
        let p = mesh.products[0].clone();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let d = ctx.domains[&p.domain_id].name.clone();
        let placed = place(&ctx, docs(&mesh), true).unwrap();
        assert_eq!(placed[0].path, format!("{d}/catalog-info.yaml"));
        assert_eq!(
            placed[1].path,
            format!("{d}/dataproducts/{0}/{0}.odps.yaml", p.name)
        );
        let list = docs(&mesh);
        for dom in &mut mesh.domains {
            if dom.id == p.domain_id {
                dom.repo_folder = Some("repos/sales-data".into());
            }
        }
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let placed = place(&ctx, list, true).unwrap();
        assert_eq!(placed[0].path, "repos/sales-data/catalog-info.yaml");
    }

    #[test]
    fn root_documents_land_at_the_root_in_both_layouts() {
        let mesh = demo_mesh();
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let root = || Document {
            scope: Scope::Root,
            file_name: "catalog-info.yaml".into(),
            text: "c\n".into(),
        };
        for by_domain in [false, true] {
            let placed = place(&ctx, vec![root()], by_domain).unwrap();
            assert_eq!(placed[0].path, "catalog-info.yaml");
        }
        let index = Document {
            file_name: INDEX_FILE.into(),
            ..root()
        };
        assert!(place(&ctx, vec![index], false).is_err());
    }

    #[test]
    fn unsafe_folders_and_names_are_refused() {
        let mut mesh = demo_mesh();
        let p = mesh.products[0].clone();
        for dom in &mut mesh.domains {
            dom.repo_folder = Some("../outside".into());
        }
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let err = place(&ctx, docs(&mesh), true).unwrap_err();
        assert!(err.to_string().contains(".."), "{err}");
        // Without --by-domain the repository folders are not used.
        assert!(place(&ctx, docs(&mesh), false).is_ok());
        let bad = Document {
            scope: Scope::Product(p.id),
            file_name: "../../etc/passwd".into(),
            text: String::new(),
        };
        assert!(place(&ctx, vec![bad], false).is_err());
        let index = Document {
            scope: Scope::Domain(p.domain_id),
            file_name: INDEX_FILE.into(),
            text: String::new(),
        };
        assert!(place(&ctx, vec![index], false).is_err());
    }

    #[test]
    fn two_domains_in_one_folder_collide_with_a_clear_error() {
        let mut mesh = demo_mesh();
        for dom in &mut mesh.domains {
            dom.repo_folder = Some("shared".into());
        }
        let ctx = ExportContext::new(&mesh, ExportOptions::default());
        let docs: Vec<Document> = mesh
            .domains
            .iter()
            .map(|d| Document {
                scope: Scope::Domain(d.id),
                file_name: "catalog-info.yaml".into(),
                text: String::new(),
            })
            .collect();
        let err = place(&ctx, docs, true).unwrap_err();
        assert!(
            err.to_string().contains("shared/catalog-info.yaml"),
            "{err}"
        );
    }
}
