class CM:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None)
        return self.swallow
with CM("a") as x:
    print("body", x)
with CM("outer") as o, CM("inner") as i:
    print("both", o, i)
with CM("swallow", True):
    raise ValueError("hidden")
print("after swallow")
try:
    with CM("propagate"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))
with (CM("p1") as p1, CM("p2") as p2):
    print(p1, p2)
