#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <regex>

#include "core/harness/color.h"
#include "core/harness/commands.h"
#include "core/harness/golden_store.h"
#include "core/harness/report.h"
#include "core/harness/scenario.h"
#include "core/harness/verdict.h"
#include "core/harness/worker_pool.h"

namespace bwhop::harness {

namespace {

Paint status_paint(Status s) {
  switch (s) {
  case Status::pass:
    return Paint::green;
  case Status::fail:
    return Paint::red;
  case Status::error:
    return Paint::yellow;
  }
  return Paint::bold;
}

std::string status_line(const Verdict& v, std::size_t name_width, bool color) {
  char time[32];
  std::snprintf(time, sizeof time, "%7.3fs", v.run.seconds);
  std::string word = status_word(v.status);
  word.resize(5, ' ');
  std::string name = v.name;
  if (name.size() < name_width) name.resize(name_width, ' ');
  std::string line = paint(word, status_paint(v.status), color) + " " + name + " " + time;
  if (!v.message.empty()) line += "  " + v.message;
  return line;
}

void write_report(const std::string& path, const std::string& text, std::ostream& err) {
  try {
    write_file_atomically(path, text);
  } catch (const std::exception& e) {
    err << "bwhop check: " << e.what() << '\n';
  }
}

} // namespace

int check_command(const CommandContext& ctx, const CheckOptions& options) {
  std::regex filter;
  try {
    if (!options.filter.empty()) filter = std::regex(options.filter, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw UsageError("--filter '" + options.filter + "' is not a valid regex: " + e.what());
  }
  auto matches = [&](const std::string& name) {
    return options.filter.empty() || std::regex_search(name, filter);
  };

  const auto start = std::chrono::steady_clock::now();
  const auto all = discover_scenarios(ctx.paths.scenarios);
  std::vector<Scenario> selected;
  std::copy_if(all.begin(), all.end(), std::back_inserter(selected),
               [&](const Scenario& s) { return matches(s.name); });
  const GoldenStore goldens(ctx.paths.golden);
  std::vector<std::filesystem::path> scripts;
  std::size_t width = 0;
  for (const Scenario& s : selected) {
    scripts.push_back(s.path);
    width = std::max(width, std::min<std::size_t>(s.name.size(), 40));
  }

  std::ostream& out = *ctx.out;
  CheckReport report;
  report.verdicts.reserve(selected.size());
  run_isolated(scripts, *ctx.runner, {ctx.jobs, ctx.timeout_seconds},
               [&](std::size_t i, RunResult run) {
                 Verdict v = judge(selected[i], std::move(run), goldens);
                 v.dump.clear(); // not needed any more; keeps memory flat
                 out << status_line(v, width, ctx.color) << '\n';
                 out.flush();
                 report.verdicts.push_back(std::move(v));
               });
  for (const std::string& g : goldens.names())
    if (!find_scenario(all, g) && matches(g)) report.stale_goldens.push_back(g);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Details after the one-line summaries, so the overview stays compact.
  for (const Verdict& v : report.verdicts) {
    if (v.status == Status::pass || v.missing_golden) continue;
    out << '\n'
        << paint(status_word(v.status), status_paint(v.status), ctx.color) << ' ' << v.name << ": "
        << v.message << '\n';
    if (v.status == Status::fail) {
      out << colorize_diff(v.diff, ctx.color);
    } else {
      if (!v.run.err.empty()) out << tail_lines(v.run.err, 40);
    }
  }
  bool noted = false;
  for (const Verdict& v : report.verdicts) {
    if (!v.missing_golden) continue;
    out << (noted ? "" : "\n") << "note: scenario " << v.name
        << " has no golden; create it with: bwhop accept " << v.name << '\n';
    noted = true;
  }
  for (const std::string& g : report.stale_goldens) {
    out << (noted ? "" : "\n") << "note: stale golden " << goldens.path_of(g).string()
        << ": no scenario " << g << ".py produces it; delete it or restore the scenario\n";
    noted = true;
  }
  if (!options.json_path.empty()) write_report(options.json_path, report_json(report), *ctx.err);
  if (!options.junit_path.empty()) write_report(options.junit_path, report_junit(report), *ctx.err);
  out << report.passed() << " passed, " << report.failed() << " failed\n";
  return report.failed() ? kExitFailed : kExitOk;
}

} // namespace bwhop::harness
