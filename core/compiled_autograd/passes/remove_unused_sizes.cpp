#include "core/compiled_autograd/passes/remove_unused_sizes.h"

#include "core/compiled_autograd/targets.h"

namespace bwhop::compiled_autograd {

std::vector<int> remove_unused_sizes(fx::Graph& graph) {
  fx::Node* sizes = nullptr;
  for (fx::Node* n : graph.nodes()) {
    if (n->op() == fx::OpKind::Placeholder && n->target_name() == "sizes") {
      sizes = n;
      break;
    }
  }
  std::vector<int> used;
  if (sizes == nullptr) return used;
  std::vector<fx::Node*> unused;
  for (fx::Node* item : sizes->users()) {
    if (item->function() != getitem_target()) continue;
    if (item->num_users() == 0) {
      unused.push_back(item);
      continue;
    }
    const int64_t* index = item->args().at(1).get_if<int64_t>();
    used.push_back(index ? static_cast<int>(*index) : -1);
    item->update_arg(1, static_cast<int64_t>(used.size() - 1));
  }
  for (fx::Node* n : unused) graph.erase_node(n);
  return used;
}

} // namespace bwhop::compiled_autograd
