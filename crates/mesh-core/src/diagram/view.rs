//! What each view draws: products in domain groups, domains with their coupling, or
//! teams, with edges weighted by the product dependencies behind them. It decides
//! what is drawn and with which words; it must not place or write anything.
//!
//! Narrowed to a domain (`--domain`), a view draws the domain and its subdomains in
//! full, and the products elsewhere that read from them or feed them as faded
//! neighbours (with their domains and teams faded alike), so the diagram shows what
//! crosses the domain's border; dependencies between two neighbours are left out.

use std::collections::{BTreeMap, HashMap, HashSet};

use uuid::Uuid;

use super::{Diagram, Edge, Group, Node, View};
use crate::graph::MeshGraph;
use crate::impact::target::{UnknownName, closest};
use crate::model::Mesh;

/// The label of the node standing for products without an owner team.
const NO_OWNER: &str = "(no owner team)";

/// The `view` of `mesh`, narrowed to the domain named `domain` and its subdomains when
/// given. An unknown domain name is refused with the closest ones.
pub fn build(
    mesh: &Mesh,
    graph: &MeshGraph,
    view: View,
    domain: Option<&str>,
) -> Result<Diagram, UnknownName> {
    build_for(mesh, graph, view, domain.as_slice())
}

/// The `view` of `mesh`, narrowed to the domains named in `names` with their
/// subdomains (the whole mesh when none is named). An unknown name is refused with the
/// closest ones.
pub fn build_for(
    mesh: &Mesh,
    graph: &MeshGraph,
    view: View,
    names: &[&str],
) -> Result<Diagram, UnknownName> {
    let mut focus: Option<HashSet<Uuid>> = None;
    for name in names {
        focus
            .get_or_insert_default()
            .extend(focus_domains(mesh, name)?);
    }
    let domain = (!names.is_empty()).then(|| names.join(", "));
    let domain = domain.as_deref();
    let scope = Scope::new(mesh, graph, focus.as_ref());
    let mut title = mesh.info.name.clone();
    if let Some(name) = domain {
        title.push_str(" – ");
        title.push_str(name);
    }
    let (groups, nodes, edges) = match view {
        View::Products => products(mesh, &scope),
        View::Domains => domains(mesh, graph, &scope),
        View::Teams => teams(mesh, &scope),
    };
    Ok(Diagram {
        view,
        title,
        groups,
        nodes,
        edges,
    })
}

/// The domain named `name` and every domain below it.
fn focus_domains(mesh: &Mesh, name: &str) -> Result<HashSet<Uuid>, UnknownName> {
    let root = mesh
        .domains
        .iter()
        .find(|d| d.name == name)
        .ok_or_else(|| UnknownName {
            what: "domain".into(),
            name: name.into(),
            suggestions: closest(name, mesh.domains.iter().map(|d| d.name.as_str())),
        })?;
    let mut set = HashSet::from([root.id]);
    // Parents may come after children in name order: repeat until nothing is added.
    loop {
        let before = set.len();
        for d in &mesh.domains {
            if d.parent_id.is_some_and(|p| set.contains(&p)) {
                set.insert(d.id);
            }
        }
        if set.len() == before {
            return Ok(set);
        }
    }
}

/// The products and dependencies a narrowed or whole view is made of.
struct Scope {
    /// The chosen domains; `None` for the whole mesh.
    focus: Option<HashSet<Uuid>>,
    /// Products drawn (in focus or neighbours), by id.
    drawn: HashSet<Uuid>,
    /// Product dependencies kept, as (provider, consumer), once per input port.
    deps: Vec<(Uuid, Uuid)>,
    /// Each product's domain.
    domain_of: HashMap<Uuid, Uuid>,
}

