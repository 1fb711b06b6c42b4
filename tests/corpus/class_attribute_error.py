# AttributeError messages for instances.
class Point:
    def __init__(self):
        self.x = 1

p = Point()
print(getattr(p, "y", "default"))
print(hasattr(Point, "x"), hasattr(p, "x"))
p.y
