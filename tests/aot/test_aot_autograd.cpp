// AOT autograd on hand-built dynamo-style graphs. Expected graph structure comes
// from PyTorch: the joint/partition results of python3-torch 1.13's aot_function
// (functorch.compile) for the same functions (names, op order, saved values), and
// the newer aot_graphs layout (`return (mul, primals_1, primals_2)` tuples,
// `"f32[2][1]cpu"` annotations from include_stride/include_device, the
// "===== Forward graph <id> =====" title of lazy_format_graph_code). 1.13 orders
// saved values through a set (run to run it prints primals_2 before primals_1);
// newer PyTorch keeps joint-graph order, which is what is expected here.
// Gradients are checked against eager autograd on the same values and against
// 1.13's numbers (x.grad tensor([16., 36.]) with the squaring hook, y.grad
// tensor([1., 3.])).
#include <doctest/doctest.h>

#include "core/aot/aot_autograd.h"
#include "core/aot/aot_log.h"
#include "core/autograd/autograd_kernel.h"
#include "core/autograd/engine.h"
#include "core/common/artifacts.h"
#include "core/tensor/tensor_print.h"
#include "tests/aot/aot_test_util.h"

using namespace bwhop;
using namespace bwhop::aot;
using bwhop::aot::testing::binary_dynamo_graph;
using bwhop::aot::testing::leaf;
using bwhop::aot::testing::T;
using tensor::Tensor;

namespace {

std::vector<std::string> aot_graph_texts(const common::ArtifactLog& log) {
  std::vector<std::string> texts;
  for (const common::Artifact& a : log.entries())
    if (a.name == "aot_graphs") texts.push_back(a.text);
  return texts;
}

std::string grad_repr(const Tensor& t) {
  Tensor g = autograd::grad(t);
  return g.defined() ? tensor::tensor_repr(g) : "None";
}

autograd::TensorHookFn squaring_hook(int& calls) {
  return [&calls](const Tensor& g) -> std::optional<Tensor> {
    ++calls;
    return tensor::ops::mul(g, g);
  };
}

} // namespace

TEST_CASE("x * y: forward saves both primals, backward multiplies by them") {
  autograd::install();
  auto gm = binary_dynamo_graph("mul", "mul.Tensor", 2);
  Tensor x = leaf({0.5, 1.5});
  Tensor y = leaf({2.0, 3.0});
  common::ArtifactLog log;
  std::shared_ptr<AotCompiledFunction> fn;
  {
    common::ScopedArtifactLog scope(log);
    fn = aot_module_simplified(*gm, {x, y}, 1);
  }
  std::vector<std::string> texts = aot_graph_texts(log);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0] == R"(===== Forward graph 1 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu"):
        mul: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(primals_1, primals_2)
        return (mul, primals_1, primals_2)
)");
  CHECK(texts[1] == R"(===== Backward graph 1 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu", tangents_1: "f32[2][1]cpu"):
        mul_1: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(tangents_1, primals_1);  primals_1 = None
        mul_2: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(tangents_1, primals_2);  tangents_1 = primals_2 = None
        return (mul_2, mul_1)
)");
  CHECK(fn->aot_id() == 1);
  CHECK(fn->needs_autograd());
  CHECK(fn->artifacts()->num_saved == 2);
}

TEST_CASE("x + y: nothing is saved and both gradients are the tangent") {
  autograd::install();
  auto gm = binary_dynamo_graph("add", "add.Tensor", 2);
  Tensor x = leaf({0.5, 0.5});
  Tensor y = leaf({0.5, 0.5});
  common::ArtifactLog log;
  std::shared_ptr<AotCompiledFunction> fn;
  {
    common::ScopedArtifactLog scope(log);
    fn = aot_module_simplified(*gm, {x, y}, 3);
  }
  std::vector<std::string> texts = aot_graph_texts(log);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0] == R"(===== Forward graph 3 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu"):
        add: "f32[2][1]cpu" = torch.ops.aten.add.Tensor(primals_1, primals_2);  primals_1 = primals_2 = None
        return (add,)
)");
  CHECK(texts[1] == R"(===== Backward graph 3 =====
class GraphModule(torch.nn.Module):
    def forward(self, tangents_1: "f32[2][1]cpu"):
        return (tangents_1, tangents_1)
)");
  CHECK(fn->artifacts()->num_saved == 0);

  Tensor grad_out = T({2.0, 2.0});
  std::vector<Tensor> out = (*fn)({x, y});
  REQUIRE(out.size() == 1);
  CHECK(tensor::tensor_repr(out[0]) == "tensor([1., 1.], grad_fn=<CompiledFunctionBackward>)");
  autograd::backward(out, {grad_out});
  CHECK(grad_repr(x) == "tensor([2., 2.])");
  CHECK(grad_repr(y) == "tensor([2., 2.])");
}

