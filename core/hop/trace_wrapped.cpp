#include "core/hop/trace_wrapped.h"

#include <stdexcept>

#include "core/fx/target.h"
#include "core/tensor/ops.h"
#include "core/tracing/fake_mode.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::hop {

namespace {

using tensor::Tensor;

const TraceWrappedKwargs& kwargs_of(const HopCall& call) {
  const auto* kw = std::any_cast<TraceWrappedKwargs>(&call.kwargs);
  if (kw == nullptr || !kw->fn)
    throw std::invalid_argument("trace_wrapped() missing required keyword argument 'fn'");
  return *kw;
}

// _trace_wrapped_op_dense: fn(*args, **kwargs) with no mode active.
IValue eager_rule(const HigherOrderOp&, const HopCall& call) {
  if (tensor::mode_stack_depth() != 0)
    throw std::logic_error("trace_wrapped: eager rule reached with a dispatch mode active");
  const TraceWrappedKwargs& kw = kwargs_of(call);
  return kw.fn(WrappedArgs{call.args, kw.kwargs, kw.bw_state});
}

// The `self_invoke` closure a traced graph calls: re-invokes the HOP under
// no_grad with the captured fn and keyword arguments.
class SelfInvoke : public tracing::CallableTarget {
public:
  explicit SelfInvoke(TraceWrappedKwargs kwargs) : kwargs_(std::move(kwargs)) {}
  IValue call(const std::vector<IValue>& args,
              const tracing::CallKwargs& dyn_kwargs) const override {
    if (!dyn_kwargs.empty())
      throw std::runtime_error(
          "self_invoke: keyword arguments (bw_state) cannot be passed at run time yet");
    tensor::GradModeGuard no_grad(false);
    return trace_wrapped_op()(HopCall{args, kwargs_});
  }

private:
  TraceWrappedKwargs kwargs_;
};

fx::Argument proxy_of_operand(tracing::ProxyMode& mode, const IValue& v) {
  if (v.is_none() || v.is_tensor() || v.is_tensor_list()) return mode.to_argument(v);
  throw std::invalid_argument("trace_wrapped: unhandled operand type " + v.repr());
}

// inner_trace under ProxyTorchDispatchMode (which is popped while this runs).
IValue proxy_rule(tensor::DispatchMode& m, const HigherOrderOp&, const HopCall& call) {
  auto& mode = dynamic_cast<tracing::ProxyMode&>(m);
  const TraceWrappedKwargs& kw = kwargs_of(call);
  if (call.args.empty()) throw std::invalid_argument("trace_wrapped needs at least one operand");
  fx::Args node_args;
  for (const IValue& a : call.args) node_args.push_back(proxy_of_operand(mode, a));
  fx::Kwargs node_kwargs;
  if (kw.bw_state) {
    fx::Node* state = mode.find_object(kw.bw_state.get());
    if (state == nullptr) throw std::logic_error("trace_wrapped: bw_state has no proxy");
    node_kwargs.push_back(fx::Kwarg{"bw_state", state});
  }
  TraceWrappedKwargs captured{kw.fn, kw.kwargs, nullptr};
  const fx::Target* self_invoke = fx::fresh_function_target(kTraceWrappedModule, kSelfInvokeName);
  fx::Node* node = mode.graph().call_function(self_invoke, std::move(node_args),
                                              std::move(node_kwargs), "trace_wrapped");
  tracing::attach_callable(*node, std::make_shared<SelfInvoke>(std::move(captured)));
  // Module backward hooks pass None first; the gradient is then args[1].
  const IValue& grad = call.args[0].is_none() && call.args.size() > 1 ? call.args[1] : call.args[0];
  if (!grad.is_tensor()) return grad;
  Tensor out = tensor::ops::empty_like(grad.to_tensor());
  mode.track(out, node);
  return IValue(out);
}

IValue fake_rule(tensor::DispatchMode&, const HigherOrderOp&, const HopCall&) {
  throw std::runtime_error("This op should never be invoked here");
}

HigherOrderOp& make_trace_wrapped_op() {
  static HigherOrderOp op("trace_wrapped");
  op.set_eager_rule(eager_rule);
  op.set_autograd_rule(autograd_not_implemented_deferred());
  op.set_mode_rule<tracing::ProxyMode>(proxy_rule);
  op.set_mode_rule<tracing::FakeMode>(fake_rule);
  return op;
}

} // namespace

const HigherOrderOp& trace_wrapped_op() {
  static const HigherOrderOp& op = make_trace_wrapped_op();
  return op;
}

IValue trace_wrapped(std::vector<IValue> args, WrappedFn fn, tracing::CallKwargs kwargs,
                     std::shared_ptr<void> bw_state) {
  tensor::GradModeGuard no_grad(false);
  return trace_wrapped_op()(HopCall{
      std::move(args), TraceWrappedKwargs{std::move(fn), std::move(kwargs), std::move(bw_state)}});
}

} // namespace bwhop::hop
