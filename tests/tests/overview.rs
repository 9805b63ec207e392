//! The domains and teams views, end to end: every domain one node with the coupling the
//! core computes and edges weighted as the core aggregates them; a domain expanded in
//! place into its products; a dragged node's place kept in the file for this view only;
//! the teams view with its own filter, apart from the canvas's.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mesh_core::diagram::View;
use mesh_core::filter::{self, ViewFilter};
use mesh_core::graph::MeshGraph;
use mesh_core::layered::Memo;
use mesh_core::overview::{Overview, overview};
use mesh_core::{Access, Store};
use meshwright_e2e::*;

const NODES: &str = "[data-testid=overview-node]";

/// The nodes drawn, as (id, kind, afferent, efferent), sorted.
async fn drawn(app: &App) -> WebDriverResult<Vec<(String, String, u32, u32)>> {
    let value = app
        .eval(&format!(
            "return [...document.querySelectorAll('{NODES}')].map(n => [n.dataset.id, n.dataset.kind, +n.dataset.afferent, +n.dataset.efferent]);"
        ))
        .await?;
    let mut nodes: Vec<(String, String, u32, u32)> = serde_json::from_value(value).unwrap();
    nodes.sort();
    Ok(nodes)
}

fn expected(core: &Overview) -> Vec<(String, String, u32, u32)> {
    let mut nodes: Vec<_> = core
        .nodes
        .iter()
        .map(|n| {
            let kind = serde_json::to_value(n.kind).unwrap();
            (
                n.id.to_string(),
                kind.as_str().unwrap().to_owned(),
                n.afferent,
                n.efferent,
            )
        })
        .collect();
    nodes.sort();
    nodes
}

/// Waits until the view draws `core`: its nodes and as many edges.
async fn shows(app: &App, view: &str, core: &Overview) -> WebDriverResult<()> {
    let edges = core.edges.len();
    app.wait(&format!(
        "[data-testid=overview-{view}][data-ready=true][data-edges='{edges}']"
    ))
    .await?;
    app.wait_count(NODES, |n| n == core.nodes.len()).await?;
    assert_eq!(drawn(app).await?, expected(core));
    app.wait_count("[data-testid=overview-edge]", |n| n == edges)
        .await?;
    let labels = app
        .eval("return [...document.querySelectorAll('[data-testid=overview-edge-label]')].map(t => +t.textContent);")
        .await?;
    let mut labels: Vec<u32> = serde_json::from_value(labels).unwrap();
    let mut weights: Vec<u32> = core.edges.iter().map(|e| e.weight).collect();
    labels.sort_unstable();
    weights.sort_unstable();
    assert_eq!(labels, weights, "each edge labelled with its weight");
    // The weights are drawn where they can be read: at 0.6 of their size or more.
    app.wait_true(
        "const zoom = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a;
         return [...document.querySelectorAll('[data-testid=overview-edge-label]')]
           .every((t) => (getComputedStyle(t).display === 'none') === (zoom < 0.6));",
        "the weights are drawn exactly when the zoom lets them be read",
    )
    .await?;
    Ok(())
}

