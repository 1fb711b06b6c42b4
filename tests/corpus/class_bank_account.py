# A small bank: accounts with properties, class-level counters, inheritance, exceptions.
class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount}")
        self.account = account
        self.amount = amount


class Account:
    _next_id = 1
    interest = 0.0

    def __init__(self, owner, balance=0):
        self.id = Account._next_id
        Account._next_id += 1
        self.owner = owner
        self._balance = balance
        self.history = []

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(self, amount)
        self._balance -= amount
        self.history.append(("withdraw", amount))
        return self

    def add_interest(self):
        gained = round(self._balance * self.interest, 2)
        self._balance += gained
        return gained

    def __repr__(self):
        return f"{type(self).__name__}(#{self.id} {self.owner}: {self._balance})"

    def __lt__(self, other):
        return self._balance < other._balance


class Savings(Account):
    interest = 0.05

    def withdraw(self, amount):
        if len([h for h in self.history if h[0] == "withdraw"]) >= 2:
            raise RuntimeError("savings: too many withdrawals")
        return super().withdraw(amount)


class Bank:
    def __init__(self):
        self.accounts = {}

    def open(self, kind, owner, balance=0):
        acct = kind(owner, balance)
        self.accounts[acct.id] = acct
        return acct

    def __len__(self):
        return len(self.accounts)

    def __iter__(self):
        return iter(sorted(self.accounts.values()))

    def total(self):
        return sum(a.balance for a in self.accounts.values())


bank = Bank()
a = bank.open(Account, "ann", 100)
b = bank.open(Savings, "bob", 1000)
c = bank.open(Account, "cy")
a.deposit(50).withdraw(30)
b.withdraw(10).withdraw(20)
for attempt in [lambda: b.withdraw(5), lambda: c.withdraw(1), lambda: c.deposit(-5)]:
    try:
        attempt()
    except InsufficientFunds as e:
        print("insufficient:", e, e.amount, e.account.owner)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(b.add_interest(), a.add_interest())
print(len(bank), list(bank), bank.total())
print(a.history, b.history)
print(isinstance(b, Account), Savings.__mro__[1].__name__, Account._next_id)
try:
    a.balance = 5
except AttributeError as e:
    print(e)
