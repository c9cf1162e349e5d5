#include <doctest/doctest.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>

#include "core/harness/worker_pool.h"
#include "fake_runner.h"

using namespace bwhop::harness;
using bwhop::harness::testing::FakeRunner;

TEST_CASE("results survive the trip from worker to parent") {
  RunResult r;
  r.exit_status = -3;
  r.failure = "f";
  r.out = std::string("with\0nul", 8);
  r.err = "e";
  r.artifacts = {{"graph_code", "g"}, {"aot_graphs", ""}};
  RunResult back;
  REQUIRE(decode_result(encode_result(r), back));
  CHECK(back.exit_status == -3);
  CHECK(back.failure == "f");
  CHECK(back.out == r.out);
  CHECK(back.err == "e");
  REQUIRE(back.artifacts.size() == 2);
  CHECK(back.artifacts[1].name == "aot_graphs");
  const std::string bytes = encode_result(r);
  CHECK_FALSE(decode_result(bytes.substr(0, bytes.size() - 1), back));
}

TEST_CASE("worker pool: results in order; crashes, exits, throws and hangs are contained") {
  FakeRunner runner;
  runner.scripts["ok"] = [](std::ostream& out, std::ostream&) {
    out << "fine\n";
    bwhop::common::record_artifact("graph_code", "graph\n");
    return 0;
  };
  runner.scripts["raises"] = [](std::ostream&, std::ostream& err) {
    err << "Traceback...\n";
    return 1;
  };
  runner.scripts["throws"] = [](std::ostream&, std::ostream&) -> int {
    throw std::runtime_error("boom");
  };
  runner.scripts["crashes"] = [](std::ostream&, std::ostream&) -> int {
    std::raise(SIGSEGV);
    return 0;
  };
  runner.scripts["exits"] = [](std::ostream&, std::ostream&) -> int { ::_exit(7); };
  runner.scripts["hangs"] = [](std::ostream&, std::ostream&) -> int {
    ::pause();
    return 0;
  };
  const std::vector<std::filesystem::path> scripts = {"s/hangs.py",  "s/ok.py",      "s/raises.py",
                                                      "s/throws.py", "s/crashes.py", "s/exits.py"};
  std::vector<std::size_t> order;
  std::vector<RunResult> results(scripts.size());
  run_isolated(scripts, runner, {3, 0.5}, [&](std::size_t i, RunResult r) {
    order.push_back(i);
    results[i] = std::move(r);
  });
  CHECK(order == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
  CHECK(results[0].failure == "timed out after 0.5s");
  CHECK(results[0].seconds >= 0.5);
  CHECK(results[1].good());
  CHECK(results[1].out == "fine\n");
  REQUIRE(results[1].artifacts.size() == 1);
  CHECK(results[1].artifacts[0].text == "graph\n");
  CHECK(results[2].exit_status == 1);
  CHECK(results[2].err == "Traceback...\n");
  CHECK(results[2].problem() == "exit status 1");
  CHECK(results[3].failure == "internal error: boom");
  CHECK(results[4].failure.find("killed by signal 11") != std::string::npos);
  CHECK(results[5].failure.find("exited with status 7") != std::string::npos);
}

TEST_CASE("run_in_process captures streams and artifacts, and only while it runs") {
  FakeRunner runner;
  runner.scripts["a"] = [](std::ostream& out, std::ostream& err) {
    out << "o";
    err << "e";
    bwhop::common::record_artifact("output_code", "code");
    return 0;
  };
  const RunResult r = run_in_process(runner, "a.py");
  CHECK(r.out == "o");
  CHECK(r.err == "e");
  REQUIRE(r.artifacts.size() == 1);
  CHECK(r.artifacts[0].name == "output_code");
  CHECK(bwhop::common::current_artifact_log() == nullptr);
}
