def a():
    x = 0
    def b():
        def c():
            nonlocal x
            x += 10
        c()
        return x
    r = b()
    return x, r
print(a())
def counter_pair():
    n = 0
    def inc():
        nonlocal n
        n += 1
    def get():
        return n
    return inc, get
inc, get = counter_pair()
inc(); inc()
print(get())
