# Uncaught user exception derived from a builtin one, raised from nested calls.
class ValidationError(ValueError):
    pass

def validate(age):
    if age < 0:
        raise ValidationError("age cannot be negative: %d" % age)
    return age

def register(name, age):
    return {"name": name, "age": validate(age)}

print(register("ann", 30))
register("bob", -5)
