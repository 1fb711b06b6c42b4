def withdraw(balance, amount):
    assert amount <= balance, "insufficient funds: " + str(balance)
    return balance - amount
print(withdraw(100, 30))
withdraw(10, 30)
