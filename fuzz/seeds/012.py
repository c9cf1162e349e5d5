@dec
@dec2(1, x=2)
def f(a, b: int = 1, *args, c, d=2, **kw) -> None:
    '''doc'''
    return a

def g(a, /, b, *, c): pass
def h(*, a=1): return
def k(): return 1, 2
