f = lambda x: "neg" if x < 0 else "zero" if x == 0 else "pos"
print([f(v) for v in (-1, 0, 3)])
add = lambda a, b=10, *rest, **kw: (a + b, rest, sorted(kw))
print(add(1), add(1, 2, 3, 4, z=5, y=6))
compose = lambda f, g: lambda x: f(g(x))
print(compose(lambda x: x * 2, lambda x: x + 1)(5))
