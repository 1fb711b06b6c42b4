//! The image's root filesystem: the swallow binary at `/usr/local/bin/swallow`, exactly the
//! shared libraries it loads (as `ldd` resolves them on this machine, the dynamic loader
//! at the binary's `PT_INTERP` path included), each at the path it was found at, and `/tmp`.
//! swallow needs no other file: its standard modules are built into the binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

use super::oci::Entry;

/// Where the binary goes in the image (on the image's PATH).
pub const BINARY_PATH: &str = "/usr/local/bin/swallow";

/// The ELF machine number of x86-64 (the image's platform is linux/amd64).
const EM_X86_64: u16 = 62;

/// The binary's bytes, checked to be an x86-64 ELF executable.
pub fn read_binary(path: &Path) -> anyhow::Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the swallow binary {}", path.display()))?;
    check_elf_x86_64(&bytes).with_context(|| format!("{} cannot go into a linux/amd64 image", path.display()))?;
    Ok(bytes)
}

fn check_elf_x86_64(bytes: &[u8]) -> anyhow::Result<()> {
    const ELFCLASS64: u8 = 2;
    const ELFDATA2LSB: u8 = 1;
    if bytes.get(..4) != Some(b"\x7fELF".as_slice()) {
        bail!("it is not an ELF executable");
    }
    let machine = bytes.get(18..20).map(|b| u16::from_le_bytes([b[0], b[1]]));
    if bytes.get(4) != Some(&ELFCLASS64) || bytes.get(5) != Some(&ELFDATA2LSB) || machine != Some(EM_X86_64) {
        bail!("it is an ELF file for another machine (class {:?}, machine {:?}), not x86-64", bytes.get(4), machine);
    }
    Ok(())
}

