# A small package with relative imports (., .., .sub.mod), __init__ re-exports, submodules
# bound as attributes of their package.
import sys
sys.path.insert(0, "_pkgs")

import shop
from shop import add_item, cart
from shop.pricing import discount

add_item("apple", 0.5)
add_item("bread", 2.25)
add_item("cheese", 7.0)
print(shop.items())
print(cart.total(["apple", "bread"]), cart.total(["cheese", "bread"], "HALF"))
print(cart.receipt(["apple", "cheese"], "TENOFF"))
print(discount.cheapest())
print(shop.cart is cart, shop.pricing.discount is discount, shop.catalog.price_of("bread"))
print(shop.__package__, shop.pricing.__package__, discount.__package__, discount.__name__)
print(shop.__doc__)
print(len(shop.__path__), shop.__path__[0].endswith("shop"))
print(sorted([k for k in sys.modules if k.startswith("shop")]))
import shop.pricing.discount as d2
print(d2 is discount)
