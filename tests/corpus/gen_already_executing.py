# A generator cannot be resumed while it is running.
def reenter():
    yield 1
    print("about to resume myself")
    yield next(me)


me = reenter()
print(next(me))
next(me)
