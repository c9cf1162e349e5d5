#include "core/tracing/tree.h"

namespace bwhop::tracing {

void Tree::for_each_leaf(const std::function<void(const IValue&)>& f) const {
  if (is_leaf()) {
    f(leaf_);
    return;
  }
  for (const Tree& t : items_) t.for_each_leaf(f);
}

std::vector<IValue> Tree::leaves() const {
  std::vector<IValue> out;
  for_each_leaf([&](const IValue& v) { out.push_back(v); });
  return out;
}

Tree Tree::map(const std::function<IValue(const IValue&)>& f) const {
  if (is_leaf()) return Tree(f(leaf_));
  std::vector<Tree> mapped;
  mapped.reserve(items_.size());
  for (const Tree& t : items_) mapped.push_back(t.map(f));
  return Tree(kind_, std::move(mapped));
}

} // namespace bwhop::tracing