/// The version `binary --version` prints (`swallow 0.1.0 (...)` -> `0.1.0`); running it also
/// shows the binary works on this machine.
pub fn version_of(binary: &Path) -> anyhow::Result<String> {
    let output = Command::new(binary).arg("--version").output().with_context(|| format!("cannot run {} --version", binary.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let version = stdout.trim().strip_prefix("swallow ").and_then(|rest| rest.split_whitespace().next());
    match version {
        Some(version) if output.status.success() => Ok(version.to_owned()),
        _ => bail!(
            "`{} --version` printed {:?} ({}): is it a swallow binary?",
            binary.display(),
            stdout.trim(),
            String::from_utf8_lossy(&output.stderr).trim()
        ),
    }
}

/// The absolute paths of every shared object `binary` loads, the dynamic loader included, as
/// `ldd` resolves them (with no LD_LIBRARY_PATH, as in the container); empty for a static
/// binary.
pub fn shared_libraries(binary: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let output = Command::new("ldd")
        .arg(binary)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LD_PRELOAD")
        .output()
        .context("cannot run ldd (Debian package libc-bin) to find the binary's shared libraries")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stdout.contains("statically linked") || stdout.contains("not a dynamic executable") || stderr.contains("not a dynamic executable") {
        return Ok(Vec::new());
    }
    if !output.status.success() {
        bail!("`ldd {}` failed: {}", binary.display(), stderr.trim());
    }
    parse_ldd(&stdout).with_context(|| format!("reading the output of `ldd {}`", binary.display()))
}

/// The shared objects in `ldd`'s output: `name => /path (address)` lines and the loader's
/// `/path (address)` line; the kernel's vDSO (no file) is left out, a `not found` is an error.
pub fn parse_ldd(output: &str) -> anyhow::Result<Vec<PathBuf>> {
    let mut libraries = Vec::new();
    for line in output.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let resolved = match line.split_once("=>") {
            Some((name, target)) => {
                let target = target.trim();
                if target.starts_with("not found") {
                    bail!("the shared library {} is not found on this machine", name.trim());
                }
                target
            }
            None => line,
        };
        let path = resolved.split(" (").next().unwrap_or("").trim();
        if path.starts_with('/') {
            libraries.push(PathBuf::from(path));
        } else if !path.is_empty() && !path.starts_with("linux-vdso") && !path.starts_with("linux-gate") {
            bail!("unexpected line {line:?}");
        }
    }
    libraries.sort();
    libraries.dedup();
    Ok(libraries)
}

/// The files of the image: the binary, each library at its own path (its content, read
/// through symlinks, as a regular file), and `/tmp` (mode 1777). Executables and shared
/// objects are mode 0755.
pub fn root_filesystem(binary: Vec<u8>, libraries: &[PathBuf]) -> anyhow::Result<Vec<Entry>> {
    let mut entries = vec![Entry::file(BINARY_PATH, 0o755, binary), Entry::directory("/tmp", 0o1777)];
    for library in libraries {
        let contents = std::fs::read(library).with_context(|| format!("reading the shared library {}", library.display()))?;
        let path = library.to_str().with_context(|| format!("{} is not UTF-8", library.display()))?;
        entries.push(Entry::file(path, 0o755, contents));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::ScratchDir;

    const LDD_OUTPUT: &str = "\tlinux-vdso.so.1 (0x00007ffd4b3f2000)
\tlibgcc_s.so.1 => /lib/x86_64-linux-gnu/libgcc_s.so.1 (0x00007f3105700000)
\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f310551e000)
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3105300000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f3105f37000)
";

    #[test]
    fn ldd_output_gives_the_libraries_and_the_loader() {
        let paths: Vec<PathBuf> = [
            "/lib/x86_64-linux-gnu/libc.so.6",
            "/lib/x86_64-linux-gnu/libgcc_s.so.1",
            "/lib/x86_64-linux-gnu/libm.so.6",
            "/lib64/ld-linux-x86-64.so.2",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(parse_ldd(LDD_OUTPUT).unwrap(), paths);
        let missing = format!("{LDD_OUTPUT}\tlibssl.so.3 => not found\n");
        assert!(format!("{:#}", parse_ldd(&missing).unwrap_err()).contains("libssl.so.3 is not found"));
        assert!(parse_ldd("garbage output").is_err());
    }

    /// The real debug binary's libraries: the loader and libc at least, all of them files.
    #[test]
    fn the_debug_binary_needs_the_loader_and_libc() {
        let binary = super::super::tests::debug_swallow();
        let libraries = shared_libraries(&binary).unwrap();
        assert!(libraries.iter().any(|path| path.ends_with("libc.so.6")), "{libraries:?}");
        assert!(libraries.contains(&PathBuf::from("/lib64/ld-linux-x86-64.so.2")), "{libraries:?}");
        assert!(libraries.iter().all(|path| path.is_file()), "{libraries:?}");
        assert_eq!(version_of(&binary).unwrap(), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn a_binary_that_is_missing_or_not_an_executable_is_refused() {
        let scratch = ScratchDir::new("image-bad-binary");
        let error = format!("{:#}", read_binary(&scratch.join("missing")).unwrap_err());
        assert!(error.contains("cannot read the swallow binary") && error.contains("No such file"), "{error}");
        let error = format!("{:#}", read_binary(scratch.path()).unwrap_err());
        assert!(error.contains("cannot read the swallow binary") && error.contains("directory"), "{error}");
        std::fs::write(scratch.join("script"), "#!/bin/sh\necho hi\n").unwrap();
        let error = format!("{:#}", read_binary(&scratch.join("script")).unwrap_err());
        assert!(error.contains("not an ELF executable"), "{error}");
        let mut arm64 = b"\x7fELF\x02\x01\x01".to_vec();
        arm64.resize(64, 0);
        arm64[18] = 183; // EM_AARCH64
        std::fs::write(scratch.join("arm64"), &arm64).unwrap();
        let error = format!("{:#}", read_binary(&scratch.join("arm64")).unwrap_err());
        assert!(error.contains("not x86-64"), "{error}");
    }

    #[test]
    fn the_root_filesystem_holds_the_binary_the_libraries_and_tmp() {
        let scratch = ScratchDir::new("image-rootfs");
        let library = scratch.join("lib/libdemo.so.1");
        std::fs::create_dir_all(library.parent().unwrap()).unwrap();
        std::fs::write(&library, b"demo library").unwrap();
        // A symlinked library goes in as a regular file with the target's content.
        let link = scratch.join("lib/libdemo.so");
        std::os::unix::fs::symlink(&library, &link).unwrap();
        let entries = root_filesystem(b"binary".to_vec(), &[link.clone()]).unwrap();
        let link_path = link.to_str().unwrap().trim_start_matches('/');
        assert_eq!(
            entries,
            vec![
                Entry::file("usr/local/bin/swallow", 0o755, b"binary".to_vec()),
                Entry::directory("tmp", 0o1777),
                Entry::file(link_path, 0o755, b"demo library".to_vec())
            ]
        );
        let error = format!("{:#}", root_filesystem(vec![], &[scratch.join("gone.so")]).unwrap_err());
        assert!(error.contains("reading the shared library"), "{error}");
    }
}
