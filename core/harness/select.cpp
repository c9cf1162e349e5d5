#include <algorithm>
#include <filesystem>

#include "core/harness/commands.h"
#include "core/harness/scenario.h"
#include "core/harness/suggest.h"

namespace bwhop::harness {

std::vector<Scenario> select_scenarios(const std::vector<Scenario>& scenarios,
                                       const std::vector<std::string>& names) {
  std::vector<Scenario> selected;
  std::vector<std::string> known;
  known.reserve(scenarios.size());
  for (const Scenario& s : scenarios) known.push_back(s.name);
  for (const std::string& given : names) {
    // "scenarios/hello.py" names the scenario "hello", for shell completion.
    const std::string name =
        given.ends_with(".py") ? std::filesystem::path(given).stem().string() : given;
    const auto found = find_scenario(scenarios, name);
    if (!found) {
      std::string message = "unknown scenario '" + name + "'";
      const auto closest = closest_names(name, known);
      if (closest.empty()) {
        message += " (there are no scenarios)";
      } else {
        message += "; closest:";
        for (std::size_t i = 0; i < closest.size(); ++i) message += (i ? ", " : " ") + closest[i];
      }
      throw UsageError(message);
    }
    const bool seen = std::any_of(selected.begin(), selected.end(),
                                  [&](const Scenario& s) { return s.name == name; });
    if (!seen) selected.push_back(*found);
  }
  return selected;
}

} // namespace bwhop::harness
