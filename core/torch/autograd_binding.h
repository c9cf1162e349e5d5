// Script objects of autograd: grad_fn nodes (name(), next_functions,
// `<MulBackward0 object at 0x...>`), hook handles, the grad-mode context
// managers (torch.no_grad / enable_grad / set_grad_enabled, also decorators)
// and the torch.autograd module (grad, backward).
#pragma once

#include <memory>

#include "core/autograd/node.h"
#include "core/lang/native.h"
#include "core/tensor/tensor.h"

namespace bwhop::torchmod {

using lang::Value;

// The script object of a node (None for a null node); one object per live node.
Value wrap_node(const std::shared_ptr<autograd::Node>& node);

// Tensor.register_hook(fn): wraps the script callable into an autograd tensor hook.
Value register_tensor_hook(const tensor::Tensor& t, const Value& fn);

// Tensor.backward(gradient=None, retain_graph=None, create_graph=False, inputs=None).
Value tensor_backward(const Value& self, const lang::Args& rest);

// Adds no_grad, enable_grad, set_grad_enabled, is_grad_enabled to `torch`.
void bind_grad_mode(const Value& torch_module);
// Builds torch.autograd.
void build_autograd_module(const Value& module);
// Builds torch.utils.hooks (RemovableHandle).
void build_hooks_module(const Value& module);

} // namespace bwhop::torchmod
