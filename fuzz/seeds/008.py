a = [x for x in y if x if not x for z in x]
b = {x: y for x, y in z}
c = {x for x in y}
d = (x for x in y)
e = [(x, y) for x in a for y in b if x < y]
