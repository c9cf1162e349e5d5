// bwhop's command line: parses options with CLI11 and hands each subcommand to
// its harness function. Exit status: 0 ok, 1 failures, 2 usage errors.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/dynamo/install.h"
#include "core/harness/color.h"
#include "core/harness/commands.h"
#include "core/harness/diff.h"
#include "core/harness/golden_store.h"
#include "core/torch/install.h"
#include "core/unittest/runner.h"

namespace harness = bwhop::harness;

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

struct GlobalOptions {
  std::string scenarios_dir;
  std::string golden_dir;
  std::string color = "auto";
  unsigned jobs = 0;
  double timeout_seconds = 60;
};

// Options that several subcommands share.
void add_color_option(CLI::App* app, GlobalOptions& g) {
  app->add_option("--color", g.color,
                  "Color the output: auto (on a terminal, unless NO_COLOR is set), always or "
                  "never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

void add_run_options(CLI::App* app, GlobalOptions& g) {
  app->add_option("-j,--jobs", g.jobs,
                  "Scenarios run at once, each in its own worker process "
                  "(default: one per CPU)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  app->add_option("--timeout", g.timeout_seconds,
                  "Seconds a scenario may run before it is killed and reported as ERROR (0: no "
                  "limit)")
      ->type_name("SECONDS")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
}

harness::CommandContext make_context(const GlobalOptions& g,
                                     const harness::ScenarioRunner& runner) {
  harness::CommandContext ctx;
  ctx.paths = harness::resolve_project_paths(g.scenarios_dir, g.golden_dir, env("BWHOP_ROOT"),
                                             std::filesystem::current_path());
  ctx.runner = &runner;
  ctx.out = &std::cout;
  ctx.err = &std::cerr;
  ctx.color = harness::use_color(*harness::parse_color_mode(g.color), ::isatty(STDOUT_FILENO),
                                 std::getenv("NO_COLOR"));
  ctx.jobs = g.jobs;
  ctx.timeout_seconds = g.timeout_seconds;
  ctx.ci = std::getenv("CI") != nullptr;
  return ctx;
}

} // namespace

int main(int argc, char** argv) {
  bwhop::torchmod::install(); // `import torch` in every script this process runs
  bwhop::dynamo::install();   // torch.compile, torch._dynamo, torch._functorch
  bwhop::unittest::install(   // torch._dynamo.test_case, common_utils, run_tests()
      {[](std::string_view expected, std::string_view actual) {
         return harness::unified_diff(expected, actual, {"expected", "actual", 3});
       },
       [](const std::filesystem::path& path, std::string_view content) {
         harness::write_file_atomically(path, content);
       }});
  CLI::App app{"bwhop: runs PyTorch-style scenario scripts on a miniature re-implementation of "
               "PyTorch 2's backward higher-order-op stack and diffs their graph dumps against "
               "golden files.",
               "bwhop"};
  app.require_subcommand(1);
  app.footer("Scenarios are scenarios/<name>.py; goldens are golden/<name>.txt. Both folders are "
             "found by walking up from the current directory (or from $BWHOP_ROOT).\n"
             "Exit status: 0 ok, 1 failures, 2 usage errors.\n"
             "Example:\n  bwhop list\n  bwhop run hello\n  bwhop check -j 2");
  GlobalOptions g;
  app.add_option("--scenarios", g.scenarios_dir,
                 "Folder of scenario scripts (default: <project root>/scenarios)")
      ->type_name("DIR");
  app.add_option("--golden", g.golden_dir,
                 "Folder of golden dumps (default: <project root>/golden)")
      ->type_name("DIR");

  CLI::App* list = app.add_subcommand("list", "List the scenarios, each with the first line of "
                                              "its docstring");
  list->footer("Example:\n  bwhop list");

  std::vector<std::string> run_names, run_artifacts;
  CLI::App* run = app.add_subcommand(
      "run", "Run scenarios, print each dump and its unified diff against the golden");
  run->add_option("scenario", run_names, "Scenario names (see bwhop list)")
      ->required()
      ->type_name("NAME");
  run->add_option("--artifact", run_artifacts,
                  "Show and compare only the sections of this kind (stdout, graph_code, "
                  "aot_graphs, ...); repeatable")
      ->type_name("KIND")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  add_color_option(run, g);
  add_run_options(run, g);
  run->footer("Exit status 0 when every dump matches its golden, 1 otherwise.\n"
              "Example:\n  bwhop run hello\n  bwhop run hello --artifact graph_code --color "
              "never");

  std::vector<std::string> accept_names;
  bool accept_all = false;
  CLI::App* accept = app.add_subcommand(
      "accept", "Write the current dumps of scenarios as their goldens (after an intended "
                "change)");
  accept->add_option("scenario", accept_names, "Scenario names (see bwhop list)")
      ->type_name("NAME");
  accept->add_flag("--all", accept_all, "Accept every scenario");
  add_color_option(accept, g);
  add_run_options(accept, g);
  accept->footer("A golden is written atomically and only when its content changed; never from "
                 "a scenario that failed (non-zero exit status or uncaught error) and never "
                 "when the CI environment variable is set.\n"
                 "Example:\n  bwhop accept hello\n  bwhop accept --all");

  harness::CheckOptions check_options;
  CLI::App* check = app.add_subcommand(
      "check", "The regression gate: run every scenario in parallel and compare with goldens");
  check
      ->add_option("--filter", check_options.filter,
                   "Only scenarios whose name matches this regex (searched, ECMAScript syntax)")
      ->type_name("REGEX");
  check->add_option("--json", check_options.json_path, "Also write the results as JSON here")
      ->type_name("FILE");
  check->add_option("--junit", check_options.junit_path, "Also write the results as JUnit XML here")
      ->type_name("FILE");
  add_color_option(check, g);
  add_run_options(check, g);
  check->footer("Prints PASS/FAIL/ERROR and the time of each scenario, the diffs of failures, "
                "notes for scenarios without golden and for stale goldens, and ends with the "
                "line 'N passed, M failed'. Exit status 1 when any scenario failed.\n"
                "Example:\n  bwhop check\n  bwhop check --filter '^hook_' -j 2 --junit "
                "results.xml");

  CLI::App* exec = app.add_subcommand(
      "exec", "Run a script like `python3 FILE.py ARGS...` (stdout, stderr, exit status)");
  exec->prefix_command(); // everything after FILE.py belongs to the script
  exec->footer("Usage: bwhop exec FILE.py [ARGS...]\n"
               "Every argument after FILE.py goes to the script as sys.argv[1:]; the exit "
               "status is the script's.\n"
               "Example:\n  bwhop exec scenarios/hello.py --some-script-flag 3");

  bwhop::unittest::TestOptions test_options;
  CLI::App* test = app.add_subcommand(
      "test", "Run the unittest.TestCase tests of Python test files (PyTorch style)");
  test->add_option("file", test_options.files,
                   "Test files; their `if __name__ == \"__main__\":` "
                   "blocks do not run")
      ->required()
      ->type_name("FILE.py")
      ->check(CLI::ExistingFile);
  test->add_option("-k", test_options.pattern,
                   "Only tests whose id (Class.test_name) contains this text")
      ->type_name("PATTERN");
  test->add_flag("--accept", test_options.accept,
                 "Rewrite the expected string of every mismatching assertExpectedInline in the "
                 "source file (also EXPECTTEST_ACCEPT=1; never when CI is set)");
  test->add_flag("-x,--exitfirst", test_options.fail_fast, "Stop after the first failure");
  test->add_flag("-v,--verbose", test_options.verbose, "Also show what passing tests printed");
  test->footer("Prints one line per test (PASS/FAIL/ERROR/SKIP/XFAIL/XPASS and its time), the "
               "traceback and diff of each failure, and ends with 'N passed, M failed' (', K "
               "skipped' when any). Exit status 1 when any test failed, 2 on usage errors.\n"
               "Example:\n  bwhop test tests/unittest/seed_behaviours_test.py\n  bwhop test "
               "my_test.py -k test_make_fx --accept");

  // --scenarios/--golden may also follow the subcommand. Not for exec: all its
  // arguments after the script belong to the script.
  for (CLI::App* sub : {list, run, accept, check}) sub->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return harness::kExitUsage;
  }

  const harness::ScriptRunner runner;
  try {
    if (*exec) {
      std::vector<std::string> rest = exec->remaining();
      if (rest.empty())
        throw harness::UsageError("exec needs a script: bwhop exec FILE.py [ARGS...]");
      const std::string file = rest.front();
      rest.erase(rest.begin());
      return harness::exec_command(file, rest);
    }
    if (*test) {
      const std::string accept_env = env("EXPECTTEST_ACCEPT");
      test_options.accept = test_options.accept || (!accept_env.empty() && accept_env != "0");
      test_options.ci = std::getenv("CI") != nullptr;
      test_options.out = &std::cout;
      return bwhop::unittest::test_command(test_options);
    }
    const harness::CommandContext ctx = make_context(g, runner);
    if (*list) return harness::list_command(ctx);
    if (*run) return harness::run_command(ctx, run_names, run_artifacts);
    if (*accept) return harness::accept_command(ctx, accept_names, accept_all);
    if (*check) return harness::check_command(ctx, check_options);
  } catch (const std::exception& e) { // UsageError, or a folder that cannot be read
    std::cerr << "bwhop: error: " << e.what() << '\n';
    return harness::kExitUsage;
  }
  return harness::kExitUsage;
}