TEST_CASE("x * y: gradients, node name, AOT id and a hook on the input leaf") {
  autograd::install();
  auto gm = binary_dynamo_graph("mul", "mul.Tensor", 2);
  Tensor x = leaf({0.5, 1.5});
  Tensor y = leaf({2.0, 3.0});
  int calls = 0;
  autograd::register_hook(x, squaring_hook(calls));
  auto fn = aot_module_simplified(*gm, {x, y}, 7);
  std::vector<Tensor> out = (*fn)({x, y});
  REQUIRE(out.size() == 1);
  CHECK(tensor::tensor_repr(out[0]) ==
        "tensor([1.0000, 4.5000], grad_fn=<CompiledFunctionBackward>)");
  auto node = std::dynamic_pointer_cast<CompiledFunctionBackward>(autograd::grad_fn(out[0]));
  REQUIRE(node != nullptr);
  CHECK(node->name() == "CompiledFunctionBackward");
  CHECK(node->aot_id() == 7);
  CHECK(node->is_aot_backward());
  CHECK(node->saved_tensors().size() == 2);
  CHECK(node->saved_tensors()[0].is_same(x)); // saved leaves are the leaves themselves
  CHECK(node->backward_module().graph().find_node("tangents_1") != nullptr);
  CHECK(node->artifacts().output_info.at(0).shape == tensor::IntList{2});
  CHECK(node->artifacts().input_info.at(1).shape == tensor::IntList{2});
  REQUIRE(node->num_outputs() == 2);
  CHECK(node->next_edge(0).function == autograd::grad_accumulator(x));
  CHECK(node->next_edge(1).function == autograd::grad_accumulator(y));

  autograd::backward(out, {T({2.0, 2.0})});
  CHECK(calls == 1);
  CHECK(grad_repr(x) == "tensor([16., 36.])");
  CHECK(grad_repr(y) == "tensor([1., 3.])");

  // The same program in eager autograd.
  Tensor ex = leaf({0.5, 1.5});
  Tensor ey = leaf({2.0, 3.0});
  int eager_calls = 0;
  autograd::register_hook(ex, squaring_hook(eager_calls));
  autograd::backward({tensor::ops::mul(ex, ey)}, {T({2.0, 2.0})});
  CHECK(grad_repr(x) == grad_repr(ex));
  CHECK(grad_repr(y) == grad_repr(ey));

  // Saved tensors are freed after a backward without retain_graph.
  CHECK_THROWS_WITH(autograd::backward(out, {T({2.0, 2.0})}),
                    doctest::Contains("Trying to backward through the graph a second time"));
}

TEST_CASE("an input without requires_grad saves only what its partner's gradient needs") {
  // oracle (1.13): fw returns [mul, primals_2]; bw(primals_2, tangents_1) returns [mul_1, None]
  autograd::install();
  auto gm = binary_dynamo_graph("mul", "mul.Tensor", 2);
  Tensor x = leaf({0.5, 1.5});
  Tensor y = T({2.0, 3.0});
  common::ArtifactLog log;
  std::shared_ptr<AotCompiledFunction> fn;
  {
    common::ScopedArtifactLog scope(log);
    fn = aot_module_simplified(*gm, {x, y}, 0);
  }
  std::vector<std::string> texts = aot_graph_texts(log);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0] == R"(===== Forward graph 0 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu"):
        mul: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(primals_1, primals_2);  primals_1 = None
        return (mul, primals_2)
)");
  CHECK(texts[1] == R"(===== Backward graph 0 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_2: "f32[2][1]cpu", tangents_1: "f32[2][1]cpu"):
        mul_1: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(tangents_1, primals_2);  tangents_1 = primals_2 = None
        return (mul_1, None)
)");
  std::vector<Tensor> out = (*fn)({x, y});
  autograd::backward(out, {T({2.0, 2.0})});
  CHECK(grad_repr(x) == "tensor([4., 6.])");
  CHECK(grad_repr(y) == "None");
  CHECK(!autograd::grad_fn(out[0])->next_edge(1).is_valid());
}

