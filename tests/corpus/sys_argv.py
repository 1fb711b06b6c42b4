import sys
print(sys.argv)
print(len(sys.argv), sys.argv[0], type(sys.argv).__name__)
from sys import argv
print(argv is sys.argv)
