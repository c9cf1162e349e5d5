#include "core/autograd/variable.h"

#include <stdexcept>

#include "core/autograd/accumulate_grad.h"
#include "core/autograd/errors.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/ops.h"
#include "core/tensor/tensor_print.h"

namespace bwhop::autograd {

AutogradMeta* get_meta(const Tensor& t) {
  return static_cast<AutogradMeta*>(t.impl()->autograd_meta.get());
}

AutogradMeta& materialize_meta(const Tensor& t) {
  auto& slot = t.impl()->autograd_meta;
  if (!slot) slot = std::make_unique<AutogradMeta>();
  return *static_cast<AutogradMeta*>(slot.get());
}

bool requires_grad(const Tensor& t) {
  return t.defined() && t.requires_grad();
}

void set_requires_grad(const Tensor& t, bool flag) {
  AutogradMeta* m = get_meta(t);
  if (m && m->grad_fn_) {
    if (flag) return; // non-leaves already require grad
    throw std::runtime_error(errors::kNonLeafRequiresGrad);
  }
  if (flag && !tensor::is_floating(t.dtype())) throw std::runtime_error(errors::kFloatOnly);
  if (!m && !flag) return;
  materialize_meta(t).requires_grad_ = flag;
}

bool is_leaf(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  return !m || !m->grad_fn_;
}

std::shared_ptr<Node> grad_fn(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  return m ? m->grad_fn_ : nullptr;
}

uint32_t output_nr(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  return m ? m->output_nr_ : 0;
}

void set_history(const Tensor& t, const std::shared_ptr<Node>& fn) {
  AutogradMeta& m = materialize_meta(t);
  m.grad_fn_ = fn;
  m.output_nr_ = fn->add_input_metadata(t);
}

Tensor grad(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  return m ? m->grad_ : Tensor();
}

void set_grad(const Tensor& t, const Tensor& g) {
  if (g.defined()) {
    if (g.dtype() != t.dtype()) {
      throw std::runtime_error("assigned grad has data of a different type");
    }
    if (g.sizes() != t.sizes()) {
      throw std::runtime_error("assigned grad has data of a different size");
    }
  }
  if (!g.defined() && !get_meta(t)) return;
  materialize_meta(t).grad_ = g;
}

std::shared_ptr<Node> grad_accumulator(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  if (!m || m->grad_fn_ || !m->requires_grad_) return nullptr;
  if (auto existing = m->grad_accumulator_.lock()) return existing;
  auto acc = std::make_shared<AccumulateGrad>(t);
  m->grad_accumulator_ = acc;
  return acc;
}

Edge gradient_edge(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  if (m && m->grad_fn_) return Edge{m->grad_fn_, m->output_nr_};
  return Edge{grad_accumulator(t), 0};
}

RemovableHandle register_hook(const Tensor& t, TensorHookFn hook) {
  if (!requires_grad(t)) throw std::runtime_error(errors::kHookNoGrad);
  AutogradMeta& m = materialize_meta(t);
  if (!m.hooks_) {
    m.hooks_ = std::make_shared<TensorHookList>();
    m.hooks_->value_idx = m.output_nr_;
    // Non-leaf: the hooks run as a tensor pre-hook of grad_fn on this output's gradient.
    // Leaf: AccumulateGrad reads them from the tensor.
    if (m.grad_fn_) m.grad_fn_->add_tensor_pre_hook(m.hooks_);
  }
  uint64_t id = m.hooks_->next_id++;
  m.hooks_->hooks.emplace_back(id, std::move(hook));
  return RemovableHandle(m.hooks_, id);
}

std::shared_ptr<TensorHookList> tensor_hooks(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  return m ? m->hooks_ : nullptr;
}

void retain_grad(const Tensor& t) {
  if (!requires_grad(t)) throw std::runtime_error(errors::kRetainGradNoGrad);
  AutogradMeta& m = materialize_meta(t);
  if (!m.grad_fn_ || m.retains_grad_) return; // leaves keep .grad anyway
  std::weak_ptr<tensor::TensorImpl> weak = t.impl_ptr();
  m.grad_fn_->retains_grad_hooks()[m.output_nr_] =
      [weak](const Tensor& g) -> std::optional<Tensor> {
    auto impl = weak.lock();
    if (!impl || !g.defined()) return std::nullopt;
    Tensor self(impl);
    AutogradMeta& sm = materialize_meta(self);
    sm.grad_ = sm.grad_.defined() ? tensor::ops::add(sm.grad_, g) : tensor::ops::clone(g);
    return std::nullopt;
  };
  m.retains_grad_ = true;
}

bool retains_grad(const Tensor& t) {
  AutogradMeta* m = get_meta(t);
  return m && m->retains_grad_;
}

} // namespace bwhop::autograd
