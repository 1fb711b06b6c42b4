//! Unit tests of type version tags (`PyType::version`, `PyType::attributes_changed`) and of
//! the attribute caches' slots (`vm/attr_cache.rs`) after running code.

use std::cell::Cell;
use std::rc::Rc;

use super::Vm;
use crate::bytecode::code::{AttrEntry, Code};
use crate::compiler::{self, Mode};
use crate::objects::dict::PyDict;
use crate::objects::types::PyType;
use crate::value::{BoolWord, Value};

fn compiled(source: &str) -> Rc<Code> {
    match compiler::compile(source, "<test>", Mode::Module) {
        Ok(code) => code,
        Err(_) => panic!("test source does not compile"),
    }
}

/// Runs `source` as a module and returns its globals.
fn run(vm: &mut Vm, source: &str) -> Rc<PyDict> {
    let globals = Rc::new(PyDict::new());
    globals.set_str("__name__", Value::str("__main__"));
    if vm.run_module_code(compiled(source), globals.clone()).is_err() {
        panic!("test source raised");
    }
    globals
}

fn class(globals: &PyDict, name: &str) -> Rc<PyType> {
    match globals.get_str(name) {
        Some(Value::Type(t)) => t,
        _ => panic!("no class {name}"),
    }
}

/// The code object of function `name` in `globals`.
fn function_code(globals: &PyDict, name: &str) -> Rc<Code> {
    match globals.get_str(name) {
        Some(Value::Function(f)) => f.code.clone(),
        _ => panic!("no function {name}"),
    }
}

#[test]
fn version_tags_are_unique_and_change_with_the_dict_of_the_type_or_a_base() {
    let mut vm = Vm::new(vec![String::new()]);
    let globals = run(&mut vm, "class A:\n    def f(self): return 1\nclass B(A): pass\nclass C: pass\n");
    let (a, b, c) = (class(&globals, "A"), class(&globals, "B"), class(&globals, "C"));
    let tags = [a.version.get(), b.version.get(), c.version.get()];
    assert!(tags.iter().all(|&t| t != 0), "0 is reserved for empty caches");
    assert!(tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2]);
    // Replacing a value (no key added) on the base changes the base's and the subclass's tags.
    let _ = run_with(&mut vm, &globals, "A.f = lambda self: 2\n");
    assert!(a.version.get() != tags[0] && b.version.get() != tags[1]);
    assert_eq!(c.version.get(), tags[2], "an unrelated class keeps its tag");
    // Every kind of write: setattr, delattr, type.__setattr__, object.__setattr__ on the class.
    for statement in ["setattr(B, 'x', 1)\n", "del B.x\n", "type.__setattr__(B, 'y', 1)\n", "object.__setattr__(B, 'z', 1)\n"] {
        let before = b.version.get();
        let _ = run_with(&mut vm, &globals, statement);
        assert_ne!(b.version.get(), before, "{statement}");
    }
    // A class's __dict__ is a copy: writing to it changes neither the class nor its tag.
    let before = a.version.get();
    let _ = run_with(&mut vm, &globals, "A.__dict__['g'] = 3\nok = not hasattr(A, 'g')\n");
    assert_eq!(a.version.get(), before);
    assert!(matches!(globals.get_str("ok"), Some(Value::Bool(BoolWord::True))));
}

/// Runs `source` with the given globals.
fn run_with(vm: &mut Vm, globals: &Rc<PyDict>, source: &str) -> bool {
    vm.run_module_code(compiled(source), globals.clone()).is_ok()
}

