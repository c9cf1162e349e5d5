// Engine order, hooks, accumulation and errors. Expected values come from running the
// same programs on PyTorch 1.13 (the oracle), noted next to each case.
#include <doctest/doctest.h>

#include "core/autograd/accumulate_grad.h"
#include "core/autograd/autograd_kernel.h"
#include "core/autograd/engine.h"
#include "core/autograd/errors.h"
#include "core/autograd/op_node.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "tests/autograd/builders.h"

using namespace bwhop;
using namespace bwhop::tensor;
using namespace bwhop::autograd;
using bwhop::autograd::testing::grad_repr;
using bwhop::autograd::testing::leaf;
using bwhop::autograd::testing::T;

namespace {
IValue num(double v) {
  return IValue(v);
}
// A hook that logs its name and the gradient it saw, returning nothing.
TensorHookFn logger(std::vector<std::string>& log, std::string name) {
  return [&log, name](const Tensor& g) -> std::optional<Tensor> {
    log.push_back(name + tensor_repr(g));
    return std::nullopt;
  };
}
} // namespace

TEST_CASE("seed 1: a hook on x squaring its gradient; x.grad == y * grad_out") {
  install();
  Tensor x = leaf({0.5, 0.5}, {2});
  Tensor y = leaf({0.5, 0.5}, {2});
  register_hook(x, [](const Tensor& g) -> std::optional<Tensor> { return ops::mul(g, g); });
  Tensor out = ops::mul(x, y);
  Tensor grad_out = T({2.0, 2.0}, {2});
  backward({out}, {grad_out});
  CHECK(ops::to_doubles(grad(x)) == ops::to_doubles(ops::mul(y, grad_out)));
  CHECK(grad_repr(x) == "tensor([1., 1.])");
  CHECK(grad_repr(y) == "tensor([1., 1.])");
}

TEST_CASE("seed 4: z = x*x; (z+z).backward(ones) gives 4*x") {
  install();
  Tensor x = leaf({0.5, 0.5}, {2});
  Tensor z = ops::mul(x, x);
  Tensor o = ops::add(z, z);
  backward({o}, {T({1.0, 1.0}, {2})});
  CHECK(grad_repr(x) == "tensor([2., 2.])");
  CHECK(ops::to_doubles(grad(x)) == ops::to_doubles(ops::mul(x, num(4.0))));
}

TEST_CASE("reprs carry requires_grad and grad_fn") {
  install();
  Tensor x = leaf({1, 2}, {2});
  CHECK(tensor_repr(x) == "tensor([1., 2.], requires_grad=True)");
  CHECK(tensor_repr(ops::mul(x, x)) == "tensor([1., 4.], grad_fn=<MulBackward0>)");
  CHECK(tensor_repr(leaf({0.5, 0.5}, {2})) == "tensor([0.5000, 0.5000], requires_grad=True)");
  GradModeGuard no_grad(false);
  CHECK(tensor_repr(ops::mul(x, num(2))) == "tensor([2., 4.])");
}

TEST_CASE("engine runs later-created nodes first; hooks fire when their node runs") {
  install();
  // oracle: [('b', [1.0, 1.0]), ('a', [1.0, 1.0]), ('x', [5.0, 5.0])], x.grad tensor([5., 5.])
  std::vector<std::string> log;
  Tensor x = leaf({0.5, 0.5}, {2});
  Tensor a = ops::mul(x, num(2));
  Tensor b = ops::mul(x, num(3));
  Tensor c = ops::add(a, b);
  register_hook(a, logger(log, "a"));
  register_hook(b, logger(log, "b"));
  register_hook(x, logger(log, "x"));
  backward({ops::sum(c)});
  CHECK(log ==
        std::vector<std::string>{"btensor([1., 1.])", "atensor([1., 1.])", "xtensor([5., 5.])"});
  CHECK(grad_repr(x) == "tensor([5., 5.])");
}

TEST_CASE("engine order on a diamond follows sequence numbers") {
  install();
  // oracle: ['s', 'r', 'q', 'p'], x.grad tensor([-0.1154, -0.8639])
  std::vector<std::string> log;
  Tensor x = leaf({1, 2}, {2});
  Tensor p = ops::sin(x);
  Tensor q = ops::cos(x);
  Tensor r = ops::mul(p, q);
  Tensor s = ops::exp(r);
  Tensor t = ops::sum(ops::add(s, p));
  for (auto [name, v] : {std::pair{"p", p}, {"q", q}, {"r", r}, {"s", s}}) {
    std::string n = name;
    register_hook(v, [&log, n](const Tensor&) -> std::optional<Tensor> {
      log.push_back(n);
      return std::nullopt;
    });
  }
  backward({t});
  CHECK(log == std::vector<std::string>{"s", "r", "q", "p"});
  CHECK(grad_repr(x) == "tensor([-0.1154, -0.8639])");
}

