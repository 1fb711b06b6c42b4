//! Code objects: the compiled form of a module, function, lambda or comprehension body.

use std::cell::Cell;
use std::rc::Rc;

use crate::value::Value;

/// Flags of a code object (`Code::flags`).
pub mod flags {
    /// The function takes `*args`.
    pub const VARARGS: u32 = 1 << 0;
    /// The function takes `**kwargs`.
    pub const VARKEYWORDS: u32 = 1 << 1;
    /// Module or class body: names live in a dict, not in fast slots.
    pub const NAMESPACE: u32 = 1 << 2;
    /// The body contains `yield` (generators arrive with issue #3).
    pub const GENERATOR: u32 = 1 << 3;
}

/// One row of a code object's exception table: an exception raised by an instruction whose
/// word offset lies in `start..end` truncates the frame's evaluation stack to `depth` entries,
/// pushes the exception and jumps to `target`. Rows are sorted by `start` and never overlap:
/// each instruction has exactly one innermost handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
}

/// Where LOAD_GLOBAL last found one name of a code object: its entry position in the frame's
/// globals or in builtins, valid while those dicts keep the keys versions recorded here (see
/// `PyDict::keys_version`). One slot per entry of `Code::names`, shared by every LOAD_GLOBAL and
/// LOAD_NAME of that name in the code: they all look the same key up in the same dicts.
#[derive(Default, Debug)]
pub struct GlobalCacheSlot {
    /// Keys version of the globals dict when the slot was filled; 0 = empty (no dict has 0).
    pub globals_version: Cell<u64>,
    /// Keys version of builtins when the name was found there (absent from globals); 0 when it
    /// was found in globals.
    pub builtins_version: Cell<u64>,
    /// Entry position of the name in the dict it was found in.
    pub position: Cell<u32>,
}

impl GlobalCacheSlot {
    /// Empty slots for a code object with `names` names.
    pub fn table(names: usize) -> Box<[GlobalCacheSlot]> {
        (0..names).map(|_| GlobalCacheSlot::default()).collect()
    }
}

/// What an attribute cache slot remembers (`AttrCacheSlot::entry`). Each variant carries the
/// version it is valid under: a type's version tag (`PyType::version`) for the instance kinds,
/// a dict's keys version for `ModuleAttr`, a builtin type's id for `BuiltinMethod`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AttrEntry {
    /// Nothing cached (never filled, or the last lookup was not cacheable).
    #[default]
    Empty,
    /// An attribute of the instance itself: the class (tag `version`) has no data descriptor
    /// of the name, no `__getattribute__` and no `__setattr__` (for STORE_ATTR). `index` is
    /// the name's position in the class's shared keys (`PyType::instance_keys`, which do not
    /// change under a tag), where instances with inline values hold it; for an instance whose
    /// attributes are a dict it is where the key was last seen (a hint, checked on every use).
    InstanceAttr { version: u64, index: u32 },
    /// A `__slots__` member: index into `PyObject::slots`.
    Slot { version: u64, index: u32 },
    /// An attribute of the class that is not a descriptor object: found in the dict of the
    /// `owner`-th class of the MRO (0 = the class itself) at entry `position`. A function
    /// there binds to the instance (LOAD_METHOD pushes it with the instance instead); valid
    /// while the instance dict does not shadow the name.
    ClassAttr { version: u64, owner: u32, position: u32 },
    /// A method of a builtin type (`list.append`) for LOAD_METHOD on a value of exactly that
    /// type: builtin types never change, so the method is kept in `AttrCacheSlot::method`.
    BuiltinMethod { type_id: crate::objects::types::TypeId },
    /// A module attribute: entry `position` of the module dict with keys version
    /// `keys_version`.
    ModuleAttr { keys_version: u64, position: u32 },
}

