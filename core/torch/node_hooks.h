// grad_fn.register_hook / register_prehook: script callables as autograd
// node post- and pre-hooks, with PyTorch's calling convention (tuples of
// gradients in, a replacement tuple or None out) and removable handles.
#pragma once

#include "core/autograd/node.h"
#include "core/lang/native.h"

namespace bwhop::torchmod {

// node.register_hook(fn): fn(grad_inputs, grad_outputs) after the node ran.
lang::Value register_node_post_hook(autograd::Node& node, const lang::Value& fn);
// node.register_prehook(fn): fn(grad_outputs) before the node runs.
lang::Value register_node_pre_hook(autograd::Node& node, const lang::Value& fn);

} // namespace bwhop::torchmod
