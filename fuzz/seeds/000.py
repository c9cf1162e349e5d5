a = b = c = d
x, y = y, x
