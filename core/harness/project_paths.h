// Where the scenarios and goldens live. Explicit folders win; otherwise the
// project root is $BWHOP_ROOT, or the nearest folder at or above the current
// directory that holds both scenarios/ and golden/.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace bwhop::harness {

struct ProjectPaths {
  std::filesystem::path scenarios;
  std::filesystem::path golden;
};

// The nearest folder at or above `start` holding scenarios/ and golden/.
std::optional<std::filesystem::path> find_project_root(const std::filesystem::path& start);

// Resolves the two folders. `scenarios_dir` / `golden_dir` are the command
// line's values (empty when not given); `bwhop_root` is $BWHOP_ROOT (empty when
// unset). Folders derived from the root are made relative to `cwd` when
// possible. Throws std::runtime_error, saying what to pass, when no root is found.
ProjectPaths resolve_project_paths(const std::string& scenarios_dir, const std::string& golden_dir,
                                   const std::string& bwhop_root, const std::filesystem::path& cwd);

} // namespace bwhop::harness
