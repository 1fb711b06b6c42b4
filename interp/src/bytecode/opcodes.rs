//! The instruction set, defined once. Everything else (the `Op` enum, its decoder, the metadata
//! table, the disassembler and both dispatch backends) is derived from `for_each_op!`.
//!
//! Wordcode: every instruction is one `u32` word, opcode in the low 8 bits, operand in the high
//! 24 bits. An operand wider than 24 bits is prefixed by `ExtendedArg` words. Jump operands are
//! absolute word indices. Inline caches (when an op declares some) are the `cache` words that
//! directly follow the instruction; the handler skips them. The first cache word holds the
//! index of the instruction's slot in `Code::attr_cache`, numbered by the assembler, as the
//! operand of a `NOP` word (so a cache word never reads as another instruction).

/// Upper-cases a snake_case identifier at compile time.
macro_rules! upper {
    ($id:ident) => {{
        const LOWER: &str = stringify!($id);
        const LEN: usize = LOWER.len();
        const BYTES: [u8; LEN] = {
            let src = LOWER.as_bytes();
            let mut out = [0u8; LEN];
            let mut i = 0;
            while i < LEN {
                out[i] = src[i].to_ascii_uppercase();
                i += 1;
            }
            out
        };
        match std::str::from_utf8(&BYTES) {
            Ok(s) => s,
            Err(_) => LOWER,
        }
    }};
}

/// What an instruction's operand means (drives the disassembler's argument column).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Operand {
    /// No operand (encoded as 0).
    None,
    /// Index into `code.consts`.
    Const,
    /// Index into `code.varnames` (a fast local slot).
    Local,
    /// Index into `code.names` (global, attribute, or import name).
    Name,
    /// Index into the cell+free slots: `cellvars` then `freevars`.
    Deref,
    /// Absolute word index of the jump target.
    Jump,
    /// A count (items, arguments, stack depth).
    Count,
    /// A `BinaryOp` number.
    BinOp,
    /// A `CompareOp` number.
    CmpOp,
    /// Bit flags, see the op's description.
    Flags,
}

