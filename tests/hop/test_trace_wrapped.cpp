// trace_wrapped in each mode, and the reference test's make_fx graphs
// (seed tests 3 and 4: test_invoke_make_fx_forward_contrived, test_invoke_make_bw).
#include <doctest/doctest.h>

#include "core/autograd/engine.h"
#include "core/autograd/variable.h"
#include "core/fx/normalize.h"
#include "core/hop/trace_wrapped.h"
#include "core/tracing/fake_mode.h"
#include "tests/tracing/tracing_test_util.h"

using namespace bwhop;
using namespace bwhop::tracing;
using namespace bwhop::tracing::testing;
using tensor::IValue;
using tensor::Tensor;
namespace ops = tensor::ops;

namespace {

// _multiply(x): x * x
IValue multiply(const hop::WrappedArgs& call) {
  const Tensor& x = call.args.at(0).to_tensor();
  return IValue(ops::mul(x, x));
}

// _multiply_invoke(grad): trace_wrapped(grad, fn=_multiply)
Tree multiply_invoke(const std::vector<Tree>& args) {
  return Tree(hop::trace_wrapped({args.at(0).leaf()}, multiply));
}

TracedModule trace_multiply_invoke(const Tensor& grad) {
  return make_fx({"_multiply_invoke", {"grad"}}, {Tree(grad)}, multiply_invoke);
}

} // namespace

TEST_CASE("make_fx(_multiply_invoke) records one opaque node (seed test 3)") {
  Tensor x = floats({0.5, 0.5}, true);
  TracedModule gm = trace_multiply_invoke(x);
  CHECK(fx::normalize_gm(gm.module().print_readable(false)) ==
        read_expected("make_fx_multiply_invoke.txt"));
  Tree out = gm({Tree(x)});
  CHECK(values(out) == std::vector<double>{0.25, 0.25});
}

TEST_CASE("make_fx(_multiply_invoke) on a gradient after backward (seed test 4)") {
  Tensor x = floats({0.5, 0.5}, true);
  Tensor z = ops::mul(x, x);
  autograd::backward({ops::add(z, z)}, {floats({1, 1})});
  Tensor g = autograd::grad(x);
  REQUIRE(g.defined());
  CHECK(values(g) == std::vector<double>{2, 2});
  TracedModule gm = trace_multiply_invoke(g);
  CHECK(fx::normalize_gm(gm.module().print_readable(false)) ==
        read_expected("make_fx_multiply_invoke.txt"));
  CHECK(values(gm({Tree(g)})) == std::vector<double>{4, 4});
}

TEST_CASE("the traced node does not trace into fn; fn runs only when the graph runs") {
  int calls = 0;
  auto counting = [&](const hop::WrappedArgs& call) {
    ++calls;
    return multiply(call);
  };
  auto fn = [&](const std::vector<Tree>& a) {
    Tensor first = hop::trace_wrapped({a[0].leaf()}, counting).to_tensor();
    Tensor second = hop::trace_wrapped({IValue(first)}, counting).to_tensor();
    return Tree(ops::add(second, IValue(int64_t{1})));
  };
  TracedModule gm = make_fx({"twice", {"grad"}}, {Tree(floats({2, 3}))}, fn);
  CHECK(calls == 0);
  std::string text = fx::normalize_gm(gm.module().print_readable(false));
  CHECK(text.find("trace_wrapped_1: \"f32[2]\" = "
                  "torch__dynamo__trace_wrapped_higher_order_op_self_invoke_1(trace_wrapped);") !=
        std::string::npos);
  CHECK(values(gm({Tree(floats({2, 3}))})) == std::vector<double>{17, 82});
  CHECK(calls == 2);
}

TEST_CASE("eager trace_wrapped calls fn under no_grad") {
  Tensor x = floats({0.5, 3}, true);
  bool grad_enabled_inside = true;
  auto fn = [&](const hop::WrappedArgs& call) {
    grad_enabled_inside = tensor::grad_mode_enabled();
    return multiply(call);
  };
  IValue out = hop::trace_wrapped({IValue(x)}, fn);
  CHECK(values(out.to_tensor()) == std::vector<double>{0.25, 9});
  CHECK_FALSE(grad_enabled_inside);
  CHECK_FALSE(out.to_tensor().requires_grad());
  CHECK(autograd::grad_fn(out.to_tensor()) == nullptr);
  CHECK(tensor::grad_mode_enabled());
}

TEST_CASE("other keyword arguments reach fn but not the graph") {
  std::string seen;
  auto fn = [&](const hop::WrappedArgs& call) {
    seen = call.kwargs.at(0).first + "=" + call.kwargs.at(0).second.to_string();
    return call.args.at(0);
  };
  IValue out = hop::trace_wrapped({IValue(floats({1}))}, fn, {{"hook_name", IValue("h0")}});
  CHECK(seen == "hook_name=h0");
  CHECK(values(out.to_tensor()) == std::vector<double>{1});
}

TEST_CASE("bw_state appears as a keyword argument holding its proxy") {
  auto state = std::make_shared<int>(0);
  std::shared_ptr<ProxyMode> outer;
  auto fn = [&](const std::vector<Tree>& a) {
    return Tree(hop::trace_wrapped({a[0].leaf()}, multiply, {}, state));
  };
  auto mode = std::make_shared<ProxyMode>();
  Tensor g = floats({1, 2});
  mode->track(g, mode->graph().placeholder("grad_1"));
  mode->track_object(state.get(), mode->graph().placeholder("bw_state"));
  Tree out;
  {
    tensor::ModeGuard on(mode);
    out = fn({Tree(g)});
  }
  mode->graph().output(mode->to_argument(out));
  std::string code = fx::GraphModule(mode->shared_graph()).code();
  CHECK(code.find("trace_wrapped = torch__dynamo__trace_wrapped_higher_order_op_self_invoke("
                  "grad_1, bw_state = bw_state)") != std::string::npos);
}

TEST_CASE("trace_wrapped under a fake mode is an error") {
  auto mode = std::make_shared<FakeMode>();
  Tensor x = mode->from_tensor(floats({1, 2}));
  tensor::ModeGuard on(mode);
  CHECK_THROWS_WITH_AS(hop::trace_wrapped({IValue(x)}, multiply),
                       "This op should never be invoked here", std::runtime_error);
}

TEST_CASE("fn is a required keyword") {
  CHECK_THROWS_AS(hop::trace_wrapped({IValue(floats({1}))}, hop::WrappedFn()),
                  std::invalid_argument);
}
