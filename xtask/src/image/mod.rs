//! `cargo xtask image`: the optimized swallow as an OCI image archive, built without a
//! container engine. The binary comes from the pgo-build pipeline run with the committed
//! profile and no measurement (`pgo::build_with_committed_profile`), or from `--binary`;
//! `rootfs.rs` gathers it with exactly the shared libraries it loads, `oci.rs` writes the image
//! layout reproducibly (the same revision gives the same digest), `verify.rs` checks the result
//! with skopeo and umoci. The archive goes to `target/image/swallow-<version>.tar` through a
//! temporary file and a rename, so a failed run leaves an earlier archive intact.

pub mod oci;
mod rootfs;
pub mod verify;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::compare::interpreters;

/// Command-line options of `cargo xtask image`.
#[derive(clap::Args, Debug)]
pub struct ImageArgs {
    /// Package this already-built swallow binary instead of building one with the committed
    /// PGO profile (its profile label is then "none").
    #[arg(long, value_name = "PATH")]
    binary: Option<PathBuf>,
    /// Where to write the archive [default: target/image/swallow-<version>.tar].
    #[arg(long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Then read the archive back with skopeo, unpack it with umoci and run the unpacked
    /// swallow (skopeo and umoci are installed with apt-get when missing).
    #[arg(long)]
    verify: bool,
}

/// The label holding the SHA-256 of the PGO profile the binary was built with ("none" for a
/// binary given with `--binary`).
pub const PROFILE_LABEL: &str = "swallow.pgo-profile.sha256";

/// What goes into an image besides the fixed layout.
#[derive(Clone, Debug)]
pub struct ImageInputs {
    pub binary: PathBuf,
    /// The SHA-256 of the PGO profile `binary` was built with, when known.
    pub profile_sha256: Option<String>,
    /// The source revision (`org.opencontainers.image.revision`).
    pub revision: String,
    /// Every timestamp in the image (seconds since the epoch).
    pub timestamp: u64,
}

/// A written image archive.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    /// The image's name in the archive (`swallow:<version>`).
    pub name: oci::ImageName,
    pub labels: BTreeMap<String, String>,
    pub digests: oci::ImageDigests,
    pub archive_size: u64,
    /// (path in the image, size) of every file.
    pub files: Vec<(String, u64)>,
}

/// Entry point of `cargo xtask image`.
pub fn run(args: ImageArgs) -> anyhow::Result<()> {
    let (binary, profile_sha256) = match args.binary {
        Some(binary) => (binary, None),
        None => {
            let built = crate::pgo::build_with_committed_profile()?;
            (built.optimized, Some(built.profile_sha256))
        }
    };
    let timestamp = source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?.unwrap_or_else(commit_time);
    let inputs = ImageInputs { binary, profile_sha256, revision: interpreters::source_revision(), timestamp };
    let written = write_image(&inputs, args.output.as_deref())?;
    println!("image {} ({}), {:.2} MiB", written.name.reference(), inputs.binary.display(), mib(written.archive_size));
    for (path, size) in &written.files {
        println!("  {path:<40} {:>8.2} MiB", mib(*size));
    }
    println!("layer: {:.2} MiB compressed, {:.2} MiB unpacked", mib(written.digests.layer_size), mib(written.digests.layer_uncompressed_size));
    println!("manifest digest: {}", written.digests.manifest);
    println!("wrote {}", written.path.display());
    if args.verify {
        let work_dir = crate::target_dir().join("image").join(format!("verify-{}", std::process::id()));
        let verified = verify::verify(&written.path, &written.digests, &written.name, &written.labels, &work_dir)?;
        println!("skopeo inspect oci-archive:{}\n{}", written.path.display(), verified.skopeo_inspect.trim_end());
        println!("unpacked with umoci; its swallow ran `{}` and printed: {}", verify::PROGRAM, verified.program_output.trim_end());
    }
    Ok(())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The image's timestamp from SOURCE_DATE_EPOCH's value (the reproducible-builds convention),
/// if it is set; a value that is not a number of seconds is an error.
fn source_date_epoch(value: Option<&str>) -> anyhow::Result<Option<u64>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).with_context(|| format!("SOURCE_DATE_EPOCH={text:?} is not a number of seconds since 1970")),
    }
}

/// The commit time of HEAD (the same for every build of a revision), or 0 outside git.
fn commit_time() -> u64 {
    std::process::Command::new("git")
        .args(["log", "-1", "--format=%ct", "HEAD"])
        .current_dir(crate::project_root())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| String::from_utf8_lossy(&output.stdout).trim().parse().ok())
        .unwrap_or(0)
}

