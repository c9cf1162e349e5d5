def parse(s):
    return int(s)
def load(items):
    return [parse(s) for s in items]
print("start")
load(["1", "2", "x"])
print("unreachable")
