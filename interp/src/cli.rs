//! The `swallow` command line, parsed like `python3`'s: interpreter options come first, and
//! everything from the program (a file, `-c CODE`, or `-`) on belongs to the program's
//! `sys.argv`. Runs the interpreter on a thread with a large native stack, and turns a Rust
//! panic (always a bug) into a one-line message and exit status 70.

use std::io::IsTerminal;

use crate::run::{self, EXIT_USAGE};

/// Native stack of the interpreter thread: deep recursion through nested native calls
/// (repr of deeply nested containers, Python code called from builtins) stays far from it.
pub const INTERPRETER_STACK_SIZE: usize = 256 * 1024 * 1024;

/// Exit status after an internal error (a Rust panic): `EX_SOFTWARE` from sysexits.h.
pub const EXIT_INTERNAL_ERROR: i32 = 70;

const USAGE_LINE: &str = "usage: swallow [option] ... [-c cmd | file | -] [arg] ...";

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// `--version` / `-V`.
    Version,
    /// `--help` / `-h`.
    Help,
    /// `swallow FILE [args]`: argv = `[FILE, args...]`.
    RunFile { path: String, argv: Vec<String> },
    /// `swallow -c CODE [args]`: argv = `['-c', args...]`.
    RunCommand { code: String, argv: Vec<String> },
    /// Program on stdin (`swallow - [args]`, or no program and stdin is not a terminal).
    RunStdin { argv: Vec<String> },
    /// Interactive prompt (no program, stdin is a terminal).
    Repl { argv: Vec<String>, quiet: bool },
    /// `swallow --dis FILE`: print the disassembly of every code object of FILE.
    Disassemble { path: String },
}

/// A parsed command line: what to do, and interpreter options that apply to running a program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandLine {
    pub action: Action,
    /// `--stats`: print execution statistics to stderr when the program ends (see `vm::stats`).
    pub stats: bool,
}

/// A command line swallow cannot accept; the message is printed above the usage line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Options CPython accepts that change nothing in swallow (bytecode caching, site, environment
/// isolation, buffering, optimization level, verbosity and banner flags).
const IGNORED_FLAGS: &[char] = &['b', 'B', 'd', 'E', 'I', 'O', 'P', 'q', 's', 'S', 'u', 'v'];

/// Parse the arguments after the executable name. `stdin_is_terminal` decides between the
/// REPL and reading the program from stdin when no program is given.
pub fn parse_args(args: &[String], stdin_is_terminal: bool) -> Result<CommandLine, UsageError> {
    let mut version = false;
    let mut stats = false;
    let mut help = false;
    let mut quiet = false;
    let mut index = 0;
    let mut program: Option<Action> = None;

    while index < args.len() && program.is_none() {
        let arg = &args[index];
        index += 1;
        if arg == "-" {
            program = Some(Action::RunStdin { argv: program_argv("-", &args[index..]) });
        } else if arg == "--" {
            if let Some(path) = args.get(index) {
                program = Some(Action::RunFile { path: path.clone(), argv: program_argv(path, &args[index + 1..]) });
            }
            break;
        } else if let Some(long) = arg.strip_prefix("--") {
            match long {
                "version" => version = true,
                "stats" => stats = true,
                "help" | "help-all" | "help-env" | "help-xoptions" => help = true,
                "check-hash-based-pycs" => {
                    if args.get(index).is_none() {
                        return Err(UsageError(format!("Argument expected for the --{long} option")));
                    }
                    index += 1;
                }
                "dis" => {
                    let Some(path) = args.get(index) else {
                        return Err(UsageError("Argument expected for the --dis option".into()));
                    };
                    program = Some(Action::Disassemble { path: path.clone() });
                }
                _ => return Err(UsageError(format!("unknown option {arg}"))),
            }
        } else if let Some(flags) = arg.strip_prefix('-') {
            for (position, flag) in flags.char_indices() {
                let attached = &flags[position + flag.len_utf8()..];
                match flag {
                    'c' | 'W' | 'X' | 'm' => {
                        let value = if !attached.is_empty() {
                            attached.to_owned()
                        } else if let Some(next) = args.get(index) {
                            index += 1;
                            next.clone()
                        } else {
                            return Err(UsageError(format!("Argument expected for the -{flag} option")));
                        };
                        match flag {
                            'c' => program = Some(Action::RunCommand { code: value, argv: program_argv("-c", &args[index..]) }),
                            'm' => return Err(UsageError("-m (run a library module) is not supported by swallow yet".into())),
                            _ => {}
                        }
                        break;
                    }
                    'V' => version = true,
                    'h' | '?' => help = true,
                    'q' => quiet = true,
                    _ if IGNORED_FLAGS.contains(&flag) => {}
                    _ => return Err(UsageError(format!("Unknown option: -{flag}"))),
                }
            }
        } else {
            program = Some(Action::RunFile { path: arg.clone(), argv: program_argv(arg, &args[index..]) });
        }
    }

    let action = if help {
        Action::Help
    } else if version {
        Action::Version
    } else {
        program.unwrap_or_else(|| {
            if stdin_is_terminal {
                Action::Repl { argv: vec![String::new()], quiet }
            } else {
                Action::RunStdin { argv: vec![String::new()] }
            }
        })
    };
    Ok(CommandLine { action, stats })
}

