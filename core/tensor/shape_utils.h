// Shape arithmetic shared by view ops and their meta functions. Internal to core/tensor.
#pragma once

#include <optional>

#include "core/tensor/tensor.h"

namespace bwhop::tensor {

// Resolves one `-1` in `shape` against `numel`; throws PyTorch's messages.
IntList infer_size(const IntList& shape, int64_t numel);
// Strides viewing (sizes, strides) as `new_shape` without copying, if possible
// (ATen's computeStride).
std::optional<IntList> compute_view_strides(const IntList& sizes, const IntList& strides,
                                            const IntList& new_shape);
// True when the strides are a permutation of contiguous strides (no gaps, no overlap).
bool is_non_overlapping_and_dense(const Tensor& t);

} // namespace bwhop::tensor
