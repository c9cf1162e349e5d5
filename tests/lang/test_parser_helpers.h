// Shared helpers for the parser tests: parse a snippet, dump it, or capture
// its syntax error.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "core/lang/ast_dump.h"
#include "core/lang/parser.h"

namespace bwhop::lang::testing {

// ast.dump() text for `source`, or "ERROR: <message>" when it does not parse.
inline std::string dump_of(const std::string& source, bool positions = false) {
  ParseResult result = try_parse_file("x.py", source);
  if (result.error) return "ERROR: " + result.error->message;
  return dump(*result.file, positions);
}

// What CPython prints for the syntax error in `source` (file named x.py), or
// "OK" when it parses.
inline std::string error_of(const std::string& source) {
  ParseResult result = try_parse_file("x.py", source);
  if (!result.error) return "OK";
  return format_syntax_error(*result.error);
}

} // namespace bwhop::lang::testing
