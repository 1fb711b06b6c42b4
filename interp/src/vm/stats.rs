//! Execution statistics for `swallow --stats`, like CPython's pystats: per-opcode execution
//! counts, calls and frames, and inline-cache hit / miss / deopt counts, printed to stderr when
//! the program ends.
//!
//! Zero cost when off: `Vm::stats` is `None`, and `dispatch::run` picks the plain instantiation
//! of the dispatch loop (`COUNT = false`) once per loop entry; only the counting instantiation
//! touches these counters per instruction.
//!
//! ## Inline-cache API
//! A cache adds a `CacheKind` variant (with its row name and the opcodes that execute the cache,
//! specialized forms included) and calls, from its slow paths only:
//! - `stats::cache_miss(vm, kind)` when the cache did not apply and the generic path ran
//!   (including the first fill of an empty cache);
//! - `stats::cache_deopt(vm, kind)` when the instruction gives up its specialization.
//!
//! Hits are not counted on the fast path (that would cost a branch per hit with stats off):
//! the report derives them as executions of the kind's opcodes minus its misses and deopts.
//! So every execution of those opcodes that does not use the cache must count a miss.

use std::fmt::Write;

use super::Vm;
use crate::bytecode::code::Words;
use crate::bytecode::opcodes::{Op, OP_COUNT, OP_INFO};

/// An inline cache whose outcomes `--stats` reports. Add a variant per cache, with its name
/// and opcodes below.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CacheKind {
    /// LOAD_GLOBAL's slot per name: the globals' and builtins' keys versions and the entry
    /// position (`vm/handlers.rs`, `cached_global`). LOAD_NAME shares the slots but is not
    /// counted (most of its executions look in a locals dict first).
    LoadGlobal,
    /// LOAD_ATTR's slot per instruction (`vm/attr_cache.rs`): instance-dict, `__slots__`,
    /// class-attribute and module entries. Every LOAD_ATTR not served by its slot is a miss.
    LoadAttr,
    /// STORE_ATTR's slot per instruction: instance-dict and `__slots__` entries.
    StoreAttr,
    /// LOAD_METHOD's slot per instruction: LOAD_ATTR's entries plus builtin-type methods.
    LoadMethod,
    /// The adaptive `+`, `-` and `*` (`vm/handlers.rs`, "Adaptive arithmetic"): a hit is a
    /// specialized form whose guard held, a miss an execution of the adaptive form (which
    /// specializes on two ints or two floats), a deopt a specialized form whose guard failed.
    BinaryArith,
}

impl CacheKind {
    /// Every kind, in report order.
    pub const ALL: &'static [CacheKind] =
        &[CacheKind::LoadGlobal, CacheKind::LoadAttr, CacheKind::StoreAttr, CacheKind::LoadMethod, CacheKind::BinaryArith];

    /// Row name in the report.
    pub fn name(self) -> &'static str {
        match self {
            CacheKind::LoadGlobal => "LOAD_GLOBAL",
            CacheKind::LoadAttr => "LOAD_ATTR",
            CacheKind::StoreAttr => "STORE_ATTR",
            CacheKind::LoadMethod => "LOAD_METHOD",
            CacheKind::BinaryArith => "BINARY_ADD/SUB/MUL",
        }
    }

    /// The opcodes whose every execution is a hit, a miss or a deopt of this cache.
    pub fn opcodes(self) -> &'static [Op] {
        match self {
            CacheKind::LoadGlobal => &[Op::LoadGlobal],
            CacheKind::LoadAttr => &[Op::LoadAttr],
            CacheKind::StoreAttr => &[Op::StoreAttr],
            CacheKind::LoadMethod => &[Op::LoadMethod],
            CacheKind::BinaryArith => &[
                Op::BinaryAdd,
                Op::BinaryAddInt,
                Op::BinaryAddFloat,
                Op::BinarySub,
                Op::BinarySubInt,
                Op::BinarySubFloat,
                Op::BinaryMul,
                Op::BinaryMulInt,
                Op::BinaryMulFloat,
            ],
        }
    }

    /// Position in `ALL` and in the counter arrays.
    fn index(self) -> usize {
        self as usize
    }
}

/// Number of cache kinds (at least 1 so the counter arrays are never zero-sized types to index).
const CACHE_KINDS: usize = if CacheKind::ALL.is_empty() { 1 } else { CacheKind::ALL.len() };

