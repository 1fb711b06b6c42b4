//! Index and slice arithmetic shared by the sequence types: turning index values into
//! positions (negative indexes count from the end) and slices into (start, stop, step, length)
//! the way CPython's `PySlice_Unpack` + `PySlice_AdjustIndices` do.

use crate::error::{PyErr, PyResult};
use crate::value::{PySlice, Value};

/// The integer value of an index argument: `Some(i)` for int and bool, `None` for others.
/// A BigInt index saturates to `i64::MIN`/`i64::MAX` (callers turn it into the right error).
#[inline]
pub fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::BigInt(b) => Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX }),
        _ => None,
    }
}

/// The position `index` refers to in a sequence of `len` items (negative counts from the
/// end), or `None` when it is out of range.
#[inline]
pub fn normalize_index(index: i64, len: usize) -> Option<usize> {
    let len_i = len as i128;
    let i = index as i128;
    let pos = if i < 0 { i + len_i } else { i };
    if pos >= 0 && pos < len_i {
        Some(pos as usize)
    } else {
        None
    }
}

/// The position an item index value refers to: IndexError `"<what> index out of range"` when
/// outside, IndexError for a BigInt, TypeError (`"<type> indices must be integers or slices,
/// not str"`) for a non-int.
pub fn item_position(key: &Value, len: usize, type_name: &str, what: &str) -> PyResult<usize> {
    match key {
        Value::Int(_) | Value::Bool(_) => {
            let i = int_of(key).unwrap_or(0);
            normalize_index(i, len).ok_or_else(|| PyErr::index_error(format!("{what} index out of range")))
        }
        Value::BigInt(_) => Err(PyErr::index_error("cannot fit 'int' into an index-sized integer")),
        Value::Object(_) if crate::objects::dunder::has_index(key) => {
            let i = crate::objects::dunder::index_without_vm(key)?;
            item_position(&i, len, type_name, what)
        }
        _ => Err(PyErr::type_error(format!(
            "{type_name} indices must be integers or slices, not {}",
            crate::objects::types::type_of(key).name
        ))),
    }
}

/// One bound of a slice: `None` when absent.
fn bound(v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        _ => match int_of(v) {
            Some(i) => Ok(Some(i)),
            None => Err(PyErr::type_error("slice indices must be integers or None or have an __index__ method")),
        },
    }
}

/// A slice resolved against a sequence length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    /// Number of items the slice selects.
    pub len: usize,
}

impl SliceRange {
    /// Positions selected, in order.
    pub fn positions(&self) -> impl Iterator<Item = usize> {
        let (start, step) = (self.start, self.step);
        (0..self.len).map(move |k| (start as i128 + k as i128 * step as i128) as usize)
    }
}

/// Resolve `slice` against a sequence of `len` items.
pub fn resolve(slice: &PySlice, len: usize) -> PyResult<SliceRange> {
    let step = match bound(&slice.step)? {
        None => 1,
        Some(0) => return Err(PyErr::value_error("slice step cannot be zero")),
        Some(s) => s.max(-i64::MAX),
    };
    let start = bound(&slice.start)?;
    let stop = bound(&slice.stop)?;
    Ok(adjust(start, stop, step, len))
}

/// CPython's index adjustment of (start, stop, step) for a sequence of `len` items.
pub fn adjust(start: Option<i64>, stop: Option<i64>, step: i64, len: usize) -> SliceRange {
    let len = len as i128;
    let clamp = |v: Option<i64>, default_neg: i128, default_pos: i128| -> i128 {
        match v {
            None => {
                if step < 0 {
                    default_neg
                } else {
                    default_pos
                }
            }
            Some(v) => {
                let mut v = v as i128;
                if v < 0 {
                    v += len;
                    if v < 0 {
                        v = if step < 0 { -1 } else { 0 };
                    }
                } else if v >= len {
                    v = if step < 0 { len - 1 } else { len };
                }
                v
            }
        }
    };
    let start = clamp(start, len - 1, 0);
    let stop = clamp(stop, -1, len);
    // Both bounds now lie in -1..=len, so the span fits a u64 and its division does too (a
    // 128-bit division is a library call: 3.6% of fannkuch's instructions were spent in it).
    let span = if step < 0 { start - stop } else { stop - start };
    let count = match u64::try_from(span) {
        Ok(0) | Err(_) => 0,
        Ok(span) => match step.unsigned_abs() {
            1 => span,
            magnitude => (span - 1) / magnitude + 1,
        },
    };
    SliceRange { start: start as i64, stop: stop as i64, step, len: count as usize }
}

