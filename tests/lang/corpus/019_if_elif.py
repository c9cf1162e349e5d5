def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for v in [-5, 0, 5, 50]:
    print(v, classify(v))
if []: print("empty true")
else: print("empty false")
x = 3
if x: pass
print("done")