#[test]
fn slots_hold_what_each_lookup_found() {
    let mut vm = Vm::new(vec![String::new()]);
    let source = "\
import math
class P:
    kind = 'point'
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x
class S:
    __slots__ = ('v',)
def use(p, s, items):
    items.append(p.get())
    return p.x, p.kind, s.v, math.pi
p = P(1)
s = S()
s.v = 2
for _ in range(3):
    use(p, s, [])
";
    let globals = run(&mut vm, source);
    let code = function_code(&globals, "use");
    let p_version = class(&globals, "P").version.get();
    let s_version = class(&globals, "S").version.get();
    let entries: Vec<AttrEntry> = code.attr_cache.iter().map(|slot| slot.entries[0].get()).collect();
    // Instruction order: items.append, p.get, p.x, p.kind, s.v, math.pi.
    assert_eq!(entries.len(), 6, "{entries:?}");
    assert!(matches!(entries[0], AttrEntry::BuiltinMethod { type_id: crate::objects::types::TypeId::List }), "{entries:?}");
    assert!(matches!(entries[1], AttrEntry::ClassAttr { version, owner: 0, .. } if version == p_version), "{entries:?}");
    assert!(matches!(entries[2], AttrEntry::InstanceAttr { version, index: 0 } if version == p_version), "{entries:?}");
    assert!(matches!(entries[3], AttrEntry::ClassAttr { version, .. } if version == p_version), "{entries:?}");
    assert!(matches!(entries[4], AttrEntry::Slot { version, index: 0 } if version == s_version), "{entries:?}");
    assert!(matches!(entries[5], AttrEntry::ModuleAttr { .. }), "{entries:?}");
    // After the class changes, the next run refills the slots under the new tag.
    assert!(run_with(&mut vm, &globals, "P.kind = 'moved'\nr = use(p, s, [])\n"));
    let new_version = class(&globals, "P").version.get();
    assert_ne!(new_version, p_version);
    assert!(code.attr_cache[3].entry_for_type(p_version).is_none(), "the class's new entry replaced its old one");
    assert!(matches!(code.attr_cache[3].entry_for_type(new_version).map(Cell::get), Some(AttrEntry::ClassAttr { version, .. }) if version == new_version));
    assert!(matches!(globals.get_str("r"), Some(Value::Tuple(t)) if matches!(t.items.get(1), Some(Value::Str(s)) if s.as_str() == "moved")));
}

#[test]
fn uncacheable_lookups_leave_the_slot_empty() {
    let mut vm = Vm::new(vec![String::new()]);
    let source = "\
class H:
    def __getattribute__(self, name):
        return 5
class D:
    @property
    def x(self):
        return 6
def use(h, d):
    return h.x + d.x + (3).real
for _ in range(3):
    r = use(H(), D())
";
    let globals = run(&mut vm, source);
    assert!(matches!(globals.get_str("r"), Some(Value::Int(14))));
    let code = function_code(&globals, "use");
    assert!(code.attr_cache.iter().all(|slot| slot.entries.iter().all(|e| e.get() == AttrEntry::Empty)));
}

#[test]
fn a_site_keeps_one_entry_per_class_up_to_its_ways_then_evicts_in_turn() {
    use crate::bytecode::code::ATTR_CACHE_WAYS;
    let mut vm = Vm::new(vec![String::new()]);
    let source = "\
classes = []
for i in range(6):
    class K:
        def __init__(self, i):
            self.v = i
    classes.append(K)
def read(o):
    return o.v
def total(n):
    return sum(read(k(i)) for i, k in enumerate(classes[:n]))
r3 = total(3) + total(3)
";
    let globals = run(&mut vm, source);
    assert!(matches!(globals.get_str("r3"), Some(Value::Int(6))));
    let code = function_code(&globals, "read");
    let slot = &code.attr_cache[0];
    let versions: Vec<Option<u64>> = slot.entries.iter().map(|e| e.get().type_version()).collect();
    assert_eq!(versions.iter().filter(|v| v.is_some()).count(), 3, "three classes, three entries: {versions:?}");
    // Six classes through a four-way slot: still correct, and the slot stays full.
    assert!(run_with(&mut vm, &globals, "r6 = total(6) + total(6)\n"));
    assert!(matches!(globals.get_str("r6"), Some(Value::Int(30))));
    assert!(slot.entries.iter().all(|e| e.get().type_version().is_some()));
    assert_eq!(slot.entries.len(), ATTR_CACHE_WAYS);
}

