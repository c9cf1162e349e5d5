// The harness commands behind `bwhop list|run|accept|check|exec`. The CLI
// parses options and calls these; each returns the process exit status:
// 0 success, 1 failures (a differing dump, a failed scenario, a refused
// accept), 2 usage errors (unknown scenario, bad folder, CI forbids writing).
#pragma once

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/harness/project_paths.h"
#include "core/harness/runner.h"
#include "core/harness/scenario.h"

namespace bwhop::harness {

enum ExitCode { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

// A mistake in how a command was called; reported with exit status 2.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct CommandContext {
  ProjectPaths paths;
  const ScenarioRunner* runner = nullptr;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  bool color = false;
  unsigned jobs = 0;           // parallel workers; 0 = one per CPU
  double timeout_seconds = 60; // per scenario; 0 = none
  bool ci = false;             // the CI environment variable is set
};

// `bwhop list`: one line per scenario, its name and docstring summary.
int list_command(const CommandContext& ctx);

// `bwhop run`: runs the named scenarios, prints each dump (only the sections
// of the given kinds when `artifacts` is not empty) and its diff to the golden.
int run_command(const CommandContext& ctx, const std::vector<std::string>& names,
                const std::vector<std::string>& artifacts);

// `bwhop accept`: writes the dumps of the named scenarios (all when `all`) as
// their goldens, atomically, only when changed and only from good runs.
int accept_command(const CommandContext& ctx, const std::vector<std::string>& names, bool all);

struct CheckOptions {
  std::string filter;     // ECMAScript regex searched in scenario names; empty = all
  std::string json_path;  // write a JSON report here when not empty
  std::string junit_path; // write a JUnit XML report here when not empty
};

// `bwhop check`: the regression gate over every scenario.
int check_command(const CommandContext& ctx, const CheckOptions& options);

// `bwhop exec`: runs a script like `python3 FILE ARGS...` on this process's
// stdout and stderr, returning its exit status.
int exec_command(const std::string& path, const std::vector<std::string>& args);

// The scenarios called `names` (duplicates dropped, order kept). Throws
// UsageError for an unknown name, listing the closest known names.
std::vector<Scenario> select_scenarios(const std::vector<Scenario>& scenarios,
                                       const std::vector<std::string>& names);

} // namespace bwhop::harness
