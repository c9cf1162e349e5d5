// Tensor attributes and methods that are not ops: shape, size(), dtype, grad,
// grad_fn, item(), tolist(), backward(), register_hook(), repr, ...
#pragma once

namespace bwhop::torchmod {

// Defines them on the Tensor type (once per process).
void define_tensor_members();

} // namespace bwhop::torchmod
