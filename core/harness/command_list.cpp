#include <algorithm>
#include <ostream>

#include "core/harness/commands.h"
#include "core/harness/scenario.h"

namespace bwhop::harness {

int list_command(const CommandContext& ctx) {
  const auto scenarios = discover_scenarios(ctx.paths.scenarios);
  std::size_t width = 0;
  for (const Scenario& s : scenarios) width = std::max(width, s.name.size());
  for (const Scenario& s : scenarios) {
    const std::string description = scenario_description(s);
    std::string line = s.name;
    if (!description.empty()) line += std::string(width - s.name.size() + 2, ' ') + description;
    *ctx.out << line << '\n';
  }
  if (scenarios.empty()) *ctx.err << "no scenarios in " << ctx.paths.scenarios.string() << '\n';
  return kExitOk;
}

} // namespace bwhop::harness
