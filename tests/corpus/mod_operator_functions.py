# operator: the function form of every operator, with dunder aliases.
import operator as op

print(op.add(2, 3), op.sub(2, 3), op.mul(4, 5), op.truediv(7, 2), op.floordiv(7, 2), op.mod(-7, 3))
print(op.pow(2, 10), op.pow(2, -1), op.neg(5), op.pos(-5), op.abs(-3.5), op.invert(5), op.inv(0))
print(op.and_(12, 10), op.or_(12, 10), op.xor(12, 10), op.lshift(1, 70), op.rshift(1024, 3))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne("a", "a"), op.gt(3, 2), op.ge(1, 2))
print(op.not_(0), op.not_([1]), op.truth(""), op.truth(3), op.is_(None, None), op.is_not(1, None))
print(op.concat([1], [2]), op.concat("ab", "cd"), op.concat((1,), (2, 3)))
print(op.contains([1, 2, 3], 2), op.contains("hello", "ell"), op.contains({1: 2}, 2))
print(op.countOf([1, 2, 1, 1], 1), op.indexOf("abcabc", "c"), op.index(7), op.index(True))
l = [1, 2, 3]
op.setitem(l, 0, 10)
op.delitem(l, 1)
print(l, op.getitem(l, -1), op.getitem("hello", slice(1, 3)), op.getitem({"k": "v"}, "k"))
print(op.length_hint([1, 2]), op.length_hint(iter(range(5))), op.length_hint(5), op.length_hint(5, 9))
x = [1]
y = op.iadd(x, [2])
print(x, y is x, op.iadd(1, 2), op.isub(5, 1), op.imul("ab", 2), op.itruediv(1, 4), op.ifloordiv(9, 2))
print(op.imod(9, 4), op.ipow(3, 3), op.ilshift(1, 4), op.irshift(16, 2), op.iand(6, 3), op.ior(6, 3), op.ixor(6, 3))
s = "ab"
print(op.iconcat(s, "cd"), s)
print(op.__add__(1, 2), op.__lt__(1, 2), op.__not__(1), op.__getitem__([5, 6], 0), op.__inv__(1), op.__concat__([1], [2]))
print(op.call(len, [1, 2]), op.call(max, 3, 9, 4), op.call(sorted, [3, 1, 2], reverse=True))
print(op.add)
op.concat(1, 2)
