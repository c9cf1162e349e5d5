for i in range(5):
    if i == 3:
        print("break at", i)
        break
else:
    print("no break")
for i in range(2):
    pass
else:
    print("loop finished", i)
n = 0
while n < 10:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print("even", n)
else:
    print("never")
while False:
    pass
else:
    print("while else")
