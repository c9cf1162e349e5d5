#include "core/autograd/autograd_kernel.h"

#include <stdexcept>

#include "core/autograd/errors.h"
#include "core/autograd/op_node.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"

namespace bwhop::autograd {

namespace {

using tensor::Args;
using tensor::IValue;
using tensor::OpDef;

bool any_requires_grad(const OpDef& op, const Args& args) {
  for (uint32_t i : op.tensor_args) {
    const IValue& a = args[i];
    if (a.is_tensor() && requires_grad(a.to_tensor())) return true;
  }
  return false;
}

IValue autograd_kernel(const OpDef& op, Args& args) {
  if (!tensor::grad_mode_enabled() || op.nondifferentiable || !any_requires_grad(op, args)) {
    return tensor::call_op_below_autograd(op, std::move(args));
  }
  if (op.is_inplace) {
    const Tensor& self = args[0].to_tensor();
    if (is_leaf(self) && requires_grad(self)) throw std::runtime_error(errors::kLeafInplace);
    const AutogradMeta* meta = get_meta(self);
    if (!op.backward || (meta && meta->is_view_)) {
      throw std::runtime_error("in-place autograd of aten::" + op.qualified +
                               (op.backward ? " on a view" : "") + " is not supported");
    }
    // Otherwise the node is built like an out-of-place op's (its edges read self's
    // current history) and then becomes self's grad_fn: PyTorch's rebase_history.
  }
  // The node is created before the kernel runs, as PyTorch does (sequence number order).
  auto node = std::make_shared<OpNode>(op, args);
  for (uint32_t i : op.tensor_args) {
    const IValue& a = args[i];
    if (a.is_tensor() && requires_grad(a.to_tensor()))
      node->add_next_edge(gradient_edge(a.to_tensor()));
    else
      node->add_next_edge(Edge{});
  }
  IValue result = tensor::call_op_below_autograd(op, std::move(args));
  const Tensor& out = result.to_tensor();
  set_history(out, node);
  if (op.is_view) materialize_meta(out).is_view_ = true;
  if (op.save_result) node->save_result(out);
  return result;
}

} // namespace

void install() {
  static const bool done = [] {
    tensor::set_autograd_kernel(autograd_kernel);
    return true;
  }();
  (void)done;
}

// Installs at load time when this object file is linked in.
namespace {
const bool g_installed = (install(), true);
}

} // namespace bwhop::autograd
