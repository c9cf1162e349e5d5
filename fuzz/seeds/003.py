f(a, b, *c, d=1, *e, **g, h=2)
f(x for x in y)
f(a)(b)[c].d
f()
