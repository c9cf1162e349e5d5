// The script `torch.fx.Graph` of a GraphModule object (make_fx's, dynamo's,
// compiled autograd's): `str(graph)` and `graph.nodes` (op, name, target).
#pragma once

#include <memory>

#include "core/fx/graph_module.h"
#include "core/lang/native.h"

namespace bwhop::torchmod {

lang::Type* graph_object_type();
// The graph of `module`, keeping the module alive.
lang::Value graph_object(std::shared_ptr<fx::GraphModule> module);
// The module behind a graph object; null for other values.
std::shared_ptr<fx::GraphModule> module_of_graph_object(const lang::Value& graph);

} // namespace bwhop::torchmod
