//! `meshwright export --by-domain --git` on real temporary git repositories: a clean
//! repo gets one commit on the review branch holding exactly Meshwright's files, with
//! the work tree and checked-out branch left as they were; a repo with uncommitted
//! changes in those files refuses the whole export and nothing is written anywhere; an
//! export with nothing new makes no commit; `--push` reaches a local bare remote.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{demo, meshwright};
use git2::{BranchType, Repository, Signature};
use mesh_core::{Access, Store};

const BRANCH: &str = "review/export";

/// A repository at `dir` with one commit (a README) on its default branch, committing
/// as a test author.
fn repo(dir: &Path) -> Repository {
    fs::create_dir_all(dir).unwrap();
    let repo = Repository::init(dir).unwrap();
    {
        let mut config = repo.config().unwrap();
        config.set_str("user.name", "Ada Architect").unwrap();
        config.set_str("user.email", "ada@example.com").unwrap();
    }
    fs::write(dir.join("README.md"), "# domain repo\n").unwrap();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new("README.md")).unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = Signature::now("Ada Architect", "ada@example.com").unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "Start", &tree, &[])
        .unwrap();
    drop(tree);
    repo
}

/// The demo mesh, an export root with a git repository per domain, and the domains.
fn setup(dir: &Path) -> (PathBuf, PathBuf, Vec<String>) {
    let mesh = demo(dir);
    let out = dir.join("repos");
    let domains: Vec<String> = Store::open(&mesh, Access::ReadOnly)
        .unwrap()
        .load()
        .unwrap()
        .domains
        .iter()
        .map(|d| d.repo_folder.clone().unwrap_or_else(|| d.name.clone()))
        .collect();
    for d in &domains {
        repo(&out.join(d));
    }
    (mesh, out, domains)
}

fn export(mesh: &Path, out: &Path, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = meshwright();
    cmd.arg("export")
        .arg(mesh)
        .args([
            "--format",
            "all",
            "--by-domain",
            "--git",
            "--branch",
            BRANCH,
            "--out",
        ])
        .arg(out)
        .args(extra);
    cmd
}

/// Every file path of a commit's tree.
fn tree_files(commit: &git2::Commit<'_>) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    commit
        .tree()
        .unwrap()
        .walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob) {
                files.insert(format!("{dir}{}", entry.name().unwrap()));
            }
            git2::TreeWalkResult::Ok
        })
        .unwrap();
    files
}

fn tip<'r>(repo: &'r Repository) -> Option<git2::Commit<'r>> {
    let branch = repo.find_branch(BRANCH, BranchType::Local).ok()?;
    branch.get().peel_to_commit().ok()
}

