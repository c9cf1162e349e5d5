// A ScenarioRunner for unit tests: runs a C++ function chosen by the
// script's file name instead of interpreting the script.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/harness/runner.h"

namespace bwhop::harness::testing {

class FakeRunner final : public ScenarioRunner {
public:
  using Script = std::function<int(std::ostream& out, std::ostream& err)>;

  std::map<std::string, Script> scripts; // by scenario name (file stem)

  int run(const std::filesystem::path& script, std::ostream& out,
          std::ostream& err) const override {
    const auto found = scripts.find(script.stem().string());
    if (found == scripts.end()) {
      err << "fake runner: no script for " << script << "\n";
      return 1;
    }
    return found->second(out, err);
  }
};

} // namespace bwhop::harness::testing
