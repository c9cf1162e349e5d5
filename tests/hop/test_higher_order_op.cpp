// The HOP dispatch stages, and autograd_not_implemented(deferred_error=True).
#include <doctest/doctest.h>

#include "core/autograd/engine.h"
#include "core/autograd/variable.h"
#include "core/hop/higher_order_op.h"
#include "core/hop/trace_wrapped.h"
#include "tests/tracing/tracing_test_util.h"

using namespace bwhop;
using namespace bwhop::tracing::testing;
using tensor::IValue;
using tensor::Tensor;
namespace ops = tensor::ops;

namespace {
IValue square(const hop::WrappedArgs& call) {
  const Tensor& x = call.args.at(0).to_tensor();
  return IValue(ops::mul(x, x));
}

class OtherMode : public tensor::DispatchMode {
public:
  IValue dispatch(const tensor::OpDef& op, const tensor::Args& args) override {
    return tensor::call_op_below_autograd(op, args);
  }
};
} // namespace

TEST_CASE("the trace_wrapped descriptor is one object named trace_wrapped") {
  CHECK(&hop::trace_wrapped_op() == &hop::trace_wrapped_op());
  CHECK(hop::trace_wrapped_op().name() == "trace_wrapped");
}

TEST_CASE("calling the HOP with grad enabled defers an autograd error to backward") {
  Tensor x = floats({1, 2}, true);
  hop::HopCall call{{IValue(x)}, hop::TraceWrappedKwargs{square, {}, nullptr}};
  Tensor out = hop::trace_wrapped_op()(call).to_tensor();
  CHECK(values(out) == std::vector<double>{1, 4});
  CHECK(out.requires_grad());
  CHECK_THROWS_WITH_AS(autograd::backward({ops::sum(out)}),
                       "Autograd not implemented for trace_wrapped", std::runtime_error);
  CHECK_FALSE(autograd::grad(x).defined());
}

TEST_CASE("no deferred error without grad mode or without inputs requiring grad") {
  hop::HopCall plain{{IValue(floats({1, 2}))}, hop::TraceWrappedKwargs{square, {}, nullptr}};
  CHECK_FALSE(hop::trace_wrapped_op()(plain).to_tensor().requires_grad());
  tensor::GradModeGuard no_grad(false);
  hop::HopCall grad_input{{IValue(floats({1, 2}, true))},
                          hop::TraceWrappedKwargs{square, {}, nullptr}};
  CHECK_FALSE(hop::trace_wrapped_op()(grad_input).to_tensor().requires_grad());
}

TEST_CASE("a mode without a rule for the HOP is an error naming the HOP") {
  tensor::ModeGuard on(std::make_shared<OtherMode>());
  CHECK_THROWS_WITH_AS(hop::trace_wrapped({IValue(floats({1}))}, square),
                       doctest::Contains("trace_wrapped"), std::runtime_error);
  CHECK(tensor::mode_stack_depth() == 1); // the mode was put back
}

TEST_CASE("a new HOP gets its own rules") {
  hop::HigherOrderOp twice("twice");
  twice.set_eager_rule([](const hop::HigherOrderOp&, const hop::HopCall& c) {
    return IValue(ops::add(c.args[0].to_tensor(), c.args[0].to_tensor()));
  });
  CHECK(values(twice(hop::HopCall{{IValue(floats({1, 2}))}, {}}).to_tensor()) ==
        std::vector<double>{2, 4});
}
