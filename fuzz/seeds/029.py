x = -2**2
y = 2**-1
z = a**b**c
w = not a == b
v = a or b and not c
