# return / break / continue inside try/finally.
def finally_overrides_return():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides_return())

def finally_swallows_exception():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(finally_swallows_exception())

def return_value_computed_before_finally():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("finally sets x =", x)
print(return_value_computed_before_finally())

log = []
for i in range(6):
    try:
        if i % 2 == 0:
            continue
        if i == 5:
            break
        log.append(i)
    finally:
        log.append("f%d" % i)
print(log)

def break_in_finally():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return "break discarded the exception"
print(break_in_finally())

def nested_finally():
    out = []
    try:
        try:
            return out
        finally:
            out.append("inner")
    finally:
        out.append("outer")
print(nested_finally())

def while_with_finally():
    n = 0
    while True:
        try:
            n += 1
            if n < 3:
                continue
            return n
        finally:
            print("finally n =", n)
print(while_with_finally())

def return_in_except():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("finally after return in except")
print(return_in_except())

def return_in_loop_in_try():
    for x in [1, 2, 3]:
        for y in "ab":
            try:
                if x == 2 and y == "b":
                    return (x, y)
            finally:
                pass
print(return_in_loop_in_try())
