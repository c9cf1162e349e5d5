s = "a-b-c"
print(s.split("-", 1), s.rsplit("-", 1), s.partition("-"), s.rpartition("-"))
print("abc".center(9, "*"), "abc".ljust(5) + "|", "abc".rjust(5), "42".zfill(5))
print("Hello World".lower().count("o"), "x y  z".split(), "a\nb\n".splitlines())
print("%-4s|%4s|" % ("ab", "cd"), "abc".index("c"), "AbC".isupper(), "abc".islower())
print(" ".join(str(i) for i in range(3)), ",".join([]), "abc"[1:], "abc"[:-1])
print("ABC".lower().capitalize(), "hello"[::-1].upper(), "mississippi".replace("ss", "SS", 1))