impl AttrEntry {
    /// The class version tag an instance entry is valid under; `None` for the other kinds.
    #[inline(always)]
    pub fn type_version(self) -> Option<u64> {
        match self {
            AttrEntry::InstanceAttr { version, .. } | AttrEntry::Slot { version, .. } | AttrEntry::ClassAttr { version, .. } => {
                Some(version)
            }
            _ => None,
        }
    }
}

/// Entries per attribute cache slot: a site that sees instances of up to this many classes
/// (or states of a class) in turn hits for all of them (richards' task subclasses).
pub const ATTR_CACHE_WAYS: usize = 4;

/// One attribute cache slot: the cache of one LOAD_ATTR, STORE_ATTR or LOAD_METHOD
/// instruction, whose inline-cache word holds the slot's index in `Code::attr_cache` (the
/// assembler numbers them). See ARCHITECTURE "Attributes: type version tags and the attribute
/// caches".
#[derive(Default)]
pub struct AttrCacheSlot {
    /// Up to `ATTR_CACHE_WAYS` entries, at most one per class version tag; at most one
    /// `BuiltinMethod` entry.
    pub entries: [Cell<AttrEntry>; ATTR_CACHE_WAYS],
    /// For each way, the class its entry was filled for (`class_owner`), 0 for the other
    /// kinds: read by `store` only.
    pub owners: [Cell<u32>; ATTR_CACHE_WAYS],
    /// The entry a fill replaces when none is empty and none is of the same class (round
    /// robin).
    pub next_victim: Cell<u8>,
    /// The method of the slot's `BuiltinMethod` entry.
    pub method: std::cell::RefCell<Option<Value>>,
}

impl AttrCacheSlot {
    /// Empty slots for a code object with `sites` attribute instructions.
    pub fn table(sites: usize) -> Box<[AttrCacheSlot]> {
        (0..sites).map(|_| AttrCacheSlot::default()).collect()
    }

    /// The entry for instances of a class whose version tag is `version`.
    #[inline(always)]
    pub fn entry_for_type(&self, version: u64) -> Option<&Cell<AttrEntry>> {
        self.entries.iter().find(|e| e.get().type_version() == Some(version))
    }

    /// Store `entry`, filled for instances of the class `owner` identifies (`class_owner`; 0
    /// for the other kinds): over the entry of the same class version tag (or the
    /// builtin-method or module entry, for one of those), else over an entry of an earlier
    /// state of the same class, else in an empty way, else over the next victim (round robin).
    /// A class's tag changes while its first instances add their attributes (each new shared
    /// name is a new tag): without the second rule, the stores of `__init__` kept the entry
    /// of the tag the class ends with behind the stale ones for the rest of the run.
    pub fn store(&self, entry: AttrEntry, owner: u32) {
        let same = |(_, e): &(usize, &Cell<AttrEntry>)| match (e.get(), entry) {
            (AttrEntry::BuiltinMethod { .. }, AttrEntry::BuiltinMethod { .. }) => true,
            (AttrEntry::ModuleAttr { .. }, AttrEntry::ModuleAttr { .. }) => true,
            (old, new) => old.type_version().is_some() && old.type_version() == new.type_version(),
        };
        let same_class = |(way, e): &(usize, &Cell<AttrEntry>)| {
            owner != 0 && e.get().type_version().is_some() && self.owners.get(*way).is_some_and(|o| o.get() == owner)
        };
        let ways = || self.entries.iter().enumerate();
        let target = ways()
            .find(same)
            .or_else(|| ways().find(same_class))
            .or_else(|| ways().find(|(_, e)| e.get() == AttrEntry::Empty))
            .map(|(way, _)| way)
            .unwrap_or_else(|| {
                let victim = self.next_victim.get() as usize % ATTR_CACHE_WAYS;
                self.next_victim.set(((victim + 1) % ATTR_CACHE_WAYS) as u8);
                victim
            });
        if let (Some(e), Some(o)) = (self.entries.get(target), self.owners.get(target)) {
            e.set(entry);
            o.set(owner);
        }
    }
}

