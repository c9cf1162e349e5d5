// torch._dynamo.testing.normalize_gm: drop comment-only lines (`^ *#.*\n?`),
// strip trailing whitespace from every line.
#pragma once

#include <string>
#include <string_view>

namespace bwhop::fx {

std::string normalize_gm(std::string_view text);

} // namespace bwhop::fx
