// A movable view of a graph's node order, for compiled autograd's reorder
// passes (FX's Node.append and node comparison by position). The graph is
// then rebuilt in the new order with rebuild_in_order.
#pragma once

#include <memory>
#include <vector>

#include "core/fx/graph.h"

namespace bwhop::compiled_autograd {

class NodeOrder {
public:
  explicit NodeOrder(const fx::Graph& graph);

  fx::Node* prev(const fx::Node* n) const { return links_[n->id()].prev; }
  // Whether a comes before b.
  bool before(const fx::Node* a, const fx::Node* b) const {
    return links_[a->id()].key < links_[b->id()].key;
  }
  // FX's `anchor.append(n)`: moves n to directly after anchor.
  void move_after(fx::Node* anchor, fx::Node* n);
  std::vector<fx::Node*> nodes() const;

private:
  struct Link {
    fx::Node* prev = nullptr;
    fx::Node* next = nullptr;
    double key = 0;
  };
  void renumber();
  std::vector<Link> links_; // by node id
  fx::Node* first_ = nullptr;
  fx::Node* last_ = nullptr;
};

// `is_placeholder` of the reorder passes: a placeholder or a getitem on one.
bool is_placeholder_like(const fx::Node* n);

// A copy of `graph` with its nodes in `order` (names, targets, metadata kept).
std::shared_ptr<fx::Graph> rebuild_in_order(const NodeOrder& order);

} // namespace bwhop::compiled_autograd
