s = "Hello, World"
print(len(s), s[0], s[-1], s[2:5], s[::-1], s[::2])
print(s.upper(), s.lower(), s.replace("l", "L"), s.split(", "), "-".join(["a", "b", "c"]))
print(s.startswith("Hell"), s.endswith("x"), s.find("o"), s.find("z"), s.count("l"))
print("  pad  ".strip() + "|", "xxhixx".strip("x"), "a,b,,c".split(","))
print("abc" * 3, "a" + "b", "ab" in "cabd", "%d items" % 3)
print(repr("it's"), repr('say "hi"'), repr("tab\tnew\nline"), str(42), repr(4.5))
print("title case".title(), "x".isalpha(), "12".isdigit())