TEST_CASE("leaf hooks run in registration order before accumulation; returns replace") {
  install();
  // oracle: [h1 [2,4], h2 [20,40], h3 [20,40]] x.grad [21, 41]; after removing h2 and a
  // second backward: [h1 [2,4], h3 [20,40]] x.grad [42, 82]
  std::vector<std::string> log;
  Tensor x = leaf({1, 2}, {2});
  register_hook(x, [&log](const Tensor& g) -> std::optional<Tensor> {
    log.push_back("h1" + tensor_repr(g));
    return ops::mul(g, num(10));
  });
  RemovableHandle h2 = register_hook(x, logger(log, "h2"));
  register_hook(x, [&log](const Tensor& g) -> std::optional<Tensor> {
    log.push_back("h3" + tensor_repr(g));
    return ops::add(g, num(1));
  });
  backward({ops::sum(ops::mul(x, x))});
  CHECK(log == std::vector<std::string>{"h1tensor([2., 4.])", "h2tensor([20., 40.])",
                                        "h3tensor([20., 40.])"});
  CHECK(grad_repr(x) == "tensor([21., 41.])");
  h2.remove();
  log.clear();
  backward({ops::sum(ops::mul(x, x))});
  CHECK(log == std::vector<std::string>{"h1tensor([2., 4.])", "h3tensor([20., 40.])"});
  CHECK(grad_repr(x) == "tensor([42., 82.])");
}

TEST_CASE("a non-leaf hook replaces the gradient flowing into that tensor") {
  install();
  // oracle: y = x*3; y.register_hook(lambda g: g*0+5); (y*y).sum().backward() → [15., 15.]
  Tensor x = leaf({1, 2}, {2});
  Tensor y = ops::mul(x, num(3));
  register_hook(y, [](const Tensor& g) -> std::optional<Tensor> {
    return ops::add(ops::mul(g, num(0)), num(5));
  });
  backward({ops::sum(ops::mul(y, y))});
  CHECK(grad_repr(x) == "tensor([15., 15.])");
}

TEST_CASE("AccumulateGrad exposes the leaf's hooks as tensor pre-hooks") {
  install();
  Tensor x = leaf({1, 2}, {2});
  std::vector<std::string> log;
  register_hook(x, logger(log, "a"));
  register_hook(x, logger(log, "b"));
  std::shared_ptr<Node> acc = grad_accumulator(x);
  REQUIRE(acc);
  CHECK(acc->name() == "AccumulateGrad");
  REQUIRE(acc->tensor_pre_hooks().size() == 1);
  CHECK(acc->tensor_pre_hooks()[0]->hooks.size() == 2);
  Tensor y = ops::mul(x, num(2));
  std::shared_ptr<Node> fn = grad_fn(y);
  CHECK(fn->name() == "MulBackward0");
  REQUIRE(fn->next_edges().size() == 2);
  CHECK(fn->next_edge(0).function == acc);
  CHECK_FALSE(fn->next_edge(1).is_valid());
  CHECK(fn->input_metadata(0).shape == IntList{2});
  CHECK(collect_nodes({gradient_edge(y)}).size() == 2);
}

TEST_CASE("retain_grad keeps a non-leaf's gradient") {
  install();
  // oracle: y.grad [6., 12.], x.grad [18., 36.], y.is_leaf False, grad_fn SumBackward0 →
  // MulBackward0
  Tensor x = leaf({1, 2}, {2});
  Tensor y = ops::mul(x, num(3));
  retain_grad(y);
  Tensor z = ops::sum(ops::mul(y, y));
  CHECK(grad_fn(z)->name() == "SumBackward0");
  CHECK(grad_fn(z)->next_edge(0).function->name() == "MulBackward0");
  backward({z});
  CHECK(grad_repr(y) == "tensor([ 6., 12.])");
  CHECK(grad_repr(x) == "tensor([18., 36.])");
  CHECK_FALSE(is_leaf(y));
  CHECK(is_leaf(x));
}

