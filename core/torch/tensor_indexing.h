// Tensor.__getitem__ for basic indexing (ints, slices, None, Ellipsis and
// tuples of them), bound onto core/tensor's apply_slicing.
#pragma once

#include "core/lang/native.h"

namespace bwhop::torchmod {

// `self[key]`: IndexError for out-of-range indices, ValueError for a slice step
// that is not positive, NotImplementedError for advanced (tensor/list) indexing.
lang::Value tensor_getitem(const lang::Args& args);

} // namespace bwhop::torchmod
