a is not b
not a in b
a not in b
