#include "core/fx/stack_trace.h"

#include <vector>

namespace bwhop::fx {

namespace {

bool is_py_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_py_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_py_space(s.back())) s.remove_suffix(1);
  return s;
}

struct Frame {
  std::string_view file, line, name;
};

// ^File "(.+)", line (\d+), in (.+)$ with a greedy file group: the rightmost
// split that leaves a valid `", line N, in name` tail wins.
std::optional<Frame> match_frame_header(std::string_view line) {
  constexpr std::string_view head = "File \"";
  constexpr std::string_view mid = "\", line ";
  constexpr std::string_view in = ", in ";
  if (line.substr(0, head.size()) != head) return std::nullopt;
  std::string_view rest = line.substr(head.size());
  for (std::size_t pos = rest.rfind(mid); pos != std::string_view::npos && pos > 0;
       pos = pos == 0 ? std::string_view::npos : rest.rfind(mid, pos - 1)) {
    std::string_view tail = rest.substr(pos + mid.size());
    std::size_t digits = 0;
    while (digits < tail.size() && tail[digits] >= '0' && tail[digits] <= '9') ++digits;
    if (digits == 0) continue;
    std::string_view after = tail.substr(digits);
    if (after.substr(0, in.size()) != in || after.size() == in.size()) continue;
    return Frame{rest.substr(0, pos), tail.substr(0, digits), after.substr(in.size())};
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> stack_trace_summary(std::string_view stack_trace) {
  std::string_view text = strip(stack_trace);
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  for (std::size_t i = lines.size() - 1; i-- > 0;) {
    std::optional<Frame> frame = match_frame_header(strip(lines[i]));
    if (!frame) continue;
    std::string out = "File: ";
    out += frame->file;
    out += ':';
    out += frame->line;
    out += " in ";
    out += frame->name;
    out += ", code: ";
    out += strip(lines[i + 1]);
    return out;
  }
  return std::nullopt;
}

} // namespace bwhop::fx
