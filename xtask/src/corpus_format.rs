//! The differential corpus's shared rules: which files are programs, how one is run (cwd, argv,
//! environment, stdin, timeout) and how its outcome is written to a `.expected` file.
//!
//! This file has no dependencies beyond std because it is compiled twice: into `xtask`
//! (`cargo xtask corpus-expect` records outcomes with python3) and into the interpreter's
//! integration test `interp/tests/corpus.rs` (through `#[path]`), so recording and checking can
//! never disagree on the format.
//!
//! `.expected` format:
//!
//! ```text
//! exit=<exit status>
//! stderr=<last non-empty line of stderr, or nothing>
//! ---
//! <stdout, verbatim>
//! ```

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a program may run before it counts as hung.
pub const PROGRAM_TIMEOUT: Duration = Duration::from_secs(10);

/// Environment variables removed before running a program, so the caller's shell cannot change
/// what CPython (or swallow) does.
pub const SCRUBBED_ENV: &[&str] = &[
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "PYTHONWARNINGS",
    "PYTHONOPTIMIZE",
    "PYTHONINSPECT",
    "PYTHONUNBUFFERED",
    "PYTHONVERBOSE",
    "PYTHONDEVMODE",
    "PYTHONSAFEPATH",
    "PYTHONBREAKPOINT",
    "PYTHONTRACEMALLOC",
    "PYTHONFAULTHANDLER",
];

/// Environment variables set for every program: a fixed str hash seed (so set iteration order
/// is stable from run to run), UTF-8 I/O, and no `__pycache__` written into the corpus.
pub const FIXED_ENV: &[(&str, &str)] = &[
    ("PYTHONHASHSEED", "0"),
    ("PYTHONIOENCODING", "utf-8"),
    ("PYTHONUTF8", "1"),
    ("PYTHONDONTWRITEBYTECODE", "1"),
    ("LC_ALL", "C.UTF-8"),
];

/// What one run of a program produced, reduced to what the corpus compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `0`, `1`, ... for a normal exit; `signal 9` when killed; `timeout` when it hung.
    pub exit: String,
    /// The last non-empty line of stderr (trailing whitespace removed), or "".
    pub stderr_last: String,
    pub stdout: Vec<u8>,
}

impl Outcome {
    /// The `.expected` file contents for this outcome.
    pub fn render(&self) -> Vec<u8> {
        let mut out = format!("exit={}\nstderr={}\n---\n", self.exit, self.stderr_last).into_bytes();
        out.extend_from_slice(&self.stdout);
        out
    }

    /// Parse `.expected` file contents; `Err` describes what is malformed.
    pub fn parse(bytes: &[u8]) -> Result<Outcome, String> {
        let mut rest = bytes;
        let mut header_line = |prefix: &str| -> Result<String, String> {
            let end = rest.iter().position(|&b| b == b'\n').ok_or_else(|| format!("missing line `{prefix}...`"))?;
            let line = std::str::from_utf8(&rest[..end]).map_err(|_| format!("line `{prefix}...` is not UTF-8"))?;
            rest = &rest[end + 1..];
            line.strip_prefix(prefix)
                .map(str::to_owned)
                .ok_or_else(|| format!("expected a line starting with `{prefix}`, found `{line}`"))
        };
        let exit = header_line("exit=")?;
        let stderr_last = header_line("stderr=")?;
        let separator = header_line("---")?;
        if !separator.is_empty() {
            return Err("the third line must be exactly `---`".into());
        }
        Ok(Outcome { exit, stderr_last, stdout: rest.to_vec() })
    }
}

/// The last line of `stderr` that is not blank, without trailing whitespace.
pub fn last_stderr_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    text.lines().map(str::trim_end).rfind(|line| !line.is_empty()).unwrap_or("").to_owned()
}

/// Every corpus program under `dir`, recursively, sorted. Files whose name starts with `_` are
/// helper modules imported by programs, not programs themselves.
pub fn find_programs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut programs = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current)? {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                // `_pkgs/`, `__pycache__/`: packages and modules that programs import.
                if !name.starts_with('_') {
                    pending.push(path);
                }
            } else if name.ends_with(".py") && !name.starts_with('_') {
                programs.push(path);
            }
        }
    }
    programs.sort();
    Ok(programs)
}

/// The `.expected` file beside `program`.
pub fn expected_path(program: &Path) -> PathBuf {
    program.with_extension("expected")
}

/// The program's name relative to the corpus root, for messages (`strings/fmt.py`).
pub fn display_name(corpus: &Path, program: &Path) -> String {
    program.strip_prefix(corpus).unwrap_or(program).display().to_string()
}

