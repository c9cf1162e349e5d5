// Graph.eliminate_dead_code: erase, last to first, every node without users
// that is not impure.
#pragma once

#include <functional>

namespace bwhop::fx {

class Graph;
class Node;

using ImpurePredicate = std::function<bool(const Node&)>;

// Returns whether anything was erased. Without a predicate Node::is_impure decides.
bool eliminate_dead_code(Graph& graph, const ImpurePredicate& is_impure = {});

} // namespace bwhop::fx
