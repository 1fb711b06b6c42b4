# A small input-validation tool: parse records, collect errors, report.
RECORDS = [
    "alice,34,alice@example.com",
    "bob,-2,bob@example.com",
    "carol,abc,carol@example.com",
    "dave,40",
    "erin,29,erin-at-example.com",
    "frank,51,frank@example.com",
]

def parse_age(text):
    age = int(text)
    if age < 0:
        raise ValueError("age must be non-negative, got %d" % age)
    return age

def parse_email(text):
    if "@" not in text:
        raise ValueError("invalid email %r" % text)
    return text

def parse_record(line):
    fields = line.split(",")
    if len(fields) != 3:
        raise IndexError("expected 3 fields, got %d" % len(fields))
    name, age, email = fields
    try:
        age = parse_age(age)
    except ValueError as e:
        raise ValueError("%s: %s" % (name, e)) from e
    return {"name": name, "age": age, "email": parse_email(email)}

valid, errors = [], []
for number, line in enumerate(RECORDS, 1):
    try:
        record = parse_record(line)
    except (ValueError, IndexError) as e:
        errors.append((number, type(e).__name__, str(e), e.__cause__ is not None))
    else:
        valid.append(record)
    finally:
        pass

print("valid:", [r["name"] for r in valid])
for err in errors:
    print("line %d: %s: %s (chained: %s)" % err)
print("average age:", sum([r["age"] for r in valid]) / len(valid))
