//! Which interpreters `compare` runs: swallow, the reference CPython, whatever other Python
//! interpreters are installed (python3, pypy3, rustpython) and those given with `--interp`;
//! each with its version and binary size.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::bail;

use crate::measure::{measure, stripped_size, Measured, RunSpec};

/// The name of the interpreter speedups are measured against by default.
pub const REFERENCE_NAME: &str = "cpython3.11";

/// Debian's optimized CPython 3.11, the reference the project's speed goals are stated against.
const REFERENCE_PATH: &str = "/usr/bin/python3.11";

/// Other interpreters looked up on PATH: (report name, program name).
const OPTIONAL_INTERPRETERS: &[(&str, &str)] = &[("python3", "python3"), ("pypy3", "pypy3"), ("rustpython", "rustpython")];

/// An interpreter taking part in the comparison.
#[derive(Clone, Debug, Default)]
pub struct Interpreter {
    pub name: String,
    /// The argv prefix that runs a script: `command + [script]`.
    pub command: Vec<OsString>,
    /// The executable file, when known (for its size).
    pub executable: Option<PathBuf>,
    /// First line of `--version`.
    pub version: String,
    /// Size of the executable plus any shared libpython/libpypy it links.
    pub binary_size: Option<u64>,
    /// The same after `strip`, when `strip` is installed.
    pub stripped_size: Option<u64>,
}

/// The interpreters found, and those looked for but skipped, with why.
pub struct Found {
    pub interpreters: Vec<Interpreter>,
    pub skipped: Vec<(String, String)>,
}

/// Find every interpreter to compare: `swallow` (a binary path), the reference, the optional
/// ones on PATH and `extra` (`NAME=COMMAND` strings from `--interp`).
pub fn discover(swallow: &Path, extra: &[String]) -> anyhow::Result<Found> {
    let mut found = Found { interpreters: Vec::new(), skipped: Vec::new() };
    let reference = Path::new(REFERENCE_PATH);
    if reference.is_file() {
        found.interpreters.push(describe(REFERENCE_NAME, vec![reference.as_os_str().to_owned()], Some(reference.to_path_buf())));
    } else {
        found.skipped.push((REFERENCE_NAME.to_owned(), format!("{REFERENCE_PATH} not found")));
    }
    found.interpreters.push(describe("swallow", vec![swallow.as_os_str().to_owned()], Some(swallow.to_path_buf())));

    for (name, program) in OPTIONAL_INTERPRETERS {
        let Some(on_path) = find_on_path(program) else {
            found.skipped.push(((*name).to_owned(), format!("`{program}` is not on PATH")));
            continue;
        };
        // Launchers such as pyenv's shims are shell scripts: run the real executable instead,
        // so the launcher's own start-up is not timed.
        let executable = real_python_executable(&on_path).unwrap_or(on_path);
        if let Some(same) = found.interpreters.iter().find(|i| same_file(i.executable.as_deref(), &executable)) {
            found.skipped.push(((*name).to_owned(), format!("{} is the same interpreter as {}", executable.display(), same.name)));
            continue;
        }
        found.interpreters.push(describe(name, vec![executable.as_os_str().to_owned()], Some(executable.clone())));
    }

    for spec in extra {
        let Some((name, command)) = spec.split_once('=') else {
            bail!("--interp {spec}: expected NAME=COMMAND, e.g. --interp python3.12=/usr/bin/python3.12");
        };
        let name = name.trim();
        let command: Vec<OsString> = command.split_whitespace().map(OsString::from).collect();
        if name.is_empty() || command.is_empty() {
            bail!("--interp {spec}: expected NAME=COMMAND with a non-empty name and command");
        }
        if found.interpreters.iter().any(|i| i.name == name) {
            bail!("--interp {spec}: there already is an interpreter named `{name}`");
        }
        let mut command = command;
        let program = PathBuf::from(&command[0]);
        // A path (not a bare name) is made absolute: workloads run in their own directory.
        let executable =
            if program.components().count() > 1 { std::fs::canonicalize(&program).ok().filter(|p| p.is_file()) } else { find_on_path(&program) };
        let Some(executable) = executable else {
            found.skipped.push((name.to_owned(), format!("`{}` not found", program.display())));
            continue;
        };
        if program.components().count() > 1 {
            command[0] = executable.clone().into_os_string();
        }
        found.interpreters.push(describe(name, command, Some(executable)));
    }
    Ok(found)
}

/// An interpreter run as `command`, with its version and the size of `executable`.
pub fn describe(name: &str, command: Vec<OsString>, executable: Option<PathBuf>) -> Interpreter {
    let version = version_of(&command);
    // The interpreter's code: its executable plus the shared libpython it may be linked to
    // (a `--enable-shared` CPython's executable alone is a few KiB).
    let files: Vec<PathBuf> = executable.iter().cloned().chain(executable.iter().flat_map(|exe| interpreter_libraries(exe))).collect();
    let total = |size_of: &dyn Fn(&Path) -> Option<u64>| -> Option<u64> {
        if files.is_empty() {
            return None;
        }
        files.iter().map(|file| size_of(file)).sum()
    };
    let binary_size = total(&|path| std::fs::metadata(path).ok().map(|meta| meta.len()));
    let stripped_size = total(&stripped_size);
    Interpreter { name: name.to_owned(), command, executable, version, binary_size, stripped_size }
}

