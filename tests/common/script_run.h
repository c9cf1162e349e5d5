// Runs a script through the interpreter for a unit test, collecting its exit
// status, stdout, stderr and the artifacts it recorded. Callers install the
// modules their layer provides first (torch, dynamo, compiled autograd).
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "core/common/artifacts.h"
#include "core/lang/run.h"

namespace bwhop::testing {

struct ScriptRun {
  int status = 0;
  std::string out, err;
  std::vector<common::Artifact> artifacts;

  // The texts of every artifact called `name`, in order.
  std::vector<std::string> artifact(const std::string& name) const {
    std::vector<std::string> texts;
    for (const auto& a : artifacts)
      if (a.name == name) texts.push_back(a.text);
    return texts;
  }
};

// `path` is the file name tracebacks and stack traces show.
inline ScriptRun run_script_source(const std::string& source, const std::string& path) {
  std::ostringstream out, err;
  lang::RunOptions options;
  options.path = path;
  options.out = &out;
  options.err = &err;
  common::ArtifactLog log;
  ScriptRun r;
  {
    common::ScopedArtifactLog scope(log);
    r.status = lang::run_source(options, source);
  }
  r.out = out.str();
  r.err = err.str();
  r.artifacts = log.entries();
  return r;
}

} // namespace bwhop::testing
