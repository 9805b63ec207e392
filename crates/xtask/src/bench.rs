//! `cargo xtask bench`: runs mesh-core's `scale` benchmark, whose custom harness prints a
//! markdown table, passing arguments after `--` through to the harness.
//!
//! It must not interpret the harness's arguments or its output.

use anyhow::{Result, bail};

use crate::{exec, tools};

/// Runs the benchmark; `args` are what followed `bench` on the command line.
pub fn run(args: &[String]) -> Result<()> {
    let extra = match args.split_first() {
        None => &[][..],
        Some((first, rest)) if first == "--" => rest,
        // Requiring `--` keeps harness arguments apart from any xtask option added later.
        Some((first, _)) => bail!(
            "unexpected argument `{first}`; pass benchmark arguments after `--`: \
             cargo xtask bench -- <args>"
        ),
    };
    let mut cmd = tools::cargo();
    cmd.args(["bench", "-p", "mesh-core", "--bench", "scale", "--locked"]);
    if !extra.is_empty() {
        cmd.arg("--").args(extra);
    }
    exec::run(&mut cmd)
}
