// Runs a small script through the interpreter with `torch` installed and
// returns its stdout, stderr and exit status (for the binding's unit tests).
#pragma once

#include <string>

#include "core/torch/install.h"
#include "tests/common/script_run.h"

namespace bwhop::torchmod::testing {

using ScriptResult = bwhop::testing::ScriptRun;

inline ScriptResult run_script(const std::string& source) {
  install();
  return bwhop::testing::run_script_source(source, "<test>");
}

} // namespace bwhop::torchmod::testing
