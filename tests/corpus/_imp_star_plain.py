alpha = "a"
beta = "b"
_gamma = "hidden"
def helper():
    return "helper"
