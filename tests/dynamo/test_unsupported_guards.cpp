// The graph-break message layout and guard checks, without a script.
#include <doctest/doctest.h>

#include "core/dynamo/guards.h"
#include "core/dynamo/unsupported.h"
#include "core/lang/runtime.h"

using namespace bwhop::dynamo;
namespace lang = bwhop::lang;

TEST_CASE("format_graph_break_message: layout, continuation indent, optional link") {
  GraphBreakInfo info{"Some break", "ctx line1\nline2", "why\nmore", {"h1", "h2"}, ""};
  CHECK(format_graph_break_message(info) == "Some break\n"
                                            "  Explanation: why\n    more\n"
                                            "  Hint: h1\n"
                                            "  Hint: h2\n"
                                            "\n"
                                            "  Developer debug context: ctx line1\n    line2\n");
  info.registry_id = "GB0123";
  CHECK(format_graph_break_message(info).substr(format_graph_break_message(info).rfind('\n')) ==
        "\n For more details about this graph break, please visit: "
        "https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0123.html");
}

TEST_CASE("guards: tensor facts, constants, identity; duplicates are dropped") {
  lang::init_runtime();
  std::unordered_map<std::string, lang::Value> locals;
  lang::Value globals(lang::new_dict());
  locals["n"] = lang::Value::integer(2);
  locals["flag"] = lang::Value::boolean(true);
  GuardSet set;
  set.add(constant_guard(Source::local("n"), lang::Value::integer(2)));
  set.add(constant_guard(Source::local("n"), lang::Value::integer(2)));
  set.add(constant_guard(Source::local("flag"), lang::Value::boolean(true)));
  CHECK(set.guards().size() == 2);
  CHECK(!set.check_all(locals, globals));
  locals["n"] = lang::Value::integer(3);
  CHECK(*set.check_all(locals, globals) == "L['n'] == 2");
  // True == 1 in Python, but a bool guard does not accept an int.
  locals["n"] = lang::Value::integer(2);
  locals["flag"] = lang::Value::integer(1);
  CHECK(*set.check_all(locals, globals) == "L['flag'] == True");
  // A missing local fails instead of raising.
  locals.erase("flag");
  CHECK(*set.check_all(locals, globals) == "L['flag'] could not be read");
}
