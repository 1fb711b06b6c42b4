from .catalog import price_of
from .pricing.discount import apply_discount
from . import VERSION


def total(names, code=None):
    amount = sum([price_of(n) for n in names])
    if code is not None:
        amount = apply_discount(amount, code)
    return round(amount, 2)


def receipt(names, code=None):
    lines = ["shop v" + VERSION]
    for n in names:
        lines.append(f"  {n:<8}{price_of(n):>8.2f}")
    lines.append(f"  {'total':<8}{total(names, code):>8.2f}")
    return "\n".join(lines)
