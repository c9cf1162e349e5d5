// Rewriting expected-string literals (expecttest's rules; the cases marked
// "expecttest" are the examples of expecttest's replace_string_literal docs).
#include <doctest/doctest.h>

#include <stdexcept>

#include "core/unittest/inline_literal.h"

using bwhop::unittest::apply_literal_edits;
using bwhop::unittest::LiteralEdit;
using bwhop::unittest::locate_expect_literal;
using bwhop::unittest::render_literal;

TEST_CASE("triple-quoted literal keeps its quotes; one line stays on one line (expecttest)") {
  CHECK(render_literal("'''arf'''", "barf") == "'''barf'''");
  CHECK(render_literal("\"\"\"arf\"\"\"", "barf") == "\"\"\"barf\"\"\"");
}

TEST_CASE("multi-line text starts with backslash-newline and escapes backslashes (expecttest)") {
  CHECK(render_literal("'''arf'''", "'a'\n\\b\n") == "'''\\\n'a'\n\\\\b\n'''");
  CHECK(render_literal("\"\"\"\\\nold\n\"\"\"", "x\ny\n") == "\"\"\"\\\nx\ny\n\"\"\"");
}

TEST_CASE("the literal's own triple quote inside the text is escaped (expecttest)") {
  CHECK(render_literal("'''\"\"\"'''", "a ''' b") == "'''a \\'\\'\\' b'''");
  CHECK(render_literal("\"\"\"x\"\"\"", "ends with \"") == "\"\"\"ends with \\\"\"\"\"");
}

TEST_CASE("raw literals stay raw when the text allows, else lose the prefix") {
  CHECK(render_literal("r'''a'''", "x\\y\nz") == "r'''x\\y\nz'''");
  CHECK(render_literal("r'''a'''", "ends\\") == "'''ends\\\\'''");
}

TEST_CASE("single-quoted literals escape newlines, tabs and their quote") {
  CHECK(render_literal("'old'", "it's\n\tx") == "'it\\'s\\n\\tx'");
  CHECK(render_literal("\"old\"", "say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(render_literal("\"\"", "") == "\"\"");
}

TEST_CASE("f-strings, bytes and concatenations are refused") {
  CHECK_THROWS_AS(render_literal("f'{x}'", "y"), std::invalid_argument);
  CHECK_THROWS_AS(render_literal("b'x'", "y"), std::invalid_argument);
  CHECK_THROWS_AS(render_literal("'a' 'b'", "y"), std::invalid_argument);
}

TEST_CASE("locating the expected literal of a multi-line call keeps indentation byte for byte") {
  const std::string src = "class T:\n"
                          "    def test_a(self):\n"
                          "        self.assertExpectedInline(\n"
                          "            f(),\n"
                          "            \"\"\"\\\n"
                          "old\n"
                          "\"\"\",\n"
                          "        )\n";
  std::string why;
  auto edit = locate_expect_literal("t.py", src, 3, &why);
  REQUIRE_MESSAGE(edit, why);
  CHECK(src.substr(edit->begin, edit->end - edit->begin) == "\"\"\"\\\nold\n\"\"\"");
  edit->value = "new\n  text\n";
  const std::string out = apply_literal_edits(src, {*edit});
  CHECK(out == "class T:\n"
               "    def test_a(self):\n"
               "        self.assertExpectedInline(\n"
               "            f(),\n"
               "            \"\"\"\\\n"
               "new\n"
               "  text\n"
               "\"\"\",\n"
               "        )\n");
}

TEST_CASE("several literals in one file are rewritten in one pass") {
  const std::string src = "def t(self):\n"
                          "    self.assertExpectedInline(a, '''one''')\n"
                          "    x = 1\n"
                          "    self.assertExpectedInline(b, expect=\"two\")\n";
  std::vector<LiteralEdit> edits;
  for (int line : {2, 4}) {
    std::string why;
    auto e = locate_expect_literal("t.py", src, line, &why);
    REQUIRE_MESSAGE(e, why);
    e->value = line == 2 ? "1\n2\n" : "dos";
    edits.push_back(*e);
  }
  CHECK(apply_literal_edits(src, edits) == "def t(self):\n"
                                           "    self.assertExpectedInline(a, '''\\\n1\n2\n''')\n"
                                           "    x = 1\n"
                                           "    self.assertExpectedInline(b, expect=\"dos\")\n");
}

TEST_CASE("a line without such a call, or a non-literal expectation, is reported") {
  std::string why;
  CHECK_FALSE(locate_expect_literal("t.py", "x = 1\nself.assertExpectedInline(a, b)\n", 1, &why));
  CHECK(why.find("t.py:1") == 0);
  CHECK_FALSE(locate_expect_literal("t.py", "x = 1\nself.assertExpectedInline(a, b)\n", 2, &why));
  CHECK_FALSE(locate_expect_literal("t.py", "x = (\n", 1, &why));
}

TEST_CASE("overlapping edits are refused") {
  CHECK_THROWS_AS(apply_literal_edits("'ab'", {{0, 4, "x"}, {1, 3, "y"}}), std::invalid_argument);
}

TEST_CASE("a helper called with skip: its last string literal argument is the expectation") {
  const std::string src = "self.assertExpectedRaisesInline(ValueError, boom, \"\"\"\"\"\")\n";
  std::string why;
  auto edit = locate_expect_literal("t.py", src, 1, &why);
  REQUIRE_MESSAGE(edit, why);
  edit->value = "it\nbroke";
  CHECK(apply_literal_edits(src, {*edit}) ==
        "self.assertExpectedRaisesInline(ValueError, boom, \"\"\"\\\nit\nbroke\"\"\")\n");
}
