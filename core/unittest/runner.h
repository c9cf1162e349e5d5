// `bwhop test`: runs the unittest.TestCase classes of test files the way
// PyTorch's test suite runs them, one line per test, with expecttest-style
// acceptance of inline expected strings.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace bwhop::unittest {

// What the runner needs from layers above it (the harness): a unified diff of
// two texts and an atomic file write. cli/main.cpp supplies them.
struct TestServices {
  std::function<std::string(std::string_view expected, std::string_view actual)> diff;
  std::function<void(const std::filesystem::path&, std::string_view)> write_file;
};

// Registers torch.testing._internal.common_utils, torch._dynamo.test_case,
// torch._functorch.config (unless already provided) and the runner's internal
// module `_bwhop_unittest` (used by run_tests()). Call after
// bwhop::torchmod::install(); calls bwhop::dynamo::install() itself.
void install(TestServices services);

struct TestOptions {
  std::vector<std::string> files;
  std::string pattern;    // -k: run tests whose id (Class.test_name) contains it
  bool accept = false;    // --accept (or EXPECTTEST_ACCEPT=1)
  bool fail_fast = false; // -x: stop after the first failure or error
  bool verbose = false;   // -v: also show the output of tests that pass
  bool ci = false;        // CI is set: never rewrite files
  std::ostream* out = nullptr;
};

// Runs the files' tests; returns 0 when all passed, 1 when any failed or a
// file could not be loaded.
int test_command(const TestOptions& options);

} // namespace bwhop::unittest
