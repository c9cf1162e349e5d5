// torch._C._functions.DelayedError applied to one tensor: returns a tensor
// sharing the data whose grad_fn raises `message` if backward ever reaches it.
// Floating tensors are first detached and marked requires_grad, as
// autograd_not_implemented(deferred_error=True) does.
#pragma once

#include <string>

#include "core/tensor/tensor.h"

namespace bwhop::hop {

tensor::Tensor delayed_error(const tensor::Tensor& t, const std::string& message);

} // namespace bwhop::hop