/// Write the image of `inputs.binary` to `output` (by default
/// `target/image/swallow-<version>.tar`), through a temporary file and a rename. The binary is
/// checked (an x86-64 ELF executable that runs and prints its version) before anything is
/// written.
pub fn write_image(inputs: &ImageInputs, output: Option<&Path>) -> anyhow::Result<Written> {
    let binary_bytes = rootfs::read_binary(&inputs.binary)?;
    let version = rootfs::version_of(&inputs.binary)?;
    let libraries = rootfs::shared_libraries(&inputs.binary)?;
    let files = rootfs::root_filesystem(binary_bytes, &libraries)?;
    let name = oci::ImageName { repository: "swallow".to_owned(), tag: version.clone() };
    let labels = BTreeMap::from([
        ("org.opencontainers.image.title".to_owned(), "swallow".to_owned()),
        ("org.opencontainers.image.description".to_owned(), "swallow, a Python 3.11 interpreter written in Rust".to_owned()),
        ("org.opencontainers.image.version".to_owned(), version.clone()),
        ("org.opencontainers.image.revision".to_owned(), inputs.revision.clone()),
        (PROFILE_LABEL.to_owned(), inputs.profile_sha256.clone().unwrap_or_else(|| "none".to_owned())),
    ]);
    let (archive, digests) = oci::image_archive(&files, &image_config(&name, &labels, inputs))?;
    let path = match output {
        Some(path) => path.to_path_buf(),
        None => crate::target_dir().join("image").join(format!("swallow-{version}.tar")),
    };
    if path.is_dir() {
        bail!("--output {} is a directory; name the archive file", path.display());
    }
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    crate::write_atomically(&path, &archive)?;
    let files = files
        .iter()
        .filter_map(|entry| match &entry.kind {
            oci::EntryKind::File(contents) => Some((format!("/{}", entry.path), contents.len() as u64)),
            oci::EntryKind::Directory => None,
        })
        .collect();
    Ok(Written { path, name, labels, digests, archive_size: archive.len() as u64, files })
}

