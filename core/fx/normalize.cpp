#include "core/fx/normalize.h"

namespace bwhop::fx {

namespace {
bool is_py_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
} // namespace

std::string normalize_gm(std::string_view text) {
  // Step 1: remove lines made of spaces then `#`, with their newline.
  std::string without_comments;
  without_comments.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(pos, end - pos);
    std::size_t spaces = 0;
    while (spaces < line.size() && line[spaces] == ' ') ++spaces;
    bool comment = spaces < line.size() && line[spaces] == '#';
    if (!comment) without_comments.append(line);
    pos = end;
  }
  // Step 2: right-strip every line, keeping the newlines between them.
  std::string out;
  out.reserve(without_comments.size());
  pos = 0;
  std::string_view all = without_comments;
  while (true) {
    std::size_t nl = all.find('\n', pos);
    std::string_view line = all.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    while (!line.empty() && is_py_space(line.back())) line.remove_suffix(1);
    out.append(line);
    if (nl == std::string_view::npos) break;
    out += '\n';
    pos = nl + 1;
  }
  return out;
}

} // namespace bwhop::fx
