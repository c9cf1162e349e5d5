#include "core/compiled_autograd/passes/reorder_accumulate_grad.h"

#include "core/compiled_autograd/targets.h"

namespace bwhop::compiled_autograd {

void reorder_accumulate_grad_nodes(NodeOrder& order) {
  for (fx::Node* acc : order.nodes()) {
    if (acc->op() != fx::OpKind::CallFunction || acc->function() != call_accumulate_grad_target())
      continue;
    fx::Node* param = acc->args().at(0).node();
    fx::Node* grad = acc->args().at(1).node();
    if (param == nullptr || grad == nullptr) continue;
    fx::Node* getitem = nullptr;
    if (grad->op() == fx::OpKind::CallFunction && grad->function() == getitem_target()) {
      getitem = grad;
      grad = getitem->args().at(0).node();
      if (grad == nullptr) continue;
    }
    fx::Node* arg = order.before(param, grad) ? grad : param;
    if (arg != order.prev(acc) && !is_placeholder_like(arg)) {
      order.move_after(arg, acc);
      if (getitem != nullptr) order.move_after(arg, getitem);
    }
  }
}

} // namespace bwhop::compiled_autograd
