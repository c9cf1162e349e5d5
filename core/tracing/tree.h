// A pytree of values: a leaf (tensor, number, None, ...) or a tuple / list of
// trees. make_fx reads the structure of a function's inputs and result from it
// (`return mul`, `return (a, b)`, `return [a, b]`, list parameters `xs_1, xs_2`).
#pragma once

#include <functional>
#include <vector>

#include "core/tensor/ivalue.h"

namespace bwhop::tracing {

using tensor::IValue;
using tensor::Tensor;

class Tree {
public:
  enum class Kind : unsigned char { Leaf, Tuple, List };

  Tree() = default;
  Tree(IValue leaf) : leaf_(std::move(leaf)) {}
  Tree(Tensor leaf) : leaf_(std::move(leaf)) {}
  static Tree tuple(std::vector<Tree> items) { return Tree(Kind::Tuple, std::move(items)); }
  static Tree list(std::vector<Tree> items) { return Tree(Kind::List, std::move(items)); }

  Kind kind() const { return kind_; }
  bool is_leaf() const { return kind_ == Kind::Leaf; }
  const IValue& leaf() const { return leaf_; }
  const std::vector<Tree>& items() const { return items_; }

  // Leaves depth first, left to right (pytree.tree_flatten order).
  std::vector<IValue> leaves() const;
  void for_each_leaf(const std::function<void(const IValue&)>& f) const;
  // The same structure with every leaf replaced by f(leaf).
  Tree map(const std::function<IValue(const IValue&)>& f) const;

private:
  Tree(Kind kind, std::vector<Tree> items) : kind_(kind), items_(std::move(items)) {}

  Kind kind_ = Kind::Leaf;
  IValue leaf_;
  std::vector<Tree> items_;
};

} // namespace bwhop::tracing
