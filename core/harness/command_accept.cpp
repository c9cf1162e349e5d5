#include <algorithm>
#include <ostream>

#include "core/harness/color.h"
#include "core/harness/commands.h"
#include "core/harness/diff.h"
#include "core/harness/dump.h"
#include "core/harness/golden_store.h"
#include "core/harness/scenario.h"
#include "core/harness/verdict.h"
#include "core/harness/worker_pool.h"

namespace bwhop::harness {

namespace {

// "+a -r lines": how many lines the new golden adds and removes.
std::string change_summary(std::string_view old_text, std::string_view new_text) {
  std::size_t added = 0, removed = 0;
  for (const Edit& e : diff_lines(split_lines(old_text), split_lines(new_text))) {
    if (e.kind == EditKind::insert) ++added;
    if (e.kind == EditKind::remove) ++removed;
  }
  return "+" + std::to_string(added) + " -" + std::to_string(removed) + " lines";
}

std::string line_count(std::string_view text) {
  const std::size_t n = split_lines(text).size();
  return std::to_string(n) + (n == 1 ? " line" : " lines");
}

} // namespace

int accept_command(const CommandContext& ctx, const std::vector<std::string>& names, bool all) {
  if (all == !names.empty())
    throw UsageError(all ? "give either scenario names or --all, not both"
                         : "name the scenarios to accept, or pass --all");
  if (ctx.ci)
    throw UsageError("refusing to write goldens: the CI environment variable is set "
                     "(goldens are regenerated on a developer machine and reviewed)");
  const auto scenarios = discover_scenarios(ctx.paths.scenarios);
  const auto selected = all ? scenarios : select_scenarios(scenarios, names);
  const GoldenStore goldens(ctx.paths.golden);
  std::vector<std::filesystem::path> scripts;
  for (const Scenario& s : selected) scripts.push_back(s.path);

  std::size_t created = 0, updated = 0, unchanged = 0, refused = 0;
  std::ostream& out = *ctx.out;
  run_isolated(scripts, *ctx.runner, {ctx.jobs, ctx.timeout_seconds},
               [&](std::size_t i, RunResult run) {
                 const Scenario& s = selected[i];
                 const std::string path = goldens.path_of(s.name).string();
                 if (!run.good()) {
                   ++refused;
                   out << paint("refused", Paint::red, ctx.color) << "   " << s.name << ": "
                       << run.problem() << "; " << path << " left as it was\n";
                   if (!run.err.empty()) *ctx.err << tail_lines(run.err, 40);
                   return;
                 }
                 const std::string dump = render_dump(run.out, run.artifacts);
                 const auto old = goldens.read(s.name);
                 try {
                   switch (goldens.write(s.name, dump)) {
                   case GoldenStore::WriteOutcome::created:
                     ++created;
                     out << paint("created", Paint::green, ctx.color) << "   " << path << " ("
                         << line_count(dump) << ")\n";
                     break;
                   case GoldenStore::WriteOutcome::updated:
                     ++updated;
                     out << paint("updated", Paint::yellow, ctx.color) << "   " << path << " ("
                         << change_summary(*old, dump) << ")\n";
                     break;
                   case GoldenStore::WriteOutcome::unchanged:
                     ++unchanged;
                     out << "unchanged " << path << '\n';
                     break;
                   }
                 } catch (const std::exception& e) {
                   ++refused;
                   out << paint("failed", Paint::red, ctx.color) << "    " << e.what() << '\n';
                 }
               });
  if (all) {
    for (const std::string& g : goldens.names())
      if (!find_scenario(scenarios, g))
        out << "note: stale golden " << goldens.path_of(g).string() << ": no scenario " << g
            << ".py produces it; delete it or restore the scenario\n";
  }
  out << created << " created, " << updated << " updated, " << unchanged << " unchanged, "
      << refused << " refused\n";
  return refused ? kExitFailed : kExitOk;
}

} // namespace bwhop::harness