/// The identity of class `cls` for `AttrCacheSlot::store` (never 0): a hint that only picks
/// which way a fill replaces. Two classes can share it (a class freed and another allocated
/// at its address, or addresses equal in the 32 bits kept), which costs at most a needless
/// replacement; hits compare version tags, which are unique.
pub fn class_owner(cls: &crate::objects::types::PyType) -> u32 {
    ((std::ptr::from_ref(cls) as usize >> 3) as u32).max(1)
}

/// A code object's instruction words. A word's opcode byte can be rewritten while the code
/// runs (every frame of the code sees the change): an adaptive instruction replaces itself by
/// a form specialized for the operands it met, and a specialized one by the adaptive form when
/// its guard fails (`vm::handlers`, "Adaptive arithmetic"). Operands and length never change.
///
/// Invariants:
/// - every word's opcode byte names an `Op` (checked by `new`; `set_opcode` writes only `Op`s),
///   so the dispatch loop decodes without a range check (`opcodes::decode_valid`);
/// - every word is followed by the inline-cache words its opcode has (`OpInfo::cache`; checked
///   by `new`), so an instruction steps over them without comparing against the end;
/// - one more word follows the last: `PAST_END`, which raises an internal error. Running
///   straight on can never read past the allocation, so the dispatch loop fetches through a
///   pointer without comparing it against the end (a jump still checks its target). The
///   sentinel is not one of the code's words: `len`, `get`, `iter` and `set_opcode` stop before it.
pub struct Words(Box<[Cell<u32>]>);

impl Words {
    /// The words of a code object; an error (an internal compiler error) if one has an opcode
    /// byte past the opcode table.
    pub fn new(words: Vec<u32>) -> Result<Words, String> {
        use crate::bytecode::opcodes::{decode_valid, is_valid_word};
        if let Some((index, word)) = words.iter().enumerate().find(|(_, w)| !is_valid_word(**w)) {
            return Err(format!("internal error: word {index} has no opcode ({word:#010x})"));
        }
        // SAFETY (`decode_valid`): every word was just checked to be valid.
        let cut_short = words.iter().enumerate().find(|(index, w)| index + unsafe { decode_valid(**w) }.0.info().cache as usize >= words.len());
        if let Some((index, _)) = cut_short {
            return Err(format!("internal error: the inline-cache words of word {index} are missing"));
        }
        Ok(Words(words.into_iter().chain(std::iter::once(Self::PAST_END)).map(Cell::new).collect()))
    }

    /// The sentinel after the last word.
    const PAST_END: u32 = crate::bytecode::opcodes::encode(crate::bytecode::opcodes::Op::PastEnd, 0);

    /// No words (the placeholder bottom frame's code).
    pub fn empty() -> Words {
        Words(Box::new([Cell::new(Self::PAST_END)]))
    }

    /// The word at `pc`, or `None` past the end.
    #[inline(always)]
    pub fn get(&self, pc: usize) -> Option<u32> {
        self.words().get(pc).map(Cell::get)
    }

    /// Number of words (the sentinel not counted).
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.0.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every word, in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words().iter().map(Cell::get)
    }

    /// Replace the opcode of the word at `pc`, keeping its operand; nothing past the end.
    #[inline]
    pub fn set_opcode(&self, pc: usize, op: crate::bytecode::opcodes::Op) {
        if let Some(word) = self.words().get(pc) {
            word.set((word.get() & !0xff) | op as u32);
        }
    }

    /// The first word: for the dispatch loop's instruction pointer (`vm::registers`), and as
    /// the identity of the code object (`--stats`' adjacent-pair counting). `len() + 1` words
    /// can be read from it: the code's and the `PAST_END` sentinel.
    #[inline(always)]
    pub fn as_ptr(&self) -> *const Cell<u32> {
        self.0.as_ptr()
    }

    /// The code's words without the sentinel.
    #[inline(always)]
    fn words(&self) -> &[Cell<u32>] {
        self.0.split_last().map_or(&[], |(_sentinel, words)| words)
    }
}

