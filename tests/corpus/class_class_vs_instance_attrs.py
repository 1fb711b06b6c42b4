# Class attributes shared by instances, shadowing, mutation through the class, methods as
# attributes, functions stored on instances do not bind.
class Config:
    defaults = {"debug": False}
    level = 1
    tags = []

    def show(self):
        return f"level={self.level}"


a, b = Config(), Config()
a.level = 5
print(a.level, b.level, Config.level, a.show(), b.show())
a.tags.append("shared")
print(b.tags, Config.tags is a.tags)
Config.level = 9
print(b.level, a.level)
del a.level
print(a.level)
a.show = lambda: "instance function"
print(a.show(), b.show())
Config.extra = lambda self: "added later"
print(b.extra(), Config.extra(b))
print("level" in vars(Config), "level" in vars(b))
del Config.extra
print(hasattr(b, "extra"))
del Config.missing
