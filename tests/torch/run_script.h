// Runs a small script through the interpreter with `torch` installed and
// returns its stdout, stderr and exit status (for the binding's unit tests).
#pragma once

#include <sstream>
#include <string>

#include "core/lang/run.h"
#include "core/torch/install.h"

namespace bwhop::torchmod::testing {

struct ScriptResult {
  int status = 0;
  std::string out, err;
};

inline ScriptResult run_script(const std::string& source) {
  install();
  std::ostringstream out, err;
  lang::RunOptions options;
  options.path = "<test>";
  options.out = &out;
  options.err = &err;
  ScriptResult r;
  r.status = lang::run_source(options, source);
  r.out = out.str();
  r.err = err.str();
  return r;
}

} // namespace bwhop::torchmod::testing
