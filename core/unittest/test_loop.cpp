#include "core/unittest/test_loop.h"

#include <chrono>
#include <cstdio>
#include <ostream>
#include <set>
#include <sstream>

#include "core/lang/ast.h"
#include "core/lang/interp.h"
#include "core/lang/native.h"

namespace bwhop::unittest {

namespace native = lang::native;
using lang::Value;

namespace {

enum class Status { pass, fail, error, skip, xfail, xpass };

const char* status_word(Status s) {
  switch (s) {
  case Status::pass:
    return "PASS";
  case Status::fail:
    return "FAIL";
  case Status::error:
    return "ERROR";
  case Status::skip:
    return "SKIP";
  case Status::xfail:
    return "XFAIL";
  case Status::xpass:
    return "XPASS";
  }
  return "?";
}

// Sends the script's print()/stderr output to a buffer while a test runs.
class CaptureOutput {
public:
  CaptureOutput() : saved_out_(lang::interp().out), saved_err_(lang::interp().err) {
    lang::interp().out = &buffer_;
    lang::interp().err = &buffer_;
  }
  ~CaptureOutput() {
    lang::interp().out = saved_out_;
    lang::interp().err = saved_err_;
  }
  CaptureOutput(const CaptureOutput&) = delete;
  CaptureOutput& operator=(const CaptureOutput&) = delete;
  std::string text() const { return buffer_.str(); }

private:
  std::ostringstream buffer_;
  std::ostream* saved_out_;
  std::ostream* saved_err_;
};

bool truthy_attr(const Value& obj, const char* name) {
  Value v = native::get_attr_or_null(obj, name);
  return !v.is_null() && lang::truthy(v);
}

// The test framework's own names, looked up once per module run.
struct Framework {
  Value builtins = native::import_module("builtins");
  Value isinstance = native::get_attr(builtins, "isinstance");
  Value issubclass = native::get_attr(builtins, "issubclass");
  Value type = native::get_attr(builtins, "type");
  Value test_case = native::get_attr(native::import_module("unittest"), "TestCase");
  Value skip_test = native::get_attr(native::import_module("unittest"), "SkipTest");

