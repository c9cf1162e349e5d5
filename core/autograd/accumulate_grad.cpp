#include "core/autograd/accumulate_grad.h"

#include <cstdint>
#include <stdexcept>

#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/ops.h"

namespace bwhop::autograd {

// UINT64_MAX: a ready AccumulateGrad runs before any other ready node.
AccumulateGrad::AccumulateGrad(Tensor variable) : Node(UINT64_MAX), variable_(std::move(variable)) {
  add_input_metadata(variable_);
}

std::vector<std::shared_ptr<TensorHookList>> AccumulateGrad::tensor_pre_hooks() const {
  auto hooks = tensor_hooks(variable_);
  if (!hooks) return {};
  return {hooks};
}

variable_list AccumulateGrad::apply(variable_list&& grads) {
  if (grads.size() != 1) throw std::runtime_error("AccumulateGrad: expected 1 gradient");
  Tensor new_grad = std::move(grads[0]);
  grads.clear();
  if (!new_grad.defined()) return {};
  if (!is_leaf(variable_))
    throw std::runtime_error("leaf variable has been moved into the graph interior");
  if (!requires_grad(variable_)) return {};
  AutogradMeta& m = materialize_meta(variable_);
  if (!m.grad_.defined()) {
    // Steal the gradient when nobody else holds it; otherwise keep a private copy.
    long expected_refs = 1 + (post_hooks_.empty() ? 0 : 1);
    if (!tensor::grad_mode_enabled() && new_grad.use_count() <= expected_refs) {
      m.grad_ = tensor::ops::detach(new_grad);
    } else {
      m.grad_ = tensor::ops::clone(new_grad);
    }
  } else if (!tensor::grad_mode_enabled()) {
    tensor::ops::add_(m.grad_, new_grad);
  } else {
    m.grad_ = tensor::ops::add(m.grad_, new_grad);
  }
  return {};
}

} // namespace bwhop::autograd