/// A compiled body. Immutable once built, apart from its caches (`global_cache`, `attr_cache`), which only
/// remember where a lookup found something, and the opcode bytes of adaptive instructions
/// (`Words`); neither changes what the code means.
///
/// Frame layout: slots `0..varnames.len()` are the fast locals (parameters first: positional
/// ones, then keyword-only, then `*args`, then `**kwargs`), followed by one slot per entry of
/// `cellvars` and then of `freevars`, each holding a `Value::Cell`. The evaluation stack starts
/// right after those slots.
pub struct Code {
    /// Fixed-width instruction words, see `opcodes`. Adaptive instructions rewrite their own
    /// opcode byte as they run (`Words::set_opcode`); operands never change.
    pub words: Words,
    /// Source line of every word (same length as `words`).
    pub lines: Box<[u32]>,
    pub consts: Box<[Value]>,
    /// Global, attribute and import names, as `Value::Str`.
    pub names: Box<[Value]>,
    /// The LOAD_GLOBAL cache: one slot per entry of `names` (see `GlobalCacheSlot`).
    pub global_cache: Box<[GlobalCacheSlot]>,
    /// The attribute caches: one slot per LOAD_ATTR, STORE_ATTR and LOAD_METHOD instruction,
    /// indexed by the instruction's inline-cache word (see `AttrCacheSlot`).
    pub attr_cache: Box<[AttrCacheSlot]>,
    /// Fast locals, parameters first.
    pub varnames: Box<[Rc<str>]>,
    /// Locals captured by inner functions.
    pub cellvars: Box<[Rc<str>]>,
    /// Variables captured from enclosing functions.
    pub freevars: Box<[Rc<str>]>,
    /// For each cellvar that is also a parameter: (cell index, parameter slot), so the argument
    /// is moved into its cell on entry.
    pub cell_params: Box<[(u32, u32)]>,
    /// Number of positional parameters, positional-only included.
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    /// Maximum evaluation-stack depth, computed by the assembler.
    pub stacksize: u32,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub firstlineno: u32,
    /// Exception handlers by instruction range (see `ExceptionEntry`); empty without
    /// `try`/`with`. Nothing runs on the non-raising path: the unwinder searches it.
    pub exception_table: Box<[ExceptionEntry]>,
    /// A function body's docstring (its `__doc__`), `None` when it has none.
    pub doc: Value,
    /// A call with exactly `argcount` positional arguments needs nothing but its remaining
    /// slots marked unbound: no `*args`/`**kwargs`, keyword-only parameters, cells or free
    /// variables, and not a generator (see `Code::plain_entry_of`; `Vm::call_on_stack`'s
    /// fast path).
    pub plain_entry: bool,
}

impl Code {
    /// Whether code with these parameters, slots and flags can be entered by just placing the
    /// positional arguments (the value of `plain_entry`).
    pub fn plain_entry_of(flags: u32, kwonlyargcount: u32, cellvars: &[Rc<str>], freevars: &[Rc<str>]) -> bool {
        flags & (flags::VARARGS | flags::VARKEYWORDS | flags::GENERATOR | flags::NAMESPACE) == 0
            && kwonlyargcount == 0
            && cellvars.is_empty()
            && freevars.is_empty()
    }

    /// Total number of frame slots before the evaluation stack.
    #[inline]
    pub fn nslots(&self) -> usize {
        self.varnames.len() + self.cellvars.len() + self.freevars.len()
    }

    /// Index of the first cell slot.
    #[inline]
    pub fn cell_base(&self) -> usize {
        self.varnames.len()
    }

