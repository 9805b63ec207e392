//! The harness of the end-to-end tests: starts `tauri-driver` (which starts
//! `WebKitWebDriver`, which starts the built app) in its own process group, opens a
//! WebDriver session on the real window, and offers the few waits and lookups the tests
//! need. It must not hold test scenarios: those are in `tests/`.
//!
//! Needs: the app built (`cargo build -p meshwright-app`), `tauri-driver` on PATH or in
//! `~/.cargo/bin`, `WebKitWebDriver` (Debian: webkit2gtk-driver) and an X display
//! (`xvfb-run -a`). `cargo xtask test` provides all of them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub use thirtyfour::prelude::*;

/// How long a wait for the window to reach a state may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// How long one script given to [`App::eval`] may run: timed scenarios on 10,000
/// products take most of a minute on a loaded CI machine.
const EVAL_LIMIT: Duration = Duration::from_secs(300);

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

/// Whether `e` is WebKitWebDriver failing to read back what it found: "Could not parse
/// element info" (an "unknown error"), which a loaded machine sometimes gives for an
/// element that is there, or "Stale element found when trying to create the node
/// handle", when React draws the element again between the lookup and its handle.
/// Asking again answers. Only lookups are retried, never anything the app does.
fn misread(e: &thirtyfour::error::WebDriverError) -> bool {
    stale(e)
        || matches!(
            e.as_inner(),
            thirtyfour::error::WebDriverErrorInner::UnknownError(_)
        )
}

/// Whether `e` says the element's handle is stale: the element was drawn again since it
/// was found, and nothing was done to it.
fn stale(e: &thirtyfour::error::WebDriverError) -> bool {
    matches!(
        e.as_inner(),
        thirtyfour::error::WebDriverErrorInner::StaleElementReference(_)
    )
}

/// Whether `e` is the driver not answering a request over HTTP (a dropped or refused
/// connection), as opposed to an answer from the window.
fn unanswered(e: &thirtyfour::error::WebDriverError) -> bool {
    matches!(
        e.as_inner(),
        thirtyfour::error::WebDriverErrorInner::HttpError(_)
    )
}

/// Where tests leave screenshots, logs and measured figures.
pub fn artifacts() -> PathBuf {
    let dir = root().join("artifacts").join("e2e");
    std::fs::create_dir_all(&dir).expect("artifacts folder");
    dir
}

/// A binary of the workspace's debug build (`$CARGO_TARGET_DIR/debug/<name>`), which
/// `cargo build -p <package>` makes.
pub fn debug_binary(name: &str, package: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let binary = target.join("debug").join(name);
    assert!(
        binary.is_file(),
        "{} is missing: build it with `cargo build -p {package}` (cargo xtask test does)",
        binary.display()
    );
    binary
}

/// The app under test: `$MESHWRIGHT_E2E_APP` (a release build, for measuring), else the
/// workspace's debug build.
pub fn app_binary() -> PathBuf {
    if let Some(app) = std::env::var_os("MESHWRIGHT_E2E_APP") {
        return PathBuf::from(app);
    }
    debug_binary("meshwright-app", "meshwright-app")
}

fn tauri_driver() -> PathBuf {
    let in_cargo =
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"));
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("tauri-driver"))
        .chain(in_cargo)
        .find(|p| p.is_file())
        .expect(
            "tauri-driver not found: `cargo install tauri-driver --locked` (cargo xtask test does)",
        )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// `tauri-driver` and everything it started, in one process group that is ended as a
/// whole: ending only `tauri-driver` leaves `WebKitWebDriver` holding the test runner's
/// output open, and the run never finishes.
struct DriverProcess(Child);

impl Drop for DriverProcess {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.0.wait();
    }
}

/// A running app with a WebDriver session on its window.
pub struct App {
    /// The session.
    pub driver: WebDriver,
    _process: DriverProcess,
}

impl App {
    /// Starts the built app on `mesh`, keeping its own files in `data_dir` so the user's
    /// data folder is never touched.
    pub async fn launch(mesh: Option<&Path>, data_dir: &Path) -> WebDriverResult<App> {
        // A driver that never answers the new session (seen on a loaded CI machine,
        // every request refused) is stopped and a fresh one started on new ports.
        let mut launches = 0;
        loop {
            match App::launch_once(mesh, data_dir).await {
                Err(e) if launches < 2 && unanswered(&e) => {
                    launches += 1;
                    let log = std::fs::read_to_string(artifacts().join("tauri-driver.log"))
                        .unwrap_or_default();
                    eprintln!(
                        "tauri-driver did not take the session: {e}; its log:\n{log}\nstarting another"
                    );
                }
                other => return other,
            }
        }
    }

