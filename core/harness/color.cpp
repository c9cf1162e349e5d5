#include "core/harness/color.h"

namespace bwhop::harness {

std::optional<ColorMode> parse_color_mode(std::string_view text) {
  if (text == "auto") return ColorMode::automatic;
  if (text == "always") return ColorMode::always;
  if (text == "never") return ColorMode::never;
  return std::nullopt;
}

bool use_color(ColorMode mode, bool stdout_is_terminal, const char* no_color) {
  switch (mode) {
  case ColorMode::always:
    return true;
  case ColorMode::never:
    return false;
  case ColorMode::automatic:
    return stdout_is_terminal && (no_color == nullptr || !*no_color);
  }
  return false;
}

std::string paint(std::string_view text, Paint paint, bool enabled) {
  if (!enabled) return std::string(text);
  const char* code = "";
  switch (paint) {
  case Paint::red:
    code = "\x1b[31m";
    break;
  case Paint::green:
    code = "\x1b[32m";
    break;
  case Paint::yellow:
    code = "\x1b[33m";
    break;
  case Paint::cyan:
    code = "\x1b[36m";
    break;
  case Paint::bold:
    code = "\x1b[1m";
    break;
  case Paint::dim:
    code = "\x1b[2m";
    break;
  }
  return code + std::string(text) + "\x1b[0m";
}

std::string colorize_diff(std::string_view diff, bool enabled) {
  if (!enabled) return std::string(diff);
  std::string out;
  out.reserve(diff.size() + diff.size() / 4);
  std::size_t start = 0;
  bool in_hunk = false; // "---"/"+++" are file headers only before the first hunk
  while (start < diff.size()) {
    std::size_t end = diff.find('\n', start);
    end = end == std::string_view::npos ? diff.size() : end;
    const std::string_view line = diff.substr(start, end - start);
    if (!in_hunk && (line.starts_with("--- ") || line.starts_with("+++ "))) {
      out += paint(line, Paint::bold, true);
    } else if (line.starts_with("@@")) {
      in_hunk = true;
      out += paint(line, Paint::cyan, true);
    } else if (line.starts_with("-")) {
      out += paint(line, Paint::red, true);
    } else if (line.starts_with("+")) {
      out += paint(line, Paint::green, true);
    } else if (line.starts_with("\\")) {
      out += paint(line, Paint::dim, true);
    } else {
      out += line;
    }
    if (end < diff.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

} // namespace bwhop::harness
