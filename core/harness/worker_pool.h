// Runs scenarios in forked worker processes, several at once, so that a
// scenario that crashes, exits the process or hangs cannot take the harness
// down, and each scenario starts from the same fresh interpreter state.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/harness/runner.h"

namespace bwhop::harness {

struct PoolOptions {
  unsigned jobs = 0;           // workers at once; 0 = one per CPU
  double timeout_seconds = 60; // per scenario; 0 = no limit
};

// Runs every script, each in its own forked process, and calls
// on_done(index, result) once per script in index order (a result is held
// back until all earlier ones are reported). A worker killed by a signal or
// by the timeout yields a result whose `failure` says so.
void run_isolated(const std::vector<std::filesystem::path>& scripts, const ScenarioRunner& runner,
                  const PoolOptions& options,
                  const std::function<void(std::size_t, RunResult)>& on_done);

// Encodes / decodes a RunResult for the trip from worker to parent.
std::string encode_result(const RunResult& result);
bool decode_result(std::string_view bytes, RunResult& result);

} // namespace bwhop::harness
