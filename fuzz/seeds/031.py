x = 1 if a else 2 if b else 3
f = lambda: 1 if x else 2
g = lambda x, *a, y=2, **k: (x, a, y, k)
