// A hook registered inside the compiled region on an intermediate value that
// calls trace_wrapped: the joint trace runs it while tracing the backward, so
// the backward graph holds one opaque `trace_wrapped` node (target self_invoke)
// feeding the gradient formula, as PyTorch's AOT backward graphs do (compiled
// autograd later inlines it as `aot<id>_trace_wrapped`). Gradients must equal
// eager autograd with the same hook.
#include <doctest/doctest.h>

#include "core/aot/aot_autograd.h"
#include "core/autograd/autograd_kernel.h"
#include "core/autograd/engine.h"
#include "core/hop/trace_wrapped.h"
#include "core/tensor/tensor_print.h"
#include "tests/aot/aot_test_util.h"

using namespace bwhop;
using namespace bwhop::aot;
using bwhop::aot::testing::binary_target;
using bwhop::aot::testing::leaf;
using bwhop::aot::testing::T;
using tensor::Tensor;

namespace {

// _multiply_invoke: trace_wrapped(grad, fn=lambda g: g * g).
std::optional<Tensor> multiply_invoke(const Tensor& grad) {
  hop::WrappedFn square = [](const hop::WrappedArgs& call) {
    const Tensor& g = call.args.at(0).to_tensor();
    return tensor::IValue(tensor::ops::mul(g, g));
  };
  return hop::trace_wrapped({grad}, square).to_tensor();
}

// t.register_hook(_multiply_invoke) as a graph call; a no-op on tensors that do
// not require grad (the compiled forward runs without autograd).
class RegisterHook : public tracing::CallableTarget {
public:
  tensor::IValue call(const std::vector<tensor::IValue>& args,
                      const tracing::CallKwargs&) const override {
    const Tensor& t = args.at(0).to_tensor();
    if (autograd::requires_grad(t)) autograd::register_hook(t, multiply_invoke);
    return tensor::IValue();
  }
};

std::shared_ptr<fx::GraphModule> mul_with_hook_graph() {
  auto g = std::make_shared<fx::Graph>();
  fx::Node* x = g->create_node(fx::OpKind::Placeholder, nullptr, "L_x_", {}, {}, "l_x_", nullptr);
  fx::Node* y = g->create_node(fx::OpKind::Placeholder, nullptr, "L_y_", {}, {}, "l_y_", nullptr);
  fx::Node* mul = g->call_function(binary_target("mul", "mul.Tensor"), {x, y});
  const fx::Target* reg = fx::global_function_target("bwhop_test", "register_multiply_hook");
  tracing::register_callable(reg, std::make_shared<RegisterHook>());
  g->call_function(reg, {mul});
  g->output(fx::Argument::tuple({mul}));
  return std::make_shared<fx::GraphModule>(g);
}

} // namespace

TEST_CASE("a trace_wrapped hook on an intermediate becomes an opaque backward node") {
  autograd::install();
  auto gm = mul_with_hook_graph();
  Tensor x = leaf({0.5, 1.5});
  Tensor y = leaf({2.0, 3.0});
  auto fn = aot_module_simplified(*gm, {x, y}, 0);
  const fx::Graph& bw = fn->backward_module()->graph();
  const fx::Node* wrapped = bw.find_node("trace_wrapped");
  REQUIRE(wrapped != nullptr);
  CHECK(wrapped->function()->python_name() == "self_invoke");
  CHECK(wrapped->args().at(0).node() == bw.find_node("tangents_1"));
  CHECK(wrapped->num_users() == 2); // both gradient formulas read the hooked gradient
  CHECK(fn->forward_module().graph().find_node("trace_wrapped") == nullptr);

  std::vector<Tensor> out = (*fn)({x, y});
  autograd::backward(out, {T({2.0, 2.0})});

  Tensor ex = leaf({0.5, 1.5});
  Tensor ey = leaf({2.0, 3.0});
  Tensor eout = tensor::ops::mul(ex, ey);
  autograd::register_hook(eout, multiply_invoke);
  autograd::backward({eout}, {T({2.0, 2.0})});
  // grad_out squared (4) times the other operand.
  CHECK(tensor::tensor_repr(autograd::grad(x)) == "tensor([ 8., 12.])");
  CHECK(tensor::tensor_repr(autograd::grad(x)) == tensor::tensor_repr(autograd::grad(ex)));
  CHECK(tensor::tensor_repr(autograd::grad(y)) == tensor::tensor_repr(autograd::grad(ey)));
}
