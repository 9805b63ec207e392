//! `meshwright diagram`: a view of the mesh as SVG, PNG, Mermaid or Graphviz DOT,
//! without a browser. The diagram is the core's (`mesh_core::diagram`); this module
//! reads the arguments, shows a PNG's progress on a terminal, writes the bytes to
//! `-o PATH` (atomically) or stdout, and turns an unknown `--domain` into exit code 2
//! with the closest names.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use mesh_app::TaskPhase;
use mesh_core::diagram::{self, Format, View};

use super::load;
use crate::{Outcome, progress};

/// Draw the mesh (products, domains or teams) as SVG, PNG, Mermaid or DOT.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The mesh file.
    file: PathBuf,
    /// The output format.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// What to draw: products in their domains, domains with their coupling, or teams.
    #[arg(long, value_enum, default_value = "products")]
    view: ViewArg,
    /// Only this domain (its name) and its subdomains, with the products elsewhere
    /// that connect to them drawn faded; repeat for several domains.
    #[arg(long)]
    domain: Vec<String>,
    /// Pixels per diagram unit for PNG.
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// Where to write the diagram (stdout when not given). The folder must exist.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// The formats on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    /// Scalable vector graphics, every name as text.
    Svg,
    /// A PNG image of the SVG at `--scale`.
    Png,
    /// Mermaid flowchart text.
    Mermaid,
    /// Graphviz DOT text.
    Dot,
}

/// The views on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ViewArg {
    /// Data products grouped in their domains.
    Products,
    /// One node per domain, labelled with its coupling.
    Domains,
    /// One node per owner team.
    Teams,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let format = match args.format {
        FormatArg::Svg => Format::Svg,
        FormatArg::Png => Format::Png,
        FormatArg::Mermaid => Format::Mermaid,
        FormatArg::Dot => Format::Dot,
    };
    let view = match args.view {
        ViewArg::Products => View::Products,
        ViewArg::Domains => View::Domains,
        ViewArg::Teams => View::Teams,
    };
    if format == Format::Png && args.output.is_none() && std::io::stdout().is_terminal() {
        bail!("a PNG is not written to a terminal: give -o PATH or redirect stdout");
    }
    let (mesh, graph) = load(&args.file)?;
    let drawn = match diagram::build_for(
        &mesh,
        &graph,
        view,
        &args.domain.iter().map(String::as_str).collect::<Vec<_>>(),
    ) {
        Ok(d) => d,
        Err(unknown) => {
            eprintln!("meshwright: error: {}: {unknown}", args.file.display());
            return Ok(Outcome::Refused);
        }
    };
    // Rasterising a large view takes seconds: a bar on a terminal (nothing cancels it
    // but the process ending). Text formats come at once and report no parts.
    let bar = match format {
        diagram::Format::Png => progress::bar("drawing"),
        diagram::Format::Svg | diagram::Format::Mermaid | diagram::Format::Dot => {
            progress::hidden()
        }
    };
    let made = progress::token(&bar, TaskPhase::Drawing).run(TaskPhase::Drawing, |p, c| {
        diagram::render(&mesh, &drawn, format, args.scale, p, c)
    });
    // Cleared before an error is printed too, so no stale bar stands above it.
    bar.finish_and_clear();
    let bytes = made?;
    match &args.output {
        Some(path) => {
            // The core's error names the folder and the cause in one line; no chain.
            diagram::write_atomically(path, &bytes)
                .map_err(|e| anyhow::anyhow!("cannot write the diagram: {e}"))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .context("writing the diagram to stdout")?;
        }
    }
    Ok(Outcome::Ok)
}