TEST_CASE("no input requires grad: one inference graph, no backward node") {
  // oracle (1.13): forward(self, arg0_1, arg1_1): mul = ...(arg0_1, arg1_1)
  autograd::install();
  auto gm = binary_dynamo_graph("mul", "mul.Tensor", 2);
  Tensor x = T({0.5, 1.5});
  Tensor y = T({2.0, 3.0});
  common::ArtifactLog log;
  std::shared_ptr<AotCompiledFunction> fn;
  {
    common::ScopedArtifactLog scope(log);
    fn = aot_module_simplified(*gm, {x, y}, 2);
  }
  std::vector<std::string> texts = aot_graph_texts(log);
  REQUIRE(texts.size() == 1);
  CHECK(texts[0] == R"(===== Forward graph 2 =====
class GraphModule(torch.nn.Module):
    def forward(self, arg0_1: "f32[2][1]cpu", arg1_1: "f32[2][1]cpu"):
        mul: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(arg0_1, arg1_1);  arg0_1 = arg1_1 = None
        return (mul,)
)");
  CHECK(!fn->needs_autograd());
  std::vector<Tensor> out = (*fn)({x, y});
  CHECK(tensor::tensor_repr(out.at(0)) == "tensor([1.0000, 4.5000])");
}

TEST_CASE("grad mode off at call time: outputs get no grad_fn") {
  autograd::install();
  auto gm = binary_dynamo_graph("add", "add.Tensor", 2);
  Tensor x = leaf({0.5, 1.5});
  Tensor y = leaf({2.0, 3.0});
  auto fn = aot_module_simplified(*gm, {x, y}, 4);
  tensor::GradModeGuard no_grad(false);
  std::vector<Tensor> out = (*fn)({x, y});
  CHECK(autograd::grad_fn(out.at(0)) == nullptr);
  CHECK(tensor::tensor_repr(out.at(0)) == "tensor([2.5000, 4.5000])");
}

TEST_CASE("a backend's graph compiler replaces the interpreter for both graphs") {
  autograd::install();
  auto gm = binary_dynamo_graph("mul", "mul.Tensor", 2);
  Tensor x = leaf({0.5, 1.5});
  Tensor y = leaf({2.0, 3.0});
  std::vector<std::string> seen;
  auto recording = [&seen](const GraphToCompile& g) {
    seen.push_back(std::string(g.kind == GraphKind::Forward ? "fw" : "bw") + ":" +
                   std::to_string(g.aot_id) + ":" + std::to_string(g.example_inputs.size()));
    return interpret_graph(g);
  };
  AotOptions options;
  options.forward_compiler = recording;
  options.backward_compiler = recording;
  auto fn = aot_module_simplified(*gm, {x, y}, 5, options);
  CHECK(seen == std::vector<std::string>{"fw:5:2"}); // backward compiles lazily
  std::vector<Tensor> out = (*fn)({x, y});
  autograd::backward(out, {T({1.0, 1.0})});
  CHECK(seen == std::vector<std::string>{"fw:5:2", "bw:5:3"});
  CHECK(grad_repr(x) == "tensor([2., 3.])");
  CHECK(grad_repr(y) == "tensor([0.5000, 1.5000])");
}

