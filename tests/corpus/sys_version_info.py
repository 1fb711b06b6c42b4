# sys.version_info and friends behave like CPython's struct sequences.
import sys
v = sys.version_info
print(v.major, v.minor >= 0, v[0] == v.major, v[:1], len(v))
print(v >= (3, 0), v < (4,), v > (3,), (3, 0) <= v, v == tuple(v))
major, minor, *rest = v
print(major == 3, type(v).__name__, type(v.releaselevel).__name__)
print(sys.implementation.name in ("cpython", "swallow"), type(sys.implementation.version.major).__name__)
fi = sys.float_info
print(fi.max, fi.epsilon, fi.dig, fi.mant_dig, fi[0] == fi.max, fi.radix)
print(sys.maxsize == 2**63 - 1, sys.maxunicode, sys.byteorder, sys.platform.startswith("linux"))
print(type(sys.version).__name__, sys.version.startswith("3."), type(sys.hexversion).__name__)
print(sys.getsizeof(0) > 0, sys.getsizeof("abc") > sys.getsizeof(""), sys.getsizeof([], 5) > 0)
print(sys.intern("abc") == "abc", sys.getdefaultencoding(), isinstance(sys.executable, str))
