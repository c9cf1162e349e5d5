// A scenario's dump: the text stored as its golden. It reads top to bottom as
// the story of the run: what the script printed, then every artifact the
// engine recorded, in the order it was recorded.
//
//   === stdout ===
//   <everything the script printed to stdout>
//   === graph_code #1 ===
//   <text of the first graph_code artifact>
//   === aot_graphs #1 ===
//   <text of the first aot_graphs artifact>
//   === graph_code #2 ===
//   ...
//
// A section header is a line "=== <kind> ===" for stdout and
// "=== <kind> #<n> ===" for artifacts, n counting artifacts of that kind from 1.
// Every section body ends with a newline; when the original text did not, the
// line "\ No newline at end of section" follows it, so the difference is never
// lost. stderr is not part of the dump.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/artifacts.h"

namespace bwhop::harness {

inline constexpr std::string_view kStdoutSection = "stdout";
inline constexpr std::string_view kNoNewlineMarker = "\\ No newline at end of section";

std::string render_dump(std::string_view out, const std::vector<common::Artifact>& artifacts);

struct DumpSection {
  std::string kind;   // "stdout", "graph_code", ...
  std::string header; // the whole header line without its newline
  std::string body;   // the section's lines, as rendered
};

// Splits a dump into sections. Text before the first header (only in a
// hand-edited golden) becomes a section with an empty kind.
std::vector<DumpSection> parse_dump(std::string_view dump);

// The dump restricted to the sections whose kind is in `kinds`.
std::string select_sections(std::string_view dump, const std::vector<std::string>& kinds);

} // namespace bwhop::harness
