// Runs an fx graph on values (GraphModule.__call__ / fx.Interpreter.run): aten
// targets go through the dispatcher's front door (call_op), so autograd records
// them and an active mode traces them again; `operator.getitem` indexes; other
// targets run through their CallableTarget. get_attr reads the module's tensors.
#pragma once

#include <vector>

#include "core/fx/graph.h"
#include "core/tracing/proxy_mode.h"
#include "core/tracing/tree.h"

namespace bwhop::tracing {

// Inputs are bound to the placeholders in order, after flattening each tree.
// Throws std::invalid_argument on a wrong input count and std::runtime_error on a
// target it cannot execute.
Tree run_graph(const fx::Graph& graph, const TensorAttributes& attributes,
               const std::vector<Tree>& inputs);

} // namespace bwhop::tracing
