a, b, c = 1, 2, 3
print(a < b < c, a < b > c, a == 1 != b, 1 < 2 <= 2 < 3)
print(1 in [1, 2], 3 not in [1, 2], None is None, a is not None)
print("ab" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
print(not a == b, not (a and b), a or b and c)
x = 5
print(0 < x < 10, 0 < x > 10)
