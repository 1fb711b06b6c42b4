# An uncaught user exception: the traceback's last line uses its __str__.
class ConfigError(Exception):
    def __init__(self, key):
        super().__init__(key)
        self.key = key
    def __str__(self):
        return "missing configuration key: " + self.key

def load():
    raise ConfigError("database.url")

print("loading")
load()
