// reorder_tensor_pre_hook_nodes: moves each tensor pre-hook call (and the
// getitem fetching its hook) to right after the gradient it rewrites, so the
// hook runs as soon as its input exists.
#pragma once

#include "core/compiled_autograd/passes/node_order.h"

namespace bwhop::compiled_autograd {

void reorder_tensor_pre_hook_nodes(NodeOrder& order);

} // namespace bwhop::compiled_autograd
