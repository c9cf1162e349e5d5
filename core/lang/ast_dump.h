// Renders a syntax tree in the format of CPython 3.11's `ast.dump(node)`
// (default options), so parser tests can compare against CPython itself.
#pragma once

#include <string>

#include "core/lang/ast.h"

namespace bwhop::lang {

// With `positions`, nodes that carry a location also print CPython's
// attributes, as `ast.dump(node, include_attributes=True)` does.
std::string dump(const ParsedFile& file, bool positions = false); // "Module(body=[...], ...)"
std::string dump(const Stmt* stmt, bool positions = false);
std::string dump(const Expr* expr, bool positions = false);

// Python's repr() of a float (shortest round-trip digits, "1e+16", "0.1",
// "inf", "nan") and of a str (quotes and escapes as CPython picks them).
std::string python_float_repr(double value);
std::string python_str_repr(std::string_view utf8);

} // namespace bwhop::lang
