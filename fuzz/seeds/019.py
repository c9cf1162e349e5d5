sum(x*x for x in range(10))
f(a, *(b for b in c))
