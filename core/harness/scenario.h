// Scenarios: the scripts in the scenarios folder. A scenario's name is its
// file name without ".py"; files whose names start with '_' or '.' are helpers,
// not scenarios. Its description is the first line of its module docstring.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bwhop::harness {

struct Scenario {
  std::string name;
  std::filesystem::path path;
};

// The scenarios in `dir`, sorted by name. Throws std::runtime_error when `dir`
// is not a readable folder.
std::vector<Scenario> discover_scenarios(const std::filesystem::path& dir);

// The first non-blank line of the module docstring in `source`, stripped; empty
// when the module does not start with a string literal. Reads the text only:
// comments, blank lines and a leading encoding line are skipped.
std::string docstring_summary(std::string_view source);

// docstring_summary of the file's text; empty when it cannot be read.
std::string scenario_description(const Scenario& scenario);

// The scenario called `name`, if any.
std::optional<Scenario> find_scenario(const std::vector<Scenario>& scenarios,
                                      std::string_view name);

} // namespace bwhop::harness
