"""A tiny shop: a catalog, a cart and discount codes."""
VERSION = "1.2"
print("shop: init, __package__ =", __package__)
from .catalog import add_item, items
from . import cart

__all__ = ["add_item", "items", "cart", "VERSION"]