TEST_CASE("out.sum().backward(): the backward compiler's tangent has the traced layout") {
  // sum's backward hands CompiledFunctionBackward an expanded gradient (stride 0);
  // process_runtime_tangent makes it match the contiguous tangents_1 the backward
  // was traced with before any backend's compiled backward sees it. By hand:
  // d/dx sum(x * y) = y, d/dy sum(x * y) = x.
  autograd::install();
  auto gm = binary_dynamo_graph("mul", "mul.Tensor", 2);
  Tensor x = leaf({0.5, 1.5});
  Tensor y = leaf({2.0, 3.0});
  std::vector<tensor::IntList> tangent_strides;
  AotOptions options;
  options.backward_compiler = [&tangent_strides](const GraphToCompile& g) -> CompiledGraph {
    CompiledGraph inner = interpret_graph(g);
    return [inner, &tangent_strides](const std::vector<IValue>& args) {
      tangent_strides.push_back(args.back().to_tensor().strides());
      return inner(args);
    };
  };
  auto fn = aot_module_simplified(*gm, {x, y}, 6, options);
  std::vector<Tensor> out = (*fn)({x, y});
  Tensor total = tensor::ops::sum(out[0]);
  autograd::backward({total});
  CHECK(tangent_strides == std::vector<tensor::IntList>{{1}});
  CHECK(grad_repr(x) == "tensor([2., 3.])");
  CHECK(grad_repr(y) == "tensor([0.5000, 1.5000])");
}

TEST_CASE("non-tensor outputs are rejected with a clear error") {
  autograd::install();
  auto g = std::make_shared<fx::Graph>();
  fx::Node* x = g->placeholder("L_x_");
  g->output(fx::Argument::tuple({x, int64_t{3}}));
  fx::GraphModule gm(g);
  CHECK_THROWS_WITH(aot_module_simplified(gm, {leaf({1.0})}, 0),
                    doctest::Contains("is not a tensor"));
}

TEST_CASE("(x * y) * x: an intermediate is saved after the primals, in joint-graph order") {
  // oracle (1.13, same ops and names; its saved order is set-ordered, newer
  // PyTorch iterates the joint graph): fw returns mul_1 plus saved mul,
  // primals_1, primals_2; bw computes mul_2..mul_5 and add as below;
  // x.grad tensor([ 4., 18.]), y.grad tensor([0.5000, 4.5000]).
  autograd::install();
  auto g = std::make_shared<fx::Graph>();
  fx::Node* x = g->create_node(fx::OpKind::Placeholder, nullptr, "L_x_", {}, {}, "l_x_", nullptr);
  fx::Node* y = g->create_node(fx::OpKind::Placeholder, nullptr, "L_y_", {}, {}, "l_y_", nullptr);
  const fx::Target* mul = testing::binary_target("mul", "mul.Tensor");
  fx::Node* xy = g->call_function(mul, {x, y});
  fx::Node* out = g->call_function(mul, {xy, x});
  g->output(fx::Argument::tuple({out}));
  fx::GraphModule gm(g);

  Tensor tx = leaf({0.5, 1.5});
  Tensor ty = leaf({2.0, 3.0});
  common::ArtifactLog log;
  std::shared_ptr<AotCompiledFunction> fn;
  {
    common::ScopedArtifactLog scope(log);
    fn = aot_module_simplified(gm, {tx, ty}, 1);
  }
  std::vector<std::string> texts = aot_graph_texts(log);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0] == R"(===== Forward graph 1 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu"):
        mul: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(primals_1, primals_2)
        mul_1: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(mul, primals_1)
        return (mul_1, primals_1, primals_2, mul)
)");
  CHECK(texts[1] == R"(===== Backward graph 1 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu", mul: "f32[2][1]cpu", tangents_1: "f32[2][1]cpu"):
        mul_2: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(tangents_1, mul);  mul = None
        mul_3: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(tangents_1, primals_1);  tangents_1 = None
        mul_4: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(mul_3, primals_1);  primals_1 = None
        mul_5: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(mul_3, primals_2);  mul_3 = primals_2 = None
        add: "f32[2][1]cpu" = torch.ops.aten.add.Tensor(mul_2, mul_5);  mul_2 = mul_5 = None
        return (add, mul_4)
)");
  std::vector<Tensor> outs = (*fn)({tx, ty});
  autograd::backward(outs, {T({2.0, 2.0})});
  CHECK(grad_repr(tx) == "tensor([ 4., 18.])");
  CHECK(grad_repr(ty) == "tensor([0.5000, 4.5000])");
}

