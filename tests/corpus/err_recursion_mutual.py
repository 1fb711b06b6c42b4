def ping(n):
    return pong(n)
def pong(n):
    return ping(n) + 1
ping(0)
