#include "core/common/artifacts.h"

#include <utility>

namespace bwhop::common {

namespace {
thread_local ArtifactLog* current_log = nullptr;
}

void ArtifactLog::record(std::string name, std::string text) {
  entries_.push_back(Artifact{std::move(name), std::move(text)});
}

ArtifactLog* current_artifact_log() {
  return current_log;
}

void record_artifact(std::string name, std::string text) {
  if (current_log) current_log->record(std::move(name), std::move(text));
}

ScopedArtifactLog::ScopedArtifactLog(ArtifactLog& log) : previous_(current_log) {
  current_log = &log;
}

ScopedArtifactLog::~ScopedArtifactLog() {
  current_log = previous_;
}

} // namespace bwhop::common