TEST_CASE("gradients accumulate; retain_graph allows a second pass; None resets") {
  install();
  Tensor x = leaf({1, 2}, {2});
  Tensor z = ops::sum(ops::mul(x, x));
  backward({z}, {}, /*retain_graph=*/true);
  CHECK(grad_repr(x) == "tensor([2., 4.])");
  Tensor first = grad(x);
  backward({z});
  CHECK(grad_repr(x) == "tensor([4., 8.])");
  CHECK(first.is_same(grad(x))); // accumulated in place, as PyTorch does without grad mode
  set_grad(x, Tensor());
  CHECK(grad_repr(x) == "None");
}

TEST_CASE("backward through freed buffers raises PyTorch's error; saved-free ops do not") {
  install();
  Tensor x = leaf({0.5, 0.5}, {2});
  Tensor z = ops::sum(ops::mul(x, x));
  backward({z});
  CHECK_THROWS_WITH(backward({z}), errors::kBackwardTwice);
  CHECK(std::string(errors::kBackwardTwice) ==
        "Trying to backward through the graph a second time (or directly access saved tensors "
        "after they have already been freed). Saved intermediate values of the graph are freed "
        "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
        "backward through the graph a second time or if you need to access saved tensors after "
        "calling backward.");
  // oracle: y = x + 1; y.sum().backward() twice works (AddBackward0 saves no tensors);
  // x.grad = 1 (from x*x) + 1 + 1 = [3., 3.]
  Tensor y = ops::add(x, num(1));
  backward({ops::sum(y)});
  backward({ops::sum(y)});
  CHECK(grad_repr(x) == "tensor([3., 3.])");
}

TEST_CASE("error texts of PyTorch") {
  install();
  Tensor plain = ops::ones({2});
  CHECK_THROWS_WITH(register_hook(plain, [](const Tensor&) { return std::optional<Tensor>(); }),
                    "cannot register a hook on a tensor that doesn't require gradient");
  Tensor x = leaf({0.5, 0.5}, {2});
  CHECK_THROWS_WITH(backward({ops::mul(x, num(2))}),
                    "grad can be implicitly created only for scalar outputs");
  CHECK_THROWS_WITH(backward({ops::sum(plain)}),
                    "element 0 of tensors does not require grad and does not have a grad_fn");
  CHECK_THROWS_WITH(grad({ops::sum(ops::mul(x, num(2)))}, {leaf({1, 1}, {2})}),
                    "One of the differentiated Tensors appears to not have been used in the graph. "
                    "Set allow_unused=True if this is the desired behavior.");
  CHECK_THROWS_WITH(set_requires_grad(ops::mul(x, num(2)), false),
                    "you can only change requires_grad flags of leaf variables. If you want to use "
                    "a computed variable in a subgraph that doesn't require differentiation use "
                    "var_no_grad = var.detach().");
  CHECK_THROWS_WITH(set_requires_grad(ops::ones({2}, ScalarType::Long), true),
                    "only Tensors of floating point dtype can require gradients");
  CHECK_THROWS_WITH(backward({ops::mul(x, num(2))}, {ops::ones({3})}),
                    "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and "
                    "output[0] has a shape of torch.Size([2]).");
  CHECK_THROWS_WITH(ops::add_(x, ops::ones({2})),
                    "a leaf Variable that requires grad is being used in an in-place operation.");
}

TEST_CASE("autograd.grad returns gradients without touching .grad") {
  install();
  // oracle: g = tensor([2., 4.]), x.grad None
  Tensor x = leaf({1, 2}, {2});
  std::vector<Tensor> g = grad({ops::sum(ops::mul(x, x))}, {x});
  REQUIRE(g.size() == 1);
  CHECK(tensor_repr(g[0]) == "tensor([2., 4.])");
  CHECK(grad_repr(x) == "None");
  // Non-leaf input: the gradient arriving at it.
  Tensor y = ops::mul(x, num(3));
  std::vector<Tensor> gy = grad({ops::sum(ops::mul(y, y))}, {y});
  CHECK(tensor_repr(gy[0]) == "tensor([ 6., 12.])");
}

TEST_CASE("broadcast gradients are summed back to the input shape") {
  install();
  // oracle: x.grad [2., 2., 2.], y.grad ones(2, 3)
  Tensor x = leaf({1, 2, 3}, {3});
  Tensor y = leaf({1, 1, 1, 1, 1, 1}, {2, 3});
  backward({ops::sum(ops::add(x, y))});
  CHECK(grad_repr(x) == "tensor([2., 2., 2.])");
  CHECK(grad_repr(y) == "tensor([[1., 1., 1.],\n        [1., 1., 1.]])");
}

