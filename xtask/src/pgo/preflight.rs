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
    let llvm_profdata =
        find_llvm_profdata(&rustc, Path::new("rustup"), &host, &llvm_version, std::env::var_os("LLVM_PROFDATA").map(PathBuf::from))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let cargo_pgo_version = find_cargo_pgo(Path::new(&cargo))?;
    Ok(Toolchain { host, rustc_version, llvm_version, llvm_profdata, cargo_pgo_version })
}

/// `llvm-profdata` (`explicit`, from `$LLVM_PROFDATA`, or the one in the active toolchain's
/// `llvm-tools` component, added with `rustup` when missing), checked to be rustc's LLVM major
/// version.
fn find_llvm_profdata(rustc: &Path, rustup: &Path, host: &str, llvm_version: &str, explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let named_by_environment = explicit.is_some();
    let path = match explicit {
        Some(path) => path,
        None => {
            let sysroot = run_for_output(Command::new(rustc).args(["--print", "sysroot"])).context("`rustc --print sysroot` failed")?;
            let path = Path::new(sysroot.trim()).join("lib").join("rustlib").join(host).join("bin").join("llvm-profdata");
            if !path.is_file() {
                eprintln!("pgo-build: llvm-profdata is missing; running `rustup component add llvm-tools-preview`");
                let added = Command::new(rustup).args(["component", "add", "llvm-tools-preview"]).status();
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
    let version = run_for_output(Command::new(&path).arg("--version")).with_context(|| {
        if named_by_environment {
            format!(
                "LLVM_PROFDATA={} cannot be run: point it at an llvm-profdata of LLVM {}, or unset it to use the toolchain's own \
                 (`rustup component add llvm-tools-preview`)",
                path.display(),
                major(llvm_version)
            )
        } else {
            format!("`{} --version` failed", path.display())
        }
    })?;
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
fn find_cargo_pgo(cargo: &Path) -> anyhow::Result<String> {
    let version = || run_for_output(Command::new(cargo).args(["pgo", "--version"])).ok();
    if let Some(version) = version() {
        return Ok(version.trim().to_owned());
    }
    eprintln!("pgo-build: cargo-pgo is missing; running `cargo install cargo-pgo --locked`");
    let installed = Command::new(cargo)
        .args(["install", "cargo-pgo", "--locked"])
        .status()
        .with_context(|| format!("cargo-pgo is missing and {} (to install it) cannot be started", cargo.display()))?;
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
    use crate::test_support::{write_script, ScratchDir};

    const HOST: &str = "x86_64-unknown-linux-gnu";

    /// A stand-in llvm-profdata whose `--version` reports LLVM `version`.
    fn fake_llvm_profdata(path: &Path, version: &str) -> PathBuf {
        write_script(path, &format!("echo 'LLVM (http://llvm.org/):'\necho '  LLVM version {version}'"))
    }

    #[test]
    fn major_versions() {
        assert_eq!(major("22.1.2"), "22");
        assert_eq!(major("18"), "18");
    }

    #[test]
    fn a_mismatched_llvm_profdata_is_refused() {
        let scratch = ScratchDir::new("preflight-mismatched-llvm-profdata");
        let fake = fake_llvm_profdata(&scratch.join("llvm-profdata"), "3.4.0");
        let error = find_llvm_profdata(Path::new("rustc"), &scratch.join("no-rustup"), HOST, "22.1.2", Some(fake));
        let message = format!("{:#}", error.unwrap_err());
        assert!(message.contains("LLVM 3.4.0 but rustc uses LLVM 22.1.2"), "{message}");
    }

    #[test]
    fn an_llvm_profdata_named_by_the_environment_must_run() {
        let scratch = ScratchDir::new("preflight-llvm-profdata-from-environment");
        let missing = scratch.join("no-such-llvm-profdata");
        let error = find_llvm_profdata(Path::new("rustc"), &scratch.join("no-rustup"), HOST, "22.1.2", Some(missing.clone()));
        let message = format!("{:#}", error.unwrap_err());
        assert!(message.contains(&format!("LLVM_PROFDATA={} cannot be run", missing.display())), "{message}");
        assert!(message.contains("an llvm-profdata of LLVM 22, or unset it"), "{message}");
    }

    /// The toolchain's sysroot (printed by a stand-in rustc) has no llvm-tools component: the
    /// stand-in rustups never install anything, they only fail, do nothing, or copy a fake in.
    #[test]
    fn missing_llvm_tools_are_added_with_rustup_or_explained() {
        let scratch = ScratchDir::new("preflight-missing-llvm-tools");
        let sysroot = scratch.join("sysroot");
        let rustc = write_script(&scratch.join("rustc"), &format!("echo '{}'", sysroot.display()));
        let component = sysroot.join("lib").join("rustlib").join(HOST).join("bin").join("llvm-profdata");
        let find_with = |rustup: &Path| find_llvm_profdata(&rustc, rustup, HOST, "22.1.2", None).map_err(|error| format!("{error:#}"));

        let error = find_with(&scratch.join("no-rustup")).unwrap_err();
        assert!(error.contains(&format!("llvm-profdata is not in {} and rustup is not installed", component.display())), "{error}");
        assert!(error.contains("set LLVM_PROFDATA to an llvm-profdata of LLVM 22"), "{error}");

        let calls = scratch.join("rustup-calls");
        let offline_rustup = write_script(&scratch.join("offline-rustup"), &format!("echo \"$@\" >> '{}'\nexit 1", calls.display()));
        let error = find_with(&offline_rustup).unwrap_err();
        assert!(error.contains("`rustup component add llvm-tools-preview` failed; run it by hand"), "{error}");
        assert_eq!(std::fs::read_to_string(&calls).unwrap(), "component add llvm-tools-preview\n");

        let idle_rustup = write_script(&scratch.join("idle-rustup"), "exit 0");
        let error = find_with(&idle_rustup).unwrap_err();
        assert!(error.contains(&format!("{} still does not exist", component.display())), "{error}");

        let fake = fake_llvm_profdata(&scratch.join("llvm-profdata-22"), "22.1.2");
        let component_dir = component.parent().unwrap();
        let adding_rustup =
            write_script(&scratch.join("adding-rustup"), &format!("mkdir -p '{}'\ncp '{}' '{}'", component_dir.display(), fake.display(), component.display()));
        assert_eq!(find_with(&adding_rustup).unwrap(), component);
    }

    /// Stand-in cargos without the `pgo` subcommand: their `install` fails or does nothing (it
    /// never reaches crates.io).
    #[test]
    fn missing_cargo_pgo_is_installed_or_explained() {
        let scratch = ScratchDir::new("preflight-missing-cargo-pgo");
        let calls = scratch.join("cargo-calls");
        let cargo_without_pgo = |name: &str, install: &str| {
            let body = format!(
                "echo \"$@\" >> '{}'\ncase \"$1\" in\n  pgo) echo 'error: no such command: `pgo`' >&2; exit 101 ;;\n  install) {install} ;;\nesac",
                calls.display()
            );
            write_script(&scratch.join(name), &body)
        };

        let error = format!("{:#}", find_cargo_pgo(&cargo_without_pgo("offline-cargo", "exit 101")).unwrap_err());
        assert!(error.contains("`cargo install cargo-pgo --locked` failed (it needs crates.io); install it by hand, then retry"), "{error}");
        assert_eq!(std::fs::read_to_string(&calls).unwrap(), "pgo --version\ninstall cargo-pgo --locked\n");

        let error = format!("{:#}", find_cargo_pgo(&cargo_without_pgo("cargo-installing-elsewhere", "exit 0")).unwrap_err());
        assert!(error.contains("cargo-pgo was installed but `cargo pgo --version` still fails: is ~/.cargo/bin on PATH?"), "{error}");

        let no_cargo = scratch.join("no-cargo");
        let error = format!("{:#}", find_cargo_pgo(&no_cargo).unwrap_err());
        assert!(error.contains(&format!("cargo-pgo is missing and {} (to install it) cannot be started", no_cargo.display())), "{error}");

        let cargo_with_pgo = write_script(&scratch.join("cargo-with-pgo"), "echo 'cargo-pgo 0.2.9'");
        assert_eq!(find_cargo_pgo(&cargo_with_pgo).unwrap(), "cargo-pgo 0.2.9");
    }
}