/// The image's config: `swallow` on PATH as the entrypoint, `/` as the working directory.
fn image_config(name: &oci::ImageName, labels: &BTreeMap<String, String>, inputs: &ImageInputs) -> oci::ImageConfig {
    oci::ImageConfig {
        name: name.clone(),
        entrypoint: vec!["swallow".to_owned()],
        env: vec!["PATH=/usr/local/bin:/usr/bin:/bin".to_owned()],
        working_dir: "/".to_owned(),
        labels: labels.clone(),
        timestamp: inputs.timestamp,
        created_by: match inputs.profile_sha256 {
            Some(_) => "cargo xtask image (LTO+PGO build with pgo-profiles/swallow.profdata)".to_owned(),
            None => "cargo xtask image --binary".to_owned(),
        },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_support::ScratchDir;

    /// The debug build of swallow, which `cargo test --workspace` builds for the interpreter's
    /// own tests (a test cannot run cargo: the running `cargo test` holds the build lock),
    /// stripped of its 50 MiB of debug info so that compressing it takes a second
    /// (`target/xtask-tests/image-swallow`, made once per test process: a temporary file and a
    /// rename, so concurrent test processes never see half of it).
    pub fn debug_swallow() -> PathBuf {
        static STRIPPED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
        STRIPPED
            .get_or_init(|| {
                let binary = crate::target_dir().join("debug").join("swallow");
                assert!(binary.is_file(), "{} is missing: build it first (`cargo build -p swallow`)", binary.display());
                let stripped = crate::target_dir().join("xtask-tests").join("image-swallow");
                let temporary = stripped.with_extension(format!("tmp-{}", std::process::id()));
                std::fs::create_dir_all(stripped.parent().unwrap()).unwrap();
                let status = std::process::Command::new("strip").arg("-o").arg(&temporary).arg(&binary).status();
                assert!(status.is_ok_and(|status| status.success()), "strip (Debian package binutils) failed on {}", binary.display());
                std::fs::rename(&temporary, &stripped).unwrap();
                stripped
            })
            .clone()
    }

    fn inputs(binary: PathBuf) -> ImageInputs {
        ImageInputs { binary, profile_sha256: Some("5e".repeat(32)), revision: "0123456789ab".into(), timestamp: 1_795_353_001 }
    }

    /// The whole path a user takes, with other projects' tools: skopeo reads the archive,
    /// umoci unpacks it, and the unpacked swallow runs a program with the image's libraries only.
    #[test]
    fn skopeo_and_umoci_read_the_image_and_its_swallow_runs() {
        let scratch = ScratchDir::new("image-skopeo-umoci");
        let output = scratch.join("out/swallow.tar");
        let written = write_image(&inputs(debug_swallow()), Some(&output)).unwrap();
        assert_eq!(written.name.reference(), format!("swallow:{}", env!("CARGO_PKG_VERSION")));
        let paths: Vec<&str> = written.files.iter().map(|(path, _)| path.as_str()).collect();
        assert!(paths.contains(&"/usr/local/bin/swallow") && paths.contains(&"/lib64/ld-linux-x86-64.so.2"), "{paths:?}");
        assert!(paths.iter().any(|path| path.ends_with("/libc.so.6")), "{paths:?}");

        let verified = verify::verify(&output, &written.digests, &written.name, &written.labels, &scratch.join("verify")).unwrap();
        assert_eq!(verified.program_output, verify::PROGRAM_OUTPUT);
        let inspected: serde_json::Value = serde_json::from_str(&verified.skopeo_inspect).unwrap();
        assert_eq!(inspected["Labels"]["org.opencontainers.image.revision"], "0123456789ab");
        assert_eq!(inspected["Labels"][PROFILE_LABEL], "5e".repeat(32));
        assert_eq!(inspected["Labels"]["org.opencontainers.image.version"], "0.1.0");
        assert_eq!(inspected["Created"], "2026-11-22T13:10:01Z");
        assert!(!scratch.join("verify").exists(), "the unpacked image is removed after the check");
    }

    /// The check has teeth: an image without the shared libraries unpacks, but its swallow
    /// cannot start in the chroot, and verify says so.
    #[test]
    fn an_image_without_the_libraries_fails_the_check() {
        let scratch = ScratchDir::new("image-without-libraries");
        let files = rootfs::root_filesystem(std::fs::read(debug_swallow()).unwrap(), &[]).unwrap();
        let written = write_image(&inputs(debug_swallow()), Some(&scratch.join("complete.tar"))).unwrap();
        let config = image_config(&written.name, &written.labels, &inputs(debug_swallow()));
        let (archive, digests) = oci::image_archive(&files, &config).unwrap();
        let broken = scratch.join("without-libraries.tar");
        std::fs::write(&broken, archive).unwrap();
        let error = format!("{:#}", verify::verify(&broken, &digests, &written.name, &written.labels, &scratch.join("verify")).unwrap_err());
        assert!(error.contains("chroot") && error.contains("failed"), "{error}");
    }

    #[test]
    fn two_builds_give_the_same_digest_and_bytes() {
        let scratch = ScratchDir::new("image-reproducible");
        let first = write_image(&inputs(debug_swallow()), Some(&scratch.join("first.tar"))).unwrap();
        let second = write_image(&inputs(debug_swallow()), Some(&scratch.join("second.tar"))).unwrap();
        assert_eq!(first.digests, second.digests);
        assert!(std::fs::read(&first.path).unwrap() == std::fs::read(&second.path).unwrap(), "the archives differ");
        let mut no_profile = inputs(debug_swallow());
        no_profile.profile_sha256 = None;
        let third = write_image(&no_profile, Some(&scratch.join("third.tar"))).unwrap();
        assert_eq!(third.labels[PROFILE_LABEL], "none");
        assert_ne!(third.digests.manifest, first.digests.manifest);
        assert_eq!(third.digests.layer, first.digests.layer, "the same files give the same layer");
    }

    #[test]
    fn a_bad_binary_is_refused_and_leaves_the_earlier_archive_intact() {
        let scratch = ScratchDir::new("image-bad-binary-keeps-archive");
        let output = scratch.join("swallow-0.1.0.tar");
        write_image(&inputs(debug_swallow()), Some(&output)).unwrap();
        let earlier = std::fs::read(&output).unwrap();
        let error = format!("{:#}", write_image(&inputs(scratch.join("no-such-swallow")), Some(&output)).unwrap_err());
        assert!(error.contains(&format!("cannot read the swallow binary {}", scratch.join("no-such-swallow").display())), "{error}");
        let script = crate::test_support::write_script(&scratch.join("fake-swallow"), "echo swallow 9.9");
        let error = format!("{:#}", write_image(&inputs(script), Some(&output)).unwrap_err());
        assert!(error.contains("not an ELF executable"), "{error}");
        // A real executable that is not swallow.
        let error = format!("{:#}", write_image(&inputs(PathBuf::from("/bin/true")), Some(&output)).unwrap_err());
        assert!(error.contains("is it a swallow binary?"), "{error}");
        assert!(std::fs::read(&output).unwrap() == earlier, "the earlier archive was changed");
        let left: Vec<_> = std::fs::read_dir(scratch.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert!(left.iter().all(|name| !name.to_string_lossy().starts_with('.')), "temporary files were left: {left:?}");
    }

    #[test]
    fn source_date_epoch_sets_the_time_and_must_be_a_number() {
        assert_eq!(source_date_epoch(None).unwrap(), None);
        assert_eq!(source_date_epoch(Some("")).unwrap(), None);
        assert_eq!(source_date_epoch(Some("1700000000")).unwrap(), Some(1_700_000_000));
        let error = format!("{:#}", source_date_epoch(Some("yesterday")).unwrap_err());
        assert!(error.contains("SOURCE_DATE_EPOCH=\"yesterday\" is not a number"), "{error}");
        assert!(commit_time() > 1_700_000_000, "the repository's HEAD has a commit time");
    }
}
