//! What an impact or what-if question is about, named as a user types it: `PRODUCT` or
//! `PRODUCT/PORT` by their names (slugs), with the closest names offered when one is
//! unknown. It must not walk the graph.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Shape;

/// How many close names an unknown one offers.
const SUGGESTIONS: usize = 3;

/// Names at least this similar (Jaro-Winkler, 0 to 1) are offered.
const SIMILAR: f64 = 0.75;

/// A data product, or one of its output ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ImpactTarget {
    /// The whole product, every port of it.
    Product {
        /// The product.
        product: Uuid,
    },
    /// One output port.
    Port {
        /// Its product.
        product: Uuid,
        /// The port.
        port: Uuid,
    },
}

impl ImpactTarget {
    /// The product asked about (the port's for a port).
    pub fn product(self) -> Uuid {
        match self {
            ImpactTarget::Product { product } | ImpactTarget::Port { product, .. } => product,
        }
    }

    /// The port asked about, if any.
    pub fn port(self) -> Option<Uuid> {
        match self {
            ImpactTarget::Product { .. } => None,
            ImpactTarget::Port { port, .. } => Some(port),
        }
    }
}

/// A name the mesh does not hold, with the closest ones it does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct UnknownName {
    /// What was looked for: `data product`, `output port of orders`.
    pub what: String,
    /// The name given.
    pub name: String,
    /// The closest names the mesh holds, most similar first.
    pub suggestions: Vec<String>,
}

impl UnknownName {
    fn describe(&self) -> String {
        let mut text = format!("no {} named {:?}", self.what, self.name);
        if !self.suggestions.is_empty() {
            text.push_str(&format!("; did you mean {}?", self.suggestions.join(", ")));
        }
        text
    }
}

/// The target `spec` names: `PRODUCT` or `PRODUCT/PORT`.
pub fn resolve(shape: &Shape, spec: &str) -> Result<ImpactTarget, UnknownName> {
    let (product_name, port_name) = match spec.split_once('/') {
        Some((product, port)) => (product, Some(port)),
        None => (spec, None),
    };
    let product = shape
        .products
        .iter()
        .find(|p| p.name == product_name)
        .ok_or_else(|| UnknownName {
            what: "data product".into(),
            name: product_name.into(),
            suggestions: closest(product_name, shape.products.iter().map(|p| p.name.as_str())),
        })?;
    let Some(port_name) = port_name else {
        return Ok(ImpactTarget::Product {
            product: product.id,
        });
    };
    let ports = || {
        shape
            .output_ports
            .iter()
            .filter(|o| o.product_id == product.id)
    };
    let port = ports()
        .filter(|o| o.name == port_name)
        .min_by(|a, b| a.version.cmp(&b.version))
        .ok_or_else(|| UnknownName {
            what: format!("output port of {}", product.name),
            name: port_name.into(),
            suggestions: closest(port_name, ports().map(|o| o.name.as_str())),
        })?;
    Ok(ImpactTarget::Port {
        product: product.id,
        port: port.id,
    })
}

/// The names most like `wanted`: containing it or contained in it first, then by
/// similarity, at most [`SUGGESTIONS`].
pub fn closest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(bool, f64, &str)> = names
        .filter_map(|name| {
            let lower = name.to_lowercase();
            let contains =
                !wanted.is_empty() && (lower.contains(&wanted) || wanted.contains(&lower));
            let score = strsim::jaro_winkler(&wanted, &lower);
            (contains || score >= SIMILAR).then_some((contains, score, name))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, _, name)| name.to_owned())
        .collect()
}
