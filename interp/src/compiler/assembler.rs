//! The assembler: a list of symbolic instructions whose jumps name labels becomes final
//! wordcode. It removes unreachable code, threads jumps to jumps, drops jumps to the next
//! instruction, computes the maximum stack depth over the control-flow graph, lays out
//! `ExtendedArg` prefixes and inline-cache words, and resolves labels to word indices.

use crate::bytecode::code::ExceptionEntry;
use crate::bytecode::opcodes::{encode, Op, Operand, ARG_BITS, MAX_ARG};

/// A jump target, bound to a position in the instruction list with `Assembler::bind`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Label(u32);

#[derive(Clone, Copy, Debug)]
struct Instr {
    op: Op,
    /// The operand; for jumps, the label number.
    arg: u32,
    line: u32,
    /// The exception handler covering this instruction (index into `Assembler::handlers`), or
    /// `NO_HANDLER`.
    handler: u32,
}

/// `Instr::handler` of an instruction no `try`/`with` protects.
pub const NO_HANDLER: u32 = u32::MAX;

/// An exception handler the code generator declared (see `Assembler::new_handler`).
#[derive(Clone, Copy, Debug)]
struct Handler {
    /// Where control goes with the exception pushed (a label number, then an instruction
    /// index once labels are resolved).
    target: u32,
    /// The instruction whose stack depth (plus `depth_adjust`) is the depth the handler
    /// restores: the first instruction emitted after the handler was declared.
    setup: usize,
    depth_adjust: i32,
}


/// The result of assembling one code body.
pub struct Assembled {
    pub words: Vec<u32>,
    pub lines: Vec<u32>,
    pub stacksize: u32,
    pub exception_table: Vec<ExceptionEntry>,
    /// Number of instructions with inline-cache words: the size of `Code::attr_cache`.
    pub cache_sites: usize,
}

/// Collects instructions for one code body.
pub struct Assembler {
    instrs: Vec<Instr>,
    /// Instruction index each label is bound to (`None` until bound).
    labels: Vec<Option<usize>>,
    handlers: Vec<Handler>,
    /// The handler stamped on instructions emitted from now on.
    current_handler: u32,
}

impl Default for Assembler {
    fn default() -> Assembler {
        Assembler { instrs: Vec::new(), labels: Vec::new(), handlers: Vec::new(), current_handler: NO_HANDLER }
    }
}

fn is_jump(op: Op) -> bool {
    op.info().operand == Operand::Jump
}

/// Instructions after which execution never continues with the next one.
fn is_terminal(op: Op) -> bool {
    matches!(op, Op::Jump | Op::ReturnValue | Op::RaiseVarargs | Op::Reraise)
}

/// Stack effect when the jump is taken (the table gives the fall-through effect).
fn jump_effect(op: Op, arg: u32) -> i32 {
    match op {
        Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => 0,
        // Exhausted: the iterator is popped.
        Op::ForIter => -1,
        // The delegate returned: iterator and sent value are replaced by the return value.
        Op::Send => -1,
        _ => op.stack_effect(arg),
    }
}

/// Number of `ExtendedArg` prefixes an operand needs.
fn prefixes(arg: u32) -> usize {
    let mut n = 0;
    let mut rest = arg >> ARG_BITS;
    while rest != 0 {
        n += 1;
        rest >>= ARG_BITS;
    }
    n
}

impl Assembler {
    pub fn new() -> Assembler {
        Assembler::default()
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label((self.labels.len() - 1) as u32)
    }

    /// Bind `label` to the next instruction emitted.
    pub fn bind(&mut self, label: Label) {
        if let Some(slot) = self.labels.get_mut(label.0 as usize) {
            *slot = Some(self.instrs.len());
        }
    }

    pub fn emit(&mut self, op: Op, arg: u32, line: u32) {
        self.instrs.push(Instr { op, arg, line, handler: self.current_handler });
    }

    pub fn emit_jump(&mut self, op: Op, target: Label, line: u32) {
        debug_assert!(is_jump(op));
        self.instrs.push(Instr { op, arg: target.0, line, handler: self.current_handler });
    }

    /// Declare an exception handler at `target`. The stack depth it restores is the depth
    /// before the next instruction emitted, plus `depth_adjust`. Instructions are covered by it
    /// while it is the current handler (`set_handler`).
    pub fn new_handler(&mut self, target: Label, depth_adjust: i32) -> u32 {
        self.handlers.push(Handler { target: target.0, setup: self.instrs.len(), depth_adjust });
        (self.handlers.len() - 1) as u32
    }

