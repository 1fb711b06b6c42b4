//! The `swallow` executable: everything lives in the library's `cli` module.

fn main() {
    let status = swallow::cli::main();
    std::process::exit(status);
}
