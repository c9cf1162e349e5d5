// Machine-readable results of `bwhop check`: JSON (our own schema, below) and
// JUnit XML (the dialect CI systems read: <testsuites><testsuite><testcase>).
//
// JSON: {"passed": N, "failed": M,
//        "scenarios": [{"name", "status": "PASS"|"FAIL"|"ERROR", "seconds",
//                       "message", "diff", "stderr"}, ...],
//        "missing_goldens": [name, ...], "stale_goldens": [name, ...]}
#pragma once

#include <string>
#include <vector>

#include "core/harness/verdict.h"

namespace bwhop::harness {

struct CheckReport {
  std::vector<Verdict> verdicts; // in scenario order
  std::vector<std::string> stale_goldens;
  double seconds = 0;

  std::size_t passed() const;
  std::size_t failed() const; // FAIL and ERROR
};

std::string report_json(const CheckReport& report);
std::string report_junit(const CheckReport& report);

// `text` made safe for XML character data and attribute values.
std::string xml_escape(std::string_view text);

} // namespace bwhop::harness
