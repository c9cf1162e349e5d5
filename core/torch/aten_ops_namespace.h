// `torch.ops.<namespace>.<op>[.<overload>]`: callables over the op registry, so
// generated FX code such as `torch.ops.aten.mul.Tensor(a, b)` runs as a script
// (compiled autograd's graphs contain the AOT backward ops printed this way).
#pragma once

#include "core/lang/native.h"
#include "core/tensor/op_registry.h"

namespace bwhop::torchmod {

// The `torch.ops` object (build one per run; it holds no per-run state itself).
lang::Value make_torch_ops();

// The registry entry behind a `torch.ops.aten.<op>.<overload>` object, else null.
const tensor::OpDef* as_op_overload(const lang::Value& v);

} // namespace bwhop::torchmod
