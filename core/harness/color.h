// Terminal colors for diffs and status words. Color is used when asked for
// ("always"), or under "auto" when stdout is a terminal and NO_COLOR is unset
// or empty (https://no-color.org).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bwhop::harness {

enum class ColorMode { automatic, always, never };

// "auto", "always" or "never"; nullopt for anything else.
std::optional<ColorMode> parse_color_mode(std::string_view text);

// Whether to color, given the mode, whether stdout is a terminal and $NO_COLOR
// (nullptr when unset).
bool use_color(ColorMode mode, bool stdout_is_terminal, const char* no_color);

enum class Paint { red, green, yellow, cyan, bold, dim };

// `text` wrapped in the ANSI sequence for `paint`, or unchanged when !enabled.
std::string paint(std::string_view text, Paint paint, bool enabled);

// A unified diff with its removed/added lines, hunk headers and file headers
// colored like git's.
std::string colorize_diff(std::string_view diff, bool enabled);

} // namespace bwhop::harness
