//! Which personal-data column names reach each product through its dependencies: the
//! columns marked `personal_data` in the contracts of the ports it reads, and whatever
//! reaches the products serving them, unless a provider is declared de-identified.
//!
//! One fold over the graph's strongly connected components, providers first, so each
//! product is visited once whatever the depth of the mesh; names are normalised
//! ([`column_key`]) and interned, so a product's set costs a few integers per name. It
//! must not report: `security.rs` decides what is a finding.

use std::collections::{BTreeMap, HashMap};

use crate::governance::context::Context;
use crate::model::SchemaProperty;

/// A column name as compared across contracts: lower case, without `_` and `-`, so
/// `Customer_Email`, `customer-email` and `customerEmail` are one name.
pub(super) fn column_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    column_key_into(name, &mut key);
    key
}

/// [`column_key`] written into `key`, cleared first, for callers that look up many.
pub(super) fn column_key_into(name: &str, key: &mut String) {
    key.clear();
    key.extend(
        name.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase),
    );
}

/// Every named property of a contract's object, nested ones and array items
/// included: `visit` gets its dotted path (an item's ends in `[]`), the name it is
/// known by (an item without a name goes by its array's) and the property. One buffer
/// holds the path, so a schema of thousands of columns costs no string per column.
pub(super) fn walk<'p>(
    props: &'p [SchemaProperty],
    visit: &mut impl FnMut(&str, &str, &'p SchemaProperty),
) {
    walk_in(props, &mut String::new(), visit);
}

fn walk_in<'p>(
    props: &'p [SchemaProperty],
    path: &mut String,
    visit: &mut impl FnMut(&str, &str, &'p SchemaProperty),
) {
    for p in props.iter().filter(|p| !p.name.is_empty()) {
        let len = path.len();
        if len > 0 {
            path.push('.');
        }
        path.push_str(&p.name);
        walk_one(p, path, &p.name, visit);
        path.truncate(len);
    }
}

fn walk_one<'p>(
    p: &'p SchemaProperty,
    path: &mut String,
    name: &str,
    visit: &mut impl FnMut(&str, &str, &'p SchemaProperty),
) {
    visit(path, name, p);
    walk_in(&p.properties, path, visit);
    if let Some(item) = &p.items {
        let name = if item.name.is_empty() {
            name
        } else {
            &item.name
        };
        let len = path.len();
        path.push_str("[]");
        walk_one(item, path, name, visit);
        path.truncate(len);
    }
}

/// The personal-data column names reaching each product, by graph node: name keys
/// mapped to the nearest output port that declares them (steps up the lineage, then
/// position in the mesh's list, so the evidence does not depend on the fold's order).
pub(super) struct Reaching {
    names: HashMap<String, u32>,
    by_node: Vec<BTreeMap<u32, Origin>>,
}

/// Where a name comes from: (steps up the lineage, port position).
type Origin = (u32, u32);

impl Reaching {
    /// The fold; products for which `deidentified` holds pass on only the personal
    /// data their read ports declare, not what reaches them.
    pub(super) fn build(cx: &Context<'_>, deidentified: impl Fn(usize) -> bool) -> Reaching {
        let mesh = cx.mesh;
        let mut names: HashMap<String, u32> = HashMap::new();
        // Personal-data names each port declares, for ports some product reads.
        let mut declared: HashMap<usize, Vec<u32>> = HashMap::new();
        let mut reads: Vec<Vec<(usize, usize)>> = vec![Vec::new(); mesh.products.len()];
        for e in &cx.edges {
            let Some(port) = cx.port_index(e.port) else {
                continue;
            };
            reads[e.consumer_node].push((e.provider_node, port));
            declared.entry(port).or_insert_with(|| {
                let mut keys = Vec::new();
                for o in &e.port.contract_body.schema {
                    walk(&o.properties, &mut |_, name, p| {
                        if p.personal_data {
                            let key = column_key(name);
                            let next = names.len() as u32;
                            keys.push(*names.entry(key).or_insert(next));
                        }
                    });
                }
                keys
            });
        }
        let mut by_node: Vec<BTreeMap<u32, Origin>> = vec![BTreeMap::new(); mesh.products.len()];
        // Each node's component, set as components are reached: a provider already
        // set and in another component is done.
        let mut component = vec![usize::MAX; mesh.products.len()];
        for (c, members) in cx.graph.components().enumerate() {
            for m in members.clone() {
                component[m] = c;
            }
            let mut acc: BTreeMap<u32, Origin> = BTreeMap::new();
            for m in members.clone() {
                for &(provider, port) in &reads[m] {
                    for &name in declared.get(&port).map_or(&[][..], Vec::as_slice) {
                        add(&mut acc, name, (1, port as u32));
                    }
                    if component[provider] != c && !deidentified(provider) {
                        for (&name, &(steps, port)) in &by_node[provider] {
                            add(&mut acc, name, (steps.saturating_add(1), port));
                        }
                    }
                }
            }
            if acc.is_empty() {
                continue;
            }
            for m in members {
                by_node[m] = acc.clone();
            }
        }
        Reaching { names, by_node }
    }

    /// The port declaring `key` personal data upstream of the product at `node`.
    pub(super) fn origin(&self, node: usize, key: &str) -> Option<usize> {
        let name = self.names.get(key)?;
        self.by_node.get(node)?.get(name).map(|&(_, p)| p as usize)
    }

    /// Whether any personal-data name reaches the product at `node`.
    pub(super) fn any(&self, node: usize) -> bool {
        self.by_node.get(node).is_some_and(|m| !m.is_empty())
    }
}

/// Records that `name` reaches from `origin`, keeping the nearest origin.
fn add(acc: &mut BTreeMap<u32, Origin>, name: u32, origin: Origin) {
    acc.entry(name)
        .and_modify(|o| *o = (*o).min(origin))
        .or_insert(origin);
}
