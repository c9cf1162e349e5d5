print(0 or "default", "" and 1, [] or [0], 1 and 2 and 3, None or 0 or "x")
def noisy(v):
    print("eval", v)
    return v
print(noisy(0) and noisy(1))
print(noisy(1) or noisy(2))
print(bool(0), bool(1), bool(""), bool("a"), bool([]), bool([0]), bool(None), bool({}))
