#include <filesystem>
#include <iostream>
#include <sstream>

#include "core/lang/native.h"
#include "core/lang/run.h"
#include "core/unittest/accept_store.h"
#include "core/unittest/runner.h"
#include "core/unittest/test_loop.h"

namespace bwhop::unittest {

namespace {

// Loads one file as a module (its __main__ block does not run) and runs its
// tests; a file that fails to load counts as one failure.
void run_file_tests(const std::string& path, const TestOptions& options, std::ostream& out,
                    Tally& tally) {
  std::ostringstream script_output; // module-level prints and load errors
  lang::RunOptions run;
  run.path = path;
  run.out = &script_output;
  run.err = &script_output;
  lang::Session session(run);
  const std::string module_name = std::filesystem::path(path).stem().string();
  lang::run_on_big_stack([&] {
    lang::Value module;
    try {
      module = session.load_file_as_module(path, module_name);
    } catch (lang::PyError& e) {
      out << "ERROR " << path << ": the file could not be loaded\n" << format_exception(e.exc);
      if (!script_output.str().empty()) out << "---- output ----\n" << script_output.str();
      out << '\n';
      ++tally.failed;
      if (options.fail_fast) tally.stop = true;
      return;
    }
    if (options.verbose && !script_output.str().empty())
      out << "---- output of " << path << " while loading ----\n"
          << script_output.str() << "----\n";
    LoopConfig config{options.pattern, options.fail_fast, options.verbose};
    try {
      run_module_tests(module, config, out, tally);
    } catch (lang::PyError& e) { // KeyboardInterrupt, or a broken test framework
      out << "ERROR " << path << ": the run stopped\n" << format_exception(e.exc) << '\n';
      ++tally.failed;
      tally.stop = true;
    }
  });
}

} // namespace

int test_command(const TestOptions& options) {
  std::ostream& out = options.out ? *options.out : std::cout;
  AcceptStore& store = accept_store();
  store.enabled = options.accept && !options.ci;
  store.refused_by_ci = options.accept && options.ci;
  if (store.refused_by_ci)
    out << "note: CI is set, so no expected text is rewritten (--accept ignored)\n";
  Tally tally;
  bool accepted = true;
  for (const std::string& file : options.files) {
    if (tally.stop) break;
    run_file_tests(file, options, out, tally);
    accepted = store.flush(out) && accepted; // rewrite this file's literals now
  }
  const bool none_ran = tally.passed + tally.failed + tally.skipped == 0;
  if (none_ran)
    out << "note: no tests ran (no test_* methods" << (options.pattern.empty() ? "" : " matched -k")
        << ")\n";
  out << summary_line(tally) << '\n';
  out.flush();
  return tally.failed > 0 || !accepted || none_ran ? 1 : 0;
}

} // namespace bwhop::unittest
