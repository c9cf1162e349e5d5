"""Dict and list work: counting, appending, sorting, comprehensions."""
counts = {}
items = []
for k in range(200000):
    key = k % 1000
    counts[key] = counts.get(key, 0) + 1
    items.append(k * 3 % 1001)
items.sort()
squares = [v * v for v in items if v % 2 == 0]
print(len(counts), sum(squares) % 1000003, items[100])
