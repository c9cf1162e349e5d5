// Compiled autograd's dce(): FX dead-code elimination that also keeps the
// unpacking nodes (users of a placeholder) and the side-effecting helpers
// (call_hook, call_accumulate_grad, the final-callbacks stub).
#pragma once

#include "core/fx/graph.h"

namespace bwhop::compiled_autograd {

bool eliminate_dead_code_keeping_unpacking(fx::Graph& graph);

} // namespace bwhop::compiled_autograd