/// The files a plain export writes into `folder`, relative to it.
fn plain_files(mesh: &Path, folder: &str, dir: &Path) -> BTreeSet<String> {
    let plain = dir.join("plain");
    meshwright()
        .arg("export")
        .arg(mesh)
        .args(["--format", "all", "--by-domain", "--out"])
        .arg(&plain)
        .assert()
        .success();
    walkdir::WalkDir::new(plain.join(folder))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(plain.join(folder))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn a_clean_repo_gets_one_commit_with_exactly_meshwrights_files() {
    let dir = tempfile::tempdir().unwrap();
    let (mesh, out, domains) = setup(dir.path());
    let orders = out.join("orders");
    // This repo works on another branch: it keeps it.
    {
        let r = Repository::open(&orders).unwrap();
        let head = r.head().unwrap().peel_to_commit().unwrap();
        r.branch("feature/x", &head, false).unwrap();
        r.set_head("refs/heads/feature/x").unwrap();
    }
    let before: Vec<_> = walkdir::WalkDir::new(&orders)
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .filter(|p| !p.components().any(|c| c.as_os_str() == ".git"))
        .collect();

    let output = export(&mesh, &out, &[])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("orders: commit "), "{text}");

    for folder in &domains {
        let r = Repository::open(out.join(folder)).unwrap();
        let commit = tip(&r).unwrap_or_else(|| panic!("{folder} has the branch"));
        assert_eq!(
            commit.parent_count(),
            1,
            "one commit on top of what was checked out"
        );
        let mut want = plain_files(&mesh, folder, dir.path());
        want.insert("README.md".into());
        want.insert(".meshwright-export.json".into());
        assert_eq!(tree_files(&commit), want, "{folder}");
        assert_eq!(commit.author().name(), Some("Ada Architect"));
        assert!(
            commit
                .message()
                .unwrap()
                .starts_with("Meshwright: export of Northwind Outfitters")
        );
    }
    let r = Repository::open(&orders).unwrap();
    assert_eq!(
        r.head().unwrap().name(),
        Some("refs/heads/feature/x"),
        "the checked-out branch stays"
    );
    let after: Vec<_> = walkdir::WalkDir::new(&orders)
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .filter(|p| !p.components().any(|c| c.as_os_str() == ".git"))
        .collect();
    assert_eq!(before, after, "the work tree is untouched");
    let message = tip(&r).unwrap().message().unwrap().to_owned();
    assert!(message.contains("Added data products: "), "{message}");
    assert!(message.contains("orders"), "{message}");

    // Nothing new: no commit.
    let first: Vec<_> = domains
        .iter()
        .map(|f| tip(&Repository::open(out.join(f)).unwrap()).unwrap().id())
        .collect();
    let again = export(&mesh, &out, &[])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(again)
            .unwrap()
            .contains("orders: nothing to change")
    );
    let second: Vec<_> = domains
        .iter()
        .map(|f| tip(&Repository::open(out.join(f)).unwrap()).unwrap().id())
        .collect();
    assert_eq!(first, second);
}

#[test]
fn uncommitted_changes_in_meshwrights_files_refuse_the_whole_export() {
    let dir = tempfile::tempdir().unwrap();
    let (mesh, out, domains) = setup(dir.path());
    let finance = out.join("finance");
    // A file Meshwright would write, left uncommitted in the work tree.
    let path = plain_files(&mesh, "finance", dir.path())
        .into_iter()
        .find(|p| p.ends_with(".odps.yaml"))
        .unwrap();
    fs::create_dir_all(finance.join(&path).parent().unwrap()).unwrap();
    fs::write(finance.join(&path), "hand-written\n").unwrap();

    let output = export(&mesh, &out, &[])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("finance") && stderr.contains(&path),
        "{stderr}"
    );
    assert!(stderr.contains("uncommitted"), "{stderr}");
    for folder in &domains {
        let r = Repository::open(out.join(folder)).unwrap();
        assert!(tip(&r).is_none(), "{folder}: no branch made");
    }
    assert_eq!(
        fs::read_to_string(finance.join(&path)).unwrap(),
        "hand-written\n"
    );
    assert!(
        !out.join(".meshwright-export.json").exists(),
        "nothing written outside either"
    );
}

#[test]
fn push_reaches_the_remote() {
    let dir = tempfile::tempdir().unwrap();
    let (mesh, out, domains) = setup(dir.path());
    let mut remotes = Vec::new();
    for folder in &domains {
        let bare_dir = dir.path().join("remotes").join(format!("{folder}.git"));
        let bare = Repository::init_bare(&bare_dir).unwrap();
        let r = Repository::open(out.join(folder)).unwrap();
        r.remote("origin", bare_dir.to_str().unwrap()).unwrap();
        remotes.push(bare);
    }
    let output = export(&mesh, &out, &["--push"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.contains("pushed to "), "{text}");
    for (folder, bare) in domains.iter().zip(&remotes) {
        let local = tip(&Repository::open(out.join(folder)).unwrap())
            .unwrap()
            .id();
        let remote = bare
            .find_branch(BRANCH, BranchType::Local)
            .unwrap()
            .get()
            .peel_to_commit()
            .unwrap()
            .id();
        assert_eq!(local, remote, "{folder}");
    }
}

#[test]
fn git_needs_the_export_by_domain() {
    let dir = tempfile::tempdir().unwrap();
    let mesh = demo(dir.path());
    meshwright()
        .arg("export")
        .arg(&mesh)
        .args(["--format", "odps", "--git", "--out"])
        .arg(dir.path().join("out"))
        .assert()
        .code(2);
}
