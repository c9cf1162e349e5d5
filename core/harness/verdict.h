// Judging a run against its golden: PASS when the dump equals the golden byte
// for byte, FAIL when it differs or there is no golden, ERROR when the run
// itself was not good (non-zero exit status, uncaught error, crash, timeout).
#pragma once

#include <optional>
#include <string>

#include "core/harness/golden_store.h"
#include "core/harness/runner.h"
#include "core/harness/scenario.h"

namespace bwhop::harness {

enum class Status { pass, fail, error };

// "PASS", "FAIL" or "ERROR".
const char* status_word(Status status);

struct Verdict {
  std::string name;
  Status status = Status::pass;
  bool missing_golden = false;
  std::string message; // one line: why it failed or errored; empty on PASS
  std::string dump;    // the run's dump (good runs only)
  std::string diff;    // golden -> dump, for a FAIL against an existing golden
  RunResult run;
};

// Compares the run's dump with the stored golden.
Verdict judge(const Scenario& scenario, RunResult run, const GoldenStore& goldens);

// Explains how `dump` differs from `golden`: a unified diff, or one line when
// they differ only by CRLF line endings in the golden.
std::string describe_difference(std::string_view golden, std::string_view dump,
                                const std::string& golden_label, const std::string& dump_label);

// The last `max_lines` lines of `text`, preceded by a line saying how many
// were left out.
std::string tail_lines(std::string_view text, std::size_t max_lines);

} // namespace bwhop::harness
