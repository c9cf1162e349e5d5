#include "core/dynamo/unsupported.h"

namespace bwhop::dynamo {

namespace {

// Continuation lines of a multi-line text are indented four spaces.
std::string indent_continuations(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

} // namespace

std::string format_graph_break_message(const GraphBreakInfo& info) {
  std::string out = info.gb_type + "\n";
  out += "  Explanation: " + indent_continuations(info.explanation) + "\n";
  for (const std::string& hint : info.hints) out += "  Hint: " + indent_continuations(hint) + "\n";
  out += "\n  Developer debug context: " + indent_continuations(info.context) + "\n";
  if (!info.registry_id.empty())
    out += "\n For more details about this graph break, please visit: "
           "https://meta-pytorch.github.io/compile-graph-break-site/gb/" +
           lower(info.registry_id) + ".html";
  return out;
}

Unsupported::Unsupported(GraphBreakInfo info, std::string user_stack)
    : std::runtime_error(format_graph_break_message(info)), info_(std::move(info)),
      user_stack_(std::move(user_stack)) {}

std::string unsupported_script_message(const Unsupported& e) {
  std::string out = e.what();
  out += "\n\nfrom user code:\n " + e.user_stack();
  out += "\nSet TORCHDYNAMO_VERBOSE=1 for the internal stack trace (please do this especially if "
         "you're reporting a bug to PyTorch). For even more developer context, set "
         "TORCH_LOGS=\"+dynamo\"\n";
  return out;
}

} // namespace bwhop::dynamo
