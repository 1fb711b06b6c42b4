# contextlib.ExitStack: exceptions raised by callbacks chain to the one they replaced; pop_all
# moves the callbacks to a new stack that runs them on close().
import contextlib
def boom(msg):
    raise KeyError(msg)
try:
    with contextlib.ExitStack() as st:
        st.callback(boom, "first-registered")
        st.callback(boom, "second-registered")
        raise ValueError("body")
except KeyError as e:
    c = e
    chain = []
    while c is not None:
        chain.append(repr(c))
        c = c.__context__
    print(chain)
with contextlib.ExitStack() as st:
    st.callback(print, "ran")
    moved = st.pop_all()
print("after")
moved.close()
