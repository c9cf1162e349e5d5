// The proxy mode on its own: naming, metadata, argument forms, constants.
#include <doctest/doctest.h>

#include "core/fx/graph_module.h"
#include "core/fx/normalize.h"
#include "core/fx/target.h"
#include "core/tensor/op_registry.h"
#include "core/tracing/dispatch_args.h"
#include "core/tracing/proxy_mode.h"
#include "core/tracing/tensor_table.h"
#include "tests/tracing/tracing_test_util.h"

using namespace bwhop;
using namespace bwhop::tracing;
using namespace bwhop::tracing::testing;
using tensor::IValue;
using tensor::Tensor;
namespace ops = tensor::ops;

TEST_CASE("ops under the mode run for real and are named after the overload packet") {
  auto mode = std::make_shared<ProxyMode>();
  Tensor x = floats({1, 2});
  mode->track(x, mode->graph().placeholder("x_1"));
  Tensor a, b, s1, s2;
  {
    tensor::ModeGuard on(mode);
    a = ops::mul(x, x);
    b = ops::mul(a, IValue(3.0));
    s1 = ops::sum(b);
    s2 = ops::sum(b);
  }
  CHECK(values(b) == std::vector<double>{3, 12});
  CHECK(values(s1) == std::vector<double>{15});
  CHECK(mode->find(a)->name() == "mul");
  CHECK(mode->find(b)->name() == "mul_1");
  CHECK(mode->find(s1)->name() == "sum_1"); // `sum` is a builtin
  CHECK(mode->find(s2)->name() == "sum_2");
  CHECK(mode->find(b)->function()->qualified_name() == "torch.ops.aten.mul.Tensor");
  // Python numbers stay constants in the node's arguments.
  CHECK(*mode->find(b)->args()[1].get_if<double>() == 3.0);
  // Ops after the mode is popped are not recorded.
  Tensor c = ops::mul(x, x);
  CHECK(mode->find(c) == nullptr);
  CHECK(mode->graph().size() == 5);
}

TEST_CASE("node annotations carry the output's dtype and shape") {
  auto mode = std::make_shared<ProxyMode>();
  Tensor x = tensor::ops::from_doubles({1, 2, 3, 4, 5, 6}, {2, 3}, tensor::ScalarType::Float);
  mode->track(x, mode->graph().placeholder("x_1"));
  Tensor r;
  {
    tensor::ModeGuard on(mode);
    r = ops::sum(ops::gt(x, IValue(2.0)), tensor::IntList{1});
  }
  mode->graph().output(mode->find(r));
  fx::GraphModule gm(mode->shared_graph(), "f");
  std::string text = fx::normalize_gm(gm.print_readable(false));
  CHECK(text.find("def forward(self, x_1: \"f32[2, 3]\"):") != std::string::npos);
  CHECK(text.find("gt: \"b8[2, 3]\" = torch.ops.aten.gt.Scalar(x_1, 2.0)") != std::string::npos);
  CHECK(text.find("sum_1: \"i64[2]\" = torch.ops.aten.sum.dim_IntList(gt, [1])") !=
        std::string::npos);
}

TEST_CASE("tracking disabled: ops run but are not recorded") {
  auto mode = std::make_shared<ProxyMode>();
  Tensor x = floats({1, 2});
  mode->track(x, mode->graph().placeholder("x_1"));
  mode->set_tracing_enabled(false);
  Tensor y;
  {
    tensor::ModeGuard on(mode);
    y = ops::neg(x);
  }
  CHECK(values(y) == std::vector<double>{-1, -2});
  CHECK(mode->graph().size() == 1);
}

TEST_CASE("split_dispatch_args follows parseIValuesToPyArgsKwargs") {
  const tensor::OpDef& sum_dim = tensor::op("sum.dim_IntList");
  Tensor x = floats({1, 2});
  // sum(x, [0]): keepdim and dtype at their defaults → one positional dropped, no kwargs.
  DispatchArgSplit s = split_dispatch_args(
      sum_dim.schema, {IValue(x), IValue(tensor::IntList{0}), IValue(false), IValue()});
  CHECK(s.num_positional == 2);
  CHECK(s.keywords.empty());
  // keepdim=True and dtype given: all positionals, dtype as a keyword.
  s = split_dispatch_args(sum_dim.schema, {IValue(x), IValue(tensor::IntList{0}), IValue(true),
                                           IValue(tensor::ScalarType::Double)});
  CHECK(s.num_positional == 3);
  REQUIRE(s.keywords.size() == 1);
  CHECK(sum_dim.schema.args[s.keywords[0]].name == "dtype");
}

TEST_CASE("a tensor constant gets one attribute and a get_attr node per use") {
  auto mode = std::make_shared<ProxyMode>();
  Tensor x = floats({1, 2});
  Tensor c = floats({3, 4});
  Tensor d = floats({5, 6});
  mode->track(x, mode->graph().placeholder("x_1"));
  {
    tensor::ModeGuard on(mode);
    ops::add(x, c);
    ops::add(x, c);
    ops::add(x, d);
  }
  const auto& attrs = mode->attributes().entries;
  REQUIRE(attrs.size() == 2);
  CHECK(attrs[0].first == "_tensor_constant0");
  CHECK(attrs[1].first == "_tensor_constant1");
  CHECK(mode->graph().find_node("_tensor_constant0_1") != nullptr);
  CHECK(mode->graph().find_node("_tensor_constant0_1")->target_name() == "_tensor_constant0");
}

TEST_CASE("to_argument keeps tuple and list structure") {
  auto mode = std::make_shared<ProxyMode>();
  Tensor x = floats({1});
  fx::Node* ph = mode->graph().placeholder("x_1");
  mode->track(x, ph);
  fx::Argument a =
      mode->to_argument(Tree::tuple({Tree(x), Tree::list({Tree(IValue(int64_t{2}))})}));
  const fx::ArgTuple* t = a.get_if<fx::ArgTuple>();
  REQUIRE(t != nullptr);
  CHECK(t->items[0].node() == ph);
  CHECK(t->items[1].is<fx::ArgList>());
}

TEST_CASE("the tensor table finds old and new tensors, and the latest binding wins") {
  Tensor old_tensor = floats({1}); // created before the table: hash-map part
  TensorTable table;
  fx::Graph g;
  fx::Node* a = g.placeholder("a");
  fx::Node* b = g.placeholder("b");
  Tensor fresh = floats({2}); // created after: dense part
  CHECK(table.get(old_tensor.id()) == nullptr);
  CHECK(table.get(fresh.id()) == nullptr);
  table.set(old_tensor.id(), a);
  table.set(fresh.id(), a);
  table.set(fresh.id(), b);
  CHECK(table.get(old_tensor.id()) == a);
  CHECK(table.get(fresh.id()) == b);
  CHECK(table.get(fresh.id() + 1000) == nullptr);
  // An id far beyond the dense part still works (it goes to the hash map).
  table.set(fresh.id() + 10'000'000, a);
  CHECK(table.get(fresh.id() + 10'000'000) == a);
}
