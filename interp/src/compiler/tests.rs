//! Compiler tests: SyntaxError positions and messages, code shapes, and robustness.

use super::*;

fn compile_err(src: &str) -> CompileError {
    match compile(src, "<test>", Mode::Module) {
        Ok(_) => panic!("expected a SyntaxError for {src:?}"),
        Err(e) => e,
    }
}

#[test]
fn compiles_something() {
    let code = compile("x = 1\nprint(x + 2)\n", "<test>", Mode::Module).unwrap();
    assert!(!code.words.is_empty());
    let _ = compile_err("x = (1,\n");
}