/// Switches to `view` by its button and checks the frame in which it is first drawn: its
/// nodes already there and fitted to the pane (all inside, spanning most of its width or
/// height), not drawn first and fitted a few frames later, and still where they were two
/// frames on.
async fn opens_fitted(app: &App, view: &str) -> WebDriverResult<()> {
    let drawn = app
        .eval(&format!(
            "document.querySelector('[data-testid=view-{view}]').click();
             await new Promise((done) => {{
               const tick = () => document.querySelector('[data-testid=overview-{view}][data-ready=true]')
                 ? done() : requestAnimationFrame(tick);
               tick();
             }});
             const pane = document.querySelector('[data-testid=overview-{view}]').getBoundingClientRect();
             const boxes = [...document.querySelectorAll('{NODES}')].map((n) => n.getBoundingClientRect());
             const box = (r) => [r.left, r.top, r.right, r.bottom];
             const viewport = () => document.querySelector('[data-testid=overview-{view}] .react-flow__viewport')?.style.transform;
             const first = viewport();
             await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
             return [box(pane), boxes.map(box), first, viewport()];"
        ))
        .await?;
    let (pane, boxes, first, later): ([f64; 4], Vec<[f64; 4]>, String, String) =
        serde_json::from_value(drawn).unwrap();
    assert_eq!(
        first, later,
        "React Flow's own fit after measuring the nodes moves nothing"
    );
    assert!(
        !boxes.is_empty(),
        "the nodes are drawn in the view's first frame"
    );
    let [left, top, right, bottom] = boxes.iter().fold(
        [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
        |[l, t, r, b], n| [l.min(n[0]), t.min(n[1]), r.max(n[2]), b.max(n[3])],
    );
    assert!(
        left >= pane[0] - 1.0
            && top >= pane[1] - 1.0
            && right <= pane[2] + 1.0
            && bottom <= pane[3] + 1.0,
        "every node inside the pane {pane:?} in the first frame: {:?}",
        [left, top, right, bottom]
    );
    let spans = ((right - left) / (pane[2] - pane[0])).max((bottom - top) / (pane[3] - pane[1]));
    assert!(spans > 0.7, "fitted: the nodes span {spans:.2} of the pane");
    Ok(())
}

/// Presses a domain's expand (or collapse) button.
async fn toggle(app: &App, domain: impl std::fmt::Display) -> WebDriverResult<()> {
    let css = format!("{NODES}[data-id='{domain}'] [data-testid=overview-expand]");
    app.click(&css).await
}

#[tokio::test]
async fn domains_and_teams_views_draw_the_cores_overview() -> WebDriverResult<()> {
    let dir = tempfile::tempdir().unwrap();
    let (file, mesh) = demo_file(dir.path());
    let graph = MeshGraph::build(&mesh);
    let all = filter::apply(&mesh, &[], &ViewFilter::default());
    let orders = mesh.domains.iter().find(|d| d.name == "orders").unwrap();

    let app = App::launch(Some(&file), &dir.path().join("data")).await?;
    app.wait_painted().await?;

    eprintln!(
        "step: the domains view, fitted in its first frame, coupling and weights as the core's"
    );
    opens_fitted(&app, "domains").await?;
    let core = overview(
        &mesh,
        &graph,
        View::Domains,
        &all,
        None,
        &mut Memo::default(),
    );
    shows(&app, "domains", &core).await?;
    let coupling = app
        .wait(&format!(
            "{NODES}[data-id='{}'] [data-testid=overview-coupling]",
            orders.id
        ))
        .await?
        .text()
        .await?;
    let node = core.nodes.iter().find(|n| n.id == orders.id).unwrap();
    assert!(
        coupling.starts_with(&format!("Ca {} · Ce {} · I ", node.afferent, node.efferent)),
        "{coupling}"
    );
    app.picture("overview-domains").await?;

    eprintln!("step: orders expanded in place into its products");
    toggle(&app, orders.id).await?;
    let expanded = overview(
        &mesh,
        &graph,
        View::Domains,
        &all,
        Some(orders.id),
        &mut Memo::default(),
    );
    shows(&app, "domains", &expanded).await?;
    app.picture("overview-expanded").await?;
    toggle(&app, orders.id).await?;
    shows(&app, "domains", &core).await?;

    eprintln!("step: a dragged domain keeps its place, in this view only");
    let finance = mesh.domains.iter().find(|d| d.name == "finance").unwrap();
    let target = app
        .wait(&format!("{NODES}[data-id='{}']", finance.id))
        .await?;
    app.wait_still(&target).await?;
    let before = target.rect().await?;
    // The canvas's layout as the app stored it on opening (the demo comes without one).
    let canvas_layout = |mesh: &mesh_core::model::Mesh| -> Vec<(String, f64, f64)> {
        mesh.positions
            .iter()
            .filter(|p| p.view == "mesh")
            .map(|p| (p.entity_id.to_string(), p.x, p.y))
            .collect()
    };
    let laid_out = canvas_layout(
        &Store::open(&file, Access::ReadOnly)
            .unwrap()
            .load()
            .unwrap(),
    );
    app.driver
        .action_chain()
        .move_to_element_center(&target)
        .click_and_hold()
        .move_by_offset(10, 10)
        .move_by_offset(60, 80)
        .release()
        .perform()
        .await?;
    app.wait_within("[data-testid=status-undo]", TIMEOUT, |t| t.contains("Move"))
        .await?;
    let after = target.rect().await?;
    assert!(
        after.y > before.y + 20.0,
        "the node moved down: {before:?} → {after:?}"
    );
    let stored = Store::open(&file, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap();
    let in_view = |view: &str| stored.positions.iter().filter(|p| p.view == view).count();
    assert_eq!(
        in_view("domains"),
        mesh.domains.len(),
        "every domain's place kept"
    );
    assert_eq!(in_view("teams"), 0);
    assert_eq!(
        canvas_layout(&stored),
        laid_out,
        "the canvas's layout untouched"
    );

    eprintln!("step: the teams view, fitted in its first frame, with a filter of its own");
    opens_fitted(&app, "teams").await?;
    let teams = overview(&mesh, &graph, View::Teams, &all, None, &mut Memo::default());
    shows(&app, "teams", &teams).await?;
    app.picture("overview-teams").await?;
    let team = &mesh.teams[0];
    app.click("[data-testid=filter-add]").await?;
    app.click(&format!(
        "[data-testid=filter-team] option[value='{}']",
        team.id
    ))
    .await?;
    let narrowed = filter::apply(
        &mesh,
        &[],
        &ViewFilter {
            teams: vec![team.id],
            ..ViewFilter::default()
        },
    );
    shows(
        &app,
        "teams",
        &overview(
            &mesh,
            &graph,
            View::Teams,
            &narrowed,
            None,
            &mut Memo::default(),
        ),
    )
    .await?;
    app.ctrl('1').await?;
    app.wait_count("[data-testid=filter-chip]", |n| n == 0)
        .await?;
    app.quit().await
}
