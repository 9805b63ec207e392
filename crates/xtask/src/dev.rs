//! `cargo xtask dev`: the UI with hot reload. Starts Vite's dev server in ui/ (port 5173,
//! the `devUrl` of tauri.conf.json), waits until it listens, then runs the desktop app
//! without its `custom-protocol` feature, so the window loads the dev server instead of
//! the embedded ui/dist; an edit under ui/src shows at once. Closing the app stops Vite.
//!
//! It must not build the UI for release or run any test.

use std::net::TcpStream;
use std::process::Child;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::run::DESKTOP_PACKAGE;
use crate::{exec, setup, system, tools};

/// Vite's port, as `server.port` in ui/vite.config.ts and `build.devUrl` say.
const DEV_PORT: u16 = 5173;

/// Stops the dev server when the app exits, however it exits.
struct DevServer(Child);

impl Drop for DevServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Set-up, the dev server, then the app against it.
pub fn run() -> Result<()> {
    if cfg!(target_os = "linux") {
        system::ensure("building the desktop app", setup::TAURI_BUILD_PACKAGES)?;
    }
    setup::node_modules().context("preparing ui/")?;
    if TcpStream::connect(("127.0.0.1", DEV_PORT)).is_ok() {
        bail!(
            "port {DEV_PORT} is taken (another `cargo xtask dev` or `npm run dev`?): stop it first"
        );
    }
    let server = tools::npm()
        .args(["run", "dev"])
        .spawn()
        .context("starting Vite's dev server (`npm run dev` in ui/)")?;
    let _server = DevServer(server);
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", DEV_PORT)).is_err() {
        if Instant::now() > deadline {
            bail!("Vite's dev server did not listen on port {DEV_PORT} within a minute");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    exec::run(tools::cargo().args(["run", "-p", DESKTOP_PACKAGE, "--no-default-features"]))
        .context("running the desktop app against the dev server")
}