/// `for_each_op!(m)` calls `m!` with the whole table. Each row:
/// `(OpName, handler_name, Operand kind, |arg| stack effect, inline cache words, "meaning")`.
/// The stack effect is for the fall-through path (for `FOR_ITER`, the not-exhausted path).
#[macro_export]
macro_rules! for_each_op {
    ($m:ident) => {
        $m! {
            (Nop, nop, None, |_a| 0, 0, "do nothing"),
            (ExtendedArg, extended_arg, Count, |_a| 0, 0, "prefix: the next instruction's operand gets these 24 bits shifted in on top"),
            (PopTop, pop_top, None, |_a| -1, 0, "pop and discard TOS"),
            (Copy, copy, Count, |_a| 1, 0, "push a copy of the arg-th item from the top (1 = TOS)"),
            (Swap, swap, Count, |_a| 0, 0, "swap TOS with the arg-th item from the top (2 = second)"),
            (LoadConst, load_const, Const, |_a| 1, 0, "push consts[arg]"),
            (LoadFast, load_fast, Local, |_a| 1, 0, "push local slot arg (UnboundLocalError if unbound)"),
            (StoreFast, store_fast, Local, |_a| -1, 0, "pop TOS into local slot arg"),
            (DeleteFast, delete_fast, Local, |_a| 0, 0, "unbind local slot arg"),
            (LoadDeref, load_deref, Deref, |_a| 1, 0, "push the contents of cell arg"),
            (StoreDeref, store_deref, Deref, |_a| -1, 0, "pop TOS into cell arg"),
            (DeleteDeref, delete_deref, Deref, |_a| 0, 0, "empty cell arg"),
            (LoadClosure, load_closure, Deref, |_a| 1, 0, "push cell arg itself (to build a closure tuple)"),
            (LoadGlobal, load_global, Name, |_a| 1, 0, "push global names[arg], falling back to builtins"),
            (StoreGlobal, store_global, Name, |_a| -1, 0, "pop TOS into global names[arg]"),
            (DeleteGlobal, delete_global, Name, |_a| 0, 0, "delete global names[arg]"),
            (LoadName, load_name, Name, |_a| 1, 0, "push names[arg] from the frame's locals dict, then globals, then builtins"),
            (StoreName, store_name, Name, |_a| -1, 0, "pop TOS into names[arg] in the frame's locals dict (globals at module level)"),
            (DeleteName, delete_name, Name, |_a| 0, 0, "delete names[arg] from the frame's locals dict"),
            (LoadAttr, load_attr, Name, |_a| 0, 1, "TOS = getattr(TOS, names[arg])"),
            (StoreAttr, store_attr, Name, |_a| -2, 1, "setattr(TOS, names[arg], TOS1); pop both"),
            (DeleteAttr, delete_attr, Name, |_a| -1, 0, "delattr(TOS, names[arg]); pop"),
            (LoadMethod, load_method, Name, |_a| 1, 1, "replace obj by (method, obj) when names[arg] is a plain method of its type, else by (getattr(obj, name), NULL)"),
            (BinaryOp, binary_op, BinOp, |_a| -1, 0, "TOS = TOS1 <op> TOS; arg is a BinaryOp (in-place variants included)"),
            (BinaryAdd, binary_add, BinOp, |_a| -1, 0, "BinaryOp for + and += (arg as for BinaryOp), with int and float operands added inline; adaptive: becomes BinaryAddInt/BinaryAddFloat on two ints/floats"),
            (BinarySub, binary_sub, BinOp, |_a| -1, 0, "BinaryOp for - and -= (arg as for BinaryOp), with int and float operands subtracted inline; adaptive: becomes BinarySubInt/BinarySubFloat on two ints/floats"),
            (BinaryMul, binary_mul, BinOp, |_a| -1, 0, "BinaryOp for * and *= (arg as for BinaryOp), with int and float operands multiplied inline; adaptive: becomes BinaryMulInt/BinaryMulFloat on two ints/floats"),
            (BinaryAddInt, binary_add_int, BinOp, |_a| -1, 0, "BinaryAdd specialized at run time for two ints (never emitted by the compiler)"),
            (BinaryAddFloat, binary_add_float, BinOp, |_a| -1, 0, "BinaryAdd specialized at run time for two floats (never emitted by the compiler)"),
            (BinarySubInt, binary_sub_int, BinOp, |_a| -1, 0, "BinarySub specialized at run time for two ints (never emitted by the compiler)"),
            (BinarySubFloat, binary_sub_float, BinOp, |_a| -1, 0, "BinarySub specialized at run time for two floats (never emitted by the compiler)"),
            (BinaryMulInt, binary_mul_int, BinOp, |_a| -1, 0, "BinaryMul specialized at run time for two ints (never emitted by the compiler)"),
            (BinaryMulFloat, binary_mul_float, BinOp, |_a| -1, 0, "BinaryMul specialized at run time for two floats (never emitted by the compiler)"),
            (UnaryNegative, unary_negative, None, |_a| 0, 0, "TOS = -TOS"),
            (UnaryPositive, unary_positive, None, |_a| 0, 0, "TOS = +TOS"),
            (UnaryNot, unary_not, None, |_a| 0, 0, "TOS = not TOS"),
            (UnaryInvert, unary_invert, None, |_a| 0, 0, "TOS = ~TOS"),
            (CompareOp, compare_op, CmpOp, |_a| -1, 0, "TOS = TOS1 <cmp> TOS; arg is a CompareOp"),
            (IsOp, is_op, Flags, |_a| -1, 0, "TOS = TOS1 is TOS (is not, when arg is 1)"),
            (ContainsOp, contains_op, Flags, |_a| -1, 0, "TOS = TOS1 in TOS (not in, when arg is 1)"),
            (BinarySubscr, binary_subscr, None, |_a| -1, 0, "TOS = TOS1[TOS]"),
            (StoreSubscr, store_subscr, None, |_a| -3, 0, "TOS1[TOS] = TOS2; pop all three"),
            (DeleteSubscr, delete_subscr, None, |_a| -2, 0, "del TOS1[TOS]"),
            (BuildSlice, build_slice, Count, |a| 1 - a, 0, "push slice(TOS1, TOS) or slice(TOS2, TOS1, TOS) for arg 2 or 3"),
            (BuildTuple, build_tuple, Count, |a| 1 - a, 0, "replace the top arg items by a tuple of them"),
            (BuildList, build_list, Count, |a| 1 - a, 0, "replace the top arg items by a list of them"),
            (BuildSet, build_set, Count, |a| 1 - a, 0, "replace the top arg items by a set of them"),
            (BuildMap, build_map, Count, |a| 1 - 2 * a, 0, "replace the top 2*arg items (key, value, key, value...) by a dict"),
            (BuildString, build_string, Count, |a| 1 - a, 0, "concatenate the top arg strings"),
            (FormatValue, format_value, Flags, |a| if a & 4 != 0 { -1 } else { 0 }, 0, "TOS = format(TOS) (or of TOS1 with spec TOS when arg&4); arg&3: 0 none, 1 str(), 2 repr(), 3 ascii()"),
            (ListAppend, list_append, Count, |_a| -1, 0, "pop v; stack[-arg].append(v) (comprehensions)"),
            (SetAdd, set_add, Count, |_a| -1, 0, "pop v; stack[-arg].add(v)"),
            (MapAdd, map_add, Count, |_a| -2, 0, "pop value, key; stack[-arg][key] = value"),
            (ListExtend, list_extend, Count, |_a| -1, 0, "pop iterable; stack[-arg].extend(iterable)"),
            (SetUpdate, set_update, Count, |_a| -1, 0, "pop iterable; stack[-arg].update(iterable)"),
            (DictUpdate, dict_update, Count, |_a| -1, 0, "pop mapping; stack[-arg].update(mapping)"),
            (DictMerge, dict_merge, Count, |_a| -1, 0, "like DictUpdate but a repeated key is a TypeError (call **kwargs)"),
            (ListToTuple, list_to_tuple, None, |_a| 0, 0, "TOS = tuple(TOS) for a list TOS"),
            (UnpackSequence, unpack_sequence, Count, |a| a - 1, 0, "pop an iterable of exactly arg items; push them so the first ends on top"),
            (UnpackEx, unpack_ex, Flags, |a| (a & 0xff) + (a >> 8), 0, "starred unpack: arg&0xff items before the star, arg>>8 after; the starred part becomes a list"),
            (Jump, jump, Jump, |_a| 0, 0, "jump to arg"),
            (PopJumpIfFalse, pop_jump_if_false, Jump, |_a| -1, 0, "pop TOS; jump to arg if it is false"),
            (PopJumpIfTrue, pop_jump_if_true, Jump, |_a| -1, 0, "pop TOS; jump to arg if it is true"),
            (JumpIfFalseOrPop, jump_if_false_or_pop, Jump, |_a| -1, 0, "if TOS is false jump to arg keeping it, else pop it"),
            (JumpIfTrueOrPop, jump_if_true_or_pop, Jump, |_a| -1, 0, "if TOS is true jump to arg keeping it, else pop it"),
            (GetIter, get_iter, None, |_a| 0, 0, "TOS = iter(TOS)"),
            (ForIter, for_iter, Jump, |_a| 1, 0, "push next(TOS); when exhausted pop the iterator and jump to arg"),
            (Call, call, Count, |a| -a, 0, "call stack[-arg-1] with the top arg positional arguments"),
            (CallMethod, call_method, Count, |a| -a - 1, 0, "call after LoadMethod: stack is (callable, self or NULL, arg args)"),
            (CallKw, call_kw, Count, |a| -a - 1, 0, "TOS is a tuple of keyword names; below it arg values (positional then keyword) and the callable"),
            (CallEx, call_ex, Flags, |a| if a & 1 != 0 { -2 } else { -1 }, 0, "call TOS1 (TOS2 when arg&1) with *TOS tuple (and **TOS dict when arg&1)"),
            (MakeFunction, make_function, Flags, |a| -((a & 1) + ((a >> 1) & 1) + ((a >> 2) & 1) + ((a >> 3) & 1)) as i32, 0, "pop code object; below it, when the flag is set: 8 closure tuple, 4 annotations (ignored), 2 kw-defaults dict, 1 defaults tuple"),
            (ReturnValue, return_value, None, |_a| -1, 0, "return TOS to the caller"),
            (RaiseVarargs, raise_varargs, Count, |a| -a, 0, "raise: 0 re-raise, 1 raise TOS, 2 raise TOS1 from TOS"),
            (LoadAssertionError, load_assertion_error, None, |_a| 1, 0, "push AssertionError (immune to shadowing)"),
            (ImportName, import_name, Name, |_a| -1, 0, "pop fromlist; TOS = import names[arg] (the fromlist (or None) is TOS, the level TOS1)"),
            (ImportFrom, import_from, Name, |_a| 1, 0, "push attribute names[arg] of the module on TOS (ImportError if missing)"),
            (PrintExpr, print_expr, None, |_a| -1, 0, "REPL: pop TOS; if it is not None print its repr and bind it to builtins._"),
            (ImportStar, import_star, None, |_a| -1, 0, "pop a module; copy its public names into the namespace"),
            (PushExcInfo, push_exc_info, None, |_a| 1, 0, "exception handler entry: replace the exception TOS by (previously handled exception or None, exception) and make it the handled one"),
            (PopExcept, pop_except, None, |_a| -1, 0, "pop the value PushExcInfo saved and make it the handled exception again"),
            (CheckExcMatch, check_exc_match, None, |_a| 0, 0, "TOS = isinstance(TOS1, TOS) for an exception TOS1 and a class or tuple of classes TOS (TypeError for non-exception classes)"),
            (Reraise, reraise, None, |_a| -1, 0, "pop an exception and raise it again without adding a traceback entry"),
            (BeforeWith, before_with, None, |_a| 2, 0, "replace the context manager TOS by (its bound __exit__, its __enter__, itself), ready for CALL_METHOD 0"),
            (WithExceptStart, with_except_start, None, |_a| 4, 0, "stack is (exit, previous, exception): push exit, type(exception), exception, traceback, ready for CALL 3"),
            (YieldValue, yield_value, Flags, |_a| 0, 0, "suspend the generator, handing TOS to whoever resumed it; resumed, TOS is the sent value (arg 1: the yield of a yield-from loop)"),
            (Send, send, Jump, |_a| 0, 0, "TOS1 is an iterator, TOS a value to send (None: next()); replace TOS by what it yields, or when it is exhausted pop both, push its return value and jump to arg"),
            (LoadBuildClass, load_build_class, None, |_a| 1, 0, "push builtins.__build_class__ (class statements)"),
            (PastEnd, past_end, None, |_a| 0, 0, "never emitted: the sentinel word after a code object's last (`Words`); reaching it raises an internal error"),
        }
    };
}

