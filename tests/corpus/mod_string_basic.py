# string: constants, capwords, Template.
import string

print(string.ascii_letters)
print(string.ascii_lowercase, string.ascii_uppercase, string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), len(string.printable), repr(string.printable[-10:]))
print(string.capwords(" hello   world  "), string.capwords("a-b-c", "-"), string.capwords("x  y", None), string.capwords(""))
t = string.Template("$who likes ${what}; costs $$5 $who")
print(t.substitute(who="tim", what="kung pao"), t.substitute({"who": "a", "what": "b"}))
print(t.substitute({"who": "a", "what": "b"}, what="c"), t.template)
print(t.safe_substitute(who="x"), string.Template("$a$b ${a}b $a_").safe_substitute(a=1, b=2))
print(string.Template("$ ok ${ bad} $1").safe_substitute(), t.get_identifiers(), t.is_valid())
print(string.Template("bad $").is_valid(), string.Template("${x}").substitute(x=[1, 2]))
for text in ["$", "a ${x", "line1\n  $5"]:
    try:
        string.Template(text).substitute(x=1)
    except ValueError as e:
        print(e)
try:
    t.substitute(who="me")
except KeyError as e:
    print("KeyError", e)
string.Template("$missing").substitute()