/// Run `interpreter` on `program` the way the corpus does: in the program's directory, with
/// argv = just its file name, empty stdin, a scrubbed environment, and `timeout`.
pub fn run_program(interpreter: &Path, program: &Path, timeout: Duration) -> std::io::Result<Outcome> {
    run_with_timeout(program_command(interpreter, program), timeout)
}

/// The command `run_program` runs (for callers that add to its environment).
pub fn program_command(interpreter: &Path, program: &Path) -> Command {
    let dir = program.parent().unwrap_or(Path::new("."));
    let file_name = program.file_name().unwrap_or(program.as_os_str());
    let mut command = Command::new(interpreter);
    command.arg(file_name).current_dir(dir).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for name in SCRUBBED_ENV {
        command.env_remove(name);
    }
    for (name, value) in FIXED_ENV {
        command.env(name, value);
    }
    command
}

/// Run `command` (whose stdout and stderr are piped), killing it after `timeout`.
pub fn run_with_timeout(mut command: Command, timeout: Duration) -> std::io::Result<Outcome> {
    let mut child = command.spawn()?;
    // Drain both pipes on their own threads so a chatty program cannot block on a full pipe.
    let stdout_reader = child.stdout.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    });
    let stderr_reader = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            buf
        })
    });
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() >= timeout {
            timed_out = true;
            let _ = child.kill();
            break child.wait()?;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = stdout_reader.and_then(|t| t.join().ok()).unwrap_or_default();
    let stderr = stderr_reader.and_then(|t| t.join().ok()).unwrap_or_default();
    let exit = if timed_out {
        "timeout".to_owned()
    } else if let Some(code) = status.code() {
        code.to_string()
    } else {
        signal_description(&status)
    };
    Ok(Outcome { exit, stderr_last: last_stderr_line(&stderr), stdout })
}

#[cfg(unix)]
fn signal_description(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(signal) => format!("signal {signal}"),
        None => "unknown".to_owned(),
    }
}

#[cfg(not(unix))]
fn signal_description(_status: &std::process::ExitStatus) -> String {
    "unknown".to_owned()
}

/// A short line diff of two `.expected` renderings: the first few differing lines, each side.
pub fn short_diff(expected: &[u8], actual: &[u8]) -> String {
    const MAX_SHOWN: usize = 6;
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let expected_lines: Vec<&str> = expected.split('\n').collect();
    let actual_lines: Vec<&str> = actual.split('\n').collect();
    let mut out = String::new();
    let mut shown = 0;
    let longest = expected_lines.len().max(actual_lines.len());
    for index in 0..longest {
        let want = expected_lines.get(index);
        let got = actual_lines.get(index);
        if want == got {
            continue;
        }
        if shown == MAX_SHOWN {
            out.push_str("    ... (more differences)\n");
            break;
        }
        shown += 1;
        let line_no = index + 1;
        match want {
            Some(line) => out.push_str(&format!("    line {line_no} expected: {line:?}\n")),
            None => out.push_str(&format!("    line {line_no} expected: <end of output>\n")),
        }
        match got {
            Some(line) => out.push_str(&format!("    line {line_no} actual:   {line:?}\n")),
            None => out.push_str(&format!("    line {line_no} actual:   <end of output>\n")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_and_parse_round_trip() {
        let outcome = Outcome { exit: "1".into(), stderr_last: "KeyError: 'x'".into(), stdout: b"a\n\nb".to_vec() };
        let rendered = outcome.render();
        assert_eq!(rendered, b"exit=1\nstderr=KeyError: 'x'\n---\na\n\nb".to_vec());
        assert_eq!(Outcome::parse(&rendered), Ok(outcome));
    }

    #[test]
    fn parse_rejects_malformed_headers() {
        assert!(Outcome::parse(b"exit=0\n---\n").is_err());
        assert!(Outcome::parse(b"exit=0\nstderr=\n--\n").is_err());
        assert!(Outcome::parse(b"").is_err());
    }

    #[test]
    fn last_stderr_line_skips_blank_lines() {
        assert_eq!(last_stderr_line(b"Traceback\n  File x\nValueError: bad  \n\n  \n"), "ValueError: bad");
        assert_eq!(last_stderr_line(b""), "");
    }

    #[test]
    fn short_diff_names_differing_lines() {
        let diff = short_diff(b"exit=0\nstderr=\n---\nx\n", b"exit=1\nstderr=\n---\nx\n");
        assert!(diff.contains("line 1 expected: \"exit=0\""));
        assert!(diff.contains("line 1 actual:   \"exit=1\""));
        assert!(!diff.contains("line 4"));
    }
}
