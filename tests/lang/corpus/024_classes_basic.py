class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
p = Point(3, 4)
print(p, p.norm2(), p.dims, Point.dims, p.x)
p.z = 5
print(p.z, hasattr(p, "z"), getattr(p, "w", "none"))
setattr(p, "w", 1); delattr(p, "z")
print(hasattr(p, "z"), p.w, isinstance(p, Point), type(p).__name__)
Point.dims = 3
print(p.dims)
m = p.norm2
print(m())
