// The interpreter skeleton: evaluation order, argument lookup, freeing values
// after their last use.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/fx/graph.h"
#include "core/fx/interpreter.h"
#include "core/fx/target.h"

using namespace bwhop::fx;

namespace {
// An integer value, or nothing.
using Value = std::optional<long>;

long as_long(const Argument& a, const ValueEnv<Value>& env) {
  if (Node* n = a.node()) return *env.get(n);
  return *a.get_if<int64_t>();
}
} // namespace

TEST_CASE("interpreter evaluates in order and frees dead values") {
  Graph g;
  Node* x = g.placeholder("x");
  Node* y = g.placeholder("y");
  const Target* add = operator_target("add");
  const Target* mul = operator_target("mul");
  Node* a = g.call_function(add, {x, y});
  Node* b = g.call_function(mul, {a, 10});
  Node* c = g.call_function(add, {b, x});
  Node* d = g.call_function(mul, {c, c});
  g.output(d);

  Interpreter<Value> interp(g);
  std::vector<std::string> order;
  std::vector<std::size_t> live_before;
  Value inputs[] = {Value(2), Value(3)};
  Value result = interp.run(inputs, [&](const Node& n, const ValueEnv<Value>& env) -> Value {
    order.emplace_back(n.name());
    live_before.push_back(env.live_count());
    if (n.op() == OpKind::Output) return env.get(n.args()[0].node());
    long l = as_long(n.args()[0], env), r = as_long(n.args()[1], env);
    return n.function() == add ? l + r : l * r;
  });
  CHECK(*result == 2704); // ((2 + 3) * 10 + 2)^2 = 52^2
  CHECK(order == std::vector<std::string>{"add", "mul", "add_1", "mul_1", "output"});
  // After add: x, a live (y freed); after mul: x, b; after add_1: c only.
  CHECK(live_before == std::vector<std::size_t>{2, 2, 2, 1, 1});
  CHECK(interp.peak_live_values() == 3);
}

TEST_CASE("interpreter reports missing inputs") {
  Graph g;
  Node* x = g.placeholder("x");
  g.output(x);
  Interpreter<Value> interp(g);
  std::vector<Value> none;
  CHECK_THROWS_AS(interp.run(none, [](const Node&, const ValueEnv<Value>&) { return Value(); }),
                  std::invalid_argument);
}