    /// Number of parameter slots including `*args` and `**kwargs`.
    pub fn total_params(&self) -> usize {
        let mut n = (self.argcount + self.kwonlyargcount) as usize;
        if self.flags & flags::VARARGS != 0 {
            n += 1;
        }
        if self.flags & flags::VARKEYWORDS != 0 {
            n += 1;
        }
        n
    }

    /// The handler for an exception raised by the instruction at word `pc`, if any.
    pub fn handler_for(&self, pc: usize) -> Option<&ExceptionEntry> {
        let pc = u32::try_from(pc).ok()?;
        let after = self.exception_table.partition_point(|e| e.start <= pc);
        let entry = self.exception_table.get(after.checked_sub(1)?)?;
        (pc < entry.end).then_some(entry)
    }

    /// Source line of the word at `pc`.
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.firstlineno)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn handler_lookup_by_offset() {
        let code = crate::compiler::compile("try:\n    x = 1\nexcept E:\n    pass\n", "<t>", crate::compiler::Mode::Module)
            .unwrap_or_else(|e| panic!("{}", e.msg));
        let first = code.exception_table[0];
        assert_eq!(code.handler_for(first.start as usize), Some(&first));
        assert_eq!(code.handler_for(first.end as usize - 1), Some(&first));
        let uncovered = (0..code.words.len()).find(|&pc| {
            !code.exception_table.iter().any(|e| (e.start as usize..e.end as usize).contains(&pc))
        });
        if let Some(pc) = uncovered {
            assert_eq!(code.handler_for(pc), None);
        }
        assert_eq!(code.handler_for(usize::MAX), None);
    }

    #[test]
    fn words_hold_only_valid_opcodes() {
        use crate::bytecode::opcodes::{encode, Op, OP_COUNT};
        let valid = vec![encode(Op::LoadConst, 7), 0, encode(Op::ReturnValue, 0)];
        let words = super::Words::new(valid.clone()).expect("valid words");
        assert_eq!(words.iter().collect::<Vec<_>>(), valid);
        // The dispatch loop decodes without a range check: a byte past the table is refused
        // when the words are made, never executed.
        let bad = (OP_COUNT as u32) | (5 << 8);
        let err = super::Words::new(vec![encode(Op::Nop, 0), bad]).err().expect("invalid opcode refused");
        assert!(err.contains("word 1"), "{err}");
        assert!(super::Words::new(vec![0xff]).is_err());
        // Rewriting an opcode keeps the operand and writes only an `Op`.
        words.set_opcode(0, Op::LoadFast);
        assert_eq!(words.get(0), Some(encode(Op::LoadFast, 7)));
    }

    /// The dispatch loop's registers rely on what `Words::new` checks and adds: the sentinel
    /// after the last word, and the inline-cache words of every instruction.
    #[test]
    fn words_end_with_the_sentinel_and_keep_cache_words() {
        use crate::bytecode::opcodes::{decode, encode, Op};
        let words = super::Words::new(vec![encode(Op::LoadAttr, 0), encode(Op::Nop, 0)]).expect("valid words");
        assert_eq!(words.len(), 2);
        assert_eq!(words.get(2), None);
        assert_eq!(words.iter().count(), 2);
        // SAFETY: `as_ptr` has `len() + 1` readable words.
        let sentinel = unsafe { (*words.as_ptr().add(2)).get() };
        assert_eq!(decode(sentinel).0, Op::PastEnd as u8);
        // The sentinel is never rewritten.
        words.set_opcode(2, Op::Nop);
        // SAFETY: as above, the sentinel is readable.
        assert_eq!(decode(unsafe { (*words.as_ptr().add(2)).get() }).0, Op::PastEnd as u8);
        assert_eq!(super::Words::empty().len(), 0);
        // An attribute instruction without its cache word is refused.
        let err = super::Words::new(vec![encode(Op::Nop, 0), encode(Op::LoadMethod, 0)]).err().expect("refused");
        assert!(err.contains("word 1"), "{err}");
    }
}
