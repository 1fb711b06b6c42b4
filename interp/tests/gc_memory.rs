//! The cycle collector keeps memory bounded: a program that builds reference cycles in a loop
//! runs in a small, fixed peak RSS (it would need well over 500 MB if cycles leaked).
//!
//! The program waits on `input()` once the loop is done, so the test can read the child's
//! peak resident size (`VmHWM` in `/proc/<pid>/status`) while it is still alive. Linux only.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

/// `VmHWM` of process `pid`, in kB.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Run `program`, which prints "ready" and waits for a line once its work is done; returns
/// (peak RSS in kB, everything it printed after "ready").
fn run_and_measure(program: &str) -> (u64, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_swallow"))
        .arg("-c")
        .arg(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("swallow starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    assert_eq!(first, "ready", "the program did not get to its end");
    let peak = peak_rss_kb(child.id()).expect("/proc/<pid>/status has VmHWM");
    child.stdin.take().expect("stdin is piped").write_all(b"\n").expect("write to the child");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().expect("swallow exits");
    assert!(status.success(), "swallow failed: {status}");
    (peak, rest.join("\n"))
}

const BOUND_KB: u64 = 100 * 1024;

#[test]
#[cfg(target_os = "linux")]
fn cycles_built_in_a_loop_keep_peak_rss_bounded() {
    // 1,000,000 iterations, each making two lists that reference each other: about 1.4 GB
    // if they leaked (measured with `gc.disable()`).
    let program = "
import sys
for i in range(1000000):
    a = []
    b = [a]
    a.append(b)
print('ready')
sys.stdout.flush()
input()
print('done')
";
    let (peak, rest) = run_and_measure(program);
    assert_eq!(rest, "done");
    assert!(peak < BOUND_KB, "peak RSS {peak} kB is over {BOUND_KB} kB");
}

#[test]
#[cfg(target_os = "linux")]
fn self_referencing_dicts_and_closures_keep_peak_rss_bounded() {
    let program = "
import sys
def make():
    def again():
        return again
    return again
for i in range(300000):
    d = {'i': i}
    d['self'] = d
    f = make()
print('ready')
sys.stdout.flush()
input()
print(d['self']['i'], f() is f)
";
    let (peak, rest) = run_and_measure(program);
    assert_eq!(rest, "299999 True");
    assert!(peak < BOUND_KB, "peak RSS {peak} kB is over {BOUND_KB} kB");
}
