//! Generator objects: a suspended frame that `next()`, `send()`, `throw()` and `close()`
//! resume (issue #3 fills in the state).

use std::rc::Rc;

/// A generator object.
pub struct PyGenerator {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
}
