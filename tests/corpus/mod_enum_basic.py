from enum import Enum, IntEnum, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

    def describe(self):
        return self.name.lower() + " #" + str(self.value)


print(repr(Color.RED), str(Color.RED), f"{Color.RED}", Color.CRIMSON, Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.__members__)
print(Color.RED in Color, Color(2), Color["BLUE"], Color.RED.describe(), Color.RED.name, Color.RED.value)
print(repr(Color), isinstance(Color.RED, Color), type(Color.RED).__name__, Color._member_names_)
print(Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.BLUE, hash(Color.RED) == hash("RED"))
print({Color.RED: "stop", Color.GREEN: "go"}[Color.GREEN], sorted(c.name for c in Color))


class Level(IntEnum):
    LOW = 1
    MID = auto()
    HIGH = auto()


print(repr(Level.MID), str(Level.MID), f"{Level.HIGH}", Level.LOW + 1, Level.LOW < Level.HIGH)
print(Level(3), isinstance(Level.LOW, int), [m.value for m in Level], max(Level), sorted([Level.HIGH, Level.LOW]))


class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()


print([(m.name, m.value) for m in Auto])


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / (self.radius * self.radius), 2)


print(Planet.EARTH.value, Planet.EARTH.mass, Planet.EARTH.gravity, Planet.MERCURY.gravity)
Shape = Enum("Shape", "CIRCLE SQUARE")
print(list(Shape), Shape.SQUARE.value)
for bad in [lambda: Color(7), lambda: Color["PINK"]]:
    try:
        bad()
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
try:
    class More(Color):
        PINK = 9
except TypeError as e:
    print("TypeError:", e)
Color(42)
