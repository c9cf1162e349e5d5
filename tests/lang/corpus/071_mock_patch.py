from unittest import mock
import math
class Service:
    def fetch(self):
        return "real"
with mock.patch("math.floor", new=lambda x: "patched"):
    print(math.floor(2.5))
print(math.floor(2.5))
@mock.patch("math.ceil")
def test(m):
    m.return_value = 99
    return math.ceil(1.2)
print(test())
print(math.ceil(1.2))
