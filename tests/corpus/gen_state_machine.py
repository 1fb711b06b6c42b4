# A vending machine as a generator-driven state machine fed with events by send().
def vending_machine(price):
    credit = 0
    message = "insert coins"
    while True:
        event = yield message
        kind, value = event
        if kind == "coin":
            if value not in (5, 10, 25):
                message = "rejected coin %d" % value
                continue
            credit += value
            if credit >= price:
                change = credit - price
                credit = 0
                message = "vend! change %d" % change
            else:
                message = "credit %d of %d" % (credit, price)
        elif kind == "refund":
            message = "refund %d" % credit
            credit = 0
        elif kind == "off":
            return "machine off with credit %d" % credit
        else:
            message = "unknown event " + kind


vm = vending_machine(35)
print(next(vm))
events = [("coin", 10), ("coin", 3), ("coin", 25), ("coin", 25), ("refund", 0), ("dance", 0), ("coin", 5)]
for ev in events:
    print(ev, "->", vm.send(ev))
try:
    vm.send(("off", 0))
except StopIteration as stop:
    print(stop.value)
print(next(vm, "machine is gone"))


def lexer_states(text):
    state = "space"
    word = ""
    for ch in text + " ":
        if state == "space":
            if ch.isalpha():
                state, word = "word", ch
            elif ch.isdigit():
                state, word = "number", ch
        elif state == "word":
            if ch.isalnum():
                word += ch
            else:
                yield ("WORD", word)
                state = "space"
        elif state == "number":
            if ch.isdigit():
                word += ch
            elif ch.isalpha():
                state = "word"
                word += ch
            else:
                yield ("NUMBER", int(word))
                state = "space"


print(list(lexer_states("take 12 apples and 3b pears")))
