// Graph editing and passes: users bookkeeping, insertion points, erase, DCE,
// replace uses, graph copy and compiled autograd's prefixed paste.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/fx/codegen.h"
#include "core/fx/graph.h"
#include "core/fx/passes/dead_code.h"
#include "core/fx/passes/graph_copy.h"
#include "core/fx/target.h"

using namespace bwhop::fx;

namespace {
std::vector<std::string> names_of(const Graph& g) {
  std::vector<std::string> out;
  for (const Node* n : g.nodes()) out.emplace_back(n->name());
  return out;
}
std::vector<std::string> names_of(const std::vector<Node*>& nodes) {
  std::vector<std::string> out;
  for (const Node* n : nodes) out.emplace_back(n->name());
  return out;
}
using V = std::vector<std::string>;
} // namespace

TEST_CASE("users are distinct, ordered, and follow argument updates") {
  Graph g;
  Node* x = g.placeholder("x");
  Node* y = g.placeholder("y");
  const Target* add = operator_target("add");
  Node* a = g.call_function(add, {x, x});
  Node* b = g.call_function(add, {Argument::list({y, x}), x}, {{"k", y}});
  CHECK(x->num_users() == 2);
  CHECK(names_of(x->users()) == V{"add", "add_1"});
  CHECK(b->num_inputs() == 2);
  CHECK(b->input(0) == y);
  CHECK(b->input(1) == x);
  a->set_args({y, 1});
  CHECK(names_of(x->users()) == V{"add_1"});
  CHECK(names_of(y->users()) == V{"add_1", "add"});
  b->update_arg(1, a);
  CHECK(names_of(a->users()) == V{"add_1"});
  CHECK(x->num_users() == 1); // still in the list argument
}

TEST_CASE("insertion points: before, after (reversed as in FX), restored on scope exit") {
  Graph g;
  Node* x = g.placeholder("x");
  Node* out = g.output(x);
  {
    auto at = g.inserting_before(out);
    g.call_function(operator_target("neg"), {x});
    g.call_function(operator_target("neg"), {x});
  }
  {
    auto at = g.inserting_after(x);
    g.call_function(operator_target("pos"), {x});
    g.call_function(operator_target("pos"), {x});
  }
  g.placeholder("tail");
  CHECK(names_of(g) == V{"x", "pos_1", "pos", "neg", "neg_1", "output", "tail"});
}

TEST_CASE("erase_node refuses nodes with users and clears the node's uses") {
  Graph g;
  Node* x = g.placeholder("x");
  Node* n = g.call_function(operator_target("neg"), {x});
  Node* m = g.call_function(operator_target("neg"), {n});
  CHECK_THROWS_AS(g.erase_node(n), std::runtime_error);
  g.erase_node(m);
  CHECK(m->erased());
  CHECK(n->num_users() == 0);
  CHECK(m->args()[0].is_none());
  CHECK(g.size() == 2);
}

TEST_CASE("replace_all_uses_with moves every use, or only the selected ones") {
  Graph g;
  Node* x = g.placeholder("x");
  Node* y = g.placeholder("y");
  const Target* mul = operator_target("mul");
  Node* a = g.call_function(mul, {x, 2});
  Node* b = g.call_function(mul, {x, Argument::tuple({x, 3})});
  Node* c = g.call_function(mul, {x, 4});
  std::vector<Node*> changed = x->replace_all_uses_with(y, [&](Node* u) { return u != c; });
  CHECK(names_of(changed) == V{"mul", "mul_1"});
  CHECK(a->args()[0].node() == y);
  CHECK(b->args()[1].get_if<ArgTuple>()->items[0].node() == y);
  CHECK(names_of(x->users()) == V{"mul_2"});
  x->replace_all_uses_with(y);
  CHECK(x->num_users() == 0);
  CHECK(names_of(y->users()) == V{"mul", "mul_1", "mul_2"});
}

