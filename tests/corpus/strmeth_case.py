s = "hello World of PYTHON"
print(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase())
print("they're bill's".title(), "123abc".capitalize(), "ÉCOLE".lower())
print("abc".isalpha(), "ab1".isalpha(), "".isalpha(), "123".isdigit(), "12a".isdigit())
print(" \t\n".isspace(), "".isspace(), " a ".isspace())
print("abc".islower(), "Abc".islower(), "ABC".isupper(), "Abc Def".istitle())
print("abc123".isalnum(), "abc 123".isalnum(), "42".isnumeric(), "4.2".isdecimal())
print("hello_1".isidentifier(), "1x".isidentifier())
