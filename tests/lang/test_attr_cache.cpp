// The per-(type, name) attribute lookup cache: class attribute changes made
// after a lookup was cached must be seen. Expected output from CPython 3.11.
#include <doctest/doctest.h>

#include "tests/lang/test_eval_helpers.h"

namespace bwhop::lang {

using testing::run_script;

TEST_CASE("class attribute changes after cached lookups are seen") {
  auto r = run_script(R"__(class A:
    def m(self):
        return "A.m"
    v = 1
class B(A):
    pass
b = B()
print(b.m(), b.v, B.v)
A.v = 2
print(b.v, B.v)
B.v = 3
print(b.v, A.v)
del B.v
print(b.v)
def m2(self):
    return "new m"
A.m = m2
print(b.m())
b.m = lambda: "inst m"
print(b.m())
del b.m
print(b.m())
B.m = property(lambda self: "prop")
print(b.m)
b.__dict__["m"] = "shadow"
print(b.m)
del B.m
print(b.m)
for i in range(3):
    class C:
        x = i
    print(C().x)
print(hasattr(b, "zz"))
A.zz = 5
print(hasattr(b, "zz"), b.zz)
del A.zz
print(hasattr(b, "zz"))
)__");
  CHECK(r.err == "");
  CHECK(r.status == 0);
  CHECK(r.out == R"__(A.m 1 1
2 2
3 2
2
new m
inst m
new m
prop
prop
shadow
0
1
2
False
True 5
False
)__");
}

TEST_CASE("nested definitions get their enclosing function's qualname prefix") {
  // The "<qualname>.<locals>." prefix is built lazily; check it is unchanged.
  auto r = run_script(R"__(def outer():
    def inner():
        pass
    class K:
        def m(self):
            def deep():
                pass
            return deep
    return inner, K, K().m()
for x in outer():
    print(x.__qualname__)
)__");
  CHECK(r.status == 0);
  CHECK(r.out == "outer.<locals>.inner\nouter.<locals>.K\nouter.<locals>.K.m.<locals>.deep\n");
}

} // namespace bwhop::lang
