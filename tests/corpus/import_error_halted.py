import sys
sys.modules["blocked_module"] = None
import blocked_module
