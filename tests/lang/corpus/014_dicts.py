d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k])
d.update({"a": 10, "e": 5}); print(d)
print(d.pop("b"), d, d.setdefault("f", 6), d)
del d["a"]; print(d, sorted(d), dict(a=1, b=2), dict([("x", 1)]))
m = {**d, "z": 26}
print(m, {k: v * 2 for k, v in m.items() if v > 3})
print({1: "int", 1.0: "float"}, {(1, 2): "tuple"})
