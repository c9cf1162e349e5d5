import functools
import itertools as it
from functools import partial, reduce
import math
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]))
p = partial(pow, 2)
print(p(10), p.func is pow, p.args)
c = it.count(5)
print([next(c) for _ in range(3)])
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.pi)
try:
    import nonexistent_module_xyz
except ImportError as e:
    print("ImportError:", e)