  bool is_test_class(const Value& v) const {
    return lang::truthy(native::call(isinstance, {v, type})) &&
           lang::truthy(native::call(issubclass, {v, test_case}));
  }
  bool is_skip(const Value& exc) const {
    return lang::truthy(native::call(isinstance, {exc, skip_test}));
  }
};

struct Outcome {
  Status status = Status::pass;
  std::string details;      // traceback(s), or the skip reason
  bool body_failed = false; // the test method itself raised (expectedFailure looks at it)
};

// Runs `step`; on a Python exception records it in `outcome` (first one wins
// the status) and returns false.
template <typename F>
bool run_step(const Framework& fw, F&& step, Outcome& outcome, bool is_test_body) {
  try {
    step();
    return true;
  } catch (lang::PyError& e) {
    if (lang::isinstance(e.exc, lang::types::KeyboardInterrupt)) throw;
    if (is_test_body) outcome.body_failed = true;
    Status s = Status::error;
    if (fw.is_skip(e.exc))
      s = Status::skip;
    else if (is_test_body && lang::isinstance(e.exc, lang::types::AssertionError))
      s = Status::fail;
    if (s == Status::skip) {
      if (outcome.status == Status::pass) {
        outcome.status = s;
        outcome.details = native::str_of(e.exc);
      }
      return false;
    }
    if (outcome.status == Status::pass || outcome.status == Status::skip) {
      outcome.status = s;
      outcome.details.clear();
    }
    outcome.details += format_exception(e.exc);
    return false;
  } catch (const std::exception& e) { // a C++ failure below the script
    outcome.status = Status::error;
    outcome.details += std::string("internal error: ") + e.what() + "\n";
    return false;
  }
}

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", ms);
  return buf;
}

void report(std::ostream& out, Status status, const std::string& id, double ms,
            const Outcome& outcome, const std::string& captured, bool verbose, Tally& tally) {
  char word[8];
  std::snprintf(word, sizeof word, "%-5s", status_word(status));
  out << word << ' ' << id << " (" << format_ms(ms) << ")";
  if (status == Status::skip && !outcome.details.empty()) out << ": " << outcome.details;
  out << '\n';
  const bool bad = status == Status::fail || status == Status::error || status == Status::xpass;
  if (bad && !outcome.details.empty()) out << outcome.details;
  if (status == Status::xpass) out << "unexpected success: the test is marked expectedFailure\n";
  if ((bad || verbose) && !captured.empty()) {
    out << "---- output of " << id << " ----\n" << captured;
    if (captured.back() != '\n') out << '\n';
    out << "----\n";
  }
  if (bad) out << '\n';
  if (status == Status::pass || status == Status::xfail)
    ++tally.passed;
  else if (status == Status::skip)
    ++tally.skipped;
  else
    ++tally.failed;
}

void run_one_test(const Framework& fw, const Value& cls, const std::string& class_name,
                  const std::string& name, const Value& method, const LoopConfig& config,
                  std::ostream& out, Tally& tally) {
  const std::string id = class_name + "." + name;
  Outcome outcome;
  const auto start = std::chrono::steady_clock::now();
  std::string captured;
  if (truthy_attr(method, "__unittest_skip__")) {
    outcome.status = Status::skip;
    outcome.details = native::str_of(native::get_attr_or_null(method, "__unittest_skip_why__"));
  } else {
    CaptureOutput capture;
    Value instance;
    if (run_step(
            fw, [&] { instance = native::call(cls, {native::make_str(name)}); }, outcome, false) &&
        run_step(
            fw, [&] { native::call(native::get_attr(instance, "setUp"), {}); }, outcome, false)) {
      run_step(
          fw, [&] { native::call(native::get_attr(instance, name), {}); }, outcome, true);
      run_step(
          fw, [&] { native::call(native::get_attr(instance, "tearDown"), {}); }, outcome, false);
    }
    captured = capture.text();
  }
  if (truthy_attr(method, "__unittest_expecting_failure__")) {
    if (outcome.body_failed && (outcome.status == Status::fail || outcome.status == Status::error))
      outcome.status = Status::xfail;
    else if (outcome.status == Status::pass)
      outcome.status = Status::xpass;
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  report(out, outcome.status, id, ms, outcome, captured, config.verbose, tally);
  if (config.fail_fast && tally.failed > 0) tally.stop = true;
}

// Every test of one class, between setUpClass and tearDownClass.
void run_class(const Framework& fw, const Value& cls, const LoopConfig& config, std::ostream& out,
               Tally& tally) {
  const std::string class_name = native::str_of(native::get_attr(cls, "__name__"));
  // Its own test methods in definition order, then inherited ones (a base
  // class's tests run for every subclass, as in unittest).
  std::vector<std::pair<std::string, Value>> tests;
  std::set<std::string> seen;
  native::for_each(native::get_attr(cls, "__mro__"), [&](const Value& klass) {
    for (auto& [key, unused] : native::dict_items(native::get_attr(klass, "__dict__"))) {
      if (!native::is_str(key)) continue;
      const std::string& name = native::as_str(key);
      if (!name.starts_with("test") || !seen.insert(name).second) continue;
      Value method = native::get_attr(cls, name); // the most derived definition
      if (!native::is_callable(method)) continue;
      if (!config.pattern.empty() &&
          (class_name + "." + name).find(config.pattern) == std::string::npos)
        continue;
      tests.emplace_back(name, method);
    }
  });
  if (tests.empty()) return;
  if (truthy_attr(cls, "__unittest_skip__")) {
    Outcome skipped{Status::skip,
                    native::str_of(native::get_attr_or_null(cls, "__unittest_skip_why__"))};
    for (auto& [name, method] : tests)
      report(out, Status::skip, class_name + "." + name, 0, skipped, "", false, tally);
    return;
  }
  Outcome class_setup;
  std::string captured;
  {
    CaptureOutput capture;
    run_step(
        fw, [&] { native::call(native::get_attr(cls, "setUpClass"), {}); }, class_setup, false);
    captured = capture.text();
  }
  if (class_setup.status != Status::pass) { // every test of the class is reported so
    for (auto& [name, method] : tests)
      report(out, class_setup.status, class_name + "." + name, 0, class_setup, captured,
             config.verbose, tally);
    return;
  }
  for (auto& [name, method] : tests) {
    if (tally.stop) break;
    run_one_test(fw, cls, class_name, name, method, config, out, tally);
  }
  Outcome class_teardown;
  {
    CaptureOutput capture;
    run_step(
        fw, [&] { native::call(native::get_attr(cls, "tearDownClass"), {}); }, class_teardown,
        false);
    captured = capture.text();
  }
  if (class_teardown.status != Status::pass)
    report(out, class_teardown.status, class_name + ".tearDownClass", 0, class_teardown, captured,
           config.verbose, tally);
}

} // namespace

std::string format_exception(const Value& exc) {
  std::ostringstream text;
  // Like unittest, a failed assertion's traceback leaves out the frames of
  // the test framework itself (library modules, "<frozen ...>").
  const bool is_failure = lang::isinstance(exc, lang::types::AssertionError);
  if (auto* e = dynamic_cast<lang::ExceptionObj*>(exc.is_obj() ? exc.obj() : nullptr)) {
    if (!e->tb.empty()) text << "Traceback (most recent call last):\n";
    for (auto it = e->tb.rbegin(); it != e->tb.rend(); ++it) {
      const std::string path = it->file ? it->file->path() : "<unknown>";
      if (is_failure && path.starts_with("<frozen ")) continue;
      text << "  File \"" << path << "\", line " << it->line << ", in " << it->func << '\n';
      if (!it->file) continue;
      std::string_view line = it->file->source_line(it->line);
      const auto first = line.find_first_not_of(" \t");
      if (first != std::string_view::npos) text << "    " << line.substr(first) << '\n';
    }
  }
  // A syntax error carries CPython's report (file, line, caret, message).
  Value report = lang::isinstance(exc, lang::types::SyntaxError)
                     ? native::get_attr_or_null(exc, "report")
                     : Value();
  if (!report.is_null())
    text << native::str_of(report);
  else
    text << lang::exception_line(exc) << '\n';
  return text.str();
}

std::string summary_line(const Tally& tally) {
  std::string line =
      std::to_string(tally.passed) + " passed, " + std::to_string(tally.failed) + " failed";
  if (tally.skipped > 0) line += ", " + std::to_string(tally.skipped) + " skipped";
  return line;
}

void run_module_tests(const Value& module, const LoopConfig& config, std::ostream& out,
                      Tally& tally) {
  const Framework fw;
  const Value module_name = native::get_attr(module, "__name__");
  for (auto& [key, value] : native::dict_items(native::module_dict(module))) {
    if (tally.stop) break;
    if (!fw.is_test_class(value)) continue;
    // Only classes this file defines, not the imported TestCase bases.
    Value defined_in = native::get_attr_or_null(value, "__module__");
    if (defined_in.is_null() || !lang::values_equal(defined_in, module_name)) continue;
    run_class(fw, value, config, out, tally);
  }
}

} // namespace bwhop::unittest