    async fn launch_once(mesh: Option<&Path>, data_dir: &Path) -> WebDriverResult<App> {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no X display: run the end-to-end tests under `xvfb-run -a` (cargo xtask test does)"
        );
        let (port, native_port) = (free_port(), free_port());
        let log = std::fs::File::create(artifacts().join("tauri-driver.log")).expect("driver log");
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("MESHWRIGHT_DATA_DIR", data_dir)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("driver log"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("start tauri-driver");
        let process = DriverProcess(child);
        // tauri-driver starts WebKitWebDriver, then listens itself, and passes the new
        // session's request on to WebKitWebDriver's port: a request sent before that
        // port listens is dropped ("error sending request"), so wait for both.
        let deadline = Instant::now() + TIMEOUT;
        for (listener, at) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
            while std::net::TcpStream::connect(("127.0.0.1", at)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "{listener} did not listen on port {at}"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let mut caps = Capabilities::new();
        let args: Vec<String> = mesh.map(|m| m.display().to_string()).into_iter().collect();
        caps.insert(
            "tauri:options".to_owned(),
            serde_json::json!({ "application": app_binary(), "args": args }),
        );
        // Listening is not yet answering: a request in the moment WebKitWebDriver binds
        // its port is sometimes dropped. Setting up the session is tried again then;
        // nothing the app does is retried.
        let url = format!("http://127.0.0.1:{port}");
        let mut attempt = 0;
        let driver = loop {
            match WebDriver::new(&url, caps.clone()).await {
                Err(e) if attempt < 3 && unanswered(&e) => {
                    attempt += 1;
                    eprintln!("new session: {e}; trying again");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                other => break other?,
            }
        };
        Ok(App {
            driver,
            _process: process,
        })
    }

    /// Waits until `count(css)` satisfies `ok`, returning the last count.
    pub async fn wait_count(
        &self,
        css: &str,
        ok: impl Fn(usize) -> bool,
    ) -> WebDriverResult<usize> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let n = match self.driver.find_all(By::Css(css)).await {
                Ok(found) => found.len(),
                Err(e) if misread(&e) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            if ok(n) {
                return Ok(n);
            }
            if Instant::now() > deadline {
                self.screenshot("timeout").await;
                panic!("timed out waiting on {css}: last count {n}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for one element.
    pub async fn wait(&self, css: &str) -> WebDriverResult<WebElement> {
        self.wait_count(css, |n| n >= 1).await?;
        let mut tries = 0;
        loop {
            match self.driver.find(By::Css(css)).await {
                Err(e) if misread(&e) && tries < 5 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                other => return other,
            }
        }
    }

    /// Clicks the element `css` once it is there. When React draws it again between the
    /// lookup and the click, WebKitWebDriver reports the handle stale before clicking
    /// anything, and the element is found and clicked afresh.
    pub async fn click(&self, css: &str) -> WebDriverResult<()> {
        let mut tries = 0;
        loop {
            match self.wait(css).await?.click().await {
                Err(e) if stale(&e) && tries < 5 => tries += 1,
                other => return other,
            }
        }
    }

    /// Replaces the text of the field `css` with `text` as a user types it, then waits
    /// until the field holds all of it. A form that checks every keystroke may draw the
    /// field again while it is being typed into; the handle then goes stale, and the
    /// field is found and typed into afresh (clearing first, so nothing is typed twice).
    pub async fn retype(&self, css: &str, text: &str) -> WebDriverResult<()> {
        let mut tries = 0;
        loop {
            let input = self.wait(css).await?;
            let typed = async {
                input.clear().await?;
                input.send_keys(text).await
            };
            match typed.await {
                Err(e) if misread(&e) && tries < 5 => tries += 1,
                other => break other?,
            }
        }
        let css_json = serde_json::to_string(css).expect("a string");
        let text_json = serde_json::to_string(text).expect("a string");
        self.wait_true(
            &format!("return document.querySelector({css_json})?.value === {text_json};"),
            &format!("{css} reads {text}"),
        )
        .await
    }

    /// Waits until `element` stops moving (a zoom or fit animation has ended), so that a
    /// pointer action lands where the element is.
    pub async fn wait_still(&self, element: &WebElement) -> WebDriverResult<()> {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = element.rect().await?;
        let mut still = 0;
        // Three equal readings in a row: a fit animation may start a frame or two late.
        while still < 3 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let now = element.rect().await?;
            if (now.x, now.y, now.width, now.height) == (last.x, last.y, last.width, last.height) {
                still += 1;
            } else {
                still = 0;
            }
            assert!(Instant::now() < deadline, "the element kept moving");
            last = now;
        }
        Ok(())
    }

    /// Waits for the first mesh to be painted on the canvas.
    pub async fn wait_painted(&self) -> WebDriverResult<()> {
        self.wait_painted_within(TIMEOUT).await
    }

    /// Waits for the first mesh to be painted, for at most `limit`.
    pub async fn wait_painted_within(&self, limit: Duration) -> WebDriverResult<()> {
        self.wait_within("[data-testid=canvas]", limit, |_| true)
            .await?;
        let deadline = Instant::now() + limit;
        while self
            .driver
            .find_all(By::Css("[data-testid=canvas][data-ready=true]"))
            .await?
            .is_empty()
        {
            if Instant::now() > deadline {
                self.screenshot("timeout").await;
                panic!("the canvas was not painted within {limit:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }

    /// Waits for an element whose text satisfies `ok`, for at most `limit`.
    pub async fn wait_within(
        &self,
        css: &str,
        limit: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> WebDriverResult<WebElement> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(el) = self.driver.find(By::Css(css)).await
                && let Ok(text) = el.text().await
                && ok(&text)
            {
                return Ok(el);
            }
            if Instant::now() > deadline {
                self.screenshot("timeout").await;
                panic!("timed out after {limit:?} waiting on {css}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the first open's automatic layout of a file that had none has landed
    /// as the window's own edit, so that an undo later takes back what the test did.
    pub async fn wait_laid_out(&self) -> WebDriverResult<()> {
        self.wait_within("[data-testid=status-undo]", TIMEOUT, |t| {
            t.contains("Auto layout")
        })
        .await
        .map(drop)
    }

    /// Waits until `script` (run as with [`App::eval`]) answers `true`; `what` says what
    /// was awaited when it never does.
    pub async fn wait_true(&self, script: &str, what: &str) -> WebDriverResult<()> {
        let deadline = Instant::now() + TIMEOUT;
        while self.eval(script).await? != serde_json::json!(true) {
            if Instant::now() > deadline {
                self.screenshot("timeout").await;
                panic!("timed out after {TIMEOUT:?} waiting until {what}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Draws a dependency as a user does: drags from the provider's first output port to
    /// the consumer's input handle, once both have stopped moving.
    pub async fn drag_dependency(
        &self,
        provider_id: &str,
        consumer_id: &str,
    ) -> WebDriverResult<()> {
        let port = self
            .wait(&format!(
                "[data-testid=product-node][data-id='{provider_id}'] [data-testid=output-port-handle]"
            ))
            .await?;
        let input = self
            .wait(&format!(
                "[data-testid=product-node][data-id='{consumer_id}'] [data-testid=input-handle]"
            ))
            .await?;
        self.wait_still(&port).await?;
        self.wait_still(&input).await?;
        self.driver
            .action_chain()
            .move_to_element_center(&port)
            .click_and_hold()
            .move_by_offset(20, 10)
            .move_to_element_center(&input)
            .release()
            .perform()
            .await
    }

    /// Types `keys` (which may hold `Key` characters) into whatever has the focus.
    pub async fn press(&self, keys: impl Into<TypingData>) -> WebDriverResult<()> {
        self.driver.action_chain().send_keys(keys).perform().await
    }

    /// Presses `key` with Ctrl held, wherever the focus is.
    pub async fn ctrl(&self, key: impl Into<char>) -> WebDriverResult<()> {
        let key: char = key.into();
        self.driver
            .action_chain()
            .key_down(Key::Control)
            .key_down(key)
            .key_up(key)
            .key_up(Key::Control)
            .perform()
            .await
    }

    /// Runs `script` (which may `await`) in the window and returns its value.
    ///
    /// The script is started and its result fetched by short calls: WebKitWebDriver
    /// fails to read the result of one script that runs for long on a loaded machine
    /// ("Could not parse script result"), which broke timed runs in CI.
    pub async fn eval(&self, script: &str) -> WebDriverResult<serde_json::Value> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let key = NEXT.fetch_add(1, Ordering::Relaxed);
        let start = format!(
            "const slots = (window.__e2eEval ??= {{}});
             (async () => {{ {script} }})().then(
               v => {{ slots[{key}] = {{ value: v === undefined ? null : v }}; }},
               e => {{ slots[{key}] = {{ value: {{ error: String(e) }} }}; }});
             return true;"
        );
        self.driver.execute(&start, Vec::new()).await?;
        let fetch = format!(
            "const slots = window.__e2eEval ?? {{}}; const r = slots[{key}];
             if (r === undefined) return {{ pending: true }};
             delete slots[{key}]; return r;"
        );
        let deadline = Instant::now() + EVAL_LIMIT;
        loop {
            let answer = self
                .driver
                .execute(&fetch, Vec::new())
                .await?
                .json()
                .clone();
            if answer.get("pending").is_none() {
                return Ok(answer.get("value").cloned().unwrap_or_default());
            }
            if Instant::now() > deadline {
                self.screenshot("timeout").await;
                panic!("a script ran for over {EVAL_LIMIT:?}: {script}");
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Saves a screenshot of the window under `artifacts/e2e/<name>.png`; failures to
    /// save are reported, not fatal.
    pub async fn screenshot(&self, name: &str) {
        let path = artifacts().join(format!("{name}.png"));
        // Without compositing (the app's drawing on a machine with no GPU, as under
        // Xvfb) WebKit takes a snapshot after its next paint, and a still window may not
        // paint for minutes: a pixel that changes every 30 ms keeps frames coming.
        let keep = self
            .driver
            .execute(
                "const d = document.createElement('div');
                 d.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none;z-index:2147483647';
                 document.body.appendChild(d);
                 let n = 0;
                 const timer = setInterval(() => { d.style.backgroundColor = n++ % 2 ? '#000' : '#fff'; }, 30);
                 window.__mwStopKeepPainting = () => { clearInterval(timer); d.remove(); };
                 return 1;",
                Vec::new(),
            )
            .await;
        match self.driver.screenshot(&path).await {
            Ok(()) => eprintln!("screenshot: {}", path.display()),
            Err(e) => eprintln!("screenshot {name} failed: {e}"),
        }
        if keep.is_ok() {
            let _ = self
                .driver
                .execute("window.__mwStopKeepPainting?.(); return 1;", Vec::new())
                .await;
        }
    }

    /// Saves a screenshot once the window has painted what the DOM holds (a screenshot
    /// taken right after a change can show the frame before it).
    pub async fn picture(&self, name: &str) -> WebDriverResult<()> {
        self.eval(
            "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return 1;",
        )
        .await?;
        self.screenshot(name).await;
        Ok(())
    }

    /// Ends the session, which closes the app.
    pub async fn quit(self) -> WebDriverResult<()> {
        self.driver.quit().await
    }
}

/// Creates an empty mesh file at `path` named `name` (namespace `com.example.e2e`).
pub fn empty_mesh(path: &Path, name: &str) {
    let info = mesh_core::model::MeshInfo {
        name: name.into(),
        namespace: "com.example.e2e".into(),
        description: None,
        custom_properties: Vec::new(),
        extensions: Default::default(),
    };
    drop(mesh_core::Store::create(path, &info).expect("create the test mesh"));
}

/// Writes the demo mesh to `dir/demo.mesh`; answers the path and the model as the file
/// holds it (what the tests compare the window with).
pub fn demo_file(dir: &Path) -> (PathBuf, mesh_core::model::Mesh) {
    let path = dir.join("demo.mesh");
    let store = mesh_core::Store::create_from(&path, &mesh_core::demo::demo_mesh(), &mut |_, _| {})
        .expect("create the demo mesh");
    let mesh = store.load().expect("load the demo mesh");
    (path, mesh)
}

/// Writes a generated enterprise mesh of `products` data products (the same for the
/// same seed) to a new file at `path`.
pub fn generated_mesh(path: &Path, products: usize, seed: u64) {
    let mesh = mesh_core::generate::generate(&mesh_core::generate::GenerateOptions {
        products,
        domains: None,
        seed,
    });
    drop(mesh_core::Store::create_from(path, &mesh, &mut |_, _| {}).expect("create the mesh"));
}

/// Appends one measured figure to `artifacts/e2e/perf.txt` and prints it.
pub fn record(name: &str, ms: f64) {
    let line = format!("{name}: {ms:.0} ms\n");
    eprint!("perf {line}");
    use std::io::Write;
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(artifacts().join("perf.txt"))
    {
        let _ = f.write_all(line.as_bytes());
    }
}
