#include <doctest/doctest.h>

#include "core/harness/scenario.h"
#include "temp_dir.h"

using namespace bwhop::harness;
using bwhop::harness::testing::TempDir;

TEST_CASE("discovery: *.py files by name, sorted; helpers and other files skipped") {
  TempDir dir;
  dir.write("zeta.py", "print(1)\n");
  dir.write("alpha.py", "print(2)\n");
  dir.write("_helper.py", "x = 1\n");
  dir.write("notes.txt", "not a scenario\n");
  dir.write("sub/nested.py", "print(3)\n");
  const auto scenarios = discover_scenarios(dir.path());
  REQUIRE(scenarios.size() == 2);
  CHECK(scenarios[0].name == "alpha");
  CHECK(scenarios[1].name == "zeta");
  CHECK(scenarios[0].path == dir.path() / "alpha.py");
  CHECK(find_scenario(scenarios, "zeta").has_value());
  CHECK_FALSE(find_scenario(scenarios, "nested").has_value());
}

TEST_CASE("discovery of a missing folder is an error naming it") {
  TempDir dir;
  CHECK_THROWS_WITH(discover_scenarios(dir.path() / "nope"),
                    doctest::Contains((dir.path() / "nope").string().c_str()));
}

TEST_CASE("docstring summary: first non-blank line of the module docstring") {
  CHECK(docstring_summary("\"\"\"Hooks under make_fx.\n\nMore text.\n\"\"\"\nprint(1)\n") ==
        "Hooks under make_fx.");
  CHECK(docstring_summary("'''\n   Leading newline, indented.\n'''\n") ==
        "Leading newline, indented.");
  CHECK(docstring_summary("# comment\n\n# -*- coding: utf-8 -*-\n\"One line.\"\n") == "One line.");
  CHECK(docstring_summary("r'''Raw \\n stays.'''") == "Raw \\n stays.");
  CHECK(docstring_summary("\"Escaped \\\"quote\\\" and\\nsecond line\"") ==
        "Escaped \"quote\" and");
  CHECK(docstring_summary("'single'") == "single");
}

TEST_CASE("docstring summary: empty when the module does not start with a string") {
  CHECK(docstring_summary("print('not a docstring')\n").empty());
  CHECK(docstring_summary("x = 1\n\"\"\"too late\"\"\"\n").empty());
  CHECK(docstring_summary("f\"formatted strings are not docstrings\"").empty());
  CHECK(docstring_summary("b'bytes are not docstrings'").empty());
  CHECK(docstring_summary("\"\"\"unterminated").empty());
  CHECK(docstring_summary("\"unterminated\nprint(1)").empty());
  CHECK(docstring_summary("").empty());
  CHECK(docstring_summary("\"\"\"\n\n\"\"\"").empty());
}

TEST_CASE("scenario_description reads the file") {
  TempDir dir;
  dir.write("hello.py", "\"\"\"Says hello.\"\"\"\nprint('hello')\n");
  const auto scenarios = discover_scenarios(dir.path());
  REQUIRE(scenarios.size() == 1);
  CHECK(scenario_description(scenarios[0]) == "Says hello.");
}
