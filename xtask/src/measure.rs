//! Timing one run of an interpreter in its own process: wall time from spawn to exit, the
//! child's peak resident set size (from `wait4`'s rusage), its outcome in the corpus format,
//! optionally pinned to one CPU (the `sched_setaffinity` call `taskset` makes, done in the child
//! before exec, so no extra process is timed). Shared by `compare` and `pgo-build`.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::corpus_format::{last_stderr_line, Outcome, FIXED_ENV, SCRUBBED_ENV};

/// What to run: `program` (the interpreter's argv prefix, e.g. `["/usr/bin/python3.11"]`) plus
/// `args`, in `cwd`.
#[derive(Clone, Debug)]
pub struct RunSpec {
    pub program: Vec<OsString>,
    pub args: Vec<OsString>,
    pub cwd: PathBuf,
    /// Run on this CPU only (`None`: wherever the scheduler likes).
    pub pinned_cpu: Option<usize>,
    pub timeout: Duration,
    /// Extra environment variables (e.g. `LLVM_PROFILE_FILE` for an instrumented build).
    pub env: Vec<(OsString, OsString)>,
}

/// One measured run.
#[derive(Clone, Debug)]
pub struct Measured {
    pub wall: Duration,
    /// Peak resident set size of the child, in KiB.
    pub peak_rss_kib: u64,
    pub outcome: Outcome,
}

/// Set by the SIGINT handler: the user pressed Ctrl-C.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn note_interrupt(_signal: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// From now on Ctrl-C does not kill xtask: it kills the running child (which shares the
/// terminal's process group) and sets a flag that long loops check with [`interrupted`], so
/// the command can stop with a clear message and leave earlier results intact.
pub fn catch_interrupts() {
    let handler: extern "C" fn(libc::c_int) = note_interrupt;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { libc::signal(libc::SIGINT, handler as libc::sighandler_t) };
}

/// Whether Ctrl-C was pressed since [`catch_interrupts`].
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Run `spec` once and measure it. `Err` only when the process could not be started; a crash,
/// a non-zero exit or a timeout is reported in `outcome.exit`.
pub fn measure(spec: &RunSpec) -> std::io::Result<Measured> {
    let (first, rest) = spec
        .program
        .split_first()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "empty interpreter command"))?;
    let mut command = Command::new(first);
    command.args(rest).args(&spec.args).current_dir(&spec.cwd);
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for name in SCRUBBED_ENV {
        command.env_remove(name);
    }
    for (name, value) in FIXED_ENV {
        command.env(name, value);
    }
    for (name, value) in &spec.env {
        command.env(name, value);
    }
    if let Some(cpu) = spec.pinned_cpu {
        pin_to_cpu(&mut command, cpu);
    }

    let started = Instant::now();
    let mut child = command.spawn()?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let (exit, peak_rss_kib, ended) = wait_with_timeout(&mut child, spec.timeout)?;
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Ok(Measured {
        wall: ended.saturating_duration_since(started),
        peak_rss_kib,
        outcome: Outcome { exit, stderr_last: last_stderr_line(&stderr), stdout },
    })
}

/// Read a child's pipe to the end on its own thread, so a chatty child never blocks.
fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut buf);
        }
        buf
    })
}

/// Wait for `child` with `wait4` on a helper thread (the moment it returns is the end time),
/// killing the child after `timeout`. Returns the exit description, the peak RSS and the end.
fn wait_with_timeout(child: &mut Child, timeout: Duration) -> std::io::Result<(String, u64, Instant)> {
    let pid = child.id() as libc::pid_t;
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(wait4_blocking(pid));
    });
    match receiver.recv_timeout(timeout) {
        Ok(result) => {
            let (status, rss, ended) = result?;
            Ok((describe_status(status), rss, ended))
        }
        Err(_) => {
            // SAFETY: kill(2) with a pid we spawned and have not reaped yet (the waiter has not
            // reported), so it cannot name another process.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            let (_, rss, ended) = receiver
                .recv()
                .map_err(|_| std::io::Error::other("the waiting thread disappeared"))??;
            Ok(("timeout".to_owned(), rss, ended))
        }
    }
}