#[test]
fn a_class_whose_tag_changed_replaces_its_own_entry() {
    let mut vm = Vm::new(vec![String::new()]);
    // `P`'s tag changes while its first instance adds `x` and `y` (each becomes a shared
    // name): the stores in `__init__` fill an entry under each tag they meet. Each replaces
    // the class's earlier one, so the entry of the tag it ends with is the first a hit finds.
    let source = "\
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
def make(n):
    return [P(i, -i) for i in range(n)]
ps = make(5)
init = P.__init__
";
    let globals = run(&mut vm, source);
    let p = class(&globals, "P");
    let code = function_code(&globals, "init");
    for slot in code.attr_cache.iter() {
        assert_eq!(slot.entries[0].get().type_version(), Some(p.version.get()), "the current tag's entry comes first");
    }
    // Changing the class makes a new tag: the next stores replace the class's entry in place.
    assert!(run_with(&mut vm, &globals, "P.z = 0\nps = make(3)\n"));
    let slot = &code.attr_cache[0];
    let versions: Vec<Option<u64>> = slot.entries.iter().map(|e| e.get().type_version()).collect();
    assert_eq!(versions[0], Some(p.version.get()));
    assert_eq!(versions.iter().flatten().count(), 1, "one entry for the class: {versions:?}");
    // The values are right whichever entry served them.
    assert!(run_with(&mut vm, &globals, "r = sum(q.x - q.y for q in ps)\n"));
    assert!(matches!(globals.get_str("r"), Some(Value::Int(6))));
}

/// The form of instance `name`'s attributes in `globals`: "inline", "dict" or "none".
fn attrs_form(globals: &PyDict, name: &str) -> &'static str {
    use crate::objects::instance_attrs::InstanceAttrs;
    match globals.get_str(name) {
        Some(Value::Object(o)) => match &*o.attrs() {
            InstanceAttrs::Inline(_) => "inline",
            InstanceAttrs::Dict(_) => "dict",
            InstanceAttrs::NoDict => "none",
        },
        _ => panic!("no instance {name}"),
    }
}

#[test]
fn instances_share_their_class_keys_until_the_layout_no_longer_fits() {
    let mut vm = Vm::new(vec![String::new()]);
    let source = "\
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
def read(p):
    return p.x + p.y
ps = [P(i, i) for i in range(5)]
r = sum(read(p) for p in ps)
a, b, c = ps[0], ps[1], ps[2]
";
    let globals = run(&mut vm, source);
    assert!(matches!(globals.get_str("r"), Some(Value::Int(20))));
    let p = class(&globals, "P");
    let names: Vec<String> = p.instance_keys.borrow().iter().map(|k| k.as_str().to_owned()).collect();
    assert_eq!(names, ["x", "y"]);
    assert_eq!((attrs_form(&globals, "a"), attrs_form(&globals, "b")), ("inline", "inline"));
    // Both loads of `read` are inline entries at the shared indexes, under the class's tag.
    let code = function_code(&globals, "read");
    let version = p.version.get();
    let indexes: Vec<Option<u32>> = code
        .attr_cache
        .iter()
        .map(|slot| match slot.entry_for_type(version).map(Cell::get) {
            Some(AttrEntry::InstanceAttr { index, .. }) => Some(index),
            _ => None,
        })
        .collect();
    assert_eq!(indexes, [Some(0), Some(1)]);
    // A new shared name is a new tag; asking for `__dict__` makes that instance's a dict, and
    // the same cache entries still read it (by name) and the inline instances (by index).
    assert!(run_with(&mut vm, &globals, "a.z = 1\nd = b.__dict__\nr2 = read(a) + read(b) + read(c)\n"));
    assert_ne!(p.version.get(), version);
    assert_eq!(p.instance_keys.borrow().len(), 3);
    assert_eq!((attrs_form(&globals, "a"), attrs_form(&globals, "b"), attrs_form(&globals, "c")), ("inline", "dict", "inline"));
    assert!(run_with(&mut vm, &globals, "d['x'] = 100\nr3 = read(b)\ndel c.y\n"));
    assert!(matches!(globals.get_str("r2"), Some(Value::Int(6))));
    assert!(matches!(globals.get_str("r3"), Some(Value::Int(101))));
    assert_eq!(attrs_form(&globals, "c"), "dict", "a deleted attribute leaves no gap in inline values");
}

