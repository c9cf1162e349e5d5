// PyTorch's AOTDispatchAutograd.process_runtime_tangent for plain tensors: the
// backward graph was compiled for tangents of one layout (traced contiguous), but
// the gradient that reaches CompiledFunctionBackward at run time may have another
// (sum's backward gives an expanded, stride-0 gradient). Before the compiled
// backward runs, each runtime tangent is coerced to the size and stride it was
// compiled for (coerce_to_expected_memory_format): passed through when they
// already match, copied into a tensor of the expected geometry otherwise. With
// symbolic sizes only the expected memory format (contiguous) is enforced.
#pragma once

#include "core/tensor/ivalue.h"
#include "core/tensor/tensor.h"

namespace bwhop::aot {

// `expected` is the backward graph's example input for this tangent; a
// non-tensor example (unknown layout) leaves the tangent as it is.
tensor::Tensor coerce_runtime_tangent(const tensor::Tensor& tangent,
                                      const tensor::IValue& expected);

} // namespace bwhop::aot