TEST_CASE("two outputs: tangents_1 and tangents_2, fan-in gradients added in arrival order") {
  // oracle (1.13): the same ops and names (saved order aside, see the top comment);
  // x.grad tensor([5., 5.]), y.grad tensor([2., 2.]).
  autograd::install();
  auto g = std::make_shared<fx::Graph>();
  fx::Node* x = g->create_node(fx::OpKind::Placeholder, nullptr, "L_x_", {}, {}, "l_x_", nullptr);
  fx::Node* y = g->create_node(fx::OpKind::Placeholder, nullptr, "L_y_", {}, {}, "l_y_", nullptr);
  fx::Node* m = g->call_function(testing::binary_target("mul", "mul.Tensor"), {x, y});
  fx::Node* a = g->call_function(testing::binary_target("add", "add.Tensor"), {x, y});
  g->output(fx::Argument::tuple({m, a}));
  fx::GraphModule gm(g);

  Tensor tx = leaf({0.5, 1.5});
  Tensor ty = leaf({2.0, 3.0});
  common::ArtifactLog log;
  std::shared_ptr<AotCompiledFunction> fn;
  {
    common::ScopedArtifactLog scope(log);
    fn = aot_module_simplified(gm, {tx, ty}, 2);
  }
  std::vector<std::string> texts = aot_graph_texts(log);
  REQUIRE(texts.size() == 2);
  CHECK(texts[0] == R"(===== Forward graph 2 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu"):
        mul: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(primals_1, primals_2)
        add: "f32[2][1]cpu" = torch.ops.aten.add.Tensor(primals_1, primals_2)
        return (mul, add, primals_1, primals_2)
)");
  CHECK(texts[1] == R"(===== Backward graph 2 =====
class GraphModule(torch.nn.Module):
    def forward(self, primals_1: "f32[2][1]cpu", primals_2: "f32[2][1]cpu", tangents_1: "f32[2][1]cpu", tangents_2: "f32[2][1]cpu"):
        mul_1: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(tangents_1, primals_1);  primals_1 = None
        mul_2: "f32[2][1]cpu" = torch.ops.aten.mul.Tensor(tangents_1, primals_2);  tangents_1 = primals_2 = None
        add_1: "f32[2][1]cpu" = torch.ops.aten.add.Tensor(tangents_2, mul_2);  mul_2 = None
        add_2: "f32[2][1]cpu" = torch.ops.aten.add.Tensor(tangents_2, mul_1);  tangents_2 = mul_1 = None
        return (add_1, add_2)
)");
  std::vector<Tensor> outs = (*fn)({tx, ty});
  REQUIRE(outs.size() == 2);
  CHECK(autograd::grad_fn(outs[0]) == autograd::grad_fn(outs[1]));
  CHECK(autograd::output_nr(outs[1]) == 1);
  autograd::backward(outs, {T({2.0, 2.0}), T({1.0, -1.0})});
  CHECK(grad_repr(tx) == "tensor([5., 5.])");
  CHECK(grad_repr(ty) == "tensor([2., 2.])");
}

TEST_CASE("a gradient that never arrives is materialized as zeros") {
  autograd::install();
  auto g = std::make_shared<fx::Graph>();
  fx::Node* x = g->create_node(fx::OpKind::Placeholder, nullptr, "L_x_", {}, {}, "l_x_", nullptr);
  fx::Node* y = g->create_node(fx::OpKind::Placeholder, nullptr, "L_y_", {}, {}, "l_y_", nullptr);
  fx::Node* m = g->call_function(testing::binary_target("mul", "mul.Tensor"), {x, y});
  fx::Node* a = g->call_function(testing::binary_target("add", "add.Tensor"), {x, y});
  g->output(fx::Argument::tuple({m, a}));
  fx::GraphModule gm(g);
  Tensor tx = leaf({0.5, 1.5});
  Tensor ty = leaf({2.0, 3.0});
  auto fn = aot_module_simplified(gm, {tx, ty}, 0);
  std::vector<Tensor> outs = (*fn)({tx, ty});
  autograd::backward({outs[1]}, {T({1.0, -1.0})}); // only the sum's gradient
  CHECK(grad_repr(tx) == "tensor([ 1., -1.])");
  CHECK(grad_repr(ty) == "tensor([ 1., -1.])");
}
