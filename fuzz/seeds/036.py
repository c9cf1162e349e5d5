import a.b.c
import a as b, c.d as e
from a.b import c, d as e
from . import x
from .. a import (y, z,)
from a import *
global g, h
del a, b[1], c.d
del (a, b), [c]
assert x
assert x, 'msg'
raise
raise E
raise E from e
pass
x = y = z
a, *b = c
[a, b] = c
(a, b), c = d
x += 1
x //= 2
x **= 3
x @= y
x: int
x: int = 5
(y): int = 1
a.b: str = 'x'
a[0]: int
