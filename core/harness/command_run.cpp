#include <algorithm>
#include <ostream>
#include <set>

#include "core/harness/color.h"
#include "core/harness/commands.h"
#include "core/harness/dump.h"
#include "core/harness/golden_store.h"
#include "core/harness/scenario.h"
#include "core/harness/verdict.h"
#include "core/harness/worker_pool.h"

namespace bwhop::harness {

namespace {

std::string kinds_in(std::string_view dump) {
  std::set<std::string> kinds;
  for (const DumpSection& s : parse_dump(dump))
    if (!s.kind.empty()) kinds.insert(s.kind);
  std::string out;
  for (const std::string& k : kinds) out += (out.empty() ? "" : ", ") + k;
  return out;
}

// Prints one scenario's dump, its diff and a closing status line; returns
// whether it matched its golden.
bool report_run(const CommandContext& ctx, const Scenario& scenario, const Verdict& v,
                const GoldenStore& goldens, const std::vector<std::string>& artifacts) {
  std::ostream& out = *ctx.out;
  const std::string golden_path = goldens.path_of(scenario.name).string();
  const std::string name = paint(scenario.name, Paint::bold, ctx.color);
  // The script's own stderr (a traceback, warnings) goes to ours, after what
  // it printed to stdout.
  auto show_stderr = [&] {
    out.flush();
    *ctx.err << v.run.err;
    ctx.err->flush();
  };
  if (v.status == Status::error) {
    out << v.run.out;
    show_stderr();
    out << name << ": " << paint("ERROR", Paint::red, ctx.color) << " " << v.message
        << " (no dump; the golden is not compared)\n";
    return false;
  }
  show_stderr();
  const bool filtered = !artifacts.empty();
  const std::string shown = filtered ? select_sections(v.dump, artifacts) : v.dump;
  out << shown;
  if (filtered && shown.empty())
    out << name << ": no sections of the selected kinds; this run has: " << kinds_in(v.dump)
        << '\n';
  if (v.missing_golden) {
    out << name << ": " << paint("FAIL", Paint::red, ctx.color) << " no golden " << golden_path
        << " yet; create it with: bwhop accept " << scenario.name << '\n';
    return false;
  }
  if (v.status == Status::pass) {
    out << name << ": " << paint("PASS", Paint::green, ctx.color) << " matches " << golden_path
        << '\n';
    return true;
  }
  const std::string golden = goldens.read(scenario.name).value_or("");
  const std::string diff = filtered
                               ? describe_difference(select_sections(golden, artifacts), shown,
                                                     golden_path, scenario.name + " (this run)")
                               : v.diff;
  out << colorize_diff(diff, ctx.color);
  out << name << ": " << paint("FAIL", Paint::red, ctx.color) << " dump differs from "
      << golden_path;
  if (filtered && diff.empty()) out << " outside the selected sections";
  out << "; if the change is intended: bwhop accept " << scenario.name << '\n';
  return false;
}

} // namespace

int run_command(const CommandContext& ctx, const std::vector<std::string>& names,
                const std::vector<std::string>& artifacts) {
  if (names.empty()) throw UsageError("name at least one scenario (see: bwhop list)");
  const auto selected = select_scenarios(discover_scenarios(ctx.paths.scenarios), names);
  const GoldenStore goldens(ctx.paths.golden);
  std::vector<std::filesystem::path> scripts;
  for (const Scenario& s : selected) scripts.push_back(s.path);
  bool all_match = true;
  run_isolated(scripts, *ctx.runner, {ctx.jobs, ctx.timeout_seconds},
               [&](std::size_t i, RunResult run) {
                 if (i > 0) *ctx.out << '\n';
                 const Verdict v = judge(selected[i], std::move(run), goldens);
                 all_match = report_run(ctx, selected[i], v, goldens, artifacts) && all_match;
                 ctx.out->flush();
               });
  return all_match ? kExitOk : kExitFailed;
}

} // namespace bwhop::harness
