// Runs a script with torch and torch.compile installed, collecting its stdout,
// stderr, exit status and the artifacts it recorded.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "core/common/artifacts.h"
#include "core/dynamo/install.h"
#include "core/lang/run.h"
#include "core/torch/install.h"

namespace bwhop::dynamo::testing {

struct ScriptResult {
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

inline ScriptResult run_script(const std::string& source) {
  torchmod::install();
  dynamo::install();
  std::ostringstream out, err;
  lang::RunOptions options;
  options.path = "test.py";
  options.out = &out;
  options.err = &err;
  common::ArtifactLog log;
  ScriptResult r;
  {
    common::ScopedArtifactLog scope(log);
    r.status = lang::run_source(options, source);
  }
  r.out = out.str();
  r.err = err.str();
  r.artifacts = log.entries();
  return r;
}

// Text after the artifact's header line.
inline std::string body_of(const std::string& artifact) {
  return artifact.substr(artifact.find('\n') + 1);
}

} // namespace bwhop::dynamo::testing
