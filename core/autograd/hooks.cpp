#include "core/autograd/hooks.h"

#include <algorithm>

namespace bwhop::autograd {

void TensorHookList::apply(variable_list& inputs) const {
  Tensor& value = inputs[value_idx];
  // Hooks only see defined gradients (PyTorch skips undefined ones).
  if (!value.defined()) return;
  // Copy: a hook may register or remove hooks while running.
  auto snapshot = hooks;
  for (const auto& entry : snapshot) {
    std::optional<Tensor> r = entry.fn(value);
    if (r && r->defined()) value = *r;
  }
}

bool TensorHookList::set_payload(uint64_t id, std::any payload) {
  for (TensorHook& h : hooks) {
    if (h.id != id) continue;
    h.payload = std::move(payload);
    return true;
  }
  return false;
}

void RemovableHandle::remove() {
  if (auto list = list_.lock()) {
    std::erase_if(list->hooks, [&](const TensorHook& e) { return e.id == id_; });
  }
}

} // namespace bwhop::autograd
