x = 10
x += 5; x -= 3; x *= 2; x //= 5; x %= 3; x **= 3
print(x)
y = 7.5
y /= 2
print(y)
s = "ab"; s += "cd"; s *= 2
print(s)
l = [1]; l += [2, 3]; l *= 2
print(l)
b = 0b1100; b &= 0b1010; b |= 1; b ^= 0b11; b <<= 2; b >>= 1
print(b)
class C: pass
c = C(); c.v = 1; c.v += 41
d = {"k": 1}; d["k"] += 1
print(c.v, d)
