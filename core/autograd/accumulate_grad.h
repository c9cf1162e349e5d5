// The sink node of a leaf tensor: adds incoming gradients into `.grad`.
#pragma once

#include "core/autograd/node.h"

namespace bwhop::autograd {

class AccumulateGrad : public Node {
public:
  explicit AccumulateGrad(Tensor variable);

  const std::string& name() const override {
    static const std::string n = "AccumulateGrad";
    return n;
  }
  variable_list apply(variable_list&& grads) override;
  bool is_accumulate_grad() const override { return true; }
  // A leaf's tensor hooks live on the tensor; they are this node's tensor pre-hooks.
  std::vector<std::shared_ptr<TensorHookList>> tensor_pre_hooks() const override;

  const Tensor& variable() const { return variable_; }

private:
  Tensor variable_;
};

} // namespace bwhop::autograd
