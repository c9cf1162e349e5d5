import functools
def greet(greeting, name, punct="!"):
    return f"{greeting}, {name}{punct}"
hi = functools.partial(greet, "Hi", punct="?")
print(hi("Ann"), hi.func.__name__, hi.args, hi.keywords)
print(functools.reduce(lambda a, b: a + b, range(5), 100))
def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k) * 2
    return wrapper
@deco
def three():
    return 3
print(three(), three.__name__)
