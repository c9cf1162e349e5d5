// Rewriting the expected-string literal of an assertExpectedInline call in a
// test file's source text, the way expecttest does: the literal keeps its
// quote style (and raw prefix when the new text allows it), a multi-line
// text in a triple-quoted literal starts with a backslash-newline, and every
// other byte of the file stays as it was. Pure text functions: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bwhop::unittest {

// The literal `old_literal` (source text such as `"""\` + newline + `...""""`)
// rewritten to denote `value`. Throws std::invalid_argument when the old text
// is not one plain string literal (f-string, bytes, implicit concatenation).
std::string render_literal(std::string_view old_literal, std::string_view value);

// One pending replacement: bytes [begin, end) of the source become `value`'s literal.
struct LiteralEdit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string value;
};

// Where the expected literal of the assertExpectedInline-style call made on
// `call_line` (1-based: the line the call starts on) is in `source`; nullopt
// with `why` set when it cannot be found. The source is parsed with the
// scenario language's parser; `path` names it in errors.
std::optional<LiteralEdit> locate_expect_literal(const std::string& path, const std::string& source,
                                                 int call_line, std::string* why);

// Applies edits (any order, non-overlapping) from the end of the text so the
// offsets of the others stay valid. Throws std::invalid_argument on overlap.
std::string apply_literal_edits(std::string source, std::vector<LiteralEdit> edits);

} // namespace bwhop::unittest
