# property: decorator forms, setter/deleter, property() call form, read-only errors.
class Account:
    def __init__(self, owner):
        self.owner = owner
        self._balance = 0

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, value):
        if value < 0:
            print("refusing negative balance")
            return
        self._balance = value

    @balance.deleter
    def balance(self):
        print("resetting")
        self._balance = 0

    def get_owner(self):
        return self.owner.title()

    def set_owner(self, v):
        self.owner = v.lower()

    name = property(get_owner, set_owner, None, "owner name")


a = Account("ann")
a.balance = 50
print(a.balance)
a.balance = -1
print(a.balance)
del a.balance
print(a.balance)
print(a.name)
a.name = "BOB"
print(a.owner, a.name)
print(type(Account.balance).__name__, Account.name.__doc__)
print(Account.balance.fget(a), Account.balance.fset is not None, Account.name.fdel)
p = property(lambda self: 7)
print(p.__get__(a, Account), p.__get__(None, Account) is p)


class Frozen:
    @property
    def value(self):
        return 1


f = Frozen()
print(f.value)
f.value = 2
