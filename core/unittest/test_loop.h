// Runs the TestCase classes one loaded module defines, in definition order,
// printing one line per test and the details of failures.
#pragma once

#include <iosfwd>
#include <string>

#include "core/lang/value.h"

namespace bwhop::unittest {

struct LoopConfig {
  std::string pattern; // only tests whose id contains it ("" = all)
  bool fail_fast = false;
  bool verbose = false;
};

struct Tally {
  int passed = 0;
  int failed = 0; // failures, errors and unexpected successes
  int skipped = 0;
  bool stop = false; // fail_fast hit
};

// Call inside a running interpreter (a Session or a script). Output the tests
// print is captured and shown with failures (always with `verbose`).
void run_module_tests(const lang::Value& module, const LoopConfig& config, std::ostream& out,
                      Tally& tally);

// The traceback and `Type: message` of a caught exception, as CPython prints it.
std::string format_exception(const lang::Value& exc);

// The summary line: "N passed, M failed" (+ ", K skipped" when any).
std::string summary_line(const Tally& tally);

} // namespace bwhop::unittest
