#include <doctest/doctest.h>

#include "core/harness/dump.h"

using namespace bwhop::harness;
using bwhop::common::Artifact;

TEST_CASE("dump: stdout first, then artifacts in recording order, numbered per kind") {
  const std::vector<Artifact> artifacts = {
      {"graph_code", "def forward(self):\n    pass\n"},
      {"aot_graphs", "fw\n"},
      {"graph_code", "second\n"},
  };
  CHECK(render_dump("hello\n", artifacts) == "=== stdout ===\nhello\n"
                                             "=== graph_code #1 ===\ndef forward(self):\n    pass\n"
                                             "=== aot_graphs #1 ===\nfw\n"
                                             "=== graph_code #2 ===\nsecond\n");
}

TEST_CASE("dump: empty stdout still has its section; a missing final newline is marked") {
  CHECK(render_dump("", {}) == "=== stdout ===\n");
  CHECK(render_dump("no newline", {{"output_code", "x"}}) ==
        "=== stdout ===\nno newline\n\\ No newline at end of section\n"
        "=== output_code #1 ===\nx\n\\ No newline at end of section\n");
  CHECK(render_dump("a", {}) != render_dump("a\n", {}));
}

TEST_CASE("parse_dump splits at headers; select_sections keeps the named kinds") {
  const std::string dump = render_dump(
      "out\n", {{"graph_code", "g1\n"}, {"aot_graphs", "a1\n"}, {"graph_code", "g2\n"}});
  const auto sections = parse_dump(dump);
  REQUIRE(sections.size() == 4);
  CHECK(sections[0].kind == "stdout");
  CHECK(sections[0].body == "out\n");
  CHECK(sections[3].kind == "graph_code");
  CHECK(sections[3].header == "=== graph_code #2 ===");
  CHECK(sections[3].body == "g2\n");
  CHECK(select_sections(dump, {"graph_code"}) ==
        "=== graph_code #1 ===\ng1\n=== graph_code #2 ===\ng2\n");
  CHECK(select_sections(dump, {"stdout", "aot_graphs"}) ==
        "=== stdout ===\nout\n=== aot_graphs #1 ===\na1\n");
  CHECK(select_sections(dump, {"missing"}).empty());
}

TEST_CASE("parse_dump: header-like lines that are not headers stay in the body") {
  const auto sections = parse_dump("=== stdout ===\n=== hello ===\n=== x #y ===\n");
  REQUIRE(sections.size() == 1);
  CHECK(sections[0].body == "=== hello ===\n=== x #y ===\n");
}
