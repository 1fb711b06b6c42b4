//! Checking a written image with other projects' tools, as a user's would read it: `skopeo
//! inspect` reads the archive (digest, platform, labels, entrypoint), also as the `docker
//! save` format `docker load` reads (by the image's name), `umoci unpack` unpacks
//! it into a runtime bundle, and the unpacked swallow runs a program inside the unpacked root
//! filesystem (`chroot`, or through the image's own dynamic loader when not root). skopeo and
//! umoci come from Debian's packages, installed with apt-get when missing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use anyhow::{bail, Context};

use super::oci::{ImageDigests, ImageName};
use super::rootfs::BINARY_PATH;

/// The program the unpacked binary runs, and what it must print.
pub const PROGRAM: &str = "import sys; print('hello from the image:', sum(i * i for i in range(10)), sys.version_info[:2])";
pub const PROGRAM_OUTPUT: &str = "hello from the image: 285 (3, 11)\n";

/// The tools the check needs: (command, Debian package).
const TOOLS: [(&str, &str); 2] = [("skopeo", "skopeo"), ("umoci", "umoci")];

/// What the check saw.
#[derive(Debug)]
pub struct Verified {
    /// `skopeo inspect oci-archive:...`, as printed.
    pub skopeo_inspect: String,
    /// What the unpacked swallow printed for [`PROGRAM`].
    pub program_output: String,
}

/// Serializes installs: tests run in parallel threads, and two apt-get runs would fight over
/// dpkg's lock.
static INSTALLING: Mutex<()> = Mutex::new(());

/// `command` as an executable file in a directory of PATH.
pub fn find_on_path(command: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(command))
        .find(|candidate| std::fs::metadata(candidate).is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0))
}

/// Make sure skopeo and umoci are installed: the missing ones are installed from Debian's
/// packages (`apt-get install`, after `apt-get update` if the first attempt fails); if that
/// cannot be done, the error says what to install.
pub fn ensure_tools() -> anyhow::Result<()> {
    let _installing = INSTALLING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let missing: Vec<&str> = TOOLS.iter().filter(|(command, _)| find_on_path(command).is_none()).map(|(_, package)| *package).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("image: {} not installed; running `apt-get install -y {}`", missing.join(" and "), missing.join(" "));
    let apt_get = |args: &[&str]| -> Option<Output> {
        Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive").stdin(std::process::Stdio::null()).output().ok()
    };
    let install: Vec<&str> = ["install", "-y", "--no-install-recommends"].into_iter().chain(missing.iter().copied()).collect();
    let mut attempt = apt_get(&install);
    if !attempt.as_ref().is_some_and(|output| output.status.success()) {
        let _ = apt_get(&["update"]);
        attempt = apt_get(&install);
    }
    let still_missing: Vec<&str> = TOOLS.iter().filter(|(command, _)| find_on_path(command).is_none()).map(|(_, package)| *package).collect();
    if still_missing.is_empty() {
        return Ok(());
    }
    let detail = match &attempt {
        None => "apt-get could not be run".to_owned(),
        Some(output) => last_lines(&output.stderr, 5),
    };
    bail!(
        "checking the image needs {missing} (Debian packages {missing}), and installing them failed ({detail}): install them \
         (`apt-get install {missing}`, as root) and retry",
        missing = still_missing.join(" ")
    )
}

