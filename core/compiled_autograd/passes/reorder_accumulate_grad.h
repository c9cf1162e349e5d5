// reorder_accumulate_grad_nodes: moves each call_accumulate_grad to right
// after the later of its parameter and its gradient's producer (a getitem's
// container), with that getitem in between, so gradients accumulate as soon
// as they are ready.
#pragma once

#include "core/compiled_autograd/passes/node_order.h"

namespace bwhop::compiled_autograd {

void reorder_accumulate_grad_nodes(NodeOrder& order);

} // namespace bwhop::compiled_autograd
