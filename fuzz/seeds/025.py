x = f"{f'{y}'}"
z = f'{a!r:{b}}'
w = f"{ {'a': 1}['a'] }"
v = f'{x:>{width}.{prec}f}'
