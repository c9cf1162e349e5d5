x = -+~a
y = not not b
z = - - 1