/// The counters `--stats` collects.
pub struct Stats {
    /// Executions per opcode byte (an `EXTENDED_ARG` prefix and the instruction it widens each
    /// count once).
    pub executed: [u64; 256],
    /// `CALL*` instructions that pushed a Python frame and went on in the same dispatch loop.
    pub python_calls: u64,
    /// `CALL*` instructions that ran to completion in Rust: builtins, classes, and Python
    /// code run in a nested dispatch loop (e.g. `__init__`).
    pub other_calls: u64,
    /// Frames pushed by an instruction (Python calls, generators resumed by `FOR_ITER`/`SEND`).
    pub inline_frames: u64,
    /// Dispatch loops started from Rust: modules, class bodies, Python code called by builtins,
    /// generators resumed from Rust. Each runs one frame pushed from Rust.
    pub nested_loops: u64,
    pub cache_misses: [u64; CACHE_KINDS],
    pub cache_deopts: [u64; CACHE_KINDS],
    /// Executions of an instruction right after the one before it in the same code object
    /// (`pc` one past the previous instruction's): `adjacent_pairs[first * 256 + second]`.
    /// These are the pairs a superinstruction could fuse.
    pub adjacent_pairs: Vec<u64>,
    /// The instruction counted last: its code's words (by address, never dereferenced), its
    /// pc and its opcode.
    previous: (usize, usize, u8),
}

impl Default for Stats {
    fn default() -> Stats {
        Stats {
            executed: [0; 256],
            python_calls: 0,
            other_calls: 0,
            inline_frames: 0,
            nested_loops: 0,
            cache_misses: [0; CACHE_KINDS],
            cache_deopts: [0; CACHE_KINDS],
            adjacent_pairs: vec![0; 256 * 256],
            previous: (0, 0, 0),
        }
    }
}

/// Count a miss of `kind`'s cache (the generic path ran). Call from slow paths only.
#[inline]
pub fn cache_miss(vm: &mut Vm, kind: CacheKind) {
    if let Some(stats) = vm.stats.as_deref_mut() {
        if let Some(count) = stats.cache_misses.get_mut(kind.index()) {
            *count += 1;
        }
    }
}

/// Count a deopt of `kind`'s cache (the instruction dropped its specialization).
#[inline]
pub fn cache_deopt(vm: &mut Vm, kind: CacheKind) {
    if let Some(stats) = vm.stats.as_deref_mut() {
        if let Some(count) = stats.cache_deopts.get_mut(kind.index()) {
            *count += 1;
        }
    }
}

/// Rows of the adjacent-pair table in the report.
const TOP_PAIRS: usize = 12;

/// Whether `opcode` is one of the call instructions.
#[inline(always)]
fn is_call(opcode: u8) -> bool {
    matches!(Op::from_u8(opcode), Some(Op::Call | Op::CallMethod | Op::CallKw | Op::CallEx))
}

impl Stats {
    /// Count one instruction about to run at `pc` (the frame's pc already points past it):
    /// an `EXTENDED_ARG` prefix also counts the instruction it widens, which runs inside the
    /// prefix's handler.
    #[inline(always)]
    pub(crate) fn count_instruction(&mut self, opcode: u8, words: &Words, pc: usize) {
        self.executed[opcode as usize] += 1;
        let code = words.as_ptr() as usize;
        let (previous_code, previous_pc, previous_opcode) = self.previous;
        if previous_code == code && previous_pc + 1 == pc {
            if let Some(count) = self.adjacent_pairs.get_mut(previous_opcode as usize * 256 + opcode as usize) {
                *count += 1;
            }
        }
        self.previous = (code, pc, opcode);
        if opcode == Op::ExtendedArg as u8 {
            let mut next = pc;
            while let Some(word) = words.get(next) {
                let widened = crate::bytecode::opcodes::decode(word).0;
                self.executed[widened as usize] += 1;
                if widened != Op::ExtendedArg as u8 {
                    break;
                }
                next += 1;
            }
        }
    }

    /// Count what an instruction did to the frame stack: `depth_before` and `depth_after` are
    /// `Vm::depth()` around its handler.
    #[inline(always)]
    pub(crate) fn count_frames(&mut self, opcode: u8, depth_before: usize, depth_after: usize) {
        let pushed = depth_after > depth_before;
        self.inline_frames += pushed as u64;
        if is_call(opcode) {
            if pushed {
                self.python_calls += 1;
            } else {
                self.other_calls += 1;
            }
        }
    }

