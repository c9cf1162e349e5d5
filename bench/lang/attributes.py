"""Attribute reads and writes and method calls on instances."""
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def shifted(self, dx):
        return Point(self.x + dx, self.y)
p = Point(0, 1)
acc = 0
for k in range(300000):
    p = p.shifted(1)
    acc += p.x - p.y
print(acc)
