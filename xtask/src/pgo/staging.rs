//! What a `pgo-build` run produces (the binaries in `target/pgo/`, the trained profile and its
//! manifest in `pgo-profiles/`) is written to `target/pgo/staged/` first, measured there, and
//! installed only once every phase has succeeded. A run that fails or is interrupted at any
//! phase leaves the earlier binaries, profile and reports as they were, and consistent with
//! each other.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::build::Built;

/// The staging directory and the files in it, each with where it is installed.
pub struct Staging {
    dir: PathBuf,
    /// (staged file, its destination), in the order they were staged.
    files: Vec<(PathBuf, PathBuf)>,
}

impl Staging {
    /// An empty `pgo_dir/staged/` (what a failed earlier run left there is discarded).
    pub fn new(pgo_dir: &Path) -> anyhow::Result<Staging> {
        let dir = pgo_dir.join("staged");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(Staging { dir, files: Vec::new() })
    }

    /// Where to write the file to be installed as `destination`: its file name in the staging
    /// directory (destinations have distinct file names).
    pub fn path_for(&mut self, destination: &Path) -> PathBuf {
        let staged = self.dir.join(destination.file_name().unwrap_or(destination.as_os_str()));
        debug_assert!(!self.files.iter().any(|(file, _)| *file == staged), "{} is staged twice", staged.display());
        self.files.push((staged.clone(), destination.to_path_buf()));
        staged
    }

    /// Copy a build's binary into staging, to be installed as `destination`; returns the staged
    /// copy (what the measurements run).
    pub fn binary(&mut self, built: &Built, destination: &Path) -> anyhow::Result<PathBuf> {
        let staged = self.path_for(destination);
        std::fs::copy(&built.binary, &staged).with_context(|| format!("copying {} to {}", built.binary.display(), staged.display()))?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&staged, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("making {} executable", staged.display()))?;
        Ok(staged)
    }

    /// Install every staged file at its destination, replacing the earlier one in a single step
    /// (a rename; across file systems, a copy to a temporary file beside the destination and a
    /// rename). Returns the destinations.
    pub fn install_all(self) -> anyhow::Result<Vec<PathBuf>> {
        let mut installed = Vec::new();
        for (staged, destination) in self.files {
            if let Some(dir) = destination.parent() {
                std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            }
            if std::fs::rename(&staged, &destination).is_err() {
                let bytes = std::fs::read(&staged).with_context(|| format!("reading {}", staged.display()))?;
                crate::write_atomically(&destination, &bytes)?;
                let permissions = std::fs::metadata(&staged).with_context(|| format!("reading {}", staged.display()))?.permissions();
                std::fs::set_permissions(&destination, permissions)
                    .with_context(|| format!("setting the permissions of {}", destination.display()))?;
            }
            installed.push(destination);
        }
        Ok(installed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{write_script, ScratchDir};

    #[test]
    fn staged_binaries_replace_the_installed_ones_only_when_installed() {
        let scratch = ScratchDir::new("staging-binaries");
        let pgo_dir = scratch.join("pgo");
        let installed_lto = write_script(&pgo_dir.join("swallow-lto"), "echo earlier lto build");
        let installed_pgo = write_script(&pgo_dir.join("swallow-pgo"), "echo earlier pgo build");
        let built = |name: &str| Built {
            binary: write_script(&scratch.join(&format!("build-{name}/swallow")), &format!("echo new {name} build")),
            log: scratch.join(&format!("build-{name}.log")),
            missing_functions: 0,
            mismatched_functions: 0,
        };

        let mut staging = Staging::new(&pgo_dir).unwrap();
        let staged_lto = staging.binary(&built("lto"), &installed_lto).unwrap();
        let staged_pgo = staging.binary(&built("pgo"), &installed_pgo).unwrap();
        assert_eq!(staged_lto, pgo_dir.join("staged").join("swallow-lto"));
        // Staged copies are complete, runnable binaries (they are what gets measured) ...
        let output = std::process::Command::new(&staged_pgo).output().unwrap();
        assert_eq!(output.stdout, b"new pgo build\n");
        // ... and the installed ones are untouched until everything succeeded.
        assert!(std::fs::read_to_string(&installed_lto).unwrap().contains("earlier lto build"));
        assert!(std::fs::read_to_string(&installed_pgo).unwrap().contains("earlier pgo build"));

        assert_eq!(staging.install_all().unwrap(), vec![installed_lto.clone(), installed_pgo.clone()]);
        let output = std::process::Command::new(&installed_lto).output().unwrap();
        assert_eq!(output.stdout, b"new lto build\n");
        assert!(std::fs::read_to_string(&installed_pgo).unwrap().contains("new pgo build"));

        // A run that fails before installing leaves them as they are; the next run starts from an
        // empty staging directory.
        let mut failed_run = Staging::new(&pgo_dir).unwrap();
        failed_run.binary(&built("broken"), &installed_pgo).unwrap();
        drop(failed_run);
        assert!(std::fs::read_to_string(&installed_pgo).unwrap().contains("new pgo build"));
        Staging::new(&pgo_dir).unwrap();
        assert_eq!(std::fs::read_dir(pgo_dir.join("staged")).unwrap().count(), 0);
    }
}
