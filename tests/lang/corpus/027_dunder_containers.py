class Bag:
    def __init__(self):
        self.items = {}
    def __getitem__(self, k): return self.items[k]
    def __setitem__(self, k, v): self.items[k] = v
    def __delitem__(self, k): del self.items[k]
    def __contains__(self, k): return k in self.items
    def __len__(self): return len(self.items)
    def __iter__(self): return iter(sorted(self.items))
b = Bag()
b["x"] = 1; b["y"] = 2
print(b["x"], "x" in b, "z" in b, len(b), list(b))
del b["x"]
print(len(b), [k for k in b])
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), sum(Countdown(4)))
class Adder:
    def __init__(self, k): self.k = k
    def __call__(self, x): return x + self.k
print(Adder(5)(10), callable(Adder(1)), callable(3))
