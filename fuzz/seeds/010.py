if a:
    pass
elif b:
    pass
elif c:
    x
else:
    y
for i in range(3):
    if i: break
    continue
else:
    pass
while x:
    x -= 1
else:
    done()
for a, b in c: pass
for (a, b) in c: pass
for x, in y: pass
for *a, b in c: pass
