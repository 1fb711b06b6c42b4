//! Helpers shared by xtask's unit tests: a scratch directory per test under `target/` (removed
//! when the test passes, kept for a look when it fails) and the small shell scripts that stand
//! in for the tools and binaries a test must not really run (rustup, cargo, llvm-profdata, an
//! instrumented build).

use std::path::{Path, PathBuf};

/// An empty directory for one test, `target/xtask-tests/<name>-<pid>`; removed on drop unless
/// the test is failing. Under `target/` rather than the system temporary directory so the
/// scripts written into it can run where /tmp is mounted noexec.
pub struct ScratchDir(PathBuf);

impl ScratchDir {
    /// A fresh directory for the test `name` (emptied if an earlier run left it behind).
    pub fn new(name: &str) -> ScratchDir {
        let dir = crate::target_dir().join("xtask-tests").join(format!("{name}-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        ScratchDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// `self/relative`.
    pub fn join(&self, relative: &str) -> PathBuf {
        self.0.join(relative)
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Write an executable `/bin/sh` script with `body` at `path` (creating its directory); returns
/// `path`.
pub fn write_script(path: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_path_buf()
}
