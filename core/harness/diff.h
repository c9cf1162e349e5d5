// Line diff: Myers' O(ND) algorithm (linear-space "middle snake" variant) and
// `diff -u` style rendering with context lines.
//
// Lines are compared together with their terminator, so "x\n" and "x" differ
// (rendered with GNU diff's "\ No newline at end of file" marker) and so do
// "x\r\n" and "x\n" (the carriage return is shown as ^M).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bwhop::harness {

// Splits text into lines, each keeping its '\n' (the last one may lack it).
std::vector<std::string_view> split_lines(std::string_view text);

enum class EditKind { keep, remove, insert };

struct Edit {
  EditKind kind;
  std::size_t old_index; // line in the old text (for keep/remove)
  std::size_t new_index; // line in the new text (for keep/insert)
};

// A shortest edit script turning `old_lines` into `new_lines`, in order;
// within one change, removals come before insertions.
std::vector<Edit> diff_lines(const std::vector<std::string_view>& old_lines,
                             const std::vector<std::string_view>& new_lines);

struct DiffOptions {
  std::string old_label = "a";
  std::string new_label = "b";
  std::size_t context = 3;
};

// The unified diff of two texts (`---`/`+++` header, `@@` hunks), or an empty
// string when they are byte-for-byte equal.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const DiffOptions& options = {});

} // namespace bwhop::harness
