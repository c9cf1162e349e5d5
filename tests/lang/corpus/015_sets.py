s = {3, 1, 2}
s.add(4); s.add(1); s.discard(10)
print(sorted(s), len(s), 2 in s)
a, b = {1, 2, 3}, {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted({x % 3 for x in range(10)}), set() == set(), sorted(set([1, 1, 2])))
print(a <= {1, 2, 3, 4}, a.issubset(b), sorted(a.union([9])))
