print("raises: running")
LIMIT = 10
raise ValueError("configuration is invalid: LIMIT=" + str(LIMIT))
