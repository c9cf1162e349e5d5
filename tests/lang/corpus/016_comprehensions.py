print([x * x for x in range(6) if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y if y > 0])
print({x: len(x) for x in ["a", "bb", "ccc"]})
print(sorted({c for c in "mississippi"}))
print(sum(x for x in range(101)), list(x + 1 for x in [1, 2]))
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
x = "outer"
print([x for x in "ab"], x)
