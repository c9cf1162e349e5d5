// Hooks on autograd nodes, kept as data so compiled autograd can enumerate them.
#pragma once

#include <any>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/tensor/tensor.h"

namespace bwhop::autograd {

using tensor::Tensor;
using variable_list = std::vector<Tensor>;

// A tensor hook (Tensor.register_hook): returns a replacement gradient or nothing.
using TensorHookFn = std::function<std::optional<Tensor>(const Tensor& grad)>;

// One registered tensor hook. `payload` is an opaque object a higher layer
// attaches (the script callable), so compiled autograd can lift the hook into
// its graph without autograd knowing the language.
struct TensorHook {
  uint64_t id = 0;
  TensorHookFn fn;
  std::any payload;
  TensorHook(uint64_t hook_id, TensorHookFn hook, std::any data = {})
      : id(hook_id), fn(std::move(hook)), payload(std::move(data)) {}
};

// The hooks registered on one tensor, in registration order (PyTorch's
// `_backward_hooks` dict). A node holds it as a tensor pre-hook on input `value_idx`.
struct TensorHookList {
  uint32_t value_idx = 0;
  uint64_t next_id = 0;
  std::vector<TensorHook> hooks;

  // Runs every hook in order on inputs[value_idx]; a returned tensor replaces it.
  void apply(variable_list& inputs) const;
  // Attaches `payload` to the hook with this id; false when there is none.
  bool set_payload(uint64_t id, std::any payload);
};

// Node-level hooks (register_prehook / register_hook on grad_fn).
using FunctionPreHook = std::function<variable_list(const variable_list& grad_outputs)>;
using FunctionPostHook = std::function<variable_list(const variable_list& grad_inputs,
                                                     const variable_list& grad_outputs)>;

// Returned by register_hook; remove() drops the hook (idempotent).
class RemovableHandle {
public:
  RemovableHandle() = default;
  RemovableHandle(std::weak_ptr<TensorHookList> list, uint64_t id)
      : list_(std::move(list)), id_(id) {}
  void remove();
  uint64_t id() const { return id_; }

private:
  std::weak_ptr<TensorHookList> list_;
  uint64_t id_ = 0;
};

} // namespace bwhop::autograd
