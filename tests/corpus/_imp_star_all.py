__all__ = ["public_a", "_listed_private"]
public_a = 1
public_b = 2
_listed_private = 3
