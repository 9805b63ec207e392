//! One window per mesh, end to end: a second launch with another `.mesh` path (what the
//! file manager does) opens that file in a new window of the running app instead of a
//! second app, a second launch on a file already open brings its window forward, a path
//! that is no mesh opens a window with the core's error, File > New Window opens an empty
//! one, and through all of it the first window keeps its file.

#![cfg(feature = "e2e")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use meshwright_e2e::*;

/// Launches the app binary again, as the file manager would, and waits for it to end:
/// a second launch hands its files to the running app and exits at once.
fn launch_again(file: &Path, data_dir: &Path) {
    let mut child = Command::new(app_binary())
        .arg(file)
        .env("MESHWRIGHT_DATA_DIR", data_dir)
        .spawn()
        .expect("launch the app a second time");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().expect("the second launch") {
            assert!(status.success(), "the second launch failed: {status}");
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the second launch kept running: it became a second app");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the app has `n` windows; their handles, the first window's first.
async fn windows(app: &App, n: usize) -> WebDriverResult<Vec<WindowHandle>> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let handles = app.driver.windows().await?;
        if handles.len() == n {
            return Ok(handles);
        }
        assert!(
            Instant::now() < deadline,
            "expected {n} windows, the app has {}",
            handles.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The file the current window shows, from its status bar (the full path is the
/// item's tooltip; narrow windows hide its text).
async fn shown_path(app: &App) -> WebDriverResult<String> {
    let item = app.wait("[data-testid=status-path]").await?;
    Ok(item.attr("title").await?.unwrap_or_default())
}

#[tokio::test]
async fn a_second_launch_opens_its_file_in_a_new_window_of_the_running_app() -> WebDriverResult<()>
{
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (first, second) = (
        dir.path().join("first.mesh"),
        dir.path().join("second.mesh"),
    );
    empty_mesh(&first, "First mesh");
    empty_mesh(&second, "Second mesh");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a mesh\n").unwrap();

    let app = App::launch(Some(&first), &data).await?;
    app.wait_within("[data-testid=status-mesh-name]", TIMEOUT, |t| {
        t == "First mesh"
    })
    .await?;
    let main = app.driver.window().await?;

    eprintln!("step: a second launch on another file opens it in a second window");
    launch_again(&second, &data);
    let handles = windows(&app, 2).await?;
    let other = handles.iter().find(|h| **h != main).unwrap().clone();
    app.driver.switch_to_window(other.clone()).await?;
    app.wait_within("[data-testid=status-mesh-name]", TIMEOUT, |t| {
        t == "Second mesh"
    })
    .await?;
    assert_eq!(shown_path(&app).await?, second.display().to_string());
    app.picture("windows-second").await?;

    eprintln!("step: the first window still has its file");
    app.driver.switch_to_window(main.clone()).await?;
    assert_eq!(shown_path(&app).await?, first.display().to_string());

    eprintln!("step: launching on a file already open brings its window forward, no new one");
    launch_again(&second, &data);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.driver.windows().await?.len(), 2);

    eprintln!("step: a path that is no mesh opens a window with the core's error for it");
    launch_again(&notes, &data);
    let handles = windows(&app, 3).await?;
    let bad = handles
        .iter()
        .find(|h| **h != main && **h != other)
        .unwrap()
        .clone();
    app.driver.switch_to_window(bad).await?;
    let error = app
        .wait("[data-testid=startup-error]")
        .await?
        .text()
        .await?;
    assert!(
        error.contains("notes.txt"),
        "the error names the file: {error}"
    );
    app.picture("windows-not-a-mesh").await?;

    eprintln!("step: File > New Window (from the palette) opens an empty window");
    app.driver.switch_to_window(main.clone()).await?;
    app.ctrl('k').await?;
    app.wait("[data-testid=palette-input]")
        .await?
        .send_keys("New window")
        .await?;
    app.click("[data-testid=palette-item][data-id=new-window]")
        .await?;
    let handles = windows(&app, 4).await?;
    let known = [&main, &other];
    let fresh: Vec<_> = handles.iter().filter(|h| !known.contains(h)).collect();
    for handle in fresh {
        app.driver.switch_to_window(handle.clone()).await?;
        if app
            .driver
            .find_all(By::Css("[data-testid=startup-error]"))
            .await?
            .is_empty()
        {
            app.wait("[data-testid=empty-state]").await?;
        }
    }

    eprintln!("step: the other windows kept their files");
    app.driver.switch_to_window(other).await?;
    assert_eq!(shown_path(&app).await?, second.display().to_string());
    app.driver.switch_to_window(main).await?;
    assert_eq!(shown_path(&app).await?, first.display().to_string());
    app.quit().await
}
