# AttributeError for a missing class attribute.
class Config:
    debug = False

print(Config.debug)
Config.verbose