fn program_argv(first: &str, rest: &[String]) -> Vec<String> {
    std::iter::once(first.to_owned()).chain(rest.iter().cloned()).collect()
}

/// `swallow 0.1.0 (Python 3.11 compatible)`.
pub fn version_line() -> String {
    format!("swallow {} (Python 3.11 compatible)", crate::VERSION)
}

/// The `--help` text.
pub fn help_text() -> String {
    format!(
        "{USAGE_LINE}
Options:
-c cmd : program passed in as string (terminates option list)
-h     : print this help message and exit (also -? or --help)
-q     : don't print the version banner on interactive startup
-V     : print the version number and exit (also --version)
--dis file : print the bytecode of every code object in file and exit
--stats : at exit, print execution statistics to stderr (opcode counts, calls,
         inline-cache hits/misses/deopts)
-b -B -d -E -I -O -OO -P -s -S -u -v, -W arg, -X opt :
         accepted for compatibility with python3; they change nothing
Arguments:
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
"
    )
}

/// The process entry point: parse `std::env::args`, run, and return the exit status.
pub fn main() -> i32 {
    crate::signals::install();
    install_panic_hook();
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let thread_args = args.clone();
    let spawned = std::thread::Builder::new()
        .name("swallow".into())
        .stack_size(INTERPRETER_STACK_SIZE)
        .spawn(move || run_command_line(&thread_args));
    match spawned {
        Ok(handle) => handle.join().unwrap_or(EXIT_INTERNAL_ERROR),
        // No big thread available (tight limits): run with the stack we have.
        Err(_) => run_command_line(&args),
    }
}

/// A Rust panic is a bug in swallow: say so in one line and exit 70 instead of printing Rust's
/// default message and a backtrace hint.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message = if let Some(text) = info.payload().downcast_ref::<&str>() {
            (*text).to_owned()
        } else if let Some(text) = info.payload().downcast_ref::<String>() {
            text.clone()
        } else {
            "panic".to_owned()
        };
        eprintln!("swallow: internal error: {message}{location}");
        std::process::exit(EXIT_INTERNAL_ERROR);
    }));
}

/// Parse and carry out one command line (on the interpreter thread).
pub fn run_command_line(args: &[String]) -> i32 {
    let CommandLine { action, stats } = match parse_args(args, std::io::stdin().is_terminal()) {
        Ok(command_line) => command_line,
        Err(UsageError(message)) => {
            run::report(&format!("{message}\n{USAGE_LINE}\nTry `swallow -h' for more information.\n"));
            return EXIT_USAGE;
        }
    };
    match action {
        Action::Version => print_and_exit(&format!("{}\n", version_line())),
        Action::Help => print_and_exit(&help_text()),
        Action::RunFile { path, argv } => run::run_file(&path, argv, stats),
        Action::RunCommand { code, argv } => run::run_source(&code, "<string>", argv, stats),
        Action::RunStdin { argv } => {
            let mut bytes = Vec::new();
            if let Err(error) = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes) {
                run::report(&format!("swallow: can't read program from stdin: {}\n", run::errno_message(&error)));
                return EXIT_USAGE;
            }
            run::run_source_bytes(&bytes, "<stdin>", argv, stats)
        }
        Action::Repl { argv, quiet } => crate::repl::run_repl(argv, quiet),
        Action::Disassemble { path } => disassemble_file(&path),
    }
}

fn print_and_exit(text: &str) -> i32 {
    let _ = crate::stdio::write_stdout(text);
    run::finish(0)
}

