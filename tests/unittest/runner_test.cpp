// The runner end to end inside one process: counts, statuses, the summary
// line and accepting inline expected text into a temporary file.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/torch/install.h"
#include "core/unittest/runner.h"
#include "core/unittest/test_loop.h"

namespace fs = std::filesystem;
namespace ut = bwhop::unittest;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

// Installs the modules once, with a plain file write and a marker "diff".
void install_once() {
  static bool done = [] {
    bwhop::torchmod::install();
    ut::install({[](std::string_view e, std::string_view a) {
                   return "DIFF<" + std::string(e) + "|" + std::string(a) + ">\n";
                 },
                 [](const fs::path& p, std::string_view c) { write_text(p, std::string(c)); }});
    return true;
  }();
  (void)done;
}

struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(fs::temp_directory_path() / ("bwhop_h10_" + std::to_string(::getpid()) + "_" + name)) {
    write_text(path, text);
  }
  ~TempFile() { fs::remove(path); }
};

int run(const std::vector<std::string>& files, std::string& output, bool accept = false,
        std::string pattern = "") {
  std::ostringstream out;
  ut::TestOptions o;
  o.files = files;
  o.accept = accept;
  o.pattern = std::move(pattern);
  o.out = &out;
  const int status = ut::test_command(o);
  output = out.str();
  return status;
}

} // namespace

TEST_CASE("summary line counts passed, failed and (only when any) skipped") {
  CHECK(ut::summary_line({3, 0, 0, false}) == "3 passed, 0 failed");
  CHECK(ut::summary_line({1, 2, 4, false}) == "1 passed, 2 failed, 4 skipped");
}

TEST_CASE("statuses of passing, failing, erroring and skipped tests") {
  install_once();
  TempFile f("statuses_test.py", "import unittest\n"
                                 "class T(unittest.TestCase):\n"
                                 "    def test_pass(self):\n"
                                 "        self.assertEqual(1, 1)\n"
                                 "    def test_fail(self):\n"
                                 "        self.assertEqual(1, 2)\n"
                                 "    def test_error(self):\n"
                                 "        {}['missing']\n"
                                 "    @unittest.skip('later')\n"
                                 "    def test_skip(self):\n"
                                 "        pass\n"
                                 "    def helper(self):\n"
                                 "        raise RuntimeError('not a test')\n");
  std::string out;
  CHECK(run({f.path.string()}, out) == 1);
  CHECK(out.find("PASS  T.test_pass") != std::string::npos);
  CHECK(out.find("FAIL  T.test_fail") != std::string::npos);
  CHECK(out.find("AssertionError: 1 != 2") != std::string::npos);
  CHECK(out.find("ERROR T.test_error") != std::string::npos);
  CHECK(out.find("KeyError: 'missing'") != std::string::npos);
  CHECK(out.find("SKIP  T.test_skip") != std::string::npos);
  CHECK(out.find("helper") == std::string::npos);
  CHECK(out.find("1 passed, 2 failed, 1 skipped\n") != std::string::npos);
  // -k keeps only matching ids
  CHECK(run({f.path.string()}, out, false, "test_pass") == 0);
  CHECK(out.find("1 passed, 0 failed\n") != std::string::npos);
}

TEST_CASE("a mismatching inline expectation fails with the diff, then is accepted in place") {
  install_once();
  const std::string head = "from torch.testing._internal.common_utils import TestCase\n"
                           "class T(TestCase):\n"
                           "    def test_text(self):\n"
                           "        self.assertExpectedInline(\"a\\nb\\n\", ";
  TempFile f("inline_test.py", head + "\"\"\"old\"\"\")\n");
  std::string out;
  CHECK(run({f.path.string()}, out) == 1);
  CHECK(out.find("DIFF<old|a\nb\n>") != std::string::npos);
  CHECK(read_text(f.path) == head + "\"\"\"old\"\"\")\n"); // untouched without accept
  CHECK(run({f.path.string()}, out, true) == 0);
  CHECK(read_text(f.path) == head + "\"\"\"\\\na\nb\n\"\"\")\n");
  CHECK(run({f.path.string()}, out) == 0);
}

TEST_CASE("tensors compare with PyTorch's dtype-aware tolerances") {
  install_once();
  TempFile f("tensor_test.py",
             "import torch\n"
             "from torch.testing._internal.common_utils import TestCase\n"
             "class T(TestCase):\n"
             "    def test_close_f32(self):\n"
             "        self.assertEqual(torch.tensor([1.0]), torch.tensor([1.000009]))\n"
             "    def test_far_f32(self):\n"
             "        self.assertEqual(torch.tensor([1.0]), torch.tensor([1.00002]))\n"
             "    def test_f64_is_tighter(self):\n"
             "        a = torch.tensor([1.0], dtype=torch.float64)\n"
             "        self.assertEqual(a, torch.tensor([1.000009], dtype=torch.float64))\n");
  std::string out;
  CHECK(run({f.path.string()}, out) == 1);
  CHECK(out.find("PASS  T.test_close_f32") != std::string::npos);
  CHECK(out.find("FAIL  T.test_far_f32") != std::string::npos);
  CHECK(out.find("FAIL  T.test_f64_is_tighter") != std::string::npos);
}

TEST_CASE("a file that does not load is one failure with its error") {
  install_once();
  TempFile f("broken_test.py", "import unittest\nclass T(unittest.TestCase)\n    pass\n");
  std::string out;
  CHECK(run({f.path.string()}, out) == 1);
  CHECK(out.find("could not be loaded") != std::string::npos);
  CHECK(out.find("SyntaxError") != std::string::npos);
  CHECK(out.find("0 passed, 1 failed\n") != std::string::npos);
}
