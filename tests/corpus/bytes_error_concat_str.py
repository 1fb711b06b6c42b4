print(b'abc' + b'def')
print(b'abc' + 'def')
