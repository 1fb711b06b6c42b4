//! The tools `pgo-build` needs, found (and installed when missing) before any build starts:
//! rustc's host triple and LLVM version, `llvm-profdata` from the rustup `llvm-tools`
//! component with the same LLVM major version, and `cargo-pgo`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

/// What the pipeline runs with.
#[derive(Clone, Debug)]
pub struct Toolchain {
    /// The host target triple (`rustc -vV`'s `host:`); builds target it explicitly so build
    /// scripts and proc macros are not instrumented.
    pub host: String,
    /// `rustc -V`.
    pub rustc_version: String,
    /// rustc's LLVM version, e.g. `22.1.2`.
    pub llvm_version: String,
    pub llvm_profdata: PathBuf,
    /// `cargo pgo --version`.
    pub cargo_pgo_version: String,
}

/// Find every tool, installing the rustup component and cargo-pgo when they are missing.
pub fn check() -> anyhow::Result<Toolchain> {
    let rustc = std::env::var_os("RUSTC").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("rustc"));
    let verbose = run_for_output(Command::new(&rustc).arg("-vV"))
        .with_context(|| format!("`{} -vV` failed: is the Rust toolchain installed (https://rustup.rs)?", rustc.display()))?;
    let field = |name: &str| verbose.lines().find_map(|line| line.strip_prefix(name)).map(|v| v.trim().to_owned());
    let host = field("host:").context("`rustc -vV` printed no `host:` line")?;
    let llvm_version = field("LLVM version:").context("`rustc -vV` printed no `LLVM version:` line")?;
    let rustc_version = verbose.lines().next().unwrap_or("rustc").trim().to_owned();
    let llvm_profdata = find_llvm_profdata(&rustc, &host, &llvm_version, std::env::var_os("LLVM_PROFDATA").map(PathBuf::from))?;
    let cargo_pgo_version = find_cargo_pgo()?;
    Ok(Toolchain { host, rustc_version, llvm_version, llvm_profdata, cargo_pgo_version })
}

/// `llvm-profdata` (`explicit`, from `$LLVM_PROFDATA`, or the one in the active toolchain's
/// `llvm-tools` component, added with rustup when missing), checked to be rustc's LLVM major
/// version.
fn find_llvm_profdata(rustc: &Path, host: &str, llvm_version: &str, explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let path = match explicit {
        Some(path) => path,
        None => {
            let sysroot = run_for_output(Command::new(rustc).args(["--print", "sysroot"])).context("`rustc --print sysroot` failed")?;
            let path = Path::new(sysroot.trim()).join("lib").join("rustlib").join(host).join("bin").join("llvm-profdata");
            if !path.is_file() {
                eprintln!("pgo-build: llvm-profdata is missing; running `rustup component add llvm-tools-preview`");
                let added = Command::new("rustup").args(["component", "add", "llvm-tools-preview"]).status();
                match added {
                    Ok(status) if status.success() => {}
                    Ok(_) => bail!("`rustup component add llvm-tools-preview` failed; run it by hand (it needs the network), then retry"),
                    Err(_) => bail!(
                        "llvm-profdata is not in {} and rustup is not installed: install the `llvm-tools` component \
                         of this toolchain, or set LLVM_PROFDATA to an llvm-profdata of LLVM {}",
                        path.display(),
                        major(llvm_version)
                    ),
                }
                if !path.is_file() {
                    bail!("rustup added llvm-tools-preview but {} still does not exist", path.display());
                }
            }
            path
        }
    };
    let version = run_for_output(Command::new(&path).arg("--version")).with_context(|| format!("`{} --version` failed", path.display()))?;
    let profdata_llvm = version
        .lines()
        .find_map(|line| line.trim().strip_prefix("LLVM version "))
        .map(|v| v.split(|c: char| !(c.is_ascii_digit() || c == '.')).next().unwrap_or(v).to_owned())
        .with_context(|| format!("cannot read the LLVM version from `{} --version`", path.display()))?;
    if major(&profdata_llvm) != major(llvm_version) {
        bail!(
            "{} is from LLVM {profdata_llvm} but rustc uses LLVM {llvm_version}: profiles written by one cannot be read by the \
             other. Use the toolchain's own (`rustup component add llvm-tools-preview`, and unset LLVM_PROFDATA)",
            path.display()
        );
    }
    Ok(path)
}

/// `cargo pgo --version`, running `cargo install cargo-pgo --locked` first when it is missing.
fn find_cargo_pgo() -> anyhow::Result<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let version = || run_for_output(Command::new(&cargo).args(["pgo", "--version"])).ok();
    if let Some(version) = version() {
        return Ok(version.trim().to_owned());
    }
    eprintln!("pgo-build: cargo-pgo is missing; running `cargo install cargo-pgo --locked`");
    let installed = Command::new(&cargo).args(["install", "cargo-pgo", "--locked"]).status().context("could not start cargo")?;
    if !installed.success() {
        bail!("`cargo install cargo-pgo --locked` failed (it needs crates.io); install it by hand, then retry");
    }
    version().map(|v| v.trim().to_owned()).context("cargo-pgo was installed but `cargo pgo --version` still fails: is ~/.cargo/bin on PATH?")
}

/// The major version of a dotted version string.
pub fn major(version: &str) -> &str {
    version.split('.').next().unwrap_or(version)
}

/// Run `command`, returning its stdout when it succeeds.
fn run_for_output(command: &mut Command) -> anyhow::Result<String> {
    let output = command.output().with_context(|| format!("could not start {:?}", command.get_program()))?;
    if !output.status.success() {
        bail!("{:?} exited with {}: {}", command.get_program(), output.status, String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn major_versions() {
        assert_eq!(major("22.1.2"), "22");
        assert_eq!(major("18"), "18");
    }

    #[test]
    fn a_mismatched_llvm_profdata_is_refused() {
        // A fake llvm-profdata reporting another LLVM major version.
        let dir = std::env::temp_dir().join(format!("pgo-preflight-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fake = dir.join("llvm-profdata");
        std::fs::write(&fake, "#!/bin/sh\necho 'LLVM (http://llvm.org/):'\necho '  LLVM version 3.4.0'\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let error = find_llvm_profdata(Path::new("rustc"), "x86_64-unknown-linux-gnu", "22.1.2", Some(fake));
        let message = format!("{:#}", error.unwrap_err());
        assert!(message.contains("LLVM 3.4.0 but rustc uses LLVM 22.1.2"), "{message}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
