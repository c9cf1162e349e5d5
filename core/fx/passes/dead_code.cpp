#include "core/fx/passes/dead_code.h"

#include "core/fx/graph.h"

namespace bwhop::fx {

bool eliminate_dead_code(Graph& graph, const ImpurePredicate& is_impure) {
  bool changed = false;
  Node* n = graph.last_node();
  while (n != nullptr) {
    // Erasing n only lowers the user counts of earlier nodes, so walking
    // backwards sees every node after all its users were decided.
    Node* prev = n == graph.first_node() ? nullptr : n->prev();
    bool impure = is_impure ? is_impure(*n) : n->is_impure();
    if (!impure && n->num_users() == 0) {
      graph.erase_node(n);
      changed = true;
    }
    n = prev;
  }
  return changed;
}

} // namespace bwhop::fx
