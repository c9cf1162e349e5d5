"""Integer arithmetic in a while loop and a for loop over range."""
total = 0
i = 0
while i < 1000000:
    total += i % 7
    i += 1
for j in range(1000000):
    total -= j & 3
print(total)