impl Scope {
    fn new(mesh: &Mesh, graph: &MeshGraph, focus: Option<&HashSet<Uuid>>) -> Scope {
        let domain_of: HashMap<Uuid, Uuid> =
            mesh.products.iter().map(|p| (p.id, p.domain_id)).collect();
        let in_focus =
            |p: &Uuid| focus.is_none_or(|f| domain_of.get(p).is_some_and(|d| f.contains(d)));
        let mut drawn: HashSet<Uuid> = mesh
            .products
            .iter()
            .map(|p| p.id)
            .filter(|p| in_focus(p))
            .collect();
        let mut deps = Vec::new();
        for p in &mesh.products {
            for (provider, _) in graph.dependencies_of(p.id) {
                if in_focus(&p.id) || in_focus(&provider) {
                    deps.push((provider, p.id));
                }
            }
        }
        for (provider, consumer) in &deps {
            drawn.insert(*provider);
            drawn.insert(*consumer);
        }
        Scope {
            focus: focus.cloned(),
            drawn,
            deps,
            domain_of,
        }
    }

    fn domain_in_focus(&self, domain: Uuid) -> bool {
        self.focus.as_ref().is_none_or(|f| f.contains(&domain))
    }

    fn product_in_focus(&self, product: Uuid) -> bool {
        self.domain_of
            .get(&product)
            .is_some_and(|d| self.domain_in_focus(*d))
    }
}

/// Edges from `(from, to)` node pairs, one per pair with its count, self-loops dropped.
fn weighted(pairs: impl Iterator<Item = (usize, usize)>) -> Vec<Edge> {
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for pair in pairs.filter(|(a, b)| a != b) {
        *counts.entry(pair).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((from, to), weight)| Edge { from, to, weight })
        .collect()
}

fn products(mesh: &Mesh, scope: &Scope) -> (Vec<Group>, Vec<Node>, Vec<Edge>) {
    // Domains drawn: the chosen ones and those holding a drawn product; parents first.
    let shown: HashSet<Uuid> = mesh
        .domains
        .iter()
        .filter(|d| scope.domain_in_focus(d.id))
        .map(|d| d.id)
        .chain(
            scope
                .drawn
                .iter()
                .filter_map(|p| scope.domain_of.get(p).copied()),
        )
        .collect();
    let parent: HashMap<Uuid, Option<Uuid>> =
        mesh.domains.iter().map(|d| (d.id, d.parent_id)).collect();
    let depth = |mut id: Uuid| {
        let mut depth = 0;
        while let Some(Some(p)) = parent.get(&id) {
            if !shown.contains(p) || depth > mesh.domains.len() {
                break;
            }
            depth += 1;
            id = *p;
        }
        depth
    };
    let mut ordered: Vec<_> = mesh
        .domains
        .iter()
        .filter(|d| shown.contains(&d.id))
        .collect();
    ordered.sort_by_key(|d| depth(d.id));
    let group_of: HashMap<Uuid, usize> =
        ordered.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let groups = ordered
        .iter()
        .map(|d| Group {
            id: d.id,
            label: d.title.clone(),
            parent: d.parent_id.and_then(|p| group_of.get(&p).copied()),
            faded: !scope.domain_in_focus(d.id),
        })
        .collect();
    let mut ports: HashMap<Uuid, Vec<String>> = HashMap::new();
    for port in &mesh.output_ports {
        ports
            .entry(port.product_id)
            .or_default()
            .push(format!("{} v{}", port.name, port.version));
    }
    let mut index = HashMap::new();
    let mut nodes = Vec::new();
    for p in mesh.products.iter().filter(|p| scope.drawn.contains(&p.id)) {
        index.insert(p.id, nodes.len());
        nodes.push(Node {
            id: Some(p.id),
            label: p.display_name.clone(),
            note: (p.name != p.display_name).then(|| p.name.clone()),
            rows: ports.remove(&p.id).unwrap_or_default(),
            group: group_of.get(&p.domain_id).copied(),
            faded: !scope.product_in_focus(p.id),
        });
    }
    let edges = weighted(scope.deps.iter().map(|(a, b)| (index[a], index[b])));
    (groups, nodes, edges)
}