#[test]
fn a_hit_never_reads_through_a_mutable_borrow_and_each_instruction_gets_its_form() {
    use super::attr_cache::{cached_attr, AsAttribute, AsMethodPair};
    let mut vm = Vm::new(vec![String::new()]);
    let source = "\
class P:
    def __init__(self, x):
        self.x = x
    def m(self):
        return self.x
def read(p):
    return p.x
def call(p):
    return p.m()
def bound(p):
    return p.m
p = P(3)
r = read(p) + call(p) + read(p) + call(p) + bound(p)() + bound(p)()
";
    let globals = run(&mut vm, source);
    assert!(matches!(globals.get_str("r"), Some(Value::Int(18))));
    let Some(p @ Value::Object(_)) = globals.get_str("p") else { panic!("no instance p") };
    let Value::Object(object) = &p else { unreachable!() };
    // `read`'s LOAD_ATTR site and `call`'s LOAD_METHOD site, as warmed up above.
    let read = function_code(&globals, "read");
    let call = function_code(&globals, "call");
    let x_name = read.names.iter().position(|n| matches!(n, Value::Str(s) if s.as_str() == "x")).expect("name x") as u32;
    let m_name_in = |code: &Code| code.names.iter().position(|n| matches!(n, Value::Str(s) if s.as_str() == "m")).expect("name m") as u32;
    let m_name = m_name_in(&call);
    assert!(matches!(cached_attr::<AsAttribute>(&read, 0, x_name, &p), Some(Value::Int(3))));
    match cached_attr::<AsMethodPair>(&call, 0, m_name, &p) {
        Some((Value::Function(_), true)) => {}
        _ => panic!("LOAD_METHOD's hit is the function, pushed with self"),
    }
    // A function on the class read by LOAD_ATTR is bound to the instance.
    let bound = function_code(&globals, "bound");
    match cached_attr::<AsAttribute>(&bound, 0, m_name_in(&bound), &p) {
        Some(Value::Method(m)) => assert!(matches!(&m.self_value, Value::Object(o) if Rc::ptr_eq(o, object))),
        _ => panic!("LOAD_ATTR's hit on a method is a bound method"),
    }
    // While the attributes or the class are mutably borrowed the cache does not apply (the
    // instruction takes its slow path) instead of reading through the borrow.
    {
        let _attrs = object.attrs.borrow_mut();
        assert!(cached_attr::<AsAttribute>(&read, 0, x_name, &p).is_none());
    }
    {
        let _class = object.class.borrow_mut();
        assert!(cached_attr::<AsMethodPair>(&call, 0, m_name, &p).is_none());
    }
    assert!(matches!(cached_attr::<AsAttribute>(&read, 0, x_name, &p), Some(Value::Int(3))));
}

#[test]
fn module_attributes_and_builtin_methods_hit_through_their_own_path_and_miss_when_keys_change() {
    use super::attr_cache::{cached_attr, AsAttribute, AsMethodPair};
    let mut vm = Vm::new(vec![String::new()]);
    let source = "\
import math
def pi(m):
    return m.pi
def appender(l):
    return l.append(1)
items = []
r = pi(math) + pi(math)
appender(items)
appender(items)
";
    let globals = run(&mut vm, source);
    let Some(math @ Value::Module(_)) = globals.get_str("math") else { panic!("no module math") };
    let Some(items @ Value::List(_)) = globals.get_str("items") else { panic!("no list items") };
    let name_in = |code: &Code, wanted: &str| code.names.iter().position(|n| matches!(n, Value::Str(s) if s.as_str() == wanted)).expect("name") as u32;
    // LOAD_ATTR of a module attribute (the out-of-line path of `cached_attr`).
    let pi = function_code(&globals, "pi");
    let pi_name = name_in(&pi, "pi");
    assert!(matches!(cached_attr::<AsAttribute>(&pi, 0, pi_name, &math), Some(Value::Float(_))));
    // LOAD_METHOD of a list method (the inline path): the native, pushed with the list.
    let appender = function_code(&globals, "appender");
    let append_name = name_in(&appender, "append");
    assert!(matches!(cached_attr::<AsMethodPair>(&appender, 0, append_name, &items), Some((Value::Native(_), true))));
    // The list entry does not apply to another type's value, nor to an instance.
    assert!(cached_attr::<AsMethodPair>(&appender, 0, append_name, &Value::str("text")).is_none());
    // A key added to the module's dict changes its keys version: the entry no longer applies.
    let Value::Module(module) = &math else { unreachable!() };
    module.dict.set_str("added_after_warm_up", Value::Int(1));
    assert!(cached_attr::<AsAttribute>(&pi, 0, pi_name, &math).is_none());
}
