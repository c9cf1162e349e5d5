import re
print(bool(re.match(r"\d+", "123abc")), re.match(r"\d+", "abc"))
m = re.search(r"(\w+)@(\w+)\.com", "mail bob@example.com now")
print(m.group(0), m.group(1), m.group(2))
print(re.sub(r"\s+", " ", "a   b \t c"), re.findall(r"[a-z]+", "ab 12 cd"))
print(bool(re.fullmatch(r"[A-Z][a-z]*", "Hello")), bool(re.fullmatch(r"[A-Z][a-z]*", "Hello!")))
p = re.compile(r"x(\d)")
print(p.findall("x1 x2 y3"), p.sub("#", "x1 x9"))
