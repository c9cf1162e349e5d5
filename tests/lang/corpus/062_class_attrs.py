class Counter:
    count = 0
    names = []
    def __init__(self, name):
        Counter.count += 1
        self.names.append(name)
        self.name = name
a, b = Counter("a"), Counter("b")
print(Counter.count, a.count, Counter.names, b.names is a.names)
a.count = 100
print(a.count, b.count, Counter.count)
print(sorted(k for k in vars(a)))
class Empty:
    """docstring only"""
print(Empty.__doc__, Empty.__name__)
