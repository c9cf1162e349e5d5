f = lambda: 0
g = lambda *, a: a
h = lambda a, b=1, *c, d, e=2, **f: 0
k = lambda x: lambda y: x + y
