// Artifacts: named pieces of text (graphs, guards, generated code) that the
// engine produces while a script runs, like PyTorch's TORCH_LOGS artifacts.
// Engine layers record into the current log; the harness installs one log per
// scenario run and reads it back to build the scenario's dump.
#pragma once

#include <string>
#include <vector>

namespace bwhop::common {

struct Artifact {
  std::string name; // artifact kind, as TORCH_LOGS names it: graph_code, aot_graphs, ...
  std::string text; // the artifact's content, already normalized by its producer
};

class ArtifactLog {
public:
  void record(std::string name, std::string text);
  const std::vector<Artifact>& entries() const { return entries_; }
  void clear() { entries_.clear(); }

private:
  std::vector<Artifact> entries_;
};

// The log recording on this thread, or nullptr when nobody is collecting.
ArtifactLog* current_artifact_log();

// Records into the current log; does nothing when there is none.
void record_artifact(std::string name, std::string text);

// Makes `log` the current log for this thread for the scope's lifetime.
class ScopedArtifactLog {
public:
  explicit ScopedArtifactLog(ArtifactLog& log);
  ~ScopedArtifactLog();
  ScopedArtifactLog(const ScopedArtifactLog&) = delete;
  ScopedArtifactLog& operator=(const ScopedArtifactLog&) = delete;

private:
  ArtifactLog* previous_;
};

} // namespace bwhop::common
