from ..catalog import items
from .. import catalog as the_catalog

CODES = {"HALF": 0.5, "TENOFF": 0.9}


def apply_discount(amount, code):
    return amount * CODES.get(code, 1.0)


def cheapest():
    return min(items(), key=lambda kv: kv[1])[0] if the_catalog.items() else None
