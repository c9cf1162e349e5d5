// torch._dynamo._trace_wrapped_higher_order_op: trace_wrapped(*args, fn=..., **kwargs).
//   eager        → fn(*args, **kwargs) under no_grad (no autograd history);
//   make_fx      → one opaque call_function node `trace_wrapped` whose target is a
//                  fresh `self_invoke` closure; fn is not traced. Running the traced
//                  graph calls fn (under no_grad) through that node;
//   fake tensors → "This op should never be invoked here";
//   autograd     → autograd_not_implemented(deferred_error=True).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/hop/higher_order_op.h"
#include "core/tracing/callable_target.h"

namespace bwhop::hop {

// What fn receives: the positional operands, the other keyword arguments
// (e.g. hook_name=...), and the BackwardState object when one was given.
struct WrappedArgs {
  std::vector<IValue> args;
  tracing::CallKwargs kwargs;
  std::shared_ptr<void> bw_state;
};

// The wrapped function; the binding layer wraps script callables into it.
using WrappedFn = std::function<IValue(const WrappedArgs& call)>;

struct TraceWrappedKwargs {
  WrappedFn fn;
  tracing::CallKwargs kwargs;     // forwarded to fn, never shown in the graph
  std::shared_ptr<void> bw_state; // shown as `bw_state = <its proxy>` under make_fx
};

// The HOP descriptor (`_trace_wrapped_op`, str() == "trace_wrapped"); its identity
// is what dynamo matches.
const HigherOrderOp& trace_wrapped_op();

// trace_wrapped(*args, fn=fn, **kwargs): enters no_grad, then calls the HOP.
IValue trace_wrapped(std::vector<IValue> args, WrappedFn fn, tracing::CallKwargs kwargs = {},
                     std::shared_ptr<void> bw_state = nullptr);

// The graph target's module and name (`torch._dynamo._trace_wrapped_higher_order_op.self_invoke`).
inline constexpr const char* kTraceWrappedModule = "torch._dynamo._trace_wrapped_higher_order_op";
inline constexpr const char* kSelfInvokeName = "self_invoke";

} // namespace bwhop::hop
