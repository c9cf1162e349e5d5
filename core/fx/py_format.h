// Python's textual conventions that FX output depends on: repr() of floats and
// strings, identifier checks, and the snake-casing FX applies to target names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bwhop::fx {

// repr(float): shortest round-trip digits, scientific below 1e-4 and from 1e16
// (`1e-05`, `1e+16`), `inf`, `-inf`, `nan`, `-0.0`, `1.0`.
void append_py_float(std::string& out, double value);
std::string py_float_repr(double value);

// repr(str): single quotes unless the text has ' and no ", escapes \\ \n \r \t
// and other control characters as Python does.
void append_py_str_repr(std::string& out, std::string_view text);
std::string py_str_repr(std::string_view text);

void append_int(std::string& out, int64_t value);

// str.isidentifier() for ASCII identifiers (non-ASCII bytes count as letters).
bool is_py_identifier(std::string_view text);

// torch.fx.graph._snake_case: `_` before an uppercase ASCII letter that follows a
// lowercase one, then lowercase everything (`fooBar` -> `foo_bar`, `L_x_` -> `l_x_`).
std::string snake_case(std::string_view text);

} // namespace bwhop::fx
