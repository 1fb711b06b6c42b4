//! Unit tests of the LOAD_GLOBAL cache (`handlers::load_global`): one code object run with
//! different globals dicts, and the cache slot's contents after hits and misses.

use std::rc::Rc;

use super::Vm;
use crate::bytecode::Code;
use crate::compiler::{self, Mode};
use crate::objects::dict::PyDict;
use crate::value::Value;

fn compiled(source: &str) -> Rc<Code> {
    match compiler::compile(source, "<test>", Mode::Module) {
        Ok(code) => code,
        Err(_) => panic!("test source does not compile"),
    }
}

fn int_global(globals: &PyDict, name: &str) -> Option<i64> {
    match globals.get_str(name) {
        Some(Value::Int(i)) => Some(i),
        _ => None,
    }
}

/// The cache slot of `name` in `code`'s names.
fn slot<'a>(code: &'a Code, name: &str) -> &'a crate::bytecode::code::GlobalCacheSlot {
    let index = code.names.iter().position(|n| matches!(n, Value::Str(s) if s.as_str() == name));
    match index.and_then(|i| code.global_cache.get(i)) {
        Some(slot) => slot,
        None => panic!("no name {name}"),
    }
}

#[test]
fn one_code_object_run_with_two_globals_dicts_reads_each_dicts_own_values() {
    let mut vm = Vm::new(vec![String::new()]);
    let code = compiled("y = x + len('ab')\n");
    let first = Rc::new(PyDict::new());
    let second = Rc::new(PyDict::new());
    first.set_str("x", Value::Int(1));
    second.set_str("x", Value::Int(10));
    for (globals, expected) in [(&first, 3), (&second, 12), (&first, 3)] {
        assert!(vm.run_module_code(code.clone(), globals.clone()).is_ok());
        assert_eq!(int_global(globals, "y"), Some(expected));
    }
    // A new value under the same key keeps the slot valid and is read through it.
    first.set_str("x", Value::Int(100));
    assert!(vm.run_module_code(code.clone(), first.clone()).is_ok());
    assert_eq!(int_global(&first, "y"), Some(102));
    // A builtin shadowed by a global after the slot pointed into builtins.
    second.set_str("len", Value::Int(0));
    let result = vm.run_module_code(code.clone(), second.clone());
    assert!(result.is_err(), "calling the int that shadows len must raise TypeError");
}

#[test]
fn slots_remember_the_dict_and_position_of_globals_and_builtins() {
    let mut vm = Vm::new(vec![String::new()]);
    let code = compiled("y = x + len('ab')\n");
    let globals = Rc::new(PyDict::new());
    globals.set_str("x", Value::Int(1));
    assert!(slot(&code, "x").globals_version.get() == 0, "slots start empty");
    assert!(vm.run_module_code(code.clone(), globals.clone()).is_ok());
    // `y = ...` added a key after the lookups, so the slots hold the version before it.
    let x_slot = slot(&code, "x");
    assert_ne!(x_slot.globals_version.get(), 0);
    assert_eq!(x_slot.builtins_version.get(), 0, "x was found in globals");
    let len_slot = slot(&code, "len");
    assert_eq!(len_slot.builtins_version.get(), vm.builtins.keys_version());
    assert!(matches!(vm.builtins.value_at(len_slot.position.get() as usize), Some(Value::Native(_))));
    // Run again: no key is added now, so the refilled slots carry the current version.
    assert!(vm.run_module_code(code.clone(), globals.clone()).is_ok());
    assert_eq!(slot(&code, "x").globals_version.get(), globals.keys_version());
}