macro_rules! define_ops {
    ($(($name:ident, $handler:ident, $operand:ident, $effect:expr, $cache:expr, $doc:expr),)*) => {
        /// An opcode. Numbered in table order, starting from 0.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        #[repr(u8)]
        pub enum Op {
            $(#[doc = $doc] $name,)*
        }

        /// Static facts about one opcode.
        pub struct OpInfo {
            /// The disassembler's name: the handler name upper-cased, e.g. `LOAD_FAST`.
            pub name: &'static str,
            pub operand: Operand,
            /// Net stack effect as a function of the operand.
            pub stack_effect: fn(i32) -> i32,
            /// Inline-cache words that follow the instruction.
            pub cache: u8,
            pub doc: &'static str,
        }

        /// Metadata for every opcode, indexed by `Op as usize`.
        pub static OP_INFO: &[OpInfo] = &[
            $(OpInfo {
                name: upper!($handler),
                operand: Operand::$operand,
                stack_effect: $effect,
                cache: $cache,
                doc: $doc,
            },)*
        ];

        /// Every opcode, in numeric order.
        pub const ALL_OPS: &[Op] = &[$(Op::$name,)*];
    };
}

for_each_op!(define_ops);

/// Number of opcodes.
pub const OP_COUNT: usize = ALL_OPS.len();

impl Op {
    /// Decode an opcode byte; `None` for bytes past the table.
    #[inline(always)]
    pub fn from_u8(byte: u8) -> Option<Op> {
        if (byte as usize) < OP_COUNT {
            // SAFETY: `Op` is `repr(u8)` with variants numbered 0..OP_COUNT without gaps, and
            // `byte` was just checked to be in that range.
            Some(unsafe { std::mem::transmute::<u8, Op>(byte) })
        } else {
            None
        }
    }

    pub fn info(self) -> &'static OpInfo {
        &OP_INFO[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn stack_effect(self, arg: u32) -> i32 {
        (self.info().stack_effect)(arg as i32)
    }
}

/// Width of the operand field in a word.
pub const ARG_BITS: u32 = 24;
/// Largest operand that fits in one word without `ExtendedArg`.
pub const MAX_ARG: u32 = (1 << ARG_BITS) - 1;

/// Encode one word. `arg` must fit in 24 bits (the assembler emits `ExtendedArg` prefixes for
/// wider operands).
#[inline(always)]
pub const fn encode(op: Op, arg: u32) -> u32 {
    (op as u32) | (arg << 8)
}

/// Split a word into its opcode byte and operand.
#[inline(always)]
pub const fn decode(word: u32) -> (u8, u32) {
    ((word & 0xff) as u8, word >> 8)
}

/// True if the opcode byte of `word` names an `Op`.
#[inline(always)]
pub const fn is_valid_word(word: u32) -> bool {
    ((word & 0xff) as usize) < OP_COUNT
}

/// Split a word known to hold a valid opcode into its `Op` and operand, without the range check
/// of `Op::from_u8`.
///
/// # Safety
/// `is_valid_word(word)` must hold, as it does for every word read from a `Words`.
#[inline(always)]
pub unsafe fn decode_valid(word: u32) -> (Op, u32) {
    let (byte, arg) = decode(word);
    debug_assert!((byte as usize) < OP_COUNT);
    // SAFETY: `Op` is `repr(u8)` with variants numbered 0..OP_COUNT without gaps, and the
    // caller guarantees `byte` is in that range.
    (unsafe { std::mem::transmute::<u8, Op>(byte) }, arg)
}

/// Binary operators (operand of `BinaryOp`). In-place forms are `INPLACE_OFFSET` higher.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

pub const INPLACE_OFFSET: u32 = 16;

impl BinaryOp {
    pub const ALL: [BinaryOp; 13] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::MatMul,
        BinaryOp::TrueDiv,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::Pow,
        BinaryOp::LShift,
        BinaryOp::RShift,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
    ];

    /// Decode a `BinaryOp` operand into (operator, in-place?).
    pub fn from_arg(arg: u32) -> Option<(BinaryOp, bool)> {
        let inplace = arg >= INPLACE_OFFSET;
        let base = if inplace { arg - INPLACE_OFFSET } else { arg };
        BinaryOp::ALL.get(base as usize).map(|&op| (op, inplace))
    }

    /// The operand of a binary-operator instruction: this operator, `INPLACE_OFFSET` higher
    /// for the augmented assignment.
    pub fn arg(self, inplace: bool) -> u32 {
        self as u32 + if inplace { INPLACE_OFFSET } else { 0 }
    }

    /// The opcode that computes this operator: `+`, `-` and `*` have their own, whose handlers
    /// compute int and float operands without a second jump on the operator; the rest share
    /// `BinaryOp`. Every one of them takes the operand `arg` gives.
    pub fn opcode(self) -> Op {
        match self {
            BinaryOp::Add => Op::BinaryAdd,
            BinaryOp::Sub => Op::BinarySub,
            BinaryOp::Mul => Op::BinaryMul,
            _ => Op::BinaryOp,
        }
    }

    /// The operator as written in Python source: `+`, `//`, `<<`...
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::MatMul => "@",
            BinaryOp::TrueDiv => "/",
            BinaryOp::FloorDiv => "//",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "**",
            BinaryOp::LShift => "<<",
            BinaryOp::RShift => ">>",
            BinaryOp::And => "&",
            BinaryOp::Or => "|",
            BinaryOp::Xor => "^",
        }
    }
}

