data = {"users": [{"name": "ann", "tags": ["a", "b"]}, {"name": "bob", "tags": []}]}
for u in data["users"]:
    print(u["name"], len(u["tags"]), ",".join(u["tags"]) or "-")
data["users"][1]["tags"].append("z")
print(data)
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid, [sum(r) for r in grid])