    /// Make `handler` (or `NO_HANDLER`) cover the instructions emitted from now on; returns the
    /// previous one.
    pub fn set_handler(&mut self, handler: u32) -> u32 {
        std::mem::replace(&mut self.current_handler, handler)
    }

    /// The handler covering the instructions emitted now.
    pub fn current_handler(&self) -> u32 {
        self.current_handler
    }

    /// Number of instructions emitted so far.
    pub fn len(&self) -> usize {
        self.instrs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.instrs.is_empty()
    }

    /// The last instruction emitted, if any.
    pub fn last_op(&self) -> Option<Op> {
        self.instrs.last().map(|i| i.op)
    }

    /// Produce the final words. Errors are internal compiler errors (never user errors).
    pub fn assemble(self) -> Result<Assembled, String> {
        let mut instrs = self.instrs;
        let mut handlers = self.handlers;
        // Resolve labels to instruction indices: from here on, a jump's arg is an index.
        for ins in instrs.iter_mut() {
            if is_jump(ins.op) {
                let target = self.labels.get(ins.arg as usize).copied().flatten();
                match target {
                    Some(t) => ins.arg = t as u32,
                    None => return Err(format!("internal compiler error: unbound label in {:?}", ins.op)),
                }
            }
        }
        for h in handlers.iter_mut() {
            match self.labels.get(h.target as usize).copied().flatten() {
                Some(t) => h.target = t as u32,
                None => return Err("internal compiler error: unbound exception handler label".into()),
            }
        }
        thread_jumps(&mut instrs);
        loop {
            let keep = invert_jumps_over_jumps(&mut instrs, &handlers);
            instrs = remove_instrs(instrs, &keep, &mut handlers);
            let reachable = reachability(&instrs, &handlers)?;
            let before = instrs.len();
            instrs = remove_instrs(instrs, &reachable, &mut handlers);
            let keep = jumps_to_next_removed(&instrs);
            instrs = remove_instrs(instrs, &keep, &mut handlers);
            if instrs.len() == before {
                break;
            }
        }
        if instrs.is_empty() {
            return Err("internal compiler error: empty code".into());
        }
        let (stacksize, handler_depths) = max_stack_depth(&instrs, &handlers)?;
        let (words, lines, offsets, cache_sites) = layout(&instrs)?;
        let exception_table = exception_table(&instrs, &handlers, &handler_depths, &offsets);
        Ok(Assembled { words, lines, stacksize, exception_table, cache_sites })
    }
}

/// Group consecutive instructions covered by the same handler into table rows.
fn exception_table(
    instrs: &[Instr],
    handlers: &[Handler],
    depths: &[Option<u32>],
    offsets: &[usize],
) -> Vec<ExceptionEntry> {
    let mut table: Vec<ExceptionEntry> = Vec::new();
    for (i, ins) in instrs.iter().enumerate() {
        let Some(handler) = handlers.get(ins.handler as usize) else { continue };
        let (Some(&Some(depth)), Some(&target)) = (depths.get(ins.handler as usize), offsets.get(handler.target as usize))
        else {
            continue;
        };
        let start = offsets[i] as u32;
        let end = offsets[i + 1] as u32;
        let target = target as u32;
        match table.last_mut() {
            Some(last) if last.end == start && last.target == target && last.depth == depth => last.end = end,
            _ => table.push(ExceptionEntry { start, end, target, depth }),
        }
    }
    table
}

/// A jump whose target is an unconditional `Jump` goes straight to that jump's target.
fn thread_jumps(instrs: &mut [Instr]) {
    for i in 0..instrs.len() {
        if !is_jump(instrs[i].op) {
            continue;
        }
        let mut target = instrs[i].arg as usize;
        let mut hops = 0;
        while let Some(t) = instrs.get(target) {
            if t.op != Op::Jump || t.arg as usize == target || hops > 100 {
                break;
            }
            target = t.arg as usize;
            hops += 1;
        }
        instrs[i].arg = target as u32;
    }
}

