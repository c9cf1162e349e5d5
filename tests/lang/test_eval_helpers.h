// Shared helper for the evaluator tests: run a script and capture its output.
#pragma once

#include <sstream>
#include <string>

#include "core/lang/run.h"

namespace bwhop::lang::testing {

struct ScriptResult {
  int status;
  std::string out;
  std::string err;
};

// Runs `source` as __main__ (file name x.py) and returns exit status and streams.
inline ScriptResult run_script(const std::string& source, std::vector<std::string> args = {}) {
  std::ostringstream out, err;
  RunOptions o{"x.py", std::move(args), &out, &err};
  int status = run_source(o, source);
  return {status, out.str(), err.str()};
}

// The last line of a traceback (the `Type: message` line).
inline std::string last_line(const std::string& text) {
  std::string t = text;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  size_t nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

} // namespace bwhop::lang::testing
