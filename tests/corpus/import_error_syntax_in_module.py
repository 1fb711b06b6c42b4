import sys
sys.path.insert(0, "_pkgs")
print("importing a module with a syntax error")
import broken.unclosed
