# f-strings: conversions, format specs (nested), debug text, implicit concatenation.
name = "world"
width = 10
a = f"hello {name}"
b = f"{name!r} {name!s} {name!a}"
c = f"{name:>{width}}|"
d = f"{width:08.3f}" "tail" f"{name=}"
e = f"plain"
