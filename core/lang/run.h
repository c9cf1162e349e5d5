// Entry point for running a script file the way `python3 FILE args...` does.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bwhop::lang {

struct RunOptions {
  std::string path;               // the script; becomes __main__ and sys.argv[0]
  std::vector<std::string> args;  // sys.argv[1:]
  std::ostream* out = nullptr;    // where print() and sys.stdout write
  std::ostream* err = nullptr;    // where tracebacks and sys.stderr write
};

// Runs the script as module __main__. Returns the process exit status: 0 on
// success, 1 after an uncaught exception (its traceback written to `err`), or
// the code of SystemExit / sys.exit().
int run_file(const RunOptions& options);

}  // namespace bwhop::lang
