// Running one scenario: a ScenarioRunner executes a script, writing to the
// streams it is given and recording artifacts into the current ArtifactLog;
// run_in_process wraps it to capture everything into a RunResult.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/common/artifacts.h"

namespace bwhop::harness {

// What executes a scenario script. The CLI uses ScriptRunner (the language's
// interpreter); unit tests substitute fakes.
class ScenarioRunner {
public:
  virtual ~ScenarioRunner() = default;
  // Runs `script`; returns its exit status like python3 (0 = success).
  virtual int run(const std::filesystem::path& script, std::ostream& out,
                  std::ostream& err) const = 0;
};

// Runs scripts with bwhop::lang::run_file.
class ScriptRunner final : public ScenarioRunner {
public:
  int run(const std::filesystem::path& script, std::ostream& out, std::ostream& err) const override;
};

struct RunResult {
  int exit_status = 0;
  std::string out;                         // what the script printed to stdout
  std::string err;                         // what it printed to stderr (tracebacks included)
  std::vector<common::Artifact> artifacts; // in the order they were recorded
  std::string failure; // set when the run did not end normally: C++ error, crash, timeout
  double seconds = 0;  // wall time

  // A run is good when the script ended normally with status 0; only good
  // runs are compared with goldens or accepted.
  bool good() const { return exit_status == 0 && failure.empty(); }
  // One line saying why a run is not good ("exit status 1", "timed out ...").
  std::string problem() const;
};

// Runs the script in this process with an ArtifactLog installed and the
// streams captured. C++ exceptions escaping the runner become `failure`.
RunResult run_in_process(const ScenarioRunner& runner, const std::filesystem::path& script);

} // namespace bwhop::harness
