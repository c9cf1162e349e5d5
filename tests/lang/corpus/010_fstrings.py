name, n, pi = "bwhop", 42, 3.14159
print(f"{name} has {n} items")
print(f"{n!r} {name!r} {name!s} {pi:.2f} {n:5d}| {n:<5}| {n:^7}| {n:>5}|")
print(f"{n:08b} {n:x} {n:X} {n:o} {n:,} {1234567.891:,.2f} {0.25:.1%}")
width, prec = 10, 3
print(f"[{pi:{width}.{prec}f}]", f"{{literal}} {{{n}}}")
print(f"{n=}", f"{name = }", f"{pi=:.1f}")
print(f"{'nested'!r}", f"{[1, 2][0] + 1}", f"{ {'a': 1}['a'] }")
print(f"multi" f"part {n}" "plain")
print(f"""triple {n}
second line {name.upper()}""")