/// `POP_JUMP_IF_FALSE L; JUMP X; L:` becomes `POP_JUMP_IF_TRUE X; L:` (and the mirror case),
/// when nothing else jumps to the `JUMP`. Returns which instructions to keep.
fn invert_jumps_over_jumps(instrs: &mut [Instr], handlers: &[Handler]) -> Vec<bool> {
    let mut keep = vec![true; instrs.len()];
    let mut targeted = vec![false; instrs.len() + 1];
    for ins in instrs.iter() {
        if is_jump(ins.op) {
            if let Some(t) = targeted.get_mut(ins.arg as usize) {
                *t = true;
            }
        }
    }
    for h in handlers {
        if let Some(t) = targeted.get_mut(h.target as usize) {
            *t = true;
        }
    }
    let mut i = 0;
    while i + 1 < instrs.len() {
        let inverted = match instrs[i].op {
            Op::PopJumpIfFalse => Some(Op::PopJumpIfTrue),
            Op::PopJumpIfTrue => Some(Op::PopJumpIfFalse),
            _ => None,
        };
        if let Some(inverted) = inverted {
            let next = instrs[i + 1];
            if instrs[i].arg as usize == i + 2 && next.op == Op::Jump && !targeted[i + 1] && keep[i + 1] {
                instrs[i].op = inverted;
                instrs[i].arg = next.arg;
                keep[i + 1] = false;
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    keep
}

/// Successors of instruction `i`: (index, stack effect on that edge).
fn successors(instrs: &[Instr], i: usize) -> [Option<(usize, i32)>; 2] {
    let ins = instrs[i];
    let fall = if is_terminal(ins.op) { None } else { Some((i + 1, ins.op.stack_effect(ins.arg))) };
    let jump = if is_jump(ins.op) { Some((ins.arg as usize, jump_effect(ins.op, ins.arg))) } else { None };
    [fall, jump]
}

/// Which instructions can run, starting from the first (a handler runs when an instruction it
/// covers can).
fn reachability(instrs: &[Instr], handlers: &[Handler]) -> Result<Vec<bool>, String> {
    let mut seen = vec![false; instrs.len()];
    let mut work = vec![0usize];
    while let Some(i) = work.pop() {
        if i >= instrs.len() {
            return Err("internal compiler error: execution runs off the end of the code".into());
        }
        if seen[i] {
            continue;
        }
        seen[i] = true;
        if let Some(h) = handlers.get(instrs[i].handler as usize) {
            work.push(h.target as usize);
        }
        for (next, _) in successors(instrs, i).into_iter().flatten() {
            if next >= instrs.len() {
                return Err("internal compiler error: execution runs off the end of the code".into());
            }
            if !seen[next] {
                work.push(next);
            }
        }
    }
    Ok(seen)
}

/// Marks `false` every `Jump` whose target is the instruction right after it.
fn jumps_to_next_removed(instrs: &[Instr]) -> Vec<bool> {
    instrs.iter().enumerate().map(|(i, ins)| !(ins.op == Op::Jump && ins.arg as usize == i + 1)).collect()
}

/// Drop the instructions whose `keep` entry is false, retargeting jumps and handlers: a jump
/// to a dropped instruction goes to the next kept one.
fn remove_instrs(instrs: Vec<Instr>, keep: &[bool], handlers: &mut [Handler]) -> Vec<Instr> {
    let mut new_index = vec![0u32; instrs.len() + 1];
    let mut n = 0u32;
    for i in 0..instrs.len() {
        new_index[i] = n;
        if keep[i] {
            n += 1;
        }
    }
    new_index[instrs.len()] = n;
    for h in handlers.iter_mut() {
        h.target = new_index.get(h.target as usize).copied().unwrap_or(n);
        h.setup = new_index.get(h.setup).copied().unwrap_or(n) as usize;
    }
    instrs
        .into_iter()
        .zip(keep.iter())
        .filter(|(_, &k)| k)
        .map(|(mut ins, _)| {
            if is_jump(ins.op) {
                ins.arg = new_index.get(ins.arg as usize).copied().unwrap_or(n);
            }
            ins
        })
        .collect()
}

/// Maximum stack depth over every path; also checks that no path pops an empty stack. Also
/// returns the depth each handler restores (`None` for handlers that never run): the depth at
/// its setup instruction plus its adjustment. A handler starts with that depth plus the
/// pushed exception.
fn max_stack_depth(instrs: &[Instr], handlers: &[Handler]) -> Result<(u32, Vec<Option<u32>>), String> {
    let mut depth_at: Vec<Option<i32>> = vec![None; instrs.len()];
    let mut handler_depths: Vec<Option<u32>> = vec![None; handlers.len()];
    let mut work = vec![(0usize, 0i32)];
    let mut max = 0i32;
    loop {
        while let Some((i, depth)) = work.pop() {
            match depth_at.get(i) {
                None => return Err("internal compiler error: jump out of the code".into()),
                Some(Some(d)) if *d >= depth => continue,
                _ => {}
            }
            depth_at[i] = Some(depth);
            max = max.max(depth);
            let ins = instrs[i];
            // The deepest point inside an instruction is at least its result.
            for (next, effect) in successors(instrs, i).into_iter().flatten() {
                let d = depth + effect;
                if d < 0 {
                    return Err(format!("internal compiler error: stack underflow at {:?} (instruction {i})", ins.op));
                }
                max = max.max(d);
                work.push((next, d));
            }
        }
        // Handlers whose covered code runs start at their restored depth plus the exception.
        for (i, ins) in instrs.iter().enumerate() {
            let h = ins.handler as usize;
            let (Some(handler), Some(_)) = (handlers.get(h), depth_at[i]) else { continue };
            if handler_depths[h].is_some() {
                continue;
            }
            let Some(Some(setup_depth)) = depth_at.get(handler.setup).copied() else {
                return Err("internal compiler error: exception handler without a setup depth".into());
            };
            let depth = setup_depth + handler.depth_adjust;
            if depth < 0 {
                return Err("internal compiler error: negative exception handler depth".into());
            }
            handler_depths[h] = Some(depth as u32);
            max = max.max(depth + 1);
            work.push((handler.target as usize, depth + 1));
        }
        if work.is_empty() {
            break;
        }
    }
    Ok((max as u32, handler_depths))
}

/// Assign word offsets (growing `ExtendedArg` prefixes until stable), then encode. Also returns
/// the word offset of every instruction (plus the end), and the number of instructions with
/// inline-cache words: the first cache word of the n-th one holds n, its cache slot, as the
/// operand of a `NOP` word.
#[allow(clippy::type_complexity)]
fn layout(instrs: &[Instr]) -> Result<(Vec<u32>, Vec<u32>, Vec<usize>, usize), String> {
    let mut ext: Vec<usize> = instrs.iter().map(|i| if is_jump(i.op) { 0 } else { prefixes(i.arg) }).collect();
    let mut offsets = vec![0usize; instrs.len() + 1];
    loop {
        let mut pos = 0usize;
        for (i, ins) in instrs.iter().enumerate() {
            offsets[i] = pos;
            pos += ext[i] + 1 + ins.op.info().cache as usize;
        }
        offsets[instrs.len()] = pos;
        let mut changed = false;
        for (i, ins) in instrs.iter().enumerate() {
            if is_jump(ins.op) {
                let target = offsets[ins.arg as usize] as u64;
                if target > u32::MAX as u64 {
                    return Err("code object too large".into());
                }
                let need = prefixes(target as u32);
                if need > ext[i] {
                    ext[i] = need;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let total = offsets[instrs.len()];
    let mut words = Vec::new();
    let mut lines = Vec::new();
    words.try_reserve_exact(total).map_err(|_| "out of memory assembling code".to_string())?;
    lines.try_reserve_exact(total).map_err(|_| "out of memory assembling code".to_string())?;
    let mut cache_sites = 0usize;
    for (i, ins) in instrs.iter().enumerate() {
        let arg = if is_jump(ins.op) { offsets[ins.arg as usize] as u32 } else { ins.arg };
        // Pad with prefixes so that the instruction's width matches the layout exactly.
        let n = ext[i];
        for k in (1..=n).rev() {
            let shift = ARG_BITS as usize * k;
            let part = if shift >= 32 { 0 } else { (arg >> shift) & MAX_ARG };
            words.push(encode(Op::ExtendedArg, part));
            lines.push(ins.line);
        }
        words.push(encode(ins.op, arg & MAX_ARG));
        lines.push(ins.line);
        let cache_words = ins.op.info().cache;
        if cache_words > 0 {
            // Encoded as `NOP site` so that code reading words as instructions (scanning back
            // for `EXTENDED_ARG` prefixes) never mistakes a cache word for one.
            let site = u32::try_from(cache_sites).ok().filter(|&s| s <= MAX_ARG).ok_or_else(|| "code object too large".to_string())?;
            words.push(encode(Op::Nop, site));
            lines.push(ins.line);
            cache_sites += 1;
            for _ in 1..cache_words {
                words.push(0);
                lines.push(ins.line);
            }
        }
    }
    Ok((words, lines, offsets, cache_sites))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::opcodes::decode;

    #[test]
    fn resolves_labels_and_computes_depth() {
        let mut a = Assembler::new();
        let top = a.new_label();
        let end = a.new_label();
        a.emit(Op::LoadConst, 0, 1);
        a.emit(Op::GetIter, 0, 1);
        a.bind(top);
        a.emit_jump(Op::ForIter, end, 1);
        a.emit(Op::StoreFast, 0, 2);
        a.emit_jump(Op::Jump, top, 2);
        a.bind(end);
        a.emit(Op::LoadConst, 1, 3);
        a.emit(Op::ReturnValue, 0, 3);
        let out = a.assemble().unwrap();
        assert_eq!(out.words.len(), 7);
        assert_eq!(decode(out.words[2]), (Op::ForIter as u8, 5));
        assert_eq!(decode(out.words[4]), (Op::Jump as u8, 2));
        assert_eq!(out.stacksize, 2);
        assert_eq!(out.lines, vec![1, 1, 1, 2, 2, 3, 3]);
    }

    #[test]
    fn removes_dead_code_and_jumps_to_next() {
        let mut a = Assembler::new();
        let l = a.new_label();
        a.emit(Op::LoadConst, 0, 1);
        a.emit_jump(Op::Jump, l, 1);
        a.bind(l);
        a.emit(Op::ReturnValue, 0, 1);
        a.emit(Op::LoadConst, 0, 2);
        a.emit(Op::ReturnValue, 0, 2);
        let out = a.assemble().unwrap();
        assert_eq!(out.words, vec![encode(Op::LoadConst, 0), encode(Op::ReturnValue, 0)]);
    }

    #[test]
    fn extended_args() {
        let mut a = Assembler::new();
        a.emit(Op::LoadConst, 0x0123_4567, 1);
        a.emit(Op::ReturnValue, 0, 1);
        let out = a.assemble().unwrap();
        assert_eq!(out.words.len(), 3);
        assert_eq!(decode(out.words[0]), (Op::ExtendedArg as u8, 0x01));
        assert_eq!(decode(out.words[1]), (Op::LoadConst as u8, 0x23_4567));
    }

    #[test]
    fn exception_table_rows_cover_protected_words() {
        // try: x = c0 / except: pass
        let mut a = Assembler::new();
        let handler = a.new_label();
        let end = a.new_label();
        a.emit(Op::LoadConst, 0, 1); // depth 1 outside the try: the handler restores it
        let h = a.new_handler(handler, 0);
        a.set_handler(h);
        a.emit(Op::LoadConst, 0, 2);
        a.emit(Op::StoreFast, 0, 2);
        a.set_handler(NO_HANDLER);
        a.emit_jump(Op::Jump, end, 2);
        a.bind(handler);
        a.emit(Op::PopTop, 0, 3);
        a.bind(end);
        a.emit(Op::ReturnValue, 0, 4);
        let out = a.assemble().unwrap();
        assert_eq!(out.exception_table, vec![ExceptionEntry { start: 1, end: 3, target: 4, depth: 1 }]);
        // Handler entry: depth 1 plus the pushed exception.
        assert_eq!(out.stacksize, 2);
    }

    #[test]
    fn exception_table_nested_handlers_and_adjusted_depth() {
        let mut a = Assembler::new();
        let outer_target = a.new_label();
        let inner_target = a.new_label();
        let outer = a.new_handler(outer_target, 0);
        a.set_handler(outer);
        a.emit(Op::LoadConst, 0, 1);
        a.emit(Op::LoadConst, 0, 1);
        // Restores one entry less than the depth here (like `with`, which keeps `__exit__`).
        let inner = a.new_handler(inner_target, -1);
        a.set_handler(inner);
        a.emit(Op::PopTop, 0, 2);
        a.set_handler(outer);
        a.emit(Op::ReturnValue, 0, 3);
        a.set_handler(NO_HANDLER);
        a.bind(inner_target);
        a.emit(Op::Reraise, 0, 4);
        a.bind(outer_target);
        a.emit(Op::Reraise, 0, 5);
        let out = a.assemble().unwrap();
        assert_eq!(
            out.exception_table,
            vec![
                ExceptionEntry { start: 0, end: 2, target: 5, depth: 0 },
                ExceptionEntry { start: 2, end: 3, target: 4, depth: 1 },
                ExceptionEntry { start: 3, end: 4, target: 5, depth: 0 },
            ]
        );
    }

    #[test]
    fn unreachable_handlers_leave_no_rows() {
        let mut a = Assembler::new();
        let handler = a.new_label();
        a.emit(Op::LoadConst, 0, 1);
        a.emit(Op::ReturnValue, 0, 1);
        let h = a.new_handler(handler, 0);
        a.set_handler(h);
        a.emit(Op::LoadConst, 0, 2);
        a.emit(Op::ReturnValue, 0, 2);
        a.set_handler(NO_HANDLER);
        a.bind(handler);
        a.emit(Op::Reraise, 0, 3);
        let out = a.assemble().unwrap();
        assert!(out.exception_table.is_empty());
        assert_eq!(out.words.len(), 2);
    }

    #[test]
    fn underflow_is_an_error() {
        let mut a = Assembler::new();
        a.emit(Op::PopTop, 0, 1);
        a.emit(Op::ReturnValue, 0, 1);
        assert!(a.assemble().is_err());
    }
}
