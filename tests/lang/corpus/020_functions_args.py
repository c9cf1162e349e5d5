def f(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, sorted(kwargs.items()))
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, d=6, e=7, g=8))
print(f(*[1, 2, 3], **{"c": 9, "z": 0}))
def g(x, /, y, *, z):
    return x + y + z
print(g(1, 2, z=3), g(1, y=2, z=3))
def defaults(x=[]):
    x.append(1)
    return x
print(defaults(), defaults(), defaults([5]))
def noret():
    pass
print(noret())
def annotated(x: int, y: "str" = "s") -> None:
    return None
print(annotated(1), annotated.__name__)
