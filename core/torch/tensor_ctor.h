// torch.tensor(data, dtype=None, device=None, requires_grad=False): a tensor from
// nested lists of numbers with PyTorch's dtype inference (bool < int64 < the
// default float dtype) and its errors for ragged or non-numeric data.
#pragma once

#include "core/lang/native.h"

namespace bwhop::torchmod {

lang::Value torch_tensor(const lang::Args& args);

} // namespace bwhop::torchmod
