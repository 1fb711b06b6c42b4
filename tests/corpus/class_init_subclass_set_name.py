# __init_subclass__ with keywords, __set_name__ on descriptors, __class_getitem__.
class Plugin:
    registry = {}

    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry[name or cls.__name__.lower()] = cls


class Json(Plugin, name="json"):
    pass


class Yaml(Plugin):
    pass


print(sorted(Plugin.registry), Plugin.registry["json"] is Json)


class Field:
    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, None)

    def __set__(self, obj, value):
        setattr(obj, self.private, value)


class Model:
    title = Field()
    count = Field()


m = Model()
m.title = "hi"
print(m.title, m.count, Model.title.name, Model.count.owner, sorted(vars(m)))


class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__} of {item.__name__}"


print(Box[int], Box[str])


class Strict:
    def __init_subclass__(cls):
        print("subclass", cls.__name__)


class Child(Strict):
    pass


class Bad(Strict, extra=1):
    pass
