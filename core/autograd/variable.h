// Autograd state of tensors (requires_grad, grad, grad_fn, hooks) and the functions
// that read and change it — the C++ side of Tensor.requires_grad, .grad, .grad_fn,
// .is_leaf, .register_hook, .retain_grad, .requires_grad_().
#pragma once

#include <memory>
#include <string>

#include "core/autograd/hooks.h"
#include "core/autograd/node.h"
#include "core/tensor/tensor.h"

namespace bwhop::autograd {

class AutogradMeta : public tensor::AutogradMetaInterface {
public:
  ~AutogradMeta() override { release_node(std::move(grad_fn_)); }
  bool requires_grad() const override { return requires_grad_ || grad_fn_ != nullptr; }
  std::string_view grad_fn_name() const override {
    return grad_fn_ ? std::string_view(grad_fn_->name()) : std::string_view();
  }

  bool requires_grad_ = false; // set on leaves only
  Tensor grad_;
  std::shared_ptr<Node> grad_fn_;
  uint32_t output_nr_ = 0;
  std::weak_ptr<Node> grad_accumulator_;
  std::shared_ptr<TensorHookList> hooks_; // Tensor.register_hook hooks
  bool retains_grad_ = false;
  // Output of a differentiable view op: in-place writes to it would need CopySlices.
  bool is_view_ = false;
};

// The tensor's AutogradMeta, or null when it never had autograd state.
AutogradMeta* get_meta(const Tensor& t);
// The tensor's AutogradMeta, created when missing.
AutogradMeta& materialize_meta(const Tensor& t);

bool requires_grad(const Tensor& t);
// Tensor.requires_grad_(flag) with PyTorch's errors (non-leaf, non-float dtype).
void set_requires_grad(const Tensor& t, bool flag);
bool is_leaf(const Tensor& t);
std::shared_ptr<Node> grad_fn(const Tensor& t);
uint32_t output_nr(const Tensor& t);
// Makes `t` output `output_nr` of `fn` (records fn's input metadata too).
void set_history(const Tensor& t, const std::shared_ptr<Node>& fn);

// .grad: undefined when unset. set_grad(t, Tensor()) is `t.grad = None`.
Tensor grad(const Tensor& t);
void set_grad(const Tensor& t, const Tensor& g);

// The leaf's AccumulateGrad node (created on first use; the tensor holds it weakly).
std::shared_ptr<Node> grad_accumulator(const Tensor& t);
// Where a gradient for `t` goes: (grad_fn, output_nr) or (AccumulateGrad, 0).
Edge gradient_edge(const Tensor& t);

// Tensor.register_hook: leaves run hooks before accumulation, non-leaves on the
// gradient flowing into the tensor.
RemovableHandle register_hook(const Tensor& t, TensorHookFn hook);
// The tensor's hooks (null when none were registered).
std::shared_ptr<TensorHookList> tensor_hooks(const Tensor& t);

void retain_grad(const Tensor& t);
bool retains_grad(const Tensor& t);

} // namespace bwhop::autograd
