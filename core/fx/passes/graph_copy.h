// Copying nodes between graphs: Graph.node_copy / graph_copy, and the
// prefixed paste compiled autograd uses to inline AOT backward graphs
// (`aot<id>_tangents_1`, `aot<id>_mul`).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/fx/argument.h"

namespace bwhop::fx {

class Graph;
class Node;
class Target;

using NodeMap = std::unordered_map<const Node*, Node*>;

// Graph.node_copy: same op, target, type and metadata; arguments remapped via
// `map`; the old name is the candidate for the new one.
Node* node_copy(Graph& dst, const Node& node, const NodeMap& map);

// Graph.graph_copy: copies every node of `src` not already in `map` (which it
// fills) up to the output node, and returns the output value remapped (None
// when `src` has no output).
Argument graph_copy(Graph& dst, const Graph& src, NodeMap& map);

struct PrefixedCopyOptions {
  std::string prefix; // e.g. "aot<id>_"
  // Retargets call_function nodes (compiled autograd turns aten.view.default
  // into aten.reshape.default); identity when empty.
  std::function<const Target*(const Target*)> retarget;
  // Fresh attribute name in `dst` for a copied get_attr / call_module target;
  // identity when empty.
  std::function<std::string(std::string_view)> fresh_attribute;
};

// compiled autograd's copy_paste_aot_backward_graph: the i-th placeholder of
// `src` maps to `inputs[i]`, which is renamed `<prefix><placeholder name>` by
// plain assignment; get_attr, call_function, call_method and call_module nodes
// are copied (through the name space, then assigned `<prefix><old name>`).
// Returns the output node's first argument with every element remapped.
Argument paste_graph_with_prefix(Graph& dst, const Graph& src, const std::vector<Node*>& inputs,
                                 const PrefixedCopyOptions& options);

} // namespace bwhop::fx