/// The shared libraries holding an interpreter's own code (libpython, libpypy) that
/// `executable` is dynamically linked to, as `ldd` resolves them.
fn interpreter_libraries(executable: &Path) -> Vec<PathBuf> {
    let Ok(output) = std::process::Command::new("ldd").arg(executable).stderr(std::process::Stdio::null()).output() else {
        return Vec::new();
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_once("=>").map(|(name, rest)| (name.trim().to_owned(), rest.trim().to_owned())))
        .filter(|(name, _)| name.starts_with("libpython") || name.starts_with("libpypy"))
        .filter_map(|(_, rest)| rest.split_whitespace().next().map(PathBuf::from))
        .filter(|path| path.is_file())
        .collect()
}

/// The first line `COMMAND --version` prints (on stdout or stderr), or "unknown".
fn version_of(command: &[OsString]) -> String {
    let Some(run) = run_briefly(command, &["--version"]) else { return "unknown".to_owned() };
    let stdout = String::from_utf8_lossy(&run.outcome.stdout);
    let line = stdout.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or(run.outcome.stderr_last.trim());
    if line.is_empty() {
        "unknown".to_owned()
    } else {
        line.to_owned()
    }
}

/// The interpreter binary behind `launcher`, as its `sys.executable` says.
fn real_python_executable(launcher: &Path) -> Option<PathBuf> {
    let run = run_briefly(&[launcher.as_os_str().to_owned()], &["-c", "import sys; print(sys.executable)"])?;
    if run.outcome.exit != "0" {
        return None;
    }
    let path = PathBuf::from(String::from_utf8_lossy(&run.outcome.stdout).trim());
    path.is_file().then_some(path)
}

/// Run `command args` once to ask it something (not timed): unpinned, in the temporary
/// directory, for at most 30 s. `None` when it cannot be started.
fn run_briefly(command: &[OsString], args: &[&str]) -> Option<Measured> {
    let spec = RunSpec {
        program: command.to_vec(),
        args: args.iter().map(OsString::from).collect(),
        cwd: std::env::temp_dir(),
        pinned_cpu: None,
        timeout: Duration::from_secs(30),
        env: Vec::new(),
    };
    measure(&spec).ok()
}

fn same_file(a: Option<&Path>, b: &Path) -> bool {
    match (a.and_then(|a| std::fs::canonicalize(a).ok()), std::fs::canonicalize(b).ok()) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// `program` looked up on PATH, like the shell does.
fn find_on_path(program: impl AsRef<Path>) -> Option<PathBuf> {
    let program = program.as_ref();
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// The checked-out revision (`git rev-parse`), marked `-dirty` when tracked files are modified.
pub fn source_revision() -> String {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(crate::project_root())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let Some(revision) = git(&["rev-parse", "--short=12", "HEAD"]) else { return "unknown".to_owned() };
    match git(&["status", "--porcelain", "--untracked-files=no"]) {
        Some(changes) if !changes.is_empty() => format!("{revision}-dirty"),
        _ => revision,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `target` as a path relative to `base` (both absolute): `../../bin/sh` and the like.
    fn pathdiff_to(target: &Path, base: &Path) -> PathBuf {
        let mut relative = PathBuf::new();
        for _ in base.components().skip(1) {
            relative.push("..");
        }
        relative.join(target.strip_prefix("/").unwrap_or(target))
    }

    #[test]
    fn finds_programs_on_path() {
        assert!(find_on_path("sh").is_some());
        assert_eq!(find_on_path("no-such-program-anywhere"), None);
    }

    #[test]
    fn extra_interpreters_are_parsed_and_checked() {
        let sh = find_on_path("sh").unwrap();
        let found = discover(&sh, &["shell=sh -e".to_owned(), "ghost=/nonexistent/python".to_owned()]).unwrap();
        let shell = found.interpreters.iter().find(|i| i.name == "shell").unwrap();
        assert_eq!(shell.command, vec![OsString::from("sh"), OsString::from("-e")]);
        assert!(found.skipped.iter().any(|(name, reason)| name == "ghost" && reason.contains("not found")));
        assert!(discover(&sh, &["no-equals-sign".to_owned()]).is_err());
        // A relative path is resolved now, since runs happen in the workload's directory.
        let cwd = std::env::current_dir().unwrap();
        let relative = pathdiff_to(&sh, &cwd);
        let found = discover(&sh, &[format!("relative={}", relative.display())]).unwrap();
        let resolved = found.interpreters.iter().find(|i| i.name == "relative").unwrap();
        assert!(Path::new(&resolved.command[0]).is_absolute(), "{:?}", resolved.command);
        assert!(discover(&sh, &["swallow=sh".to_owned()]).is_err());
    }
}
