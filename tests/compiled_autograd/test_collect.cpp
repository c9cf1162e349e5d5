#include <doctest/doctest.h>

#include "core/compiled_autograd/collect.h"
#include "tests/compiled_autograd/ca_test_util.h"

using namespace bwhop;
using namespace bwhop::compiled_autograd;
using namespace bwhop::compiled_autograd::testing;

TEST_CASE("x + y through aot_eager: LIFO order, lifted inputs [grad_out, y, x], six sizes") {
  // Reference (compiled-autograd.md A2, from PyTorch's collection rules):
  // ordered_calls = [GraphRoot, CompiledFunctionBackward, AccumulateGrad(y),
  // AccumulateGrad(x)]; inputs grad_out, y, x; 6 sizes of value 2; hooks
  // [ctx, user hook on x].
  auto fn = aot_binary("add", "add.Tensor", 1);
  Tensor x = leaf({0.5, 0.5}), y = leaf({0.5, 0.5});
  hook_with_payload(x, std::any(42));
  Tensor out = (*fn)({x, y})[0];
  Tensor grad_out = T({2.0, 2.0});
  Collection c = collect(graph_root({out}, {grad_out}));

  REQUIRE(c.nodes.size() == 4);
  CHECK(c.nodes[0].kind == NodeKind::GraphRoot);
  CHECK(c.nodes[1].kind == NodeKind::AotBackward);
  CHECK(c.nodes[2].kind == NodeKind::AccumulateGrad);
  CHECK(c.nodes[3].kind == NodeKind::AccumulateGrad);

  REQUIRE(c.inputs.size() == 3);
  CHECK(c.inputs[0].is_same(grad_out));
  CHECK(c.inputs[1].is_same(y));
  CHECK(c.inputs[2].is_same(x));
  CHECK(c.nodes[2].tensors == std::vector<int>{1});
  CHECK(c.nodes[3].tensors == std::vector<int>{2});

  CHECK(c.sizes == std::vector<int64_t>{2, 2, 2, 2, 2, 2});
  // GraphRoot edge first; then the AOT node's output_info, input_info, edges.
  CHECK(c.nodes[0].edge_sizes == std::vector<std::vector<int>>{{0}});
  CHECK(c.nodes[1].info_sizes == std::vector<std::vector<int>>{{1}, {2}, {3}});
  CHECK(c.nodes[1].edge_sizes == std::vector<std::vector<int>>{{4}, {5}});

  REQUIRE(c.hooks.size() == 2);
  CHECK(c.hooks[0].aot_node == c.nodes[1].node);
  CHECK(c.nodes[1].ctx_hook == 0);
  CHECK(std::any_cast<int>(c.hooks[1].payload) == 42);
  REQUIRE(c.nodes[3].tensor_pre_hooks.size() == 1);
  CHECK(c.nodes[3].tensor_pre_hooks[0].hook_index == 1);
}

TEST_CASE("x * y through aot_eager: saved leaves are lifted before the AccumulateGrad nodes") {
  // Reference (compiled-autograd.md Part G): inputs become [grad_out, x, y].
  auto fn = aot_binary("mul", "mul.Tensor", 1);
  Tensor x = leaf({0.5, 0.5}), y = leaf({0.5, 0.5});
  Tensor out = (*fn)({x, y})[0];
  Tensor grad_out = T({2.0, 2.0});
  Collection c = collect(graph_root({out}, {grad_out}));
  REQUIRE(c.inputs.size() == 3);
  CHECK(c.inputs[1].is_same(x));
  CHECK(c.inputs[2].is_same(y));
  CHECK(c.nodes[1].tensors == std::vector<int>{1, 2});
}

TEST_CASE("eager x + y: AddBackward0 has no size fields, three sizes, hook is hooks[0]") {
  // Reference (compiled-autograd.md Part E): 3 sizes; hooks[0] is the user hook.
  autograd::install();
  Tensor x = leaf({0.5, 0.5}), y = leaf({0.5, 0.5});
  hook_with_payload(x, std::any(7));
  Tensor out = tensor::ops::add(x, y);
  Collection c = collect(graph_root({out}, {T({2.0, 2.0})}));
  REQUIRE(c.nodes.size() == 4);
  CHECK(c.nodes[1].node->name() == "AddBackward0");
  CHECK(c.sizes.size() == 3);
  REQUIRE(c.hooks.size() == 1);
  CHECK(c.hooks[0].aot_node == nullptr);
  // Edge order (x, y): y's AccumulateGrad is pushed last, so visited first.
  CHECK(c.inputs[1].is_same(y));
  CHECK(c.inputs[2].is_same(x));
}

TEST_CASE("a shared tensor is lifted once; a defined .grad is lifted after its variable") {
  autograd::install();
  Tensor x = leaf({1.0, 2.0});
  autograd::set_grad(x, T({1.0, 1.0}));
  Tensor out = tensor::ops::mul(x, x);
  Collection c = collect(graph_root({out}, {T({1.0, 1.0})}));
  // grad_out, x (saved twice by MulBackward0, once as the leaf), x.grad.
  REQUIRE(c.inputs.size() == 3);
  CHECK(c.inputs[1].is_same(x));
  CHECK(c.inputs[2].is_same(autograd::grad(x)));
  CHECK(c.nodes[1].tensors == std::vector<int>{1, 1});
}

TEST_CASE("hooks without a payload cannot be lifted and say so") {
  autograd::install();
  Tensor x = leaf({1.0});
  autograd::register_hook(x, [](const Tensor&) -> std::optional<Tensor> { return {}; });
  Tensor out = tensor::ops::mul(x, x);
  CHECK_THROWS_WITH(collect(graph_root({out}, {T({1.0})})),
                    doctest::Contains("without a script callable"));
}
