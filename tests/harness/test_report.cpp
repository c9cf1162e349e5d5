#include <doctest/doctest.h>

#include "core/harness/report.h"

using namespace bwhop::harness;

TEST_CASE("xml_escape escapes markup and drops forbidden control characters") {
  CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&apos;");
  CHECK(xml_escape(std::string("x\x1by\n", 4)) == "x?y\n");
}

TEST_CASE("tail_lines keeps the last lines and says how many were left out") {
  CHECK(tail_lines("a\nb\nc\n", 5) == "a\nb\nc\n");
  CHECK(tail_lines("a\nb\nc\n", 2) == "(1 earlier lines left out)\nb\nc\n");
  CHECK(tail_lines("a\nb\nc", 1) == "(2 earlier lines left out)\nc");
}
