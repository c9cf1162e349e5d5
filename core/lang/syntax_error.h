// Syntax errors as data, and the formatter that prints them like CPython 3.11.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bwhop::lang {

enum class SyntaxErrorKind : uint8_t {
  SyntaxError,
  IndentationError,
  TabError,
  // Source nested too deeply to parse (CPython: "RecursionError: maximum
  // recursion depth exceeded during compilation", printed without location).
  RecursionError,
};
const char* to_string(SyntaxErrorKind kind); // "SyntaxError", ...

// One syntax error, with the location fields of Python's SyntaxError object.
class SyntaxError : public std::runtime_error {
public:
  SyntaxError(SyntaxErrorKind kind, std::string message, std::string file, int32_t line,
              int32_t offset, int32_t end_line, int32_t end_offset, std::string text);

  SyntaxErrorKind kind;
  std::string message; // "invalid syntax", "'(' was never closed", ...
  std::string file;
  int32_t line;       // 1-based
  int32_t offset;     // 1-based character column, like SyntaxError.offset
  int32_t end_line;   // like SyntaxError.end_lineno
  int32_t end_offset; // like SyntaxError.end_offset; <= offset means one caret
  std::string text;   // the source line, without its newline
};

// Builds an error from 0-based *byte* columns within `source`, filling in the
// source line and converting columns to 1-based character offsets. end_col < 0
// means "no range" (one caret).
SyntaxError make_syntax_error(SyntaxErrorKind kind, std::string message, std::string_view file,
                              std::string_view source, int32_t line, int32_t col, int32_t end_line,
                              int32_t end_col);

// The text CPython 3.11 prints for an uncaught SyntaxError, e.g.
//   File "x.py", line 3
//     x = (1 +
//         ^
// SyntaxError: '(' was never closed
// (each line ends with '\n').
std::string format_syntax_error(const SyntaxError& error);

} // namespace bwhop::lang