/// Block in `wait4` until `pid` exits; its raw status, peak RSS in KiB and the time it ended.
fn wait4_blocking(pid: libc::pid_t) -> std::io::Result<(libc::c_int, u64, Instant)> {
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; all-zero bytes are a valid value for it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `status` and `usage` are valid, writable and live for the whole call.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        let ended = Instant::now();
        if reaped == pid {
            // Linux reports ru_maxrss in KiB.
            return Ok((status, u64::try_from(usage.ru_maxrss).unwrap_or(0), ended));
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

fn describe_status(status: libc::c_int) -> String {
    if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status).to_string()
    } else if libc::WIFSIGNALED(status) {
        format!("signal {}", libc::WTERMSIG(status))
    } else {
        format!("status {status}")
    }
}

/// Make the child run only on `cpu`, as `taskset -c CPU` would.
fn pin_to_cpu(command: &mut Command, cpu: usize) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the forked child before exec; it only builds a cpu_set_t on
    // the stack and makes one system call, both async-signal-safe, and touches no locks.
    unsafe {
        command.pre_exec(move || {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu, &mut set);
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// The CPUs this process may run on (its affinity mask), in increasing order.
pub fn allowed_cpus() -> Vec<usize> {
    // SAFETY: cpu_set_t is plain old data; all-zero bytes are the empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid, writable cpu_set_t of the size passed.
    let ok = unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) } == 0;
    if !ok {
        return Vec::new();
    }
    // SAFETY: CPU_ISSET only reads the set, with an index below CPU_SETSIZE.
    (0..libc::CPU_SETSIZE as usize).filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) }).collect()
}

/// The size in bytes of `binary` after `strip` (on a temporary copy), or `None` when `strip` is
/// not installed or fails.
pub fn stripped_size(binary: &Path) -> Option<u64> {
    let copy = std::env::temp_dir().join(format!("xtask-strip-{}-{}", std::process::id(), unique_suffix()));
    std::fs::copy(binary, &copy).ok()?;
    let stripped = Command::new("strip")
        .arg("-o")
        .arg(&copy)
        .arg(binary)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()
        .filter(|status| status.success())
        .and_then(|_| std::fs::metadata(&copy).ok())
        .map(|meta| meta.len());
    let _ = std::fs::remove_file(&copy);
    stripped
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(program: &[&str], args: &[&str]) -> RunSpec {
        RunSpec {
            program: program.iter().map(OsString::from).collect(),
            args: args.iter().map(OsString::from).collect(),
            cwd: std::env::temp_dir(),
            pinned_cpu: allowed_cpus().last().copied(),
            timeout: Duration::from_secs(20),
            env: vec![("XTASK_TEST_VARIABLE".into(), "set".into())],
        }
    }

    #[test]
    fn measures_output_exit_and_memory() {
        let run = measure(&spec(&["sh", "-c"], &["echo out $XTASK_TEST_VARIABLE; echo err >&2; exit 3"])).unwrap();
        assert_eq!(run.outcome.exit, "3");
        assert_eq!(run.outcome.stdout, b"out set\n");
        assert_eq!(run.outcome.stderr_last, "err");
        assert!(run.peak_rss_kib > 0);
        assert!(run.wall > Duration::ZERO);
    }

    #[test]
    fn a_hung_child_is_killed_at_the_timeout() {
        let mut hung = spec(&["sleep"], &["30"]);
        hung.timeout = Duration::from_millis(200);
        let run = measure(&hung).unwrap();
        assert_eq!(run.outcome.exit, "timeout");
        assert!(run.wall < Duration::from_secs(10));
    }

    #[test]
    fn a_missing_program_is_an_error() {
        assert!(measure(&spec(&["/nonexistent/interpreter"], &[])).is_err());
    }

    #[test]
    fn pinning_restricts_the_child_to_one_cpu() {
        let cpus = allowed_cpus();
        assert!(!cpus.is_empty());
        let run = measure(&spec(&["sh", "-c"], &["grep Cpus_allowed_list /proc/self/status"])).unwrap();
        let expected = format!("Cpus_allowed_list:\t{}\n", cpus.last().unwrap());
        assert_eq!(String::from_utf8_lossy(&run.outcome.stdout), expected);
    }

    #[test]
    fn stripping_a_binary_does_not_grow_it() {
        let sh = Path::new("/bin/sh");
        if let Some(size) = stripped_size(sh) {
            assert!(size <= std::fs::metadata(sh).unwrap().len());
        }
    }
}
