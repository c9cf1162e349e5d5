class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o): return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o): return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return V(self.x * k, self.y * k)
    def __rmul__(self, k): return self * k
    def __neg__(self): return V(-self.x, -self.y)
    def __eq__(self, o): return isinstance(o, V) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __lt__(self, o): return (self.x, self.y) < (o.x, o.y)
    def __repr__(self): return f"V({self.x}, {self.y})"
    def __str__(self): return f"<{self.x},{self.y}>"
    def __bool__(self): return bool(self.x or self.y)
    def __len__(self): return 2
a, b = V(1, 2), V(3, 4)
print(a + b, a - b, a * 3, 2 * a, -a, a == V(1, 2), a != b, a < b)
print(str(a), repr(a), [a], len(a), bool(V(0, 0)), sorted([b, a]))
print(len({a, V(1, 2), b}))
