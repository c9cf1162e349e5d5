t = (1, 2, 3)
a, b, c = t
print(a, b, c, t[1:], len(t), t + (4,), (5,) * 2, ())
first, *rest = [1, 2, 3, 4]
*init, last = "hello"
x, *mid, y = range(6)
print(first, rest, init, last, x, mid, y)
(p, q), r = (1, 2), 3
[s, u] = "ab"
print(p, q, r, s, u)
a, b = b, a
print(a, b)
for i, (k, v) in enumerate([("x", 1), ("y", 2)]):
    print(i, k, v)
print(t.count(2), t.index(3), tuple([1, 2]), tuple("ab"))
