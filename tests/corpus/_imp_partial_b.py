try:
    from _imp_partial_a import NAME
except ImportError as e:
    import sys
    print("b:", str(e).replace(sys.path[0], "<dir>"))
    NAME = None
