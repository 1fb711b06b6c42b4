# from-imports bind the module's attributes; aliases; a second import does not re-run the body.
from _imp_helper import greet, GREETING as G
from _imp_helper import bump
import _imp_helper

print(greet("a"), G)
print(bump(), bump(), _imp_helper.counter)
from _imp_helper import counter
print(counter)
from sys import maxsize as biggest
print(biggest > 2**31)
