// Entry point for running a script file the way `python3 FILE args...` does.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/lang/value.h"

namespace bwhop::lang {

struct RunOptions {
  std::string path;              // the script; becomes __main__ and sys.argv[0]
  std::vector<std::string> args; // sys.argv[1:]
  std::ostream* out = nullptr;   // where print() and sys.stdout write
  std::ostream* err = nullptr;   // where tracebacks and sys.stderr write
};

// Runs the script as module __main__. Returns the process exit status: 0 on
// success, 1 after an uncaught exception (its traceback written to `err`), or
// the code of SystemExit / sys.exit().
int run_file(const RunOptions& options);

// Runs `source` (named `path` in tracebacks) as __main__; same result as run_file.
int run_source(const RunOptions& options, const std::string& source);

// A run of the interpreter that stays open so C++ can import modules, load
// files as modules and call into them (the unittest runner uses this). Only
// one Session may exist at a time. Work that may recurse deeply should go
// through run_on_big_stack.
class Session {
public:
  explicit Session(const RunOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  // Loads `path` as module `module_name` (not "__main__", so its
  // `if __name__ == "__main__":` block does not run) and returns the module.
  // Raises PyError on exceptions in the file; a syntax error is a PyError of
  // SyntaxError whose message is the formatted report.
  Value load_file_as_module(const std::string& path, const std::string& module_name);
  // Prints the traceback of a caught exception to the session's err stream.
  void print_exception(const Value& exc);
};

// Runs fn on a thread with a large native stack (the evaluator recurses).
void run_on_big_stack(const std::function<void()>& fn);

} // namespace bwhop::lang
