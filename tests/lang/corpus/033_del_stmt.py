x = 1
del x
try:
    x
except NameError as e:
    print(e)
d = {"a": 1, "b": 2}
del d["a"]
l = [0, 1, 2, 3, 4]
del l[1], l[2:]
print(d, l)
class O: pass
o = O(); o.attr = 1
del o.attr
print(hasattr(o, "attr"))
