#include "core/compiled_autograd/passes/reorder_tensor_pre_hooks.h"

#include "core/compiled_autograd/targets.h"

namespace bwhop::compiled_autograd {

namespace {

bool is_tensor_pre_hook(const fx::Node* n) {
  if (n->op() != fx::OpKind::CallFunction || n->function() != call_hook_target()) return false;
  for (const fx::Kwarg& k : n->kwargs()) {
    if (k.key != "hook_type") continue;
    const std::string* s = k.value.get_if<std::string>();
    return s != nullptr && *s == "tensor_pre_hook";
  }
  return false;
}

} // namespace

void reorder_tensor_pre_hook_nodes(NodeOrder& order) {
  for (fx::Node* hook_call : order.nodes()) {
    if (!is_tensor_pre_hook(hook_call) || hook_call->args().size() < 2) continue;
    fx::Node* getitem = hook_call->args()[0].node();
    fx::Node* input = hook_call->args()[1].node(); // one gradient per tensor pre-hook
    if (getitem == nullptr || input == nullptr) continue;
    if (input != order.prev(hook_call) && !is_placeholder_like(input)) {
      order.move_after(input, getitem);
      order.move_after(getitem, hook_call);
    }
  }
}

} // namespace bwhop::compiled_autograd
