# add_note and __notes__ (3.11).
e = ValueError("bad value")
e.add_note("while parsing line 3")
e.add_note("in file config.ini")
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print(err)
try:
    raise e
except ValueError as caught:
    print(caught.__notes__)
