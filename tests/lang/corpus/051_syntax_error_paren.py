x = 1
y = (1 +
print(x)
