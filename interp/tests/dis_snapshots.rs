//! Disassembly snapshots: every `tests/dis/NAME.py` is compiled and its disassembly compared
//! with `tests/dis/NAME.dis`. Run with `UPDATE_SNAPSHOTS=1` to rewrite the `.dis` files after
//! an intended change to the compiler (and review the diff).

use std::path::{Path, PathBuf};

use swallow::bytecode::dis::disassemble;
use swallow::compiler::{compile, Mode};

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("dis")
}

/// First differing line, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut exp = expected.lines();
    let mut act = actual.lines();
    let mut line = 1;
    loop {
        match (exp.next(), act.next()) {
            (None, None) => return "identical".into(),
            (e, a) if e == a => line += 1,
            (e, a) => return format!("line {line}:\n  expected: {e:?}\n  actual:   {a:?}"),
        }
    }
}

#[test]
fn disassembly_matches_snapshots() {
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(snapshot_dir())
        .expect("tests/dis exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    programs.sort();
    assert!(!programs.is_empty(), "no snapshot programs found");
    let mut failures = Vec::new();
    for program in &programs {
        let source = std::fs::read_to_string(program).expect("readable program");
        let name = program.file_name().and_then(|n| n.to_str()).unwrap_or("?").to_string();
        let actual = match compile(&source, &name, Mode::Module) {
            Ok(code) => disassemble(&code),
            Err(e) => format!("{e}\n"),
        };
        let expected_path = program.with_extension("dis");
        if update {
            std::fs::write(&expected_path, &actual).expect("writable snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("{name}: {}", first_difference(&expected, &actual)));
        }
    }
    assert!(
        failures.is_empty(),
        "disassembly differs from the snapshots (UPDATE_SNAPSHOTS=1 rewrites them):\n{}",
        failures.join("\n")
    );
}