TEST_CASE("no_grad records nothing; detach cuts the graph") {
  install();
  Tensor x = leaf({1, 2}, {2});
  {
    GradModeGuard no_grad(false);
    Tensor y = ops::mul(x, num(2));
    CHECK_FALSE(requires_grad(y));
    CHECK(grad_fn(y) == nullptr);
  }
  Tensor d = ops::detach(x);
  CHECK_FALSE(requires_grad(d));
  CHECK(d.impl()->storage == x.impl()->storage);
  Tensor c = ops::gt(x, num(1));
  CHECK_FALSE(requires_grad(c));
}

namespace {
// A mode that counts ops, used to see what backward dispatches.
struct CountingMode : DispatchMode {
  std::vector<std::string> seen;
  IValue dispatch(const OpDef& o, const Args& args) override {
    seen.push_back(o.qualified);
    return call_op(o, args);
  }
};
} // namespace

TEST_CASE("backward formulas run through the dispatcher, visible to modes") {
  install();
  Tensor x = leaf({0.5, 0.5}, {2});
  Tensor y = leaf({0.5, 0.5}, {2});
  Tensor out = ops::mul(x, y);
  auto mode = std::make_shared<CountingMode>();
  {
    ModeGuard g(mode);
    backward({out}, {T({2, 2}, {2})});
  }
  // _make_grads checks the explicit gradient with is_same_size (1.13's make_fx of
  // autograd.grad with grad_outputs records it); MulBackward0: grad * other, grad * self;
  // then the AccumulateGrads (y first: the later-pushed ready node of equal priority)
  // steal with detach.
  CHECK(mode->seen ==
        std::vector<std::string>{"is_same_size", "mul.Tensor", "mul.Tensor", "detach", "detach"});
}

TEST_CASE("create_graph records the backward formulas for a second derivative") {
  install();
  // oracle: x = 2.; g = grad(x**3, x, create_graph=True) → tensor(12., grad_fn=<MulBackward0>);
  // grad(g, x) → tensor(12.)
  Tensor x = leaf({2.0}, {});
  Tensor y = ops::pow(x, IValue(int64_t{3}));
  std::vector<Tensor> g = grad({y}, {x}, {}, std::nullopt, /*create_graph=*/true);
  CHECK(tensor_repr(g[0]) == "tensor(12., grad_fn=<MulBackward0>)");
  std::vector<Tensor> g2 = grad({g[0]}, {x});
  CHECK(tensor_repr(g2[0]) == "tensor(12.)");
}

TEST_CASE("a compiled autograd entry receives a GraphRoot holding the incoming gradient") {
  install();
  Tensor x = leaf({0.5, 0.5}, {2});
  Tensor y = leaf({0.5, 0.5}, {2});
  Tensor out = ops::add(x, y);
  std::vector<std::string> visited;
  set_compiled_autograd([&](const std::shared_ptr<Node>& root, bool accumulate,
                            const std::vector<Edge>&, bool keep_graph) -> std::vector<Tensor> {
    CHECK(accumulate);
    CHECK_FALSE(keep_graph); // backward() without retain_graph
    CHECK(root->name() == "GraphRoot");
    for (const auto& n : collect_nodes(root->next_edges())) visited.push_back(n->name());
    // Run the graph eagerly from inside (the entry is not re-entered).
    std::vector<Tensor> grads = root->apply({});
    CHECK(tensor_repr(grads[0]) == "tensor([2., 2.])");
    backward({out}, grads);
    return {};
  });
  backward({out}, {T({2, 2}, {2})});
  set_compiled_autograd(nullptr);
  CHECK(visited == std::vector<std::string>{"AddBackward0", "AccumulateGrad", "AccumulateGrad"});
  CHECK(grad_repr(x) == "tensor([2., 2.])");
  CHECK(grad_repr(y) == "tensor([2., 2.])");
}

TEST_CASE("saved tensors can be enumerated and swapped") {
  install();
  Tensor x = leaf({1, 2}, {2});
  Tensor y = ops::mul(x, x);
  auto node = std::dynamic_pointer_cast<OpNode>(grad_fn(y));
  REQUIRE(node);
  REQUIRE(node->saved_tensors().size() == 2);
  CHECK(node->saved_tensors()[0].is_same(x));
  Tensor three = T({3, 3}, {2});
  node->set_saved_tensors({three, three});
  backward({y}, {T({1, 1}, {2})});
  CHECK(grad_repr(x) == "tensor([6., 6.])");
}
