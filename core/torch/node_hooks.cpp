#include "core/torch/node_hooks.h"

#include <memory>
#include <string>
#include <vector>

#include "core/torch/tensor_object.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using autograd::variable_list;
using lang::Value;

namespace {

// A hook stays in the node's list; remove() switches it off (the engine keeps
// plain function lists, so removal is a flag the hook checks).
struct NodeHookHandle {
  std::shared_ptr<bool> removed;
};

lang::Type* node_hook_handle_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("RemovableHandle", "torch.utils.hooks");
    native::def_method(ty, "remove", [](const lang::Args& a) {
      *native::native_cast<NodeHookHandle>(a[0])->removed = true;
      return native::none();
    });
    return ty;
  }();
  return t;
}

Value grads_tuple(const variable_list& grads) {
  std::vector<Value> items;
  for (const tensor::Tensor& g : grads) items.push_back(wrap_tensor(g)); // None when undefined
  return native::make_tuple(std::move(items));
}

// The hook's result: None keeps `current`; a tuple/list of tensors (or None
// entries) of the same length replaces it.
variable_list hook_result(const Value& result, variable_list current, const char* what) {
  if (result.is_none()) return current;
  if (!native::is_tuple(result) && !native::is_list(result))
    native::raise_error(lang::types::TypeError,
                        std::string(what) + " hook must return a tuple of Tensors or None, not " +
                            lang::type_name(result));
  const auto& items =
      native::is_tuple(result) ? native::tuple_items(result) : native::list_items(result);
  if (items.size() != current.size())
    native::raise_error(lang::types::RuntimeError,
                        std::string(what) + " hook returned " + std::to_string(items.size()) +
                            " values, expected " + std::to_string(current.size()));
  for (size_t i = 0; i < items.size(); ++i)
    current[i] = items[i].is_none() ? tensor::Tensor() : expect_tensor(items[i], "hook result");
  return current;
}

Value check_callable(const Value& fn) {
  if (!native::is_callable(fn))
    native::raise_error(lang::types::TypeError,
                        "hook must be callable, not " + lang::type_name(fn));
  return fn;
}

} // namespace

Value register_node_post_hook(autograd::Node& node, const Value& fn) {
  check_callable(fn);
  auto removed = std::make_shared<bool>(false);
  node.post_hooks().push_back(
      [fn, removed](const variable_list& grad_inputs, const variable_list& grad_outputs) {
        if (*removed) return grad_inputs;
        Value r = native::call(fn, {grads_tuple(grad_inputs), grads_tuple(grad_outputs)});
        return hook_result(r, grad_inputs, "post");
      });
  return native::make_native(node_hook_handle_type(), NodeHookHandle{removed});
}

Value register_node_pre_hook(autograd::Node& node, const Value& fn) {
  check_callable(fn);
  auto removed = std::make_shared<bool>(false);
  node.pre_hooks().push_back([fn, removed](const variable_list& grad_outputs) {
    if (*removed) return grad_outputs;
    Value r = native::call(fn, {grads_tuple(grad_outputs)});
    return hook_result(r, grad_outputs, "pre");
  });
  return native::make_native(node_hook_handle_type(), NodeHookHandle{removed});
}

} // namespace bwhop::torchmod
