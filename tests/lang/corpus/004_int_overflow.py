x = 9223372036854775807
# CPython has big ints, bwhop raises OverflowError: either is fine, wraparound is not.
try:
    y = x + 1
    no_wrap = y > x
except OverflowError:
    no_wrap = True
print("no wraparound:", no_wrap)
try:
    z = -x - 2
    no_wrap = z < 0
except OverflowError:
    no_wrap = True
print("no wraparound:", no_wrap)
print(x, -x - 1, x // 2, (x - 1) * 1)
