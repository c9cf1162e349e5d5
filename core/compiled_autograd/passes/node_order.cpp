#include "core/compiled_autograd/passes/node_order.h"

#include "core/compiled_autograd/targets.h"
#include "core/fx/passes/graph_copy.h"

namespace bwhop::compiled_autograd {

NodeOrder::NodeOrder(const fx::Graph& graph) : links_(graph.id_bound()) {
  fx::Node* prev = nullptr;
  double key = 0;
  for (fx::Node* n : graph.nodes()) {
    Link& l = links_[n->id()];
    l.prev = prev;
    l.key = key++;
    if (prev != nullptr)
      links_[prev->id()].next = n;
    else
      first_ = n;
    prev = n;
  }
  last_ = prev;
}

void NodeOrder::move_after(fx::Node* anchor, fx::Node* n) {
  if (anchor == n || links_[anchor->id()].next == n) return;
  Link& ln = links_[n->id()];
  // Unlink n.
  if (ln.prev != nullptr)
    links_[ln.prev->id()].next = ln.next;
  else
    first_ = ln.next;
  if (ln.next != nullptr)
    links_[ln.next->id()].prev = ln.prev;
  else
    last_ = ln.prev;
  // Link it after anchor, with a key between its new neighbours.
  Link& la = links_[anchor->id()];
  fx::Node* next = la.next;
  ln.prev = anchor;
  ln.next = next;
  la.next = n;
  if (next != nullptr)
    links_[next->id()].prev = n;
  else
    last_ = n;
  double hi = next != nullptr ? links_[next->id()].key : la.key + 2;
  ln.key = (la.key + hi) / 2;
  if (!(ln.key > la.key && ln.key < hi)) renumber();
}

void NodeOrder::renumber() {
  double key = 0;
  for (fx::Node* n = first_; n != nullptr; n = links_[n->id()].next) links_[n->id()].key = key++;
}

std::vector<fx::Node*> NodeOrder::nodes() const {
  std::vector<fx::Node*> out;
  for (fx::Node* n = first_; n != nullptr; n = links_[n->id()].next) out.push_back(n);
  return out;
}

bool is_placeholder_like(const fx::Node* n) {
  if (n->op() == fx::OpKind::Placeholder) return true;
  if (n->op() != fx::OpKind::CallFunction || n->function() != getitem_target()) return false;
  const fx::Node* container = n->args().empty() ? nullptr : n->args()[0].node();
  return container != nullptr && container->op() == fx::OpKind::Placeholder;
}

std::shared_ptr<fx::Graph> rebuild_in_order(const NodeOrder& order) {
  auto g = std::make_shared<fx::Graph>();
  fx::NodeMap map;
  for (fx::Node* n : order.nodes()) map[n] = fx::node_copy(*g, *n, map);
  return g;
}

} // namespace bwhop::compiled_autograd
