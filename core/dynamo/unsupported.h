// Graph breaks: what the capture raises when it meets code it cannot trace,
// and PyTorch's message layout for them (torch/_dynamo/exc.py).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace bwhop::dynamo {

struct GraphBreakInfo {
  std::string gb_type;
  std::string context;
  std::string explanation;
  std::vector<std::string> hints;
  std::string registry_id; // e.g. "GB0059"; empty when not in the registry
};

// format_graph_break_message: the gb_type, Explanation, Hints, the developer
// context and, for registered types, the documentation link.
std::string format_graph_break_message(const GraphBreakInfo& info);

// The C++ side of torch._dynamo.exc.Unsupported while the capture unwinds.
class Unsupported : public std::runtime_error {
public:
  Unsupported(GraphBreakInfo info, std::string user_stack);
  const GraphBreakInfo& info() const { return info_; }
  // The formatted user frames (`  File "...", line N, in f\n    code\n`), innermost last.
  const std::string& user_stack() const { return user_stack_; }
  // The statement of the captured function's body that was running (-1: unknown),
  // and its line: where a split graph ends.
  int root_stmt = -1;
  int root_line = 0;

private:
  GraphBreakInfo info_;
  std::string user_stack_;
};

// The message the script sees: the graph-break message plus the
// "from user code" trailer augment_exc_message appends.
std::string unsupported_script_message(const Unsupported& e);

} // namespace bwhop::dynamo