    /// The report printed at exit.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let total: u64 = self.executed.iter().sum();
        let _ = writeln!(out, "--- swallow --stats ---");
        let _ = writeln!(out, "instructions executed: {total}");
        let mut rows: Vec<(u64, &str)> = (0..OP_COUNT).filter(|&op| self.executed[op] > 0).map(|op| (self.executed[op], OP_INFO[op].name)).collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let _ = writeln!(out, "\nopcode execution counts:");
        let width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        let mut cumulative = 0;
        for (count, name) in rows {
            cumulative += count;
            let _ = writeln!(out, "  {name:<width$} {count:>14} {:>6.2}% {:>6.2}%", percent(count, total), percent(cumulative, total));
        }
        let mut pairs: Vec<(u64, usize)> = self.adjacent_pairs.iter().enumerate().filter(|(_, &n)| n > 0).map(|(i, &n)| (n, i)).collect();
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let _ = writeln!(out, "\nmost frequent adjacent pairs (superinstruction candidates):");
        let name = |op: usize| OP_INFO.get(op).map_or("?", |info| info.name);
        for &(count, index) in pairs.iter().take(TOP_PAIRS) {
            let pair = format!("{} {}", name(index / 256), name(index % 256));
            let _ = writeln!(out, "  {pair:<40} {count:>14} {:>6.2}%", percent(count, total));
        }
        let _ = writeln!(out, "\ncalls and frames:");
        let rows = [
            ("calls that pushed a Python frame", self.python_calls),
            ("calls run in Rust (builtins, classes, ...)", self.other_calls),
            ("frames pushed by instructions", self.inline_frames),
            ("frames run by a dispatch loop from Rust", self.nested_loops),
            ("frames in all", self.inline_frames + self.nested_loops),
        ];
        for (label, count) in rows {
            let _ = writeln!(out, "  {label:<44} {count:>14}");
        }
        let _ = writeln!(out, "\ninline caches:");
        let _ = writeln!(out, "  {:<20} {:>14} {:>14} {:>14} {:>7}", "kind", "hits", "misses", "deopts", "hit %");
        for &kind in CacheKind::ALL {
            let executed: u64 = kind.opcodes().iter().map(|&op| self.executed[op as usize]).sum();
            let misses = self.cache_misses.get(kind.index()).copied().unwrap_or(0);
            let deopts = self.cache_deopts.get(kind.index()).copied().unwrap_or(0);
            let hits = executed.saturating_sub(misses + deopts);
            let _ = writeln!(out, "  {:<20} {hits:>14} {misses:>14} {deopts:>14} {:>6.2}%", kind.name(), percent(hits, executed));
        }
        out
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::opcodes::encode;

    #[test]
    fn extended_arg_counts_the_prefix_and_the_widened_instruction() {
        let words = Words::new(vec![encode(Op::ExtendedArg, 1), encode(Op::ExtendedArg, 2), encode(Op::LoadConst, 3)]).unwrap();
        let mut stats = Stats::default();
        stats.count_instruction(Op::ExtendedArg as u8, &words, 1);
        assert_eq!(stats.executed[Op::ExtendedArg as usize], 2);
        assert_eq!(stats.executed[Op::LoadConst as usize], 1);
    }

    #[test]
    fn adjacent_pairs_count_only_consecutive_instructions_of_one_code_object() {
        let words = Words::new(vec![encode(Op::LoadFast, 0), encode(Op::LoadFast, 1), encode(Op::BinaryOp, 0)]).unwrap();
        let other = Words::new(vec![encode(Op::LoadFast, 0), encode(Op::BinaryOp, 0)]).unwrap();
        let mut stats = Stats::default();
        // `pc` is one past the counted instruction.
        stats.count_instruction(Op::LoadFast as u8, &words, 1);
        stats.count_instruction(Op::LoadFast as u8, &words, 2);
        stats.count_instruction(Op::BinaryOp as u8, &other, 2); // another code object
        stats.count_instruction(Op::LoadFast as u8, &words, 1);
        stats.count_instruction(Op::BinaryOp as u8, &words, 3); // a jump, not adjacent
        let pair = |a: Op, b: Op| stats.adjacent_pairs[a as usize * 256 + b as usize];
        assert_eq!(pair(Op::LoadFast, Op::LoadFast), 1);
        assert_eq!(pair(Op::LoadFast, Op::BinaryOp), 0);
        let report = stats.report();
        assert!(report.contains("LOAD_FAST LOAD_FAST"), "{report}");
    }

    #[test]
    fn calls_are_split_by_whether_they_pushed_a_frame() {
        let mut stats = Stats::default();
        stats.count_frames(Op::Call as u8, 3, 4);
        stats.count_frames(Op::CallMethod as u8, 3, 3);
        stats.count_frames(Op::ForIter as u8, 3, 4);
        stats.count_frames(Op::LoadConst as u8, 3, 3);
        assert_eq!((stats.python_calls, stats.other_calls, stats.inline_frames), (1, 1, 2));
    }

    #[test]
    fn report_sorts_by_count_with_shares() {
        let mut stats = Stats::default();
        stats.executed[Op::LoadConst as usize] = 3;
        stats.executed[Op::ReturnValue as usize] = 1;
        let report = stats.report();
        assert!(report.contains("instructions executed: 4"), "{report}");
        let load = report.find("LOAD_CONST").unwrap_or(usize::MAX);
        let ret = report.find("RETURN_VALUE").unwrap_or(0);
        assert!(load < ret, "{report}");
        assert!(report.contains("75.00%"), "{report}");
        // No LOAD_GLOBAL ran: a row of zeros, not a division by zero.
        assert!(report.contains("LOAD_GLOBAL") && report.contains("0.00%"), "{report}");
    }
}