/// `--dis FILE`: compile FILE and print the disassembly of every code object.
fn disassemble_file(path: &str) -> i32 {
    let absolute = run::absolute_path(std::path::Path::new(path));
    let shown = absolute.display().to_string();
    let bytes = match std::fs::read(&absolute) {
        Ok(bytes) => bytes,
        Err(error) => {
            run::report(&format!("swallow: can't open file '{shown}': {}\n", run::errno_message(&error)));
            return EXIT_USAGE;
        }
    };
    let source = match run::decode_source(&bytes, &shown) {
        Ok(source) => source,
        Err(err) => {
            crate::traceback::print_compile_error(&err);
            return run::EXIT_EXCEPTION;
        }
    };
    match crate::compiler::compile(&source, &shown, crate::compiler::Mode::Module) {
        Ok(code) => {
            let _ = crate::stdio::write_stdout(&crate::bytecode::dis::disassemble(&code));
            run::finish(0)
        }
        Err(err) => {
            crate::traceback::print_compile_error(&run::with_source_text(err, &source));
            run::EXIT_EXCEPTION
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Action, UsageError> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        parse_args(&args, false).map(|command_line| command_line.action)
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn program_file_takes_the_rest_of_the_arguments() {
        assert_eq!(
            parse(&["x.py", "-V", "--foo", "a"]),
            Ok(Action::RunFile { path: "x.py".into(), argv: strings(&["x.py", "-V", "--foo", "a"]) })
        );
        assert_eq!(parse(&["-u", "x.py"]), Ok(Action::RunFile { path: "x.py".into(), argv: strings(&["x.py"]) }));
        assert_eq!(parse(&["--", "-c"]), Ok(Action::RunFile { path: "-c".into(), argv: strings(&["-c"]) }));
    }

    #[test]
    fn dash_c_forms() {
        let expected = Action::RunCommand { code: "print(1)".into(), argv: strings(&["-c", "a", "-V"]) };
        assert_eq!(parse(&["-c", "print(1)", "a", "-V"]), Ok(expected.clone()));
        assert_eq!(parse(&["-cprint(1)", "a", "-V"]), Ok(expected.clone()));
        assert_eq!(parse(&["-Bc", "print(1)", "a", "-V"]), Ok(expected));
        assert_eq!(parse(&["-c"]), Err(UsageError("Argument expected for the -c option".into())));
    }

    #[test]
    fn stdin_and_repl() {
        assert_eq!(parse(&["-", "x"]), Ok(Action::RunStdin { argv: strings(&["-", "x"]) }));
        assert_eq!(parse(&[]), Ok(Action::RunStdin { argv: strings(&[""]) }));
        assert_eq!(parse_args(&[], true).map(|c| c.action), Ok(Action::Repl { argv: strings(&[""]), quiet: false }));
        assert_eq!(parse_args(&strings(&["-q"]), true).map(|c| c.action), Ok(Action::Repl { argv: strings(&[""]), quiet: true }));
    }

    #[test]
    fn version_help_and_errors() {
        assert_eq!(parse(&["-V"]), Ok(Action::Version));
        assert_eq!(parse(&["--version"]), Ok(Action::Version));
        assert_eq!(parse(&["-V", "-c", "print(1)"]), Ok(Action::Version));
        assert_eq!(parse(&["--help"]), Ok(Action::Help));
        assert_eq!(parse(&["-h"]), Ok(Action::Help));
        assert_eq!(parse(&["--version", "--foo"]), Err(UsageError("unknown option --foo".into())));
        assert_eq!(parse(&["-Z"]), Err(UsageError("Unknown option: -Z".into())));
        assert_eq!(parse(&["-W", "ignore", "x.py"]), Ok(Action::RunFile { path: "x.py".into(), argv: strings(&["x.py"]) }));
        assert_eq!(parse(&["--dis", "x.py"]), Ok(Action::Disassemble { path: "x.py".into() }));
    }

    #[test]
    fn stats_option_comes_before_the_program() {
        let parsed = parse_args(&strings(&["--stats", "x.py", "--stats"]), false);
        let expected = Action::RunFile { path: "x.py".into(), argv: strings(&["x.py", "--stats"]) };
        assert_eq!(parsed, Ok(CommandLine { action: expected, stats: true }));
        assert_eq!(parse_args(&strings(&["x.py"]), false).map(|c| c.stats), Ok(false));
    }

    #[test]
    fn version_line_names_python_version() {
        assert_eq!(version_line(), format!("swallow {} (Python 3.11 compatible)", crate::VERSION));
    }
}
