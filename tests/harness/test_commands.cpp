#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/harness/commands.h"
#include "core/harness/golden_store.h"
#include "fake_runner.h"
#include "temp_dir.h"

using namespace bwhop::harness;
using bwhop::harness::testing::FakeRunner;
using bwhop::harness::testing::TempDir;

namespace {

// A project in a temp folder with scenarios run by a FakeRunner.
struct Project {
  TempDir dir;
  FakeRunner runner;
  std::ostringstream out, err;
  bool ci = false;

  Project() {
    dir.write("scenarios/_util.py", "");
    std::filesystem::create_directories(dir.path() / "golden");
  }

  // A scenario printing `text`; its file holds a docstring.
  void printing(const std::string& name, const std::string& text) {
    dir.write("scenarios/" + name + ".py", "\"\"\"Prints " + name + ".\"\"\"\n");
    runner.scripts[name] = [text](std::ostream& o, std::ostream&) {
      o << text;
      return 0;
    };
  }
  void failing(const std::string& name) {
    dir.write("scenarios/" + name + ".py", "raise RuntimeError('no')\n");
    runner.scripts[name] = [](std::ostream& o, std::ostream& e) {
      o << "partial\n";
      e << "RuntimeError: no\n";
      return 1;
    };
  }
  void golden(const std::string& name, const std::string& text) {
    dir.write("golden/" + name + ".txt", text);
  }
  std::string golden_text(const std::string& name) {
    return read_file(dir.path() / "golden" / (name + ".txt")).value_or("<none>");
  }
  CommandContext ctx() {
    CommandContext c;
    c.paths = {dir.path() / "scenarios", dir.path() / "golden"};
    c.runner = &runner;
    c.out = &out;
    c.err = &err;
    c.jobs = 2;
    c.timeout_seconds = 10;
    c.ci = ci;
    return c;
  }
};

} // namespace

TEST_CASE("list: each scenario with its docstring summary") {
  Project p;
  p.printing("hello", "hi\n");
  p.printing("a", "");
  CHECK(list_command(p.ctx()) == kExitOk);
  CHECK(p.out.str() == "a      Prints a.\nhello  Prints hello.\n");
}

TEST_CASE("run: a matching dump passes; a differing one shows a diff and fails") {
  Project p;
  p.printing("same", "hello\n");
  p.golden("same", "=== stdout ===\nhello\n");
  CHECK(run_command(p.ctx(), {"same"}, {}) == kExitOk);
  CHECK(p.out.str() == "=== stdout ===\nhello\nsame: PASS matches " +
                           (p.dir.path() / "golden/same.txt").string() + "\n");

  Project q;
  q.printing("changed", "hello\nworld\n");
  q.golden("changed", "=== stdout ===\nhello\n");
  CHECK(run_command(q.ctx(), {"changed"}, {}) == kExitFailed);
  const std::string text = q.out.str();
  CHECK(text.find("@@ -1,2 +1,3 @@\n === stdout ===\n hello\n+world\n") != std::string::npos);
  CHECK(text.find("changed: FAIL dump differs") != std::string::npos);
}

TEST_CASE("run: unknown names are usage errors listing the closest scenarios") {
  Project p;
  p.printing("hello", "");
  p.printing("help", "");
  p.printing("zzz", "");
  CHECK_THROWS_WITH_AS(run_command(p.ctx(), {"helo"}, {}),
                       "unknown scenario 'helo'; closest: hello, help, zzz", UsageError);
}

TEST_CASE("run: --artifact shows and compares only the selected sections") {
  Project p;
  p.dir.write("scenarios/g.py", "");
  p.runner.scripts["g"] = [](std::ostream& o, std::ostream&) {
    o << "printed\n";
    bwhop::common::record_artifact("graph_code", "new graph\n");
    return 0;
  };
  p.golden("g", "=== stdout ===\nprinted\n=== graph_code #1 ===\nold graph\n");
  CHECK(run_command(p.ctx(), {"g"}, {"stdout"}) == kExitFailed); // whole dump still differs
  CHECK(p.out.str().find("outside the selected sections") != std::string::npos);
  CHECK(p.out.str().find("graph") == std::string::npos);
  p.out.str("");
  CHECK(run_command(p.ctx(), {"g"}, {"graph_code"}) == kExitFailed);
  CHECK(p.out.str().find("-old graph\n+new graph\n") != std::string::npos);
  CHECK(p.out.str().find("printed") == std::string::npos);
}

TEST_CASE("accept: created, unchanged, updated; reports what changed") {
  Project p;
  p.printing("hello", "hi\n");
  CHECK(accept_command(p.ctx(), {"hello"}, false) == kExitOk);
  CHECK(p.golden_text("hello") == "=== stdout ===\nhi\n");
  CHECK(p.out.str().find("created") != std::string::npos);
  CHECK(accept_command(p.ctx(), {"hello"}, false) == kExitOk);
  CHECK(p.out.str().find("unchanged") != std::string::npos);
  p.printing("hello", "hi\nthere\n");
  CHECK(accept_command(p.ctx(), {}, true) == kExitOk);
  CHECK(p.out.str().find("updated") != std::string::npos);
  CHECK(p.out.str().find("(+1 -0 lines)") != std::string::npos);
  CHECK(p.golden_text("hello") == "=== stdout ===\nhi\nthere\n");
  CHECK(run_command(p.ctx(), {"hello"}, {}) == kExitOk);
}

