#include "core/lang/syntax_error.h"

#include <algorithm>

namespace bwhop::lang {

namespace {

std::string one_line_summary(SyntaxErrorKind kind, const std::string& message,
                             const std::string& file, int32_t line) {
  return std::string(to_string(kind)) + ": " + message + " (" + file + ", line " +
         std::to_string(line) + ")";
}

// The text of 1-based line `line` of `source`, without its newline.
std::string_view line_text(std::string_view source, int32_t line) {
  std::size_t start = 0;
  for (int32_t l = 1; l < line; ++l) {
    std::size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  std::string_view text = source.substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

// 1-based character offset of 0-based byte column `col` in `text`.
int32_t char_offset(std::string_view text, int32_t col) {
  if (col < 0) return 0;
  int32_t chars = 0;
  std::size_t limit = std::min<std::size_t>(static_cast<std::size_t>(col), text.size());
  for (std::size_t i = 0; i < limit; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  // Columns past the end of the text (the newline, the end marker) count as
  // one character each.
  if (static_cast<std::size_t>(col) > text.size()) chars += col - static_cast<int32_t>(text.size());
  return chars + 1;
}

} // namespace

const char* to_string(SyntaxErrorKind kind) {
  switch (kind) {
  case SyntaxErrorKind::SyntaxError:
    return "SyntaxError";
  case SyntaxErrorKind::IndentationError:
    return "IndentationError";
  case SyntaxErrorKind::TabError:
    return "TabError";
  case SyntaxErrorKind::RecursionError:
    return "RecursionError";
  }
  return "SyntaxError";
}

SyntaxError::SyntaxError(SyntaxErrorKind kind_, std::string message_, std::string file_,
                         int32_t line_, int32_t offset_, int32_t end_line_, int32_t end_offset_,
                         std::string text_)
    : std::runtime_error(one_line_summary(kind_, message_, file_, line_)), kind(kind_),
      message(std::move(message_)), file(std::move(file_)), line(line_), offset(offset_),
      end_line(end_line_), end_offset(end_offset_), text(std::move(text_)) {}

SyntaxError make_syntax_error(SyntaxErrorKind kind, std::string message, std::string_view file,
                              std::string_view source, int32_t line, int32_t col, int32_t end_line,
                              int32_t end_col) {
  std::string_view text = line_text(source, line);
  int32_t offset = char_offset(text, col);
  int32_t end_offset = -1;
  if (end_col >= 0) {
    end_offset = char_offset(end_line == line ? text : line_text(source, end_line), end_col);
  }
  return SyntaxError(kind, std::move(message), std::string(file), line, offset, end_line,
                     end_offset, std::string(text));
}

// Mirrors CPython 3.11's print_exception / print_error_text (pythonrun.c).
std::string format_syntax_error(const SyntaxError& error) {
  std::string out;
  if (error.kind == SyntaxErrorKind::RecursionError) {
    return std::string(to_string(error.kind)) + ": " + error.message + "\n";
  }
  out += "  File \"" + error.file + "\", line " + std::to_string(error.line) + "\n";

  std::string_view text = error.text;
  // CPython's text keeps the newline, so a multi-line range ends one past it.
  int64_t line_size = static_cast<int64_t>(text.size()) + 1;
  int64_t offset = error.offset;
  int64_t end_offset = error.end_offset;
  if (error.end_line > error.line) end_offset = line_size;
  if (end_offset > line_size + 1) end_offset = line_size + 1;
  int64_t carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;

  offset -= 1; // to 0-based
  std::size_t skip = 0;
  while (skip < text.size() && (text[skip] == ' ' || text[skip] == '\t' || text[skip] == '\f')) {
    ++skip;
    --offset;
  }
  text.remove_prefix(skip);
  int64_t len = static_cast<int64_t>(text.size());
  if (offset > len) offset = len;

  out += "    ";
  out += text;
  out += "\n";
  if (offset >= 0) {
    out += "    ";
    out.append(static_cast<std::size_t>(offset), ' ');
    out.append(static_cast<std::size_t>(carets), '^');
    out += "\n";
  }
  out += to_string(error.kind);
  out += ": ";
  out += error.message;
  out += "\n";
  return out;
}

} // namespace bwhop::lang
