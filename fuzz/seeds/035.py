print(*a, sep='')
f(**{'a': 1})
f(*a, *b)
