print(chr(1114111) == "\U0010ffff")
chr(1114112)