TEST_CASE("accept never writes from a failed run: the old golden stays byte for byte") {
  Project p;
  p.failing("boom");
  p.golden("boom", "old\n");
  p.printing("fine", "ok\n");
  CHECK(accept_command(p.ctx(), {"boom", "fine"}, false) == kExitFailed);
  CHECK(p.golden_text("boom") == "old\n");
  CHECK(p.golden_text("fine") == "=== stdout ===\nok\n"); // the good one is still accepted
  CHECK(p.out.str().find("refused   boom: exit status 1") != std::string::npos);
  CHECK(p.err.str().find("RuntimeError: no") != std::string::npos);
}

TEST_CASE("accept refuses to write when CI is set, and needs names xor --all") {
  Project p;
  p.printing("hello", "hi\n");
  p.ci = true;
  CHECK_THROWS_AS(accept_command(p.ctx(), {"hello"}, false), UsageError);
  CHECK(p.golden_text("hello") == "<none>");
  p.ci = false;
  CHECK_THROWS_AS(accept_command(p.ctx(), {}, false), UsageError);
  CHECK_THROWS_AS(accept_command(p.ctx(), {"hello"}, true), UsageError);
}

TEST_CASE("check: one line per scenario, details, notes, and the summary line") {
  Project p;
  p.printing("pass", "ok\n");
  p.golden("pass", "=== stdout ===\nok\n");
  p.printing("differs", "new\n");
  p.golden("differs", "=== stdout ===\nold\n");
  p.failing("raises");
  p.printing("unrecorded", "x\n");
  p.golden("stale", "=== stdout ===\n");
  const auto json = p.dir.path() / "r.json";
  const auto junit = p.dir.path() / "r.xml";
  CHECK(check_command(p.ctx(), {"", json.string(), junit.string()}) == kExitFailed);
  const std::string text = p.out.str();
  CHECK(text.find("PASS  pass ") != std::string::npos);
  CHECK(text.find("FAIL  differs ") != std::string::npos);
  CHECK(text.find("ERROR raises ") != std::string::npos);
  CHECK(text.find("FAIL  unrecorded ") != std::string::npos);
  CHECK(text.find("-old\n+new\n") != std::string::npos);
  CHECK(text.find("RuntimeError: no") != std::string::npos);
  CHECK(text.find("note: scenario unrecorded has no golden") != std::string::npos);
  CHECK(text.find("note: stale golden") != std::string::npos);
  CHECK(text.ends_with("\n1 passed, 3 failed\n"));

  const auto report = nlohmann::json::parse(*read_file(json));
  CHECK(report["passed"] == 1);
  CHECK(report["failed"] == 3);
  CHECK(report["scenarios"].size() == 4);
  CHECK(report["stale_goldens"] == nlohmann::json::array({"stale"}));
  CHECK(report["missing_goldens"] == nlohmann::json::array({"unrecorded"}));
  const std::string xml = *read_file(junit);
  CHECK(xml.find("<testsuite name=\"bwhop.scenarios\" tests=\"4\" failures=\"2\" errors=\"1\"") !=
        std::string::npos);
  CHECK(xml.find("<error message=\"exit status 1\">RuntimeError: no\n</error>") !=
        std::string::npos);
}

TEST_CASE("check: --filter selects scenarios by regex; all passing exits 0") {
  Project p;
  p.printing("hook_a", "a\n");
  p.golden("hook_a", "=== stdout ===\na\n");
  p.printing("other", "b\n");
  CHECK(check_command(p.ctx(), {"^hook_", "", ""}) == kExitOk);
  CHECK(p.out.str().ends_with("1 passed, 0 failed\n"));
  CHECK(p.out.str().find("other") == std::string::npos);
  CHECK_THROWS_AS(check_command(p.ctx(), {"(", "", ""}), UsageError);
}

TEST_CASE("check with no scenarios: 0 passed, 0 failed") {
  Project p;
  CHECK(check_command(p.ctx(), {}) == kExitOk);
  CHECK(p.out.str() == "0 passed, 0 failed\n");
}

TEST_CASE("a golden differing only by CRLF line endings is reported as such") {
  Project p;
  p.printing("crlf", "a\n");
  p.golden("crlf", "=== stdout ===\r\na\r\n");
  CHECK(check_command(p.ctx(), {}) == kExitFailed);
  CHECK(p.out.str().find("has CRLF (\\r\\n) line endings") != std::string::npos);
}

TEST_CASE("select_scenarios drops duplicates and accepts file paths") {
  Project p;
  p.printing("hello", "");
  const auto s = select_scenarios(discover_scenarios(p.dir.path() / "scenarios"),
                                  {"hello", "scenarios/hello.py", "hello"});
  REQUIRE(s.size() == 1);
  CHECK(s[0].name == "hello");
}