fn last_lines(bytes: &[u8], count: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

/// Run `command`, failing with its stderr unless it succeeds; returns stdout.
fn run(command: &mut Command) -> anyhow::Result<String> {
    let output = command.output().with_context(|| format!("cannot run {:?}", command.get_program()))?;
    if !output.status.success() {
        bail!("{:?} failed ({}): {}", command, output.status, String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Check the archive at `archive` with skopeo and umoci: skopeo reports `digests.manifest`,
/// linux/amd64, every label in `labels` and the entrypoint `["swallow"]`, and finds the image
/// named `name` with the same config when it reads the file as a docker archive; umoci unpacks the
/// image tagged `name.tag` into `work_dir` (emptied first, removed after success) and the
/// unpacked swallow prints [`PROGRAM_OUTPUT`].
pub fn verify(archive: &Path, digests: &ImageDigests, name: &ImageName, labels: &BTreeMap<String, String>, work_dir: &Path) -> anyhow::Result<Verified> {
    ensure_tools()?;
    let location = format!("oci-archive:{}", archive.display());
    let skopeo_inspect = run(Command::new("skopeo").args(["inspect", &location]))?;
    let inspected: serde_json::Value = serde_json::from_str(&skopeo_inspect).context("`skopeo inspect` printed no JSON")?;
    if inspected["Digest"] != digests.manifest.as_str() {
        bail!("skopeo reads the digest {} where {} was written", inspected["Digest"], digests.manifest);
    }
    if inspected["Architecture"] != "amd64" || inspected["Os"] != "linux" {
        bail!("skopeo reads the platform {}/{}", inspected["Os"], inspected["Architecture"]);
    }
    for (key, value) in labels {
        if inspected["Labels"][key] != value.as_str() {
            bail!("skopeo reads the label {key} as {}, not {value:?}", inspected["Labels"][key]);
        }
    }
    let config: serde_json::Value = serde_json::from_str(&run(Command::new("skopeo").args(["inspect", "--config", &location]))?)
        .context("`skopeo inspect --config` printed no JSON")?;
    if config["config"]["Entrypoint"] != serde_json::json!(["swallow"]) {
        bail!("skopeo reads the entrypoint {}", config["config"]["Entrypoint"]);
    }
    // The same file read as `docker save` output (its manifest.json, what `docker load` reads):
    // the image is found under its name, with the same config.
    let as_docker_archive = format!("docker-archive:{}:{}", archive.display(), name.reference());
    let docker: serde_json::Value = serde_json::from_str(&run(Command::new("skopeo").args(["inspect", &as_docker_archive]))?)
        .context("`skopeo inspect docker-archive:...` printed no JSON")?;
    if docker["Labels"] != inspected["Labels"] || docker["Layers"] != serde_json::json!([digests.layer_diff_id]) {
        bail!("read as a docker archive, the image has the labels {} and layers {}", docker["Labels"], docker["Layers"]);
    }

    if work_dir.exists() {
        std::fs::remove_dir_all(work_dir).with_context(|| format!("clearing {}", work_dir.display()))?;
    }
    let layout = work_dir.join("layout");
    let bundle = work_dir.join("bundle");
    std::fs::create_dir_all(&layout).with_context(|| format!("creating {}", layout.display()))?;
    let file = std::fs::File::open(archive).with_context(|| format!("opening {}", archive.display()))?;
    tar::Archive::new(file).unpack(&layout).with_context(|| format!("extracting {} into {}", archive.display(), layout.display()))?;
    let mut unpack = Command::new("umoci");
    unpack.arg("unpack");
    if !is_root() {
        unpack.arg("--rootless");
    }
    unpack.arg("--image").arg(format!("{}:{}", layout.display(), name.tag)).arg(&bundle);
    run(&mut unpack)?;
    let runtime_config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("config.json")).context("umoci wrote no config.json")?)?;
    if runtime_config["process"]["args"] != serde_json::json!(["swallow"]) {
        bail!("umoci's runtime config runs {}, not swallow", runtime_config["process"]["args"]);
    }
    let program_output = run_unpacked(&bundle.join("rootfs"))?;
    if program_output != PROGRAM_OUTPUT {
        bail!("the unpacked swallow printed {program_output:?}, not {PROGRAM_OUTPUT:?}");
    }
    std::fs::remove_dir_all(work_dir).with_context(|| format!("removing {}", work_dir.display()))?;
    Ok(Verified { skopeo_inspect, program_output })
}

/// Run [`PROGRAM`] with the swallow of the unpacked `rootfs` and only that root filesystem's
/// libraries, in an empty environment: in a chroot when root, else through its own loader with
/// its library directories.
fn run_unpacked(rootfs: &Path) -> anyhow::Result<String> {
    if is_root() {
        let chroot = find_on_path("chroot").context("chroot (Debian package coreutils) is not on PATH")?;
        return run(Command::new(chroot).arg(rootfs).args([BINARY_PATH, "-c", PROGRAM]).env_clear());
    }
    let inside = |path: &str| -> PathBuf { rootfs.join(path.trim_start_matches('/')) };
    let library_path = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu"].map(|dir| inside(dir).display().to_string()).join(":");
    run(Command::new(inside("/lib64/ld-linux-x86-64.so.2")).arg("--library-path").arg(library_path).arg(inside(BINARY_PATH)).args(["-c", PROGRAM]).env_clear())
}
