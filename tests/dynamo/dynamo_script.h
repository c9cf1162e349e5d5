// Runs a script with torch and torch.compile installed, collecting its stdout,
// stderr, exit status and the artifacts it recorded.
#pragma once

#include <string>

#include "core/dynamo/install.h"
#include "core/torch/install.h"
#include "tests/common/script_run.h"

namespace bwhop::dynamo::testing {

using ScriptResult = bwhop::testing::ScriptRun;

inline ScriptResult run_script(const std::string& source) {
  torchmod::install();
  dynamo::install();
  return bwhop::testing::run_script_source(source, "test.py");
}

// Text after the artifact's header line.
inline std::string body_of(const std::string& artifact) {
  return artifact.substr(artifact.find('\n') + 1);
}

} // namespace bwhop::dynamo::testing
