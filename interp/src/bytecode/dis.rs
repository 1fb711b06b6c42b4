//! The disassembler: a CPython-like listing of a code object and, recursively, of every code
//! object among its constants. Names and operand meanings come from `OP_INFO`.

use std::fmt::Write as _;

use crate::bytecode::code::{flags, Code};
use crate::bytecode::opcodes::{decode, BinaryOp, CompareOp, Op, Operand, ARG_BITS, OP_INFO};
use crate::value::Value;

/// Width of the opcode-name column, as in CPython's `dis`.
const OPNAME_WIDTH: usize = 20;
/// Width of the raw-argument column.
const OPARG_WIDTH: usize = 5;

/// Disassemble `code` and every nested code object.
pub fn disassemble(code: &Code) -> String {
    let mut out = String::new();
    disassemble_one(code, &mut out);
    let mut nested = Vec::new();
    collect_nested(code, &mut nested);
    for inner in nested {
        let _ = write!(out, "\nDisassembly of {}:\n", code_repr(inner));
        disassemble_one(inner, &mut out);
    }
    out
}

/// Code objects among the constants, depth first, in constant order.
fn collect_nested<'c>(code: &'c Code, out: &mut Vec<&'c Code>) {
    for c in code.consts.iter() {
        if let Value::Code(inner) = c {
            out.push(inner);
            collect_nested(inner, out);
        }
    }
}

fn code_repr(code: &Code) -> String {
    format!("<code object {}, line {}>", code.qualname, code.firstlineno)
}

fn flag_names(f: u32) -> String {
    let mut names = Vec::new();
    for (bit, name) in [
        (flags::VARARGS, "VARARGS"),
        (flags::VARKEYWORDS, "VARKEYWORDS"),
        (flags::NAMESPACE, "NAMESPACE"),
        (flags::GENERATOR, "GENERATOR"),
    ] {
        if f & bit != 0 {
            names.push(name);
        }
    }
    if names.is_empty() {
        "0".into()
    } else {
        names.join("|")
    }
}

fn list(names: &[std::rc::Rc<str>]) -> String {
    if names.is_empty() {
        "-".into()
    } else {
        names.iter().map(|n| &**n).collect::<Vec<_>>().join(", ")
    }
}

/// One decoded instruction.
struct Decoded {
    offset: usize,
    op: Option<Op>,
    byte: u8,
    /// The full operand (with ExtendedArg prefixes folded in).
    arg: u32,
}

fn decode_all(code: &Code) -> Vec<Decoded> {
    let mut out = Vec::new();
    let mut ext: u32 = 0;
    let mut pc = 0;
    while pc < code.words.len() {
        let (byte, raw) = decode(code.words.get(pc).unwrap_or(0));
        let op = Op::from_u8(byte);
        let arg = ext.wrapping_shl(ARG_BITS) | raw;
        out.push(Decoded { offset: pc, op, byte, arg });
        ext = if op == Some(Op::ExtendedArg) { arg } else { 0 };
        let cache = op.map(|o| OP_INFO[o as usize].cache as usize).unwrap_or(0);
        pc += 1 + cache;
    }
    out
}

