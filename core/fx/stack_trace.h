// The one-line summary FX prints above a group of nodes in verbose code:
// `File: <file>:<line> in <function>, code: <source line>` taken from the
// innermost frame of `meta["stack_trace"]`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bwhop::fx {

// torch.fx.graph._parse_stack_trace + get_summary_str; nullopt when no line of
// the trace (scanning upwards from the second to last) is a `File "...", line N,
// in f` frame header.
std::optional<std::string> stack_trace_summary(std::string_view stack_trace);

} // namespace bwhop::fx
