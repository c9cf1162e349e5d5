// torch.compile for scripts: the optimized-function object with its cache of
// compiled entries (each guarded), the call path (check guards → run the
// compiled graph → replay side effects → rebuild the result), recompiles,
// graph breaks, and the artifacts dynamo logs.
#pragma once

#include "core/lang/native.h"

namespace bwhop::dynamo {

using lang::Value;

// torch.compile(fn=None, *, backend="inductor", fullgraph=False, dynamic=None, ...).
Value torch_compile(const lang::Args& args);

// `gm.meta["locals_to_steal"]` (torch._dynamo.utils.get_locals_to_steal): the
// locals a compiled module's forward receives as one list input; [] when unset.
Value locals_to_steal(const Value& gm);

// torch._dynamo.reset(): forgets every compiled entry and restarts frame numbering.
void reset();

// torch._dynamo.exc.Unsupported (and its base TorchDynamoException).
lang::Type* unsupported_type();
lang::Type* dynamo_exception_type();

} // namespace bwhop::dynamo
