// Inline expected strings waiting to be accepted: assertExpectedInline records
// each mismatch (file, call line, new text) during a run; flush() rewrites the
// literals of each file in one atomic write once its tests have run.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bwhop::unittest {

struct PendingAccept {
  std::string path;    // the test file
  int call_line = 0;   // line where the assertExpectedInline call starts
  std::string actual;  // the new expected text
  std::string test_id; // for messages
};

class AcceptStore {
public:
  // Accept mode: --accept or EXPECTTEST_ACCEPT=1, and CI not set.
  bool enabled = false;
  // CI is set while accepting was asked for: mismatches fail and say why.
  bool refused_by_ci = false;

  void record(PendingAccept pending);
  // Rewrites every recorded literal, file by file; reports each file (or why
  // a literal could not be rewritten) on `out`. Returns false when any failed.
  bool flush(std::ostream& out);

private:
  std::vector<PendingAccept> pending_;
};

// The process-wide store shared by the runner and `_bwhop_unittest`.
AcceptStore& accept_store();

} // namespace bwhop::unittest
