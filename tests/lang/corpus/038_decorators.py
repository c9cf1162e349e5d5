def trace(label):
    def deco(fn):
        def wrapper(*args):
            print("call", label, fn.__name__, args)
            return fn(*args)
        return wrapper
    return deco
def twice(fn):
    def wrapper(*args):
        return fn(*fn(*args))
    return wrapper
@trace("outer")
@trace("inner")
def add(a, b):
    return a + b
print(add(1, 2))
def register(cls):
    cls.registered = True
    return cls
@register
class Thing:
    pass
print(Thing.registered)
class K:
    @staticmethod
    def s(x): return x * 2
    @classmethod
    def c(cls): return cls.__name__
    @property
    def p(self): return "prop"
print(K.s(2), K().s(3), K.c(), K().c(), K().p)
