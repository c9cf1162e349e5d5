// The tracing side of the torch module: torch.fx (GraphModule, Graph),
// torch.fx.experimental.proxy_tensor.make_fx, torch._dynamo.testing.normalize_gm
// and torch._dynamo._trace_wrapped_higher_order_op.trace_wrapped, bound onto
// core/tracing, core/fx and core/hop.
#pragma once

#include "core/lang/native.h"

namespace bwhop::torchmod {

void build_fx_module(const lang::Value& module);             // torch.fx
void build_proxy_tensor_module(const lang::Value& module);   // torch.fx.experimental.proxy_tensor
void build_dynamo_testing_module(const lang::Value& module); // torch._dynamo.testing
void build_trace_wrapped_module(
    const lang::Value& module); // torch._dynamo._trace_wrapped_higher_order_op

} // namespace bwhop::torchmod
