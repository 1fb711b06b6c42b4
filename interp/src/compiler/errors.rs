//! Source positions and SyntaxErrors: byte offsets to 1-based line/column, and ruff's parse
//! errors turned into `CompileError`s whose messages follow CPython 3.11's for the common cases.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType, UnsupportedSyntaxError,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::CompileError;

/// CPython's tokenizer limit on bracket nesting.
pub const MAX_PAREN_NESTING: usize = 200;

/// Line starts of a source text, for offset -> (line, column) conversion.
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { source, starts }
    }

    /// The source text of `range` (empty if out of bounds).
    pub fn text(&self, range: ruff_text_size::TextRange) -> &'a str {
        self.source.get(usize::from(range.start())..usize::from(range.end())).unwrap_or("")
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: TextSize) -> u32 {
        let offset = usize::from(offset).min(self.source.len());
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        idx as u32 + 1
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn position(&self, offset: TextSize) -> (u32, u32) {
        let offset = usize::from(offset).min(self.source.len());
        let line = self.line(TextSize::from(offset as u32));
        let start = self.starts.get(line as usize - 1).copied().unwrap_or(0);
        let col = self.source.get(start..offset).map(|s| s.chars().count()).unwrap_or(offset - start);
        (line, col as u32 + 1)
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text(&self, line: u32) -> &'a str {
        let Some(&start) = self.starts.get((line as usize).wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line as usize).copied().unwrap_or(self.source.len());
        self.source.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of the start of a 1-based line.
    pub fn offset_of_line(&self, line: u32) -> TextSize {
        let start = self.starts.get((line as usize).wrapping_sub(1)).copied().unwrap_or(self.source.len());
        TextSize::from(start as u32)
    }

    /// Number of lines (a trailing newline does not start a counted line).
    pub fn line_count(&self) -> u32 {
        let n = self.starts.len();
        if n > 1 && self.starts[n - 1] == self.source.len() {
            (n - 1) as u32
        } else {
            n as u32
        }
    }
}

/// Build a `CompileError` pointing at `range`.
pub fn error_at(index: &LineIndex, filename: &str, range: TextRange, msg: impl Into<String>, indentation: bool) -> CompileError {
    let (line, col) = index.position(range.start());
    let (end_line, end_col) = index.position(range.end());
    CompileError {
        indentation,
        msg: msg.into(),
        filename: filename.into(),
        line,
        col,
        end_col: if end_line == line && end_col > col { end_col } else { 0 },
        text: index.line_text(line).to_string(),
    }
}

/// Opening bracket token kinds and the character each stands for.
fn bracket_open(kind: TokenKind) -> Option<char> {
    match kind {
        TokenKind::Lpar => Some('('),
        TokenKind::Lsqb => Some('['),
        TokenKind::Lbrace => Some('{'),
        _ => None,
    }
}

fn bracket_close(kind: TokenKind) -> Option<char> {
    match kind {
        TokenKind::Rpar => Some(')'),
        TokenKind::Rsqb => Some(']'),
        TokenKind::Rbrace => Some('}'),
        _ => None,
    }
}

fn matching(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// What the tokenizer alone finds wrong with the brackets: too deep nesting, a closing bracket
/// without an opening one, or a mismatched pair. Returns the first such problem.
pub fn bracket_error(index: &LineIndex, tokens: &Tokens) -> Option<(TextRange, String)> {
    let mut stack: Vec<(char, TextRange)> = Vec::new();
    // f-string replacement fields use braces that the lexer reports as Lbrace/Rbrace too;
    // they nest properly, so they are tracked like any bracket.
    for tok in tokens.iter() {
        let kind = tok.kind();
        if let Some(open) = bracket_open(kind) {
            if stack.len() >= MAX_PAREN_NESTING {
                return Some((tok.range(), "too many nested parentheses".into()));
            }
            stack.push((open, tok.range()));
        } else if let Some(close) = bracket_close(kind) {
            match stack.pop() {
                None => return Some((tok.range(), format!("unmatched '{close}'"))),
                Some((open, open_range)) => {
                    if matching(open) != close {
                        let open_line = index.line(open_range.start());
                        let where_ = if open_line != index.line(tok.start()) {
                            format!(" on line {open_line}")
                        } else {
                            String::new()
                        };
                        return Some((
                            tok.range(),
                            format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'{where_}"),
                        ));
                    }
                }
            }
        }
    }
    None
}

/// Errors CPython's tokenizer reports on its own, earliest first: bracket problems, a number
/// immediately followed by letters (`1_`, `0x1g`, `12abc`), and inconsistent tabs and spaces
/// (TabError). Returns (range, message, is IndentationError).
pub fn tokenizer_error(source: &str, index: &LineIndex, tokens: &Tokens) -> Option<(TextRange, String, bool)> {
    let mut found: Vec<(TextRange, String, bool)> = Vec::new();
    if let Some((range, msg)) = bracket_error(index, tokens) {
        found.push((range, msg, false));
    }
    if let Some((range, msg)) = number_suffix_error(source, tokens) {
        found.push((range, msg, false));
    }
    if let Some(range) = tab_error(source, index, tokens) {
        found.push((range, "inconsistent use of tabs and spaces in indentation".into(), true));
    }
    found.into_iter().min_by_key(|(r, _, _)| r.start())
}

fn number_suffix_error(source: &str, tokens: &Tokens) -> Option<(TextRange, String)> {
    let toks: &[ruff_python_ast::token::Token] = tokens;
    for pair in toks.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if !matches!(a.kind(), TokenKind::Int | TokenKind::Float) || b.start() != a.end() {
            continue;
        }
        let text = source.get(usize::from(a.start())..usize::from(a.end())).unwrap_or("");
        let prefix = text.get(..2).map(|p| p.to_ascii_lowercase()).unwrap_or_default();
        let (kind, digits_ok): (&str, fn(char) -> bool) = match prefix.as_str() {
            "0x" => ("hexadecimal", |c| c.is_ascii_hexdigit()),
            "0o" => ("octal", |c| ('0'..='7').contains(&c)),
            "0b" => ("binary", |c| c == '0' || c == '1'),
            _ => ("decimal", |c| c.is_ascii_digit()),
        };
        let next_text = source.get(usize::from(b.start())..usize::from(b.end())).unwrap_or("");
        let last_char_start = a.end() - TextSize::from(text.chars().last().map(|c| c.len_utf8() as u32).unwrap_or(0));
        match b.kind() {
            TokenKind::Int if kind == "binary" || kind == "octal" => {
                let bad = next_text.chars().find(|c| !digits_ok(*c)).unwrap_or('9');
                return Some((TextRange::empty(b.start()), format!("invalid digit '{bad}' in {kind} literal")));
            }
            TokenKind::Name => {
                let at = if next_text.starts_with('_') { b.start() } else { last_char_start };
                return Some((TextRange::empty(at), format!("invalid {kind} literal")));
            }
            _ => {}
        }
    }
    None
}

/// The first logical line whose indentation compares differently with tabs as 8 columns and
/// as 1 column against the enclosing indentation (CPython's TabError).
fn tab_error(source: &str, index: &LineIndex, tokens: &Tokens) -> Option<TextRange> {
    if !source.contains('\t') {
        return None;
    }
    let mut stack: Vec<(u32, u32)> = vec![(0, 0)];
    let mut at_line_start = true;
    for tok in tokens.iter() {
        let kind = tok.kind();
        match kind {
            TokenKind::Newline => {
                at_line_start = true;
                continue;
            }
            TokenKind::NonLogicalNewline | TokenKind::Comment | TokenKind::Indent | TokenKind::Dedent => continue,
            TokenKind::EndOfFile => break,
            _ => {}
        }
        if !at_line_start {
            continue;
        }
        at_line_start = false;
        let line = index.line(tok.start());
        let mut col = 0u32;
        let mut altcol = 0u32;
        for c in index.line_text(line).chars() {
            match c {
                ' ' => {
                    col += 1;
                    altcol += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                '\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
        }
        let line_start = index.offset_of_line(line);
        let &(top_col, top_alt) = stack.last().unwrap_or(&(0, 0));
        if col == top_col {
            if altcol != top_alt {
                return Some(TextRange::empty(line_start));
            }
        } else if col > top_col {
            if altcol <= top_alt {
                return Some(TextRange::empty(line_start));
            }
            stack.push((col, altcol));
        } else {
            while stack.len() > 1 && stack.last().is_some_and(|&(c, _)| col < c) {
                stack.pop();
            }
            if let Some(&(c, a)) = stack.last() {
                if col == c && altcol != a {
                    return Some(TextRange::empty(line_start));
                }
            }
        }
    }
    None
}

/// The innermost bracket still open just before `offset`.
fn unclosed_bracket_before(tokens: &Tokens, offset: TextSize) -> Option<(char, TextRange)> {
    let mut stack: Vec<(char, TextRange)> = Vec::new();
    for tok in tokens.iter() {
        if tok.start() >= offset {
            break;
        }
        if let Some(open) = bracket_open(tok.kind()) {
            stack.push((open, tok.range()));
        } else if bracket_close(tok.kind()).is_some() {
            stack.pop();
        }
    }
    stack.pop()
}

/// The token starting at or after `offset` (the one an error at `offset` is about).
fn token_at(tokens: &Tokens, offset: TextSize) -> Option<(TokenKind, TextRange)> {
    tokens
        .iter()
        .find(|t| t.end() > offset || (t.start() == offset))
        .map(|t| (t.kind(), t.range()))
}

/// The last non-trivia token ending at or before `offset`.
fn token_before(tokens: &Tokens, offset: TextSize) -> Option<(TokenKind, TextRange)> {
    tokens
        .iter()
        .rev()
        .find(|t| t.end() <= offset && !matches!(t.kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
        .map(|t| (t.kind(), t.range()))
}

/// Tokens that can end an expression.
fn ends_expression(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringEnd
            | TokenKind::TStringEnd
            | TokenKind::Rpar
            | TokenKind::Rsqb
            | TokenKind::Rbrace
            | TokenKind::True
            | TokenKind::False
            | TokenKind::None
            | TokenKind::Ellipsis
    )
}

/// Tokens that can start an expression.
fn starts_expression(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringStart
            | TokenKind::TStringStart
            | TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::True
            | TokenKind::False
            | TokenKind::None
            | TokenKind::Ellipsis
            | TokenKind::Lambda
            | TokenKind::Not
            | TokenKind::Await
            | TokenKind::Minus
            | TokenKind::Plus
            | TokenKind::Tilde
    )
}

/// The description CPython uses for an expression that cannot be a target ("literal",
/// "function call", ...), from the expression's source text.
fn describe_target(source: &str, range: TextRange) -> Option<String> {
    use ruff_python_ast::Expr;
    let text = source.get(usize::from(range.start())..usize::from(range.end())).unwrap_or("");
    let parsed = ruff_python_parser::parse_expression(text).ok()?;
    let desc = match parsed.expr() {
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) => "literal",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::NoneLiteral(_) => "None",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Compare(_) => "comparison",
        Expr::Lambda(_) => "lambda",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::Await(_) => "await expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::Starred(_) => "starred",
        Expr::Tuple(_) => "tuple",
        Expr::List(_) => "list",
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Name(_) => "name",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    };
    Some(desc.to_string())
}

/// Turn a parse error into a CPython-like SyntaxError. `None` when this error is only a
/// consequence of another one (the caller then reports the next error).
pub fn parse_error(
    source: &str,
    index: &LineIndex,
    filename: &str,
    tokens: &Tokens,
    error: &ParseError,
) -> Option<CompileError> {
    parse_error_inner(source, index, filename, tokens, error)
}

fn parse_error_inner(
    source: &str,
    index: &LineIndex,
    filename: &str,
    tokens: &Tokens,
    error: &ParseError,
) -> Option<CompileError> {
    let range = error.location;
    let at = |r: TextRange, msg: String| error_at(index, filename, r, msg, false);
    let indent = |r: TextRange, msg: String| error_at(index, filename, r, msg, true);

    // A parse error on a line after an unclosed bracket: CPython blames the bracket.
    if let Some((open, open_range)) = unclosed_bracket_before(tokens, range.start()) {
        let error_line = index.line(range.start());
        let open_line = index.line(open_range.start());
        let is_eof = matches!(token_at(tokens, range.start()), None | Some((TokenKind::EndOfFile, _)))
            || matches!(error.error, ParseErrorType::Lexical(LexicalErrorType::Eof));
        if error_line > open_line || is_eof {
            let mut e = at(open_range, format!("'{open}' was never closed"));
            e.end_col = 0;
            return Some(e);
        }
    }

    // `{1: }`
    if matches!(error.error, ParseErrorType::ExpectedExpression)
        && unclosed_bracket_before(tokens, range.start()).is_some_and(|(c, _)| c == '{')
    {
        if let Some((TokenKind::Colon, colon)) = token_before(tokens, range.start()) {
            if !inside_fstring(tokens, range.start()) {
                return Some(at(colon, "expression expected after dictionary key and ':'".into()));
            }
        }
    }

    // Errors inside an f-string replacement field.
    if matches!(error.error, ParseErrorType::ExpectedExpression) && inside_fstring(tokens, range.start()) {
        let empty = matches!(token_at(tokens, range.start()), Some((TokenKind::Rbrace, _)))
            && token_before(tokens, range.start()).is_some_and(|(k, _)| k == TokenKind::Lbrace);
        let msg = if empty { "f-string: empty expression not allowed" } else { "f-string: expecting '}'" };
        return Some(at(TextRange::empty(range.start()), msg.into()));
    }

    Some(match &error.error {
        ParseErrorType::Lexical(lex) => lexical_error(source, index, filename, tokens, lex, range),
        ParseErrorType::FStringError(e) => at(range, fstring_message(e)),
        ParseErrorType::TStringError(e) => at(range, fstring_message(e).replacen("f-string", "t-string", 1)),
        ParseErrorType::UnexpectedIndentation => {
            // CPython points at the end of the indentation.
            let (line, _) = index.position(range.start());
            let text = index.line_text(line);
            let width = text.chars().take_while(|c| *c == ' ' || *c == '\t' || *c == '\x0c').count() as u32;
            let mut e = indent(range, "unexpected indent".into());
            e.col = width.max(1);
            e.end_col = 0;
            e
        }
        ParseErrorType::OtherError(msg) if msg.starts_with("Expected an indented block after ") => {
            let clause = &msg["Expected an indented block after ".len()..];
            let header_line = block_header_line(index, tokens, range.start());
            let what = match clause {
                "`if` statement" => "'if' statement".to_string(),
                "`elif` clause" => "'elif' statement".to_string(),
                "`else` clause" => "'else' statement".to_string(),
                "`for` statement" => "'for' statement".to_string(),
                "`while` statement" => "'while' statement".to_string(),
                "`with` statement" => "'with' statement".to_string(),
                "`try` statement" => "'try' statement".to_string(),
                "`except` clause" => "'except' statement".to_string(),
                "`finally` clause" => "'finally' statement".to_string(),
                "`match` statement" => "'match' statement".to_string(),
                "`case` block" => "'case' statement".to_string(),
                "`class` definition" => "class definition".to_string(),
                "function definition" => "function definition".to_string(),
                other => other.replace('`', "'"),
            };
            let mut e = indent(range, format!("expected an indented block after {what} on line {header_line}"));
            e.end_col = 0;
            e
        }
        ParseErrorType::ExpectedToken { expected, found } => {
            expected_token(source, index, filename, tokens, *expected, *found, range)
        }
        ParseErrorType::InvalidAssignmentTarget => {
            let what = describe_target(source, range)?;
            // CPython suggests `==` only for `target = value` as a whole simple statement.
            let line_tokens: Vec<_> = {
                let first = logical_line_start(tokens, range.start());
                tokens
                    .iter()
                    .filter(|t| t.start() >= first)
                    .take_while(|t| !matches!(t.kind(), TokenKind::Newline | TokenKind::EndOfFile))
                    .collect()
            };
            let starts_line = line_tokens.first().is_some_and(|t| t.start() == range.start());
            let equals = line_tokens.iter().filter(|t| t.kind() == TokenKind::Equal).count();
            let followed_by_eq = starts_line
                && equals == 1
                && tokens.iter().find(|t| t.start() >= range.end()).is_some_and(|t| t.kind() == TokenKind::Equal)
                && !matches!(
                    what.as_str(),
                    "conditional expression" | "lambda" | "comparison" | "generator expression" | "named expression"
                );
            let msg = match what.as_str() {
                "True" | "False" | "None" | "__debug__" => format!("cannot assign to {what}"),
                "starred" => "starred assignment target must be in a list or tuple".into(),
                "yield expression" => "assignment to yield expression not possible".into(),
                _ if followed_by_eq => {
                    format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {what}"),
            };
            at(range, msg)
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            let what = describe_target(source, range)?;
            let msg = match what.as_str() {
                "tuple" => "only single target (not tuple) can be annotated".to_string(),
                "list" => "only single target (not list) can be annotated".to_string(),
                _ => "illegal target for annotation".to_string(),
            };
            at(range, msg)
        }
        ParseErrorType::InvalidNamedAssignmentTarget => {
            let what = describe_target(source, range)?;
            at(range, format!("cannot use assignment expressions with {what}"))
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            let what = describe_target(source, range)?;
            at(range, format!("'{what}' is an illegal expression for augmented assignment"))
        }
        ParseErrorType::InvalidDeleteTarget => {
            let what = describe_target(source, range)?;
            at(range, format!("cannot delete {what}"))
        }
        ParseErrorType::PositionalAfterKeywordArgument => {
            at(range, "positional argument follows keyword argument".into())
        }
        ParseErrorType::PositionalAfterKeywordUnpacking => {
            at(range, "positional argument follows keyword argument unpacking".into())
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            at(range, "iterable argument unpacking follows keyword argument unpacking".into())
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            at(range, "Generator expression must be parenthesized".into())
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            at(range, "non-default argument follows default argument".into())
        }
        ParseErrorType::ExpectedKeywordParam => {
            let star = tokens
                .iter()
                .rev()
                .find(|t| t.end() <= range.start() && t.kind() == TokenKind::Star)
                .map(|t| t.range())
                .unwrap_or(range);
            at(star, "named arguments must follow bare *".into())
        }
        ParseErrorType::ParamAfterVarKeywordParam => {
            at(range, "arguments cannot follow var-keyword argument".into())
        }
        ParseErrorType::VarParameterWithDefault => {
            at(range, "var-positional argument cannot have default value".into())
        }
        ParseErrorType::IterableUnpackingInComprehension => {
            at(range, "iterable unpacking cannot be used in comprehension".into())
        }
        ParseErrorType::InvalidStarredExpressionUsage => {
            let after_operator = token_before(tokens, range.start()).is_some_and(|(k, _)| k.is_operator() && !matches!(k, TokenKind::Equal | TokenKind::Comma | TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace | TokenKind::Colon));
            if after_operator {
                invalid_syntax_at_token(index, filename, tokens, range)
            } else {
                at(range, "can't use starred expression here".into())
            }
        }
        ParseErrorType::InvalidYieldExpressionUsage => at(range, "invalid syntax".into()),
        ParseErrorType::SimpleStatementsOnSameLine | ParseErrorType::SimpleAndCompoundStatementOnSameLine => {
            simple_statements_same_line(source, index, filename, tokens, range)
        }
        ParseErrorType::EmptySlice
        | ParseErrorType::EmptyGlobalNames
        | ParseErrorType::EmptyNonlocalNames
        | ParseErrorType::EmptyDeleteTargets
        | ParseErrorType::EmptyImportNames
        | ParseErrorType::ExpectedExpression
        | ParseErrorType::UnexpectedExpressionToken => invalid_syntax_at_token(index, filename, tokens, range),
        ParseErrorType::OtherError(msg) => other_error(index, filename, tokens, msg, range),
        _ => invalid_syntax_at_token(index, filename, tokens, range),
    })
}

/// Start of the logical line containing `offset`: the first token after the previous
/// `Newline` (or indentation token).
fn logical_line_start(tokens: &Tokens, offset: TextSize) -> TextSize {
    let mut start = TextSize::from(0);
    let mut take_next = true;
    for tok in tokens.iter() {
        if tok.start() > offset {
            break;
        }
        match tok.kind() {
            TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent => take_next = true,
            TokenKind::NonLogicalNewline | TokenKind::Comment => {}
            _ => {
                if take_next {
                    start = tok.start();
                    take_next = false;
                }
            }
        }
    }
    start
}

/// Is `offset` inside an f-string (between its start and end tokens)?
fn inside_fstring(tokens: &Tokens, offset: TextSize) -> bool {
    let mut depth = 0i32;
    for tok in tokens.iter() {
        if tok.start() >= offset {
            break;
        }
        match tok.kind() {
            TokenKind::FStringStart | TokenKind::TStringStart => depth += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// "invalid syntax" pointing at the token the error is about.
fn invalid_syntax_at_token(index: &LineIndex, filename: &str, tokens: &Tokens, range: TextRange) -> CompileError {
    let r = match token_at(tokens, range.start()) {
        Some((kind, r)) if !matches!(kind, TokenKind::Dedent | TokenKind::Indent) => r,
        _ => range,
    };
    // `f(True=1)`: a keyword that is a constant.
    if let Some((kind @ (TokenKind::True | TokenKind::False | TokenKind::None), kr)) = token_at(tokens, range.start()) {
        let next = tokens.iter().find(|t| t.start() >= kr.end()).map(|t| t.kind());
        if next == Some(TokenKind::Equal) {
            let name = match kind {
                TokenKind::True => "True",
                TokenKind::False => "False",
                _ => "None",
            };
            return error_at(index, filename, kr, format!("cannot assign to {name}"), false);
        }
    }
    let mut e = error_at(index, filename, r, "invalid syntax", false);
    if r.is_empty() {
        e.end_col = e.col;
    }
    e
}

fn other_error(index: &LineIndex, filename: &str, tokens: &Tokens, msg: &str, range: TextRange) -> CompileError {
    let at = |m: &str| error_at(index, filename, range, m, false);
    let mapped = match msg {
        "Only one '/' separator allowed" => "/ may appear only once",
        "'/' parameter must appear before '*' parameter" => "/ must be ahead of *",
        "Only one '*' parameter allowed" | "Only one '*' separator allowed" => "* argument may appear only once",
        "Only one '**' parameter allowed" => "arguments cannot follow var-keyword argument",
        "Position-only parameter separator not allowed as first parameter" => "at least one argument must precede /",
        "Cannot have both 'except' and 'except*' on the same 'try'" => {
            "cannot have both 'except' and 'except*' on the same 'try'"
        }
        "Multiple exception types must be parenthesized when using `as`" => {
            "multiple exception types must be parenthesized"
        }
        "Only single target (not tuple) can be annotated" => "only single target (not tuple) can be annotated",
        "Only single target (not list) can be annotated" => "only single target (not list) can be annotated",
        "Trailing comma not allowed" => "trailing comma not allowed without surrounding parentheses",
        "Expected `except` or `finally` after `try` block" => {
            // CPython points right after the last token of the `try` body.
            let pos = token_before(tokens, range.start())
                .filter(|(k, _)| !matches!(k, TokenKind::Newline | TokenKind::Dedent))
                .or_else(|| {
                    tokens
                        .iter()
                        .rev()
                        .find(|t| {
                            t.end() <= range.start()
                                && !matches!(
                                    t.kind(),
                                    TokenKind::Newline
                                        | TokenKind::NonLogicalNewline
                                        | TokenKind::Dedent
                                        | TokenKind::Comment
                                )
                        })
                        .map(|t| (t.kind(), t.range()))
                })
                .map(|(_, r)| r.end())
                .unwrap_or(range.start());
            let mut e = error_at(index, filename, TextRange::empty(pos), "expected 'except' or 'finally' block", false);
            e.end_col = 0;
            return e;
        }
        _ => return invalid_syntax_at_token(index, filename, tokens, range),
    };
    at(mapped)
}

/// The line of the statement header a block belongs to, for "expected an indented block
/// after ... on line N": the first token of the logical line that ends before `offset`.
fn block_header_line(index: &LineIndex, tokens: &Tokens, offset: TextSize) -> u32 {
    let before: Vec<_> = tokens.iter().filter(|t| t.end() <= offset).collect();
    // Skip the trailing newline(s) of the header line.
    let mut i = before.len();
    while i > 0 && matches!(before[i - 1].kind(), TokenKind::Newline | TokenKind::NonLogicalNewline | TokenKind::Comment)
    {
        i -= 1;
    }
    let mut start = i;
    while start > 0
        && !matches!(before[start - 1].kind(), TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent)
    {
        start -= 1;
    }
    match before.get(start) {
        Some(t) => index.line(t.start()),
        None => index.line(offset),
    }
}

fn fstring_message(e: &InterpolatedStringErrorType) -> String {
    match e {
        InterpolatedStringErrorType::UnclosedLbrace => "f-string: expecting '}'".into(),
        InterpolatedStringErrorType::InvalidConversionFlag => {
            "f-string: invalid conversion character: expected 's', 'r', or 'a'".into()
        }
        InterpolatedStringErrorType::SingleRbrace => "f-string: single '}' is not allowed".into(),
        InterpolatedStringErrorType::UnterminatedString => "f-string: unterminated string".into(),
        InterpolatedStringErrorType::UnterminatedTripleQuotedString => {
            "f-string: unterminated triple-quoted string".into()
        }
        InterpolatedStringErrorType::LambdaWithoutParentheses => {
            "f-string: lambda expressions are not allowed without parentheses".into()
        }
        InterpolatedStringErrorType::ConversionFlagNotImmediatelyAfterExclamation => {
            "f-string: conversion type must come right after the exclamanation mark".into()
        }
        InterpolatedStringErrorType::NewlineInFormatSpec => {
            "f-string: newlines are not allowed in format specifiers for single quoted f-strings".into()
        }
    }
}

/// Characters Python's `str.isprintable()` rejects (approximately: controls, format
/// characters, separators other than the ASCII space).
fn is_non_printable(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0x00A0 | 0x00AD | 0x1680 | 0x180E | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x2064
            | 0x2066..=0x206F | 0x3000 | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF)
}

fn lexical_error(
    source: &str,
    index: &LineIndex,
    filename: &str,
    tokens: &Tokens,
    lex: &LexicalErrorType,
    range: TextRange,
) -> CompileError {
    let at = |r: TextRange, msg: String| error_at(index, filename, r, msg, false);
    match lex {
        LexicalErrorType::UnclosedStringError => {
            let text = source.get(usize::from(range.start())..usize::from(range.end())).unwrap_or("");
            let triple = {
                let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                body.starts_with("\"\"\"") || body.starts_with("'''")
            };
            let start = range.start();
            let mut e = if triple {
                let detected = index.line_count().max(index.line(start));
                at(TextRange::empty(start), format!("unterminated triple-quoted string literal (detected at line {detected})"))
            } else {
                let line = index.line(start);
                at(TextRange::empty(start), format!("unterminated string literal (detected at line {line})"))
            };
            e.end_col = e.col;
            e
        }
        LexicalErrorType::IndentationError => {
            let mut e = error_at(index, filename, range, "unindent does not match any outer indentation level", true);
            let (line, _) = index.position(range.start());
            e.col = index.line_text(line).chars().count() as u32 + 1;
            e.end_col = 0;
            e
        }
        LexicalErrorType::UnrecognizedToken { tok } => {
            let c = *tok;
            if c.is_ascii() && !c.is_ascii_control() {
                invalid_syntax_at_token(index, filename, tokens, range)
            } else if is_non_printable(c) {
                at(range, format!("invalid non-printable character U+{:04X}", c as u32))
            } else {
                at(range, format!("invalid character '{c}' (U+{:04X})", c as u32))
            }
        }
        LexicalErrorType::LineContinuationError => {
            let r = TextRange::empty(range.start() + TextSize::from(1));
            let mut e = at(r, "unexpected character after line continuation character".into());
            e.end_col = 0;
            e
        }
        LexicalErrorType::Eof => at(range, "unexpected EOF while parsing".into()),
        LexicalErrorType::FStringError(e) => at(range, fstring_message(e)),
        LexicalErrorType::TStringError(e) => at(range, fstring_message(e).replacen("f-string", "t-string", 1)),
        LexicalErrorType::InvalidByteLiteral => at(range, "bytes can only contain ASCII literal characters".into()),
        LexicalErrorType::UnicodeError | LexicalErrorType::MissingUnicodeLbrace | LexicalErrorType::MissingUnicodeRbrace => {
            at(range, "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape".into())
        }
        LexicalErrorType::OtherError(msg) => {
            let msg: &str = msg;
            if msg == "Invalid decimal integer literal" {
                at(range, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into())
            } else if msg.contains("Empty") || msg.contains("ParseIntError") {
                // `0x` without digits.
                let text = source.get(usize::from(range.start())..usize::from(range.end())).unwrap_or("");
                let kind = match text.get(..2).map(|p| p.to_ascii_lowercase()) {
                    Some(p) if p == "0x" => "hexadecimal",
                    Some(p) if p == "0o" => "octal",
                    Some(p) if p == "0b" => "binary",
                    _ => "decimal",
                };
                let next = source.get(usize::from(range.end())..).and_then(|r| r.chars().next());
                match next {
                    Some(d) if d.is_ascii_digit() && kind != "decimal" => {
                        let r = TextRange::empty(range.end());
                        at(r, format!("invalid digit '{d}' in {kind} literal"))
                    }
                    _ => {
                        let r = TextRange::empty(range.end() - TextSize::from(1));
                        at(r, format!("invalid {kind} literal"))
                    }
                }
            } else {
                invalid_syntax_at_token(index, filename, tokens, range)
            }
        }
        LexicalErrorType::StringError => invalid_syntax_at_token(index, filename, tokens, range),
    }
}

/// `ExpectedToken { expected, found }`.
fn expected_token(
    source: &str,
    index: &LineIndex,
    filename: &str,
    tokens: &Tokens,
    expected: TokenKind,
    found: TokenKind,
    range: TextRange,
) -> CompileError {
    let _ = source;
    match expected {
        TokenKind::Colon if found == TokenKind::Equal => {
            // `if x = 1:`
            let start = token_before(tokens, range.start()).map(|(_, r)| r.start()).unwrap_or(range.start());
            error_at(
                index,
                filename,
                TextRange::new(start, range.end().max(start)),
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                false,
            )
        }
        TokenKind::Colon if unclosed_bracket_before(tokens, range.start()).is_some_and(|(c, _)| c == '{') => {
            let start = token_before(tokens, range.start()).map(|(_, r)| r.start()).unwrap_or(range.start());
            error_at(index, filename, TextRange::empty(start), "':' expected after dictionary key", false)
        }
        TokenKind::Lpar => {
            let mut e = error_at(index, filename, TextRange::empty(range.start()), "expected '('", false);
            e.end_col = e.col;
            e
        }
        TokenKind::Colon if found != TokenKind::Newline => {
            // `while x print()`: CPython only says "expected ':'" at the end of an `if`,
            // `elif`, `while` or `for` header; other headers force the colon.
            let first = logical_line_start(tokens, range.start());
            let keyword = tokens.iter().find(|t| t.start() >= first).map(|t| t.kind());
            if matches!(keyword, Some(TokenKind::If | TokenKind::Elif | TokenKind::While | TokenKind::For)) {
                invalid_syntax_at_token(index, filename, tokens, range)
            } else {
                let mut e = error_at(index, filename, TextRange::empty(range.start()), "expected ':'", false);
                e.end_col = e.col;
                e
            }
        }
        TokenKind::Colon => {
            // CPython points right after the last token of the header.
            let pos = token_before(tokens, range.start()).map(|(_, r)| r.end()).unwrap_or(range.start());
            let mut e = error_at(index, filename, TextRange::empty(pos), "expected ':'", false);
            e.end_col = e.col;
            e
        }
        TokenKind::Else => {
            // `x = a if b`: CPython points at the start of the conditional expression.
            let start = conditional_start(tokens, range.start()).unwrap_or(range.start());
            error_at(index, filename, TextRange::new(start, range.start().max(start)), "expected 'else' after 'if' expression", false)
        }
        TokenKind::Comma
            if matches!(
                found,
                TokenKind::PlusEqual
                    | TokenKind::MinusEqual
                    | TokenKind::StarEqual
                    | TokenKind::SlashEqual
                    | TokenKind::DoubleSlashEqual
                    | TokenKind::PercentEqual
                    | TokenKind::DoubleStarEqual
                    | TokenKind::AtEqual
                    | TokenKind::AmperEqual
                    | TokenKind::VbarEqual
                    | TokenKind::CircumflexEqual
                    | TokenKind::LeftShiftEqual
                    | TokenKind::RightShiftEqual
            ) =>
        {
            let line = index.line(range.start());
            let start = tokens
                .iter()
                .find(|t| index.line(t.start()) == line && !matches!(t.kind(), TokenKind::Indent | TokenKind::Dedent))
                .map(|t| t.start())
                .unwrap_or(range.start());
            error_at(
                index,
                filename,
                TextRange::new(start, range.start().max(start)),
                "'tuple' is an illegal expression for augmented assignment",
                false,
            )
        }
        TokenKind::Indent => {
            let header = block_header_line(index, tokens, range.start());
            let mut e = error_at(index, filename, range, format!("expected an indented block after statement on line {header}"), true);
            e.end_col = 0;
            e
        }
        TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace
            if starts_expression(found)
                && token_before(tokens, range.start()).is_some_and(|(k, _)| ends_expression(k))
                && unclosed_bracket_before(tokens, range.start())
                    .is_some_and(|(_, open)| !is_parameter_list(tokens, open.start())) =>
        {
            perhaps_comma(index, filename, tokens, range)
        }
        _ => invalid_syntax_at_token(index, filename, tokens, range),
    }
}

/// Start of the conditional expression whose `if` precedes `offset`: walk back from the `if`
/// over balanced brackets to the first token after a delimiter.
fn conditional_start(tokens: &Tokens, offset: TextSize) -> Option<TextSize> {
    let before: Vec<_> = tokens.iter().filter(|t| t.end() <= offset).collect();
    let if_pos = before.iter().rposition(|t| t.kind() == TokenKind::If)?;
    let mut depth = 0i32;
    let mut start = if_pos;
    while start > 0 {
        let kind = before[start - 1].kind();
        if bracket_close(kind).is_some() {
            depth += 1;
        } else if bracket_open(kind).is_some() {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0
            && matches!(
                kind,
                TokenKind::Equal
                    | TokenKind::Comma
                    | TokenKind::Colon
                    | TokenKind::Newline
                    | TokenKind::Indent
                    | TokenKind::Dedent
                    | TokenKind::Return
                    | TokenKind::Semi
                    | TokenKind::ColonEqual
                    | TokenKind::Lambda
                    | TokenKind::Yield
                    | TokenKind::Else
                    | TokenKind::In
            )
        {
            break;
        }
        start -= 1;
    }
    before.get(start).map(|t| t.start())
}

/// Is the `(` at `open` the start of a `def` or `lambda`-less parameter list (`def f(`)?
fn is_parameter_list(tokens: &Tokens, open: TextSize) -> bool {
    let before: Vec<_> = tokens.iter().filter(|t| t.end() <= open).collect();
    let n = before.len();
    n >= 2 && before[n - 1].kind() == TokenKind::Name && matches!(before[n - 2].kind(), TokenKind::Def | TokenKind::Class)
}

/// "invalid syntax. Perhaps you forgot a comma?", spanning the two juxtaposed expressions.
fn perhaps_comma(index: &LineIndex, filename: &str, tokens: &Tokens, range: TextRange) -> CompileError {
    let start = token_before(tokens, range.start()).map(|(_, r)| r.start()).unwrap_or(range.start());
    let end = token_at(tokens, range.start()).map(|(_, r)| r.end()).unwrap_or(range.end());
    error_at(index, filename, TextRange::new(start, end.max(start)), "invalid syntax. Perhaps you forgot a comma?", false)
}

/// Two simple statements on one line without `;`: `a b`, `print 'x'`, or juxtaposed
/// expressions inside brackets.
fn simple_statements_same_line(
    source: &str,
    index: &LineIndex,
    filename: &str,
    tokens: &Tokens,
    range: TextRange,
) -> CompileError {
    // The statement that was cut short starts at the beginning of the logical line.
    let line = index.line(range.start());
    let text = index.line_text(line).trim_start();
    if let Some(rest) = text.strip_prefix("print ") {
        let rest = rest.trim_start();
        if !rest.starts_with(['=', '(', '.', '[', ',', ')']) && !rest.is_empty() {
            let start = tokens
                .iter()
                .find(|t| index.line(t.start()) == line && t.kind() == TokenKind::Name)
                .map(|t| t.start())
                .unwrap_or(range.start());
            let end_off = start + TextSize::from(text.trim_end().len() as u32);
            let _ = source;
            return error_at(
                index,
                filename,
                TextRange::new(start, end_off),
                "Missing parentheses in call to 'print'. Did you mean print(...)?",
                false,
            );
        }
    }
    invalid_syntax_at_token(index, filename, tokens, range)
}

/// A version-related error (ruff parses newer syntax than 3.11's).
pub fn unsupported_syntax(index: &LineIndex, filename: &str, error: &UnsupportedSyntaxError) -> CompileError {
    use ruff_python_parser::UnsupportedSyntaxErrorKind as K;
    let msg = match error.kind {
        // `FStringKind` is not exported by ruff; its Debug name identifies the case.
        K::Pep701FString(kind) => {
            match format!("{kind:?}").as_str() {
                "Backslash" => "f-string expression part cannot include a backslash",
                "Comment" => "f-string expression part cannot include '#'",
                _ => "f-string: expecting '}'",
            }
        }
        K::UnpackingInComprehension(_) => "iterable unpacking cannot be used in comprehension",
        K::TypeParameterList => "expected '('",
        K::StarExpressionInIndex => "invalid syntax",
        _ => "invalid syntax",
    };
    error_at(index, filename, error.range, msg, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let src = "ab\nçé = 1\r\nlast";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(TextSize::from(0)), (1, 1));
        assert_eq!(idx.position(TextSize::from(3)), (2, 1));
        // 'ç' and 'é' are two bytes each: byte 7 is the column after "çé".
        assert_eq!(idx.position(TextSize::from(7)), (2, 3));
        assert_eq!(idx.line_text(2), "çé = 1");
        assert_eq!(idx.line_text(3), "last");
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_text(9), "");
    }
}
