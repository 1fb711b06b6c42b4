//! The interactive prompt: line editing and history (rustyline, `~/.swallow_history`),
//! `>>> ` / `... ` prompts, multi-line entries, echo of expression values, and errors that
//! print a traceback without ending the session.

use std::path::PathBuf;

use crate::run;
use crate::vm::Vm;

const PRIMARY_PROMPT: &str = ">>> ";
const CONTINUATION_PROMPT: &str = "... ";
const HISTORY_FILE: &str = ".swallow_history";

/// Where a REPL entry stands after the lines typed so far.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EntryState {
    /// Nothing but blank lines or comments: show a fresh primary prompt.
    Empty,
    /// Ready to compile and run.
    Complete,
    /// More lines are needed (open bracket or string, trailing backslash, or a compound
    /// statement not yet ended by an empty line).
    NeedsMore,
}

/// Decide whether `buffer` (the lines of the current entry, each ending in `\n`) is complete.
///
/// A compound statement (one whose first line starts with a block keyword or a decorator, or
/// ends with `:`) continues until an empty line, as in CPython's REPL; anything else is
/// complete as soon as its brackets and strings are closed.
pub fn entry_state(buffer: &str) -> EntryState {
    let scan = scan(buffer);
    if scan.first_logical_line.is_none() && !scan.unfinished() {
        return EntryState::Empty;
    }
    if scan.unfinished() {
        return EntryState::NeedsMore;
    }
    let first = scan.first_logical_line.unwrap_or_default();
    if !starts_block(&first) {
        return EntryState::Complete;
    }
    let typed = buffer.strip_suffix('\n').unwrap_or(buffer);
    let last_line = typed.rsplit('\n').next().unwrap_or("");
    let typed_lines = typed.split('\n').count();
    if typed_lines > 1 && last_line.trim().is_empty() {
        EntryState::Complete
    } else {
        EntryState::NeedsMore
    }
}

/// True if a logical line opens a block: `if`, `for`, `def`, a decorator, ... or a trailing `:`.
fn starts_block(line: &str) -> bool {
    const BLOCK_KEYWORDS: &[&str] = &["if", "elif", "else", "while", "for", "try", "except", "finally", "with", "def", "class", "async"];
    let trimmed = line.trim();
    if trimmed.starts_with('@') || trimmed.ends_with(':') {
        return true;
    }
    let first_word: String = trimmed.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    BLOCK_KEYWORDS.contains(&first_word.as_str())
}

/// What a light tokenizer pass over an entry found.
#[derive(Default, Debug)]
struct Scan {
    bracket_depth: usize,
    /// Inside a triple-quoted string: its quote character.
    open_triple_quote: Option<char>,
    /// The text ends with a backslash line continuation.
    trailing_backslash: bool,
    /// The first logical line with code on it, comments removed.
    first_logical_line: Option<String>,
}

impl Scan {
    fn unfinished(&self) -> bool {
        self.bracket_depth > 0 || self.open_triple_quote.is_some() || self.trailing_backslash
    }
}

fn scan(buffer: &str) -> Scan {
    let mut result = Scan::default();
    let chars: Vec<char> = buffer.chars().collect();
    let mut logical = String::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if let Some(quote) = result.open_triple_quote {
            if c == '\\' {
                index += 2;
                continue;
            }
            if c == quote && chars.get(index + 1) == Some(&quote) && chars.get(index + 2) == Some(&quote) {
                result.open_triple_quote = None;
                logical.push_str("\"\"\"\"\"\"");
                index += 3;
                continue;
            }
            index += 1;
            continue;
        }
        match c {
            '#' => {
                while index < chars.len() && chars[index] != '\n' {
                    index += 1;
                }
                continue;
            }
            '\'' | '"' => {
                if chars.get(index + 1) == Some(&c) && chars.get(index + 2) == Some(&c) {
                    result.open_triple_quote = Some(c);
                    index += 3;
                    continue;
                }
                // A one-line string: ends at its quote or (unterminated) at the newline.
                index += 1;
                while index < chars.len() && chars[index] != c && chars[index] != '\n' {
                    if chars[index] == '\\' {
                        index += 1;
                    }
                    index += 1;
                }
                logical.push_str("''");
                index += 1;
                continue;
            }
            '(' | '[' | '{' => result.bracket_depth += 1,
            ')' | ']' | '}' => result.bracket_depth = result.bracket_depth.saturating_sub(1),
            '\\' if chars.get(index + 1) == Some(&'\n') => {
                index += 2;
                if index >= chars.len() {
                    result.trailing_backslash = true;
                }
                continue;
            }
            '\n' if result.bracket_depth == 0 => {
                if result.first_logical_line.is_none() && !logical.trim().is_empty() {
                    result.first_logical_line = Some(std::mem::take(&mut logical));
                }
                logical.clear();
                index += 1;
                continue;
            }
            _ => {}
        }
        logical.push(c);
        index += 1;
    }
    if result.first_logical_line.is_none() && !logical.trim().is_empty() {
        result.first_logical_line = Some(logical);
    }
    result
}

