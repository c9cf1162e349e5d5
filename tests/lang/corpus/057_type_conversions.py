print(int("42"), int("-7"), int("  12 "), int("ff", 16), int("0b101", 0), int(True))
print(float("1.5"), float("-inf"), float("1e3"), str(1e100), str(True), str(None))
print(list((1, 2)), tuple([3]), dict([(1, 2)]), set("aab") == {"a", "b"}, bool("False"))
print(type(1).__name__, type(1.0).__name__, type("").__name__, type(None).__name__, type([]).__name__)
print(isinstance(True, int), isinstance(1, (str, float)), isinstance("s", str))
try:
    int("abc")
except ValueError as e:
    print(e)