/// Afferent (Ca: dependencies coming in from other domains, on this one's products)
/// and efferent (Ce: going out to other domains) coupling, with the instability
/// I = Ce / (Ca + Ce), undefined for a domain with neither.
pub(super) fn coupling(ca: usize, ce: usize) -> String {
    let instability = if ca + ce == 0 {
        "–".to_owned()
    } else {
        format!("{:.2}", ce as f64 / (ca + ce) as f64)
    };
    format!("Ca {ca} · Ce {ce} · I {instability}")
}

fn domains(mesh: &Mesh, graph: &MeshGraph, scope: &Scope) -> (Vec<Group>, Vec<Node>, Vec<Edge>) {
    // Coupling counts every crossing dependency of the mesh, narrowed or not.
    let condensed = graph.domain_graph();
    let mut ca: HashMap<Uuid, usize> = HashMap::new();
    let mut ce: HashMap<Uuid, usize> = HashMap::new();
    for e in &condensed.edges {
        *ca.entry(e.provider).or_default() += e.dependencies;
        *ce.entry(e.consumer).or_default() += e.dependencies;
    }
    let shown: HashSet<Uuid> = scope
        .drawn
        .iter()
        .filter_map(|p| scope.domain_of.get(p).copied())
        .collect();
    let mut index = HashMap::new();
    let mut nodes = Vec::new();
    for d in &mesh.domains {
        if !scope.domain_in_focus(d.id) && !shown.contains(&d.id) {
            continue;
        }
        index.insert(d.id, nodes.len());
        let (a, e) = (
            ca.get(&d.id).copied().unwrap_or(0),
            ce.get(&d.id).copied().unwrap_or(0),
        );
        nodes.push(Node {
            id: Some(d.id),
            label: d.title.clone(),
            note: Some(coupling(a, e)),
            rows: Vec::new(),
            group: None,
            faded: !scope.domain_in_focus(d.id),
        });
    }
    let edges = weighted(scope.deps.iter().filter_map(|(a, b)| {
        Some((
            *index.get(scope.domain_of.get(a)?)?,
            *index.get(scope.domain_of.get(b)?)?,
        ))
    }));
    (Vec::new(), nodes, edges)
}

fn teams(mesh: &Mesh, scope: &Scope) -> (Vec<Group>, Vec<Node>, Vec<Edge>) {
    let known: HashSet<Uuid> = mesh.teams.iter().map(|t| t.id).collect();
    // A product whose owner is not a team of the mesh counts as unowned.
    let owner: HashMap<Uuid, Option<Uuid>> = mesh
        .products
        .iter()
        .map(|p| (p.id, p.owner_team_id.filter(|t| known.contains(t))))
        .collect();
    let mut owned: HashMap<Option<Uuid>, (usize, bool)> = HashMap::new();
    for p in mesh.products.iter().filter(|p| scope.drawn.contains(&p.id)) {
        let entry = owned.entry(owner[&p.id]).or_default();
        if scope.product_in_focus(p.id) {
            entry.0 += 1;
            entry.1 = true;
        }
    }
    let products = |n: usize| format!("{n} product{}", if n == 1 { "" } else { "s" });
    let mut index = HashMap::new();
    let mut nodes = Vec::new();
    for t in &mesh.teams {
        let Some(&(count, focused)) = owned.get(&Some(t.id)) else {
            if scope.focus.is_some() {
                continue;
            }
            index.insert(Some(t.id), nodes.len());
            nodes.push(team_node(Some(t.id), &t.title, products(0), false));
            continue;
        };
        index.insert(Some(t.id), nodes.len());
        nodes.push(team_node(Some(t.id), &t.title, products(count), !focused));
    }
    if let Some(&(count, focused)) = owned.get(&None) {
        index.insert(None, nodes.len());
        nodes.push(team_node(None, NO_OWNER, products(count), !focused));
    }
    let edges = weighted(
        scope
            .deps
            .iter()
            .map(|(a, b)| (index[&owner[a]], index[&owner[b]])),
    );
    (Vec::new(), nodes, edges)
}

fn team_node(id: Option<Uuid>, title: &str, note: String, faded: bool) -> Node {
    Node {
        id,
        label: title.to_owned(),
        note: Some(note),
        rows: Vec::new(),
        group: None,
        faded,
    }
}
