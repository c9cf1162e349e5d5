// The harness on the real interpreter (bwhop::lang), not a fake.
#include <doctest/doctest.h>

#include "core/common/artifacts.h"
#include "core/harness/runner.h"
#include "core/lang/run.h"
#include "temp_dir.h"

using namespace bwhop::harness;
using bwhop::harness::testing::TempDir;

TEST_CASE("ScriptRunner: stdout, stderr and the exit status of a script are captured") {
  TempDir dir;
  const auto script = dir.write("s.py", "import sys\n"
                                        "print('to stdout', 1 + 1)\n"
                                        "print('to stderr', file=sys.stderr)\n"
                                        "sys.exit(3)\n");
  const RunResult r = run_in_process(ScriptRunner{}, script);
  CHECK(r.out == "to stdout 2\n");
  CHECK(r.err == "to stderr\n");
  CHECK(r.exit_status == 3);
  CHECK(r.failure.empty());
}

TEST_CASE("ScriptRunner: an uncaught exception is exit status 1 with a traceback") {
  TempDir dir;
  const auto script = dir.write("s.py", "print('before')\nraise ValueError('bad')\n");
  const RunResult r = run_in_process(ScriptRunner{}, script);
  CHECK(r.out == "before\n");
  CHECK(r.exit_status == 1);
  CHECK_FALSE(r.good());
  CHECK(r.err.find("ValueError: bad") != std::string::npos);
}

// The interpreter evaluates on a thread of its own with a large stack; the
// artifacts engine layers record there must still land in the log the harness
// installed on the calling thread.
TEST_CASE("artifacts recorded on the interpreter's big-stack thread reach the harness's log") {
  bwhop::common::ArtifactLog log;
  bwhop::common::ScopedArtifactLog scope(log);
  bwhop::lang::run_on_big_stack([] { bwhop::common::record_artifact("graph_code", "g\n"); });
  REQUIRE(log.entries().size() == 1);
  CHECK(log.entries()[0].name == "graph_code");
}