fn disassemble_one(code: &Code, out: &mut String) {
    let _ = writeln!(
        out,
        "-- args {} (posonly {}, kwonly {}), flags {}, stack {}; locals: {}; cells: {}; free: {}",
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        flag_names(code.flags),
        code.stacksize,
        list(&code.varnames),
        list(&code.cellvars),
        list(&code.freevars),
    );
    if !code.cell_params.is_empty() {
        let moves: Vec<String> = code
            .cell_params
            .iter()
            .map(|&(cell, param)| {
                let name = code.cellvars.get(cell as usize).map(|n| n.to_string()).unwrap_or_default();
                format!("{name} <- slot {param}")
            })
            .collect();
        let _ = writeln!(out, "-- parameters moved into cells: {}", moves.join(", "));
    }
    let instrs = decode_all(code);
    let mut targets: std::collections::HashSet<usize> = instrs
        .iter()
        .filter(|d| d.op.is_some_and(|o| o.info().operand == Operand::Jump))
        .map(|d| d.arg as usize)
        .collect();
    targets.extend(code.exception_table.iter().map(|e| e.target as usize));
    let max_line = code.lines.iter().copied().max().unwrap_or(0);
    let line_width = max_line.to_string().len().max(3);
    let offset_width = code.words.len().to_string().len().max(4);
    let mut last_line: Option<u32> = None;
    for (i, d) in instrs.iter().enumerate() {
        let line = code.lines.get(d.offset).copied();
        let mut fields: Vec<String> = Vec::new();
        if line.is_some() && line != last_line {
            if i > 0 {
                out.push('\n');
            }
            fields.push(format!("{:>w$}", line.unwrap_or(0), w = line_width));
            last_line = line;
        } else {
            fields.push(" ".repeat(line_width));
        }
        fields.push("   ".into());
        fields.push(if targets.contains(&d.offset) { ">>".into() } else { "  ".into() });
        fields.push(format!("{:>w$}", d.offset, w = offset_width));
        match d.op {
            None => fields.push(format!("<invalid opcode {}>", d.byte)),
            Some(op) => {
                let info = op.info();
                fields.push(format!("{:<w$}", info.name, w = OPNAME_WIDTH));
                if info.operand != Operand::None {
                    fields.push(format!("{:>w$}", d.arg, w = OPARG_WIDTH));
                    if let Some(detail) = describe_arg(code, info.operand, d.arg) {
                        fields.push(format!("({detail})"));
                    }
                }
            }
        }
        let text = fields.join(" ");
        out.push_str(text.trim_end());
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in code.exception_table.iter() {
            // Like CPython's listing: inclusive last offset, handler, stack depth.
            let _ = writeln!(out, "  {} to {} -> {} [{}]", e.start, e.end.saturating_sub(1), e.target, e.depth);
        }
    }
}

fn describe_arg(code: &Code, operand: Operand, arg: u32) -> Option<String> {
    let i = arg as usize;
    let missing = || Some(format!("<bad index {arg}>"));
    match operand {
        Operand::None | Operand::Count | Operand::Flags => None,
        Operand::Const => match code.consts.get(i) {
            Some(v) => Some(const_repr(v)),
            None => missing(),
        },
        Operand::Local => match code.varnames.get(i) {
            Some(n) => Some(n.to_string()),
            None => missing(),
        },
        Operand::Name => match code.names.get(i) {
            Some(Value::Str(s)) => Some(s.as_str().to_string()),
            Some(other) => Some(const_repr(other)),
            None => missing(),
        },
        Operand::Deref => {
            let ncell = code.cellvars.len();
            let name = if i < ncell { code.cellvars.get(i) } else { code.freevars.get(i - ncell) };
            match name {
                Some(n) => Some(n.to_string()),
                None => missing(),
            }
        }
        Operand::Jump => Some(format!("to {arg}")),
        Operand::BinOp => match BinaryOp::from_arg(arg) {
            Some((op, inplace)) => Some(if inplace { format!("{}=", op.symbol()) } else { op.symbol().to_string() }),
            None => missing(),
        },
        Operand::CmpOp => match CompareOp::from_arg(arg) {
            Some(op) => Some(op.symbol().to_string()),
            None => missing(),
        },
    }
}

/// `repr()` of a constant, as CPython prints it.
pub fn const_repr(v: &Value) -> String {
    if let Some(s) = crate::objects::number::repr(v) {
        return s;
    }
    match v {
        Value::None => "None".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Str(s) => crate::objects::str::repr_str(s.as_str()),
        Value::Tuple(t) => {
            let items: Vec<String> = t.items.iter().map(const_repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Value::FrozenSet(set) => {
            let items: Vec<String> = set.items().iter().map(const_repr).collect();
            format!("frozenset({{{}}})", items.join(", "))
        }
        Value::Code(c) => code_repr(c),
        other => format!("<{} object>", other.type_id().name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuple_reprs() {
        assert_eq!(const_repr(&Value::tuple(vec![Value::Int(1)])), "(1,)");
        assert_eq!(const_repr(&Value::tuple(vec![Value::str("a"), Value::None])), "('a', None)");
        assert_eq!(const_repr(&Value::tuple(vec![])), "()");
    }
}
