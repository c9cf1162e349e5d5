// The interpreter's per-run state: output streams, loaded modules, the frame
// stack used for tracebacks, recursion depth and super().
#pragma once

#include <atomic>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/lang/function.h"
#include "core/lang/runtime.h"

namespace bwhop::lang {

// One executing Python frame (module body, function, class body).
struct Frame {
  Frame* parent = nullptr;
  const ParsedFile* file = nullptr;
  const char* func = "<module>";
  int line = 0;
  Function* function = nullptr; // nullptr for module and class bodies
  Value* locals = nullptr;
  Ref<Cell>* cells = nullptr;
  DictObj* globals = nullptr;    // the frame's global namespace
  DictObj* namespace_ = nullptr; // locals() of module and class bodies
};

struct Interp {
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  Ref<DictObj> modules;  // sys.modules
  Ref<DictObj> builtins; // the builtins namespace
  std::vector<std::string> argv;
  Frame* top = nullptr;
  int depth = 0;
  int max_depth = 1000;
  std::vector<Value> handling;                     // exceptions being handled (for __context__)
  std::vector<std::shared_ptr<ParsedFile>> files;  // keeps parsed sources alive
  std::vector<std::unique_ptr<ScopeExtra>> extras; // resolver output for those files
  std::vector<std::string> search_paths;           // folders searched for `import x` (x.py)
};

Interp& interp();

// Set by the SIGINT handler; checked at loop back-edges and calls.
extern std::atomic<bool> g_interrupted;
[[noreturn]] void raise_keyboard_interrupt();
inline void check_interrupt() {
  if (g_interrupted.load(std::memory_order_relaxed)) raise_keyboard_interrupt();
}

} // namespace bwhop::lang
