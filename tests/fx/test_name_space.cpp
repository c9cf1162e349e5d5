// torch.fx.graph._Namespace rules; the call sequences and results are the
// reference's table (§3.1), checked against the algorithm in PyTorch's source.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/fx/graph.h"
#include "core/fx/name_space.h"
#include "core/fx/target.h"

using namespace bwhop::fx;

namespace {
std::vector<std::string> names(std::initializer_list<const char*> candidates) {
  NameSpace ns;
  std::vector<std::string> out;
  for (const char* c : candidates) out.emplace_back(ns.create_name(c));
  return out;
}
using V = std::vector<std::string>;
} // namespace

TEST_CASE("suffixes continue from the last count for the base") {
  CHECK(names({"add", "add", "add"}) == V{"add", "add_1", "add_2"});
  CHECK(names({"add", "add", "add", "add_1"}) == V{"add", "add_1", "add_2", "add_3"});
  CHECK(names({"getitem", "getitem_9", "getitem"}) == V{"getitem", "getitem_9", "getitem_10"});
  CHECK(names({"x_1", "x_1"}) == V{"x_1", "x_2"});
  CHECK(names({"add_5", "add", "add", "add"}) == V{"add_5", "add", "add_6", "add_7"});
  CHECK(names({"result", "result"}) == V{"result", "result_1"});
}

TEST_CASE("builtins, keywords and FX's custom builtins always get a suffix") {
  CHECK(names({"sum", "sum"}) == V{"sum_1", "sum_2"});
  CHECK(names({"input", "device", "torch"}) == V{"input_1", "device_1", "torch_1"});
  CHECK(names({"getattr", "class", "None", "inf"}) == V{"getattr_1", "class_1", "None_1", "inf_1"});
}

TEST_CASE("illegal characters are sanitized") {
  CHECK(names({"", "1abc"}) == V{"_unnamed", "_1abc"});
  CHECK(names({"mul.Tensor"}) == V{"mul_Tensor"});
  CHECK(names({"torch._dynamo._trace_wrapped_higher_order_op.self_invoke"}) ==
        V{"torch__dynamo__trace_wrapped_higher_order_op_self_invoke"});
  CHECK(names({"a--b..c"}) == V{"a_b_c"});
  // `L_sizes_0_` ends with `_`, so it has no numeric suffix.
  CHECK(names({"L_sizes_0_", "L_sizes_0_"}) == V{"L_sizes_0_", "L_sizes_0__1"});
}

TEST_CASE("objects keep their name; a builtin object keeps the builtin name") {
  NameSpace ns;
  int a = 0, b = 0, getattr_builtin = 0;
  std::string_view first = ns.create_name("foo.bar", &a);
  CHECK(first == "foo_bar");
  CHECK(ns.create_name("something else", &a) == "foo_bar");
  CHECK(ns.create_name("foo.bar", &b) == "foo_bar_1"); // another object, same qualified name
  CHECK(ns.create_name("getattr", &getattr_builtin, true) == "getattr");
}

TEST_CASE("graph nodes are named from their targets through the name space") {
  Graph g;
  Node* x = g.placeholder("L_x_");
  CHECK(x->name() == "l_x_");
  CHECK(g.placeholder("input")->name() == "input_1");
  Node* s = g.call_method("sum", {x});
  CHECK(s->name() == "sum_1");
  CHECK(g.call_method("__getitem__", {x, 0})->name() == "getitem");
  CHECK(g.call_function(
             global_function_target("torch._dynamo.compiled_autograd.ops", "AccumulateGrad"), {x})
            ->name() == "accumulate_grad");
  // Without an explicit name an OpOverload node gets the sanitized overload name.
  CHECK(g.call_function(aten_target("aten", "sym_size", "int"), {x, 0})->name() == "sym_size_int");
  // make_fx passes the overload packet as the explicit name.
  const Target* mul = aten_target("aten", "mul", "Tensor");
  CHECK(mul->overload_packet() == "mul");
  CHECK(g.call_function(mul, {x, x}, {}, mul->overload_packet())->name() == "mul");
  CHECK(g.call_function(mul, {x, x}, {}, mul->overload_packet())->name() == "mul_1");
  CHECK(g.get_attr("linear.weight")->name() == "linear_weight");
}

TEST_CASE("erased and renamed names stay reserved") {
  Graph g;
  Node* x = g.placeholder("x");
  const Target* mul = operator_target("mul");
  Node* m = g.call_function(mul, {x, x});
  CHECK(m->name() == "mul");
  m->rename("result");
  CHECK(m->name() == "result");
  CHECK(g.call_function(mul, {x, x})->name() == "mul_1");
  Node* dead = g.call_function(operator_target("add"), {x, 1});
  CHECK(dead->name() == "add");
  g.erase_node(dead);
  CHECK(g.call_function(operator_target("add"), {x, 2})->name() == "add_1");
  // A store to a builtin-named local still gets a suffix; renaming to the same
  // name does nothing.
  Node* n = g.call_function(mul, {x, x});
  n->rename("input");
  CHECK(n->name() == "input_1");
  n->rename("input_1");
  CHECK(n->name() == "input_1");
  // A second `result` store elsewhere gets the next suffix.
  Node* other = g.call_function(mul, {x, x});
  other->rename("result");
  CHECK(other->name() == "result_1");
}

TEST_CASE("renames bump the base counter (Dynamo's getitem_9)") {
  Graph g;
  Node* l = g.placeholder("L_inputs_");
  const Target* getitem = operator_target("getitem");
  for (int i = 0; i < 3; ++i) g.call_function(getitem, {l, i});
  Node* fourth = g.call_function(getitem, {l, 3});
  CHECK(fourth->name() == "getitem_3");
  fourth->rename("getitem_9");
  Node* next = g.call_function(getitem, {l, 4});
  CHECK(next->name() == "getitem_10");
  next->rename("aot1_tangents_1");
  CHECK(g.call_function(getitem, {l, 5})->name() == "getitem_11");
}
