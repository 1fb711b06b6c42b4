from sys import argv
print(argv[0])
from sys import no_such_name
