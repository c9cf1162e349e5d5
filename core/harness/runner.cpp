#include "core/harness/runner.h"

#include <chrono>
#include <exception>
#include <sstream>

#include "core/lang/run.h"

namespace bwhop::harness {

int ScriptRunner::run(const std::filesystem::path& script, std::ostream& out,
                      std::ostream& err) const {
  lang::RunOptions options;
  options.path = script.string();
  options.out = &out;
  options.err = &err;
  return lang::run_file(options);
}

std::string RunResult::problem() const {
  if (!failure.empty()) return failure;
  if (exit_status != 0) return "exit status " + std::to_string(exit_status);
  return {};
}

RunResult run_in_process(const ScenarioRunner& runner, const std::filesystem::path& script) {
  RunResult result;
  const auto start = std::chrono::steady_clock::now();
  std::ostringstream out, err;
  common::ArtifactLog log;
  {
    common::ScopedArtifactLog scope(log);
    try {
      result.exit_status = runner.run(script, out, err);
    } catch (const std::exception& e) {
      result.failure = std::string("internal error: ") + e.what();
    } catch (...) {
      result.failure = "internal error: unknown exception";
    }
  }
  result.out = std::move(out).str();
  result.err = std::move(err).str();
  result.artifacts = log.entries();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

} // namespace bwhop::harness
