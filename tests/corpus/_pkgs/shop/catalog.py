print("shop.catalog: loading as", __name__, "in", __package__)
_prices = {}


def add_item(name, price):
    _prices[name] = price


def items():
    return sorted(_prices.items())


def price_of(name):
    return _prices[name]