/// Run the REPL until end of input (Ctrl-D) or `SystemExit`; returns the exit status.
pub fn run_repl(argv: Vec<String>, quiet: bool) -> i32 {
    if !quiet {
        run::report(&format!("{}\nType Ctrl-D to exit.\n", crate::cli::version_line()));
    }
    let mut vm = Vm::new(argv);
    let module = vm.new_main_module();
    let globals = module.dict.clone();
    let mut input = LineInput::new();
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { PRIMARY_PROMPT } else { CONTINUATION_PROMPT };
        match input.read_line(prompt) {
            Line::Text(line) => {
                buffer.push_str(&line);
                buffer.push('\n');
                match entry_state(&buffer) {
                    EntryState::Empty => buffer.clear(),
                    EntryState::NeedsMore => {}
                    EntryState::Complete => {
                        input.add_history(buffer.trim_end_matches('\n'));
                        let entry = std::mem::take(&mut buffer);
                        if let Some(status) = run::run_interactive_entry(&mut vm, &entry, &globals) {
                            input.save_history();
                            return run::finish(status);
                        }
                    }
                }
            }
            Line::Interrupted => {
                buffer.clear();
                run::report("\nKeyboardInterrupt\n");
            }
            Line::End => {
                run::report("\n");
                break;
            }
        }
    }
    input.save_history();
    run::finish(0)
}

enum Line {
    Text(String),
    Interrupted,
    End,
}

/// Lines from rustyline when the terminal allows it, else plain reads from stdin.
struct LineInput {
    editor: Option<rustyline::DefaultEditor>,
    history_path: Option<PathBuf>,
}

impl LineInput {
    fn new() -> LineInput {
        let history_path = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(HISTORY_FILE));
        let mut editor = rustyline::DefaultEditor::new().ok();
        if let (Some(editor), Some(path)) = (editor.as_mut(), history_path.as_ref()) {
            // A missing history file is normal on first use.
            let _ = editor.load_history(path);
        }
        LineInput { editor, history_path }
    }

    fn read_line(&mut self, prompt: &str) -> Line {
        let _ = crate::stdio::flush_stdout();
        match self.editor.as_mut() {
            Some(editor) => match editor.readline(prompt) {
                Ok(line) => Line::Text(line),
                Err(rustyline::error::ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::End,
            },
            None => {
                let _ = crate::stdio::write_stderr(prompt);
                match crate::stdio::read_stdin_line() {
                    Ok(Some(line)) => Line::Text(line.trim_end_matches(['\n', '\r']).to_owned()),
                    _ => Line::End,
                }
            }
        }
    }

    fn add_history(&mut self, entry: &str) {
        if let Some(editor) = self.editor.as_mut() {
            let _ = editor.add_history_entry(entry);
        }
    }

    fn save_history(&mut self) {
        if let (Some(editor), Some(path)) = (self.editor.as_mut(), self.history_path.as_ref()) {
            let _ = editor.save_history(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_statements_are_complete() {
        assert_eq!(entry_state("x = 1\n"), EntryState::Complete);
        assert_eq!(entry_state("1 + 2  # comment: yes\n"), EntryState::Complete);
        assert_eq!(entry_state("d = {1: 2}\n"), EntryState::Complete);
        assert_eq!(entry_state("s = 'unterminated\n"), EntryState::Complete);
    }

    #[test]
    fn blank_entries_are_empty() {
        assert_eq!(entry_state("\n"), EntryState::Empty);
        assert_eq!(entry_state("   # just a comment\n"), EntryState::Empty);
    }

    #[test]
    fn open_brackets_strings_and_backslashes_need_more() {
        assert_eq!(entry_state("x = (1,\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("x = (1,\n 2)\n"), EntryState::Complete);
        assert_eq!(entry_state("s = \"\"\"abc\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("s = \"\"\"abc\ndef\"\"\"\n"), EntryState::Complete);
        assert_eq!(entry_state("x = 1 + \\\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("x = ')' + (\n"), EntryState::NeedsMore);
    }

    #[test]
    fn compound_statements_end_with_an_empty_line() {
        assert_eq!(entry_state("if x:\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("if x:\n    y = 1\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("if x:\n    y = 1\n\n"), EntryState::Complete);
        assert_eq!(entry_state("for i in range(3): print(i)\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("for i in range(3): print(i)\n\n"), EntryState::Complete);
        assert_eq!(entry_state("@decorator\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("def f(a,\n      b):\n    return a\n"), EntryState::NeedsMore);
        assert_eq!(entry_state("def f(a,\n      b):\n    return a\n\n"), EntryState::Complete);
    }
}