TEST_CASE("dead code elimination keeps impure nodes and reserves erased names") {
  Graph g;
  Node* x = g.placeholder("x");
  const Target* neg = operator_target("neg");
  Node* d1 = g.call_function(neg, {x});
  g.call_function(neg, {d1}); // dead chain
  const Target* effect = global_function_target("torch._C", "_set_grad_enabled");
  Node* keep = g.call_function(effect, {false});
  Node* live = g.call_function(neg, {x});
  g.output(live);
  CHECK(eliminate_dead_code(
      g, [&](const Node& n) { return n.is_impure() || n.function() == effect; }));
  CHECK(names_of(g) == V{"x", "_set_grad_enabled", "neg_2", "output"});
  CHECK(!keep->erased());
  CHECK_FALSE(eliminate_dead_code(
      g, [&](const Node& n) { return n.is_impure() || n.function() == effect; }));
  // Without the predicate the grad-mode call is pure here and goes too.
  CHECK(eliminate_dead_code(g));
  CHECK(names_of(g) == V{"x", "neg_2", "output"});
  CHECK(g.call_function(neg, {x})->name() == "neg_3");
  effect->set_side_effectful(true);
  CHECK(g.call_function(effect, {true})->is_impure());
  effect->set_side_effectful(false);
}

TEST_CASE("graph_copy keeps free names and remaps the output") {
  Graph src;
  Node* a = src.placeholder("a");
  Node* m = src.call_function(operator_target("mul"), {a, a});
  src.output(Argument::tuple({m}));
  Graph dst;
  Node* mine = dst.call_function(operator_target("add"), {1, 2}, {}, "mul"); // takes `mul`
  NodeMap map;
  Argument out = graph_copy(dst, src, map);
  CHECK(names_of(dst) == V{"mul", "a", "mul_1"});
  CHECK(out.get_if<ArgTuple>()->items[0].node() == map.at(m));
  CHECK(map.at(m) != mine);
}

TEST_CASE("prefixed paste: placeholders renamed by assignment, ops copied then prefixed") {
  // An AOT backward graph: tangents_1 -> mul -> (mul, tangents_1).
  Graph bw;
  Node* t = bw.placeholder("tangents_1");
  Node* m = bw.call_function(aten_target("aten", "mul", "Tensor"), {t, 2}, {}, "mul");
  Node* v = bw.call_function(aten_target("aten", "view", "default"), {m, Argument::list({-1})}, {},
                             "view");
  bw.output(Argument::tuple({v, t}));
  (void)v;
  // The compiled-autograd graph: the prologue's getitem feeds the pasted graph.
  Graph ca;
  Node* inputs = ca.placeholder("inputs");
  Node* g0 = ca.call_function(operator_target("getitem"), {inputs, 0});
  PrefixedCopyOptions options;
  options.prefix = "aot1_";
  options.retarget = [](const Target* fn) {
    return fn == aten_target("aten", "view", "default") ? aten_target("aten", "reshape", "default")
                                                        : fn;
  };
  Argument out = paste_graph_with_prefix(ca, bw, {g0}, options);
  ca.output(out);
  CHECK(names_of(ca) == V{"inputs", "aot1_tangents_1", "aot1_mul", "aot1_view", "output"});
  // The copied nodes went through the name space under their old names first,
  // and the placeholder's old name stays reserved.
  CHECK(ca.name_space().is_used("mul"));
  CHECK(ca.name_space().is_used("view"));
  CHECK(ca.name_space().is_used("getitem"));
  CHECK_FALSE(ca.name_space().is_used("aot1_mul"));
  CHECK(python_code(ca) ==
        "\n\n\ndef forward(self, inputs):\n"
        "    aot1_tangents_1 = inputs[0];  inputs = None\n"
        "    aot1_mul = torch.ops.aten.mul.Tensor(aot1_tangents_1, 2)\n"
        "    aot1_view = torch.ops.aten.reshape.default(aot1_mul, [-1]);  aot1_mul = None\n"
        "    return (aot1_view, aot1_tangents_1)\n"
        "    ");
}
