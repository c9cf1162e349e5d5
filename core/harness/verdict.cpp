#include "core/harness/verdict.h"

#include <algorithm>

#include "core/harness/diff.h"
#include "core/harness/dump.h"

namespace bwhop::harness {

const char* status_word(Status status) {
  switch (status) {
  case Status::pass:
    return "PASS";
  case Status::fail:
    return "FAIL";
  case Status::error:
    return "ERROR";
  }
  return "?";
}

namespace {

std::string without_carriage_returns_before_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out += text[i];
  return out;
}

} // namespace

std::string describe_difference(std::string_view golden, std::string_view dump,
                                const std::string& golden_label, const std::string& dump_label) {
  if (golden == dump) return {};
  if (golden.find('\r') != std::string_view::npos &&
      without_carriage_returns_before_newlines(golden) == dump)
    return golden_label + " has CRLF (\\r\\n) line endings; the dump uses LF and is otherwise "
                          "identical\n";
  std::string diff = unified_diff(golden, dump, {golden_label, dump_label, 3});
  if (diff.find("^M\n") != std::string::npos)
    diff += "(^M marks a carriage return: CRLF line endings)\n";
  return diff;
}

Verdict judge(const Scenario& scenario, RunResult run, const GoldenStore& goldens) {
  Verdict v;
  v.name = scenario.name;
  if (!run.good()) {
    v.status = Status::error;
    v.message = run.problem();
    v.run = std::move(run);
    return v;
  }
  v.dump = render_dump(run.out, run.artifacts);
  const std::string golden_path = goldens.path_of(scenario.name).string();
  const auto golden = goldens.read(scenario.name);
  if (!golden) {
    v.status = Status::fail;
    v.missing_golden = true;
    v.message = "no golden " + golden_path;
  } else if (*golden != v.dump) {
    v.status = Status::fail;
    v.message = "dump differs from " + golden_path;
    v.diff = describe_difference(*golden, v.dump, golden_path, scenario.name + " (this run)");
  }
  v.run = std::move(run);
  return v;
}

std::string tail_lines(std::string_view text, std::size_t max_lines) {
  std::size_t lines = std::count(text.begin(), text.end(), '\n');
  if (!text.empty() && text.back() != '\n') ++lines;
  if (lines <= max_lines) return std::string(text);
  std::size_t pos = text.size();
  if (text.back() == '\n') --pos;
  for (std::size_t kept = 0; kept < max_lines; ++kept) pos = text.rfind('\n', pos - 1);
  return "(" + std::to_string(lines - max_lines) + " earlier lines left out)\n" +
         std::string(text.substr(pos + 1));
}

} // namespace bwhop::harness