/// Comparison operators (operand of `CompareOp`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    pub const ALL: [CompareOp; 6] =
        [CompareOp::Lt, CompareOp::Le, CompareOp::Eq, CompareOp::Ne, CompareOp::Gt, CompareOp::Ge];

    pub fn from_arg(arg: u32) -> Option<CompareOp> {
        CompareOp::ALL.get(arg as usize).copied()
    }

    /// Which outcomes of comparing two numbers make the comparison true, one bit each (see
    /// `outcome_bit`): a table lookup instead of a branch on the operator.
    #[inline(always)]
    pub fn outcome_mask(self) -> u8 {
        const LESS: u8 = 1 << 1;
        const GREATER: u8 = 1 << 2;
        const EQUAL: u8 = 1 << 3;
        const UNORDERED: u8 = 1 << 0;
        match self {
            CompareOp::Lt => LESS,
            CompareOp::Le => LESS | EQUAL,
            CompareOp::Eq => EQUAL,
            CompareOp::Ne => LESS | GREATER | UNORDERED,
            CompareOp::Gt => GREATER,
            CompareOp::Ge => GREATER | EQUAL,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_screaming_snake_case() {
        assert_eq!(Op::LoadFast.name(), "LOAD_FAST");
        assert_eq!(Op::PopJumpIfFalse.name(), "POP_JUMP_IF_FALSE");
        for op in ALL_OPS {
            assert!(op.name().chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{:?}", op);
        }
    }

    #[test]
    fn decode_roundtrips_every_op() {
        for (i, &op) in ALL_OPS.iter().enumerate() {
            assert_eq!(op as usize, i);
            let (byte, arg) = decode(encode(op, 0x12_3456));
            assert_eq!(Op::from_u8(byte), Some(op));
            assert_eq!(arg, 0x12_3456);
        }
        assert_eq!(Op::from_u8(OP_COUNT as u8), None);
        assert!(OP_COUNT < 256);
    }

    #[test]
    fn stack_effects() {
        assert_eq!(Op::BuildTuple.stack_effect(3), -2);
        assert_eq!(Op::MakeFunction.stack_effect(0b1011), -3);
        assert_eq!(Op::UnpackEx.stack_effect(2 | (1 << 8)), 3);
    }
}
