// Parser for the scenario language: Python 3.11's grammar, restricted to the
// subset bwhop runs, producing the AST of ast.h.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/lang/ast.h"
#include "core/lang/syntax_error.h"

namespace bwhop::lang {

// Parses a whole file. `path` is used in error messages and kept in the
// result. Line endings are normalized to '\n'. Throws SyntaxError (kinds
// SyntaxError, IndentationError, TabError, RecursionError) on bad input,
// choosing the same error CPython 3.11 would report for the common cases.
std::shared_ptr<ParsedFile> parse_file(std::string path, std::string source);

// The same, reporting the error as a value instead of throwing.
struct ParseResult {
  std::shared_ptr<ParsedFile> file; // null when `error` is set
  std::optional<SyntaxError> error;
};
ParseResult try_parse_file(std::string path, std::string source);

// Limits (as CPython's, where it has one).
inline constexpr int kMaxParserRecursion = 2000; // nested unary ops, lambdas, ...
inline constexpr int kMaxAstDepth = 2500;        // deepest node chain in one statement

} // namespace bwhop::lang
