import sys
sys.path.insert(0, "_pkgs")
import broken
import broken.raises
