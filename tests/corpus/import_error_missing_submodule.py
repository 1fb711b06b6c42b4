import sys
sys.path.insert(0, "_pkgs")
import shop.pricing
import shop.pricing.nothing_here
