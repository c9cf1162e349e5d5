// Evaluator behaviour that CPython cannot be the oracle for (64-bit ints),
// limits (recursion, interrupts) and the embedding entry points.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/lang/interp.h"
#include "core/lang/native.h"
#include "core/lang/run.h"
#include "tests/lang/test_eval_helpers.h"

namespace bwhop::lang {

using testing::last_line;
using testing::run_script;

TEST_CASE("int overflow raises OverflowError instead of wrapping") {
  auto r = run_script(
      "big = 9223372036854775807\n"
      "for f in [lambda: big + 1, lambda: -big - 2, lambda: big * 2, lambda: 2 ** 64,\n"
      "          lambda: -(-big - 1), lambda: abs(-big - 1), lambda: (-big - 1) // -1,\n"
      "          lambda: 1 << 63, lambda: int('9223372036854775808'), lambda: int(1e19)]:\n"
      "    try:\n"
      "        print(f())\n"
      "    except OverflowError:\n"
      "        print('overflow')\n"
      "x = big\n"
      "x -= 1\n"
      "print(x, -big - 1, 2 ** 62, 1 << 62, big // -1)\n"
      "x += 2\n");
  std::string ten_overflows;
  for (int i = 0; i < 10; ++i) ten_overflows += "overflow\n";
  CHECK(r.out ==
        ten_overflows +
            "9223372036854775806 -9223372036854775808 4611686018427387904 4611686018427387904 "
            "-9223372036854775807\n");
  CHECK(r.status == 1);
  CHECK(last_line(r.err).starts_with("OverflowError: "));
  CHECK(r.err.find("line 12, in <module>") != std::string::npos);
}

TEST_CASE("unbounded recursion is a RecursionError at about 1000 frames") {
  auto r = run_script("depth = 0\n"
                      "def down(n):\n"
                      "    global depth\n"
                      "    depth = n\n"
                      "    return [down(n + 1)]\n"
                      "try:\n"
                      "    down(1)\n"
                      "except RecursionError as e:\n"
                      "    print(e, 950 <= depth <= 1000)\n"
                      "class Loop:\n"
                      "    def __getattr__(self, name):\n"
                      "        return self.other\n"
                      "try:\n"
                      "    Loop().x\n"
                      "except RecursionError:\n"
                      "    print('getattr loop stopped')\n"
                      "def again(n):\n"
                      "    return again(n + 1) + 1\n"
                      "again(0)\n");
  CHECK(r.out == "maximum recursion depth exceeded True\ngetattr loop stopped\n");
  CHECK(last_line(r.err) == "RecursionError: maximum recursion depth exceeded");
  CHECK(r.status == 1);
}

TEST_CASE("an interrupt flag stops a running loop with KeyboardInterrupt") {
  std::thread stopper([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    g_interrupted = true;
  });
  auto r = run_script("n = 0\n"
                      "try:\n"
                      "    while True:\n"
                      "        n += 1\n"
                      "except KeyboardInterrupt:\n"
                      "    print('interrupted', n > 0)\n");
  stopper.join();
  CHECK(r.out == "interrupted True\n");
  CHECK(r.status == 0);
}

TEST_CASE("syntax errors print CPython's report and exit 1") {
  auto r = run_script("x = 1\nif x\n    pass\n");
  CHECK(r.status == 1);
  CHECK(r.out == "");
  CHECK(r.err == "  File \"x.py\", line 2\n    if x\n        ^\nSyntaxError: expected ':'\n");
}

TEST_CASE("sys.argv comes from the run options") {
  auto r = run_script("import sys\nprint(sys.argv)\n", {"a", "--b"});
  CHECK(r.out == "['x.py', 'a', '--b']\n");
}

TEST_CASE("a Session loads a file as a module without running its main block") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "bwhop_lang_session_test";
  fs::create_directories(dir);
  fs::path file = dir / "mod_under_test.py";
  {
    std::ofstream f(file);
    f << "import helper_mod\n"
         "VALUE = helper_mod.base() + 1\n"
         "class Thing:\n"
         "    def test_one(self):\n"
         "        return VALUE\n"
         "if __name__ == '__main__':\n"
         "    print('main block ran')\n";
    std::ofstream h(dir / "helper_mod.py");
    h << "def base():\n    return 41\n";
  }
  std::ostringstream out, err;
  std::string seen_name, seen_value, method_result;
  run_on_big_stack([&] {
    Session s(RunOptions{file.string(), {}, &out, &err});
    Value m = s.load_file_as_module(file.string(), "mod_under_test");
    seen_name = native::str_of(native::get_attr(m, "__name__"));
    seen_value = native::repr_of(native::get_attr(m, "VALUE"));
    Value thing = native::call(native::get_attr(m, "Thing"), {});
    method_result = native::repr_of(native::call(native::get_attr(thing, "test_one"), {}));
    try {
      native::call(native::get_attr(m, "Thing"), {native::make_int(1)});
    } catch (PyError& e) {
      s.print_exception(e.exc);
    }
  });
  CHECK(seen_name == "mod_under_test");
  CHECK(seen_value == "42");
  CHECK(method_result == "42");
  CHECK(out.str() == "");
  CHECK(last_line(err.str()) == "TypeError: Thing() takes no arguments");
  fs::remove_all(dir);
}

TEST_CASE("runs are independent: module state does not leak between runs") {
  auto a = run_script("import math\nmath.custom = 1\nprint(hasattr(math, 'custom'))\n");
  auto b = run_script("import math\nprint(hasattr(math, 'custom'))\n");
  CHECK(a.out == "True\n");
  CHECK(b.out == "False\n");
}

} // namespace bwhop::lang
