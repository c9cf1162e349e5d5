// The engine's dummy root: its "outputs" are the user-supplied gradients.
#pragma once

#include "core/autograd/node.h"

namespace bwhop::autograd {

class GraphRoot : public Node {
public:
  GraphRoot(std::vector<Edge> roots, variable_list grads) : outputs_(std::move(grads)) {
    next_edges_ = std::move(roots);
  }
  const std::string& name() const override {
    static const std::string n = "GraphRoot";
    return n;
  }
  variable_list apply(variable_list&&) override { return outputs_; }
  const variable_list& outputs() const { return outputs_; }

private:
  variable_list outputs_;
};

} // namespace bwhop::autograd
