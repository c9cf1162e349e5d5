#include "core/harness/report.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace bwhop::harness {

std::size_t CheckReport::passed() const {
  return static_cast<std::size_t>(std::count_if(
      verdicts.begin(), verdicts.end(), [](const Verdict& v) { return v.status == Status::pass; }));
}

std::size_t CheckReport::failed() const {
  return verdicts.size() - passed();
}

std::string report_json(const CheckReport& report) {
  nlohmann::ordered_json j;
  j["passed"] = report.passed();
  j["failed"] = report.failed();
  j["seconds"] = report.seconds;
  j["scenarios"] = nlohmann::ordered_json::array();
  std::vector<std::string> missing;
  for (const Verdict& v : report.verdicts) {
    nlohmann::ordered_json s;
    s["name"] = v.name;
    s["status"] = status_word(v.status);
    s["seconds"] = v.run.seconds;
    s["message"] = v.message;
    s["diff"] = v.diff;
    s["stderr"] = v.run.err;
    j["scenarios"].push_back(std::move(s));
    if (v.missing_golden) missing.push_back(v.name);
  }
  j["missing_goldens"] = missing;
  j["stale_goldens"] = report.stale_goldens;
  // Scripts may print bytes that are not UTF-8; replace them rather than fail.
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      // XML 1.0 forbids most control characters, even escaped.
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
        out += "?";
      else
        out += c;
    }
  }
  return out;
}

namespace {

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

} // namespace

std::string report_junit(const CheckReport& report) {
  std::size_t failures = 0, errors = 0;
  for (const Verdict& v : report.verdicts) {
    if (v.status == Status::fail) ++failures;
    if (v.status == Status::error) ++errors;
  }
  const std::string counts = "tests=\"" + std::to_string(report.verdicts.size()) +
                             "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
                             std::to_string(errors) + "\" time=\"" + seconds_text(report.seconds) +
                             "\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites " + counts + ">\n";
  out += "  <testsuite name=\"bwhop.scenarios\" " + counts + " skipped=\"0\">\n";
  for (const Verdict& v : report.verdicts) {
    out += "    <testcase classname=\"scenarios\" name=\"" + xml_escape(v.name) + "\" time=\"" +
           seconds_text(v.run.seconds) + "\"";
    if (v.status == Status::pass) {
      out += "/>\n";
      continue;
    }
    const char* tag = v.status == Status::fail ? "failure" : "error";
    const std::string& body = v.status == Status::fail ? v.diff : v.run.err;
    out += ">\n      <" + std::string(tag) + " message=\"" + xml_escape(v.message) + "\">" +
           xml_escape(body) + "</" + tag + ">\n    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

} // namespace bwhop::harness
