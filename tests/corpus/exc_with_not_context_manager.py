# with on objects that are not context managers.
for obj in [5, "text", [1, 2], None]:
    try:
        with obj:
            print("unreachable")
    except TypeError as e:
        print(e)

with 3.5 as x:
    pass