/// A clamped (start, end) character range for methods like `str.find(sub, start, end)`:
/// negative values count from the end, results are clamped into `0..=len`. `start` may end
/// up greater than `end` (then nothing matches).
pub fn method_range(start: Option<&Value>, end: Option<&Value>, len: usize) -> PyResult<(usize, usize)> {
    let get = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => int_of(v)
                .ok_or_else(|| PyErr::type_error("slice indices must be integers or None or have an __index__ method")),
        }
    };
    let len_i = len as i128;
    let fix = |v: i64| -> usize {
        let mut v = v as i128;
        if v < 0 {
            v += len_i;
            if v < 0 {
                v = 0;
            }
        }
        // Keep `start > len` observable (find returns -1 then), but bounded.
        v.min(len_i + 1) as usize
    };
    let s = fix(get(start, 0)?);
    let e = fix(get(end, i64::MAX)?).min(len);
    Ok((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: Option<i64>, stop: Option<i64>, step: i64, len: usize) -> (i64, i64, i64, usize) {
        let s = adjust(start, stop, step, len);
        (s.start, s.stop, s.step, s.len)
    }

    #[test]
    fn slice_adjustment_matches_cpython() {
        // slice(None, None, None).indices(5) == (0, 5, 1)
        assert_eq!(r(None, None, 1, 5), (0, 5, 1, 5));
        // slice(None, None, -1).indices(5) == (4, -1, -1)
        assert_eq!(r(None, None, -1, 5), (4, -1, -1, 5));
        // slice(-100, 100, 2).indices(5) == (0, 5, 2) -> 3 items
        assert_eq!(r(Some(-100), Some(100), 2, 5), (0, 5, 2, 3));
        // slice(10, -10, -3).indices(5) == (4, -1, -3) -> positions 4, 1
        assert_eq!(r(Some(10), Some(-10), -3, 5), (4, -1, -3, 2));
        // empty sequence
        assert_eq!(r(None, None, -1, 0), (-1, -1, -1, 0));
        assert_eq!(r(Some(3), Some(1), 1, 5).3, 0);
        assert_eq!(r(Some(i64::MIN), Some(i64::MAX), i64::MAX, 5).3, 1);
        // Unit steps count without a division; the others round the span up.
        assert_eq!(r(Some(1), Some(4), 1, 5), (1, 4, 1, 3));
        assert_eq!(r(Some(3), None, -1, 5), (3, -1, -1, 4));
        assert_eq!(r(Some(1), Some(4), 3, 5).3, 1);
        assert_eq!(r(Some(1), Some(5), 3, 5).3, 2);
        assert_eq!(r(None, None, -i64::MAX, 5), (4, -1, -i64::MAX, 1));
        assert_eq!(r(Some(2), Some(2), -1, 5).3, 0);
        let s = adjust(Some(4), None, -2, 5);
        assert_eq!(s.positions().collect::<Vec<_>>(), vec![4, 2, 0]);
    }

    #[test]
    fn index_normalization() {
        assert_eq!(normalize_index(-1, 3), Some(2));
        assert_eq!(normalize_index(3, 3), None);
        assert_eq!(normalize_index(-4, 3), None);
        assert_eq!(normalize_index(i64::MIN, 3), None);
    }
}
