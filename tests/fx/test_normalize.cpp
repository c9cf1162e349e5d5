// normalize_gm (torch._dynamo.testing) and the stack-trace summary parser.
#include <doctest/doctest.h>

#include "core/fx/normalize.h"
#include "core/fx/stack_trace.h"

using namespace bwhop::fx;

TEST_CASE("normalize_gm drops comment-only lines and trailing whitespace") {
  CHECK(normalize_gm(
            "class A:\n    # c\n    x = 1  # inline\n        \n    #\n    y = 2\n        ") ==
        "class A:\n    x = 1  # inline\n\n    y = 2\n");
  // Only spaces may precede the `#`; a tab-indented comment stays (stripped of nothing).
  CHECK(normalize_gm("\t# tab\nx\n") == "\t# tab\nx\n");
  // A comment on the last line without a newline goes entirely.
  CHECK(normalize_gm("x\n   # end") == "x\n");
  CHECK(normalize_gm("") == "");
  CHECK(normalize_gm("a \t\r\nb") == "a\nb");
}

TEST_CASE("stack-trace summary uses the innermost frame") {
  std::string trace = "Traceback (most recent call last):\n"
                      "  File \"/a/outer.py\", line 10, in outer\n"
                      "    inner()\n"
                      "  File \"/a/inner.py\", line 3, in inner\n"
                      "    return x * y\n";
  CHECK(stack_trace_summary(trace) ==
        std::optional<std::string>("File: /a/inner.py:3 in inner, code: return x * y"));
  // A file name containing `", line ` keeps the rightmost valid split.
  CHECK(stack_trace_summary("  File \"odd\", line 1, x.py\", line 7, in f\n    pass\n") ==
        std::optional<std::string>("File: odd\", line 1, x.py:7 in f, code: pass"));
  // The last line is never a header: the scan starts one line above it.
  CHECK_FALSE(stack_trace_summary("  File \"a.py\", line 1, in f").has_value());
  CHECK_FALSE(stack_trace_summary("no frames here\nat all\n").has_value());
}
