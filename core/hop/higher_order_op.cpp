#include "core/hop/higher_order_op.h"

#include <stdexcept>

#include "core/hop/delayed_error.h"

namespace bwhop::hop {

namespace {
// Pushes a temporarily popped mode back (_pop_mode_temporarily).
struct RestoreMode {
  std::shared_ptr<tensor::DispatchMode> mode;
  ~RestoreMode() { tensor::push_mode(std::move(mode)); }
};
} // namespace

IValue HigherOrderOp::operator()(const HopCall& call) const {
  if (!tensor::autograd_excluded() && autograd_) return autograd_(*this, call);
  return call_below_autograd(call);
}

IValue HigherOrderOp::call_below_autograd(const HopCall& call) const {
  tensor::ExcludeAutogradGuard below;
  if (tensor::mode_stack_depth() > 0) {
    RestoreMode restore{tensor::pop_mode()};
    tensor::DispatchMode& mode = *restore.mode;
    auto it = mode_rules_.find(std::type_index(typeid(mode)));
    if (it == mode_rules_.end())
      throw std::runtime_error("There was no rule registered for HOP " + name_ +
                               " and this dispatch mode");
    return it->second(mode, *this, call);
  }
  if (!eager_) throw std::runtime_error("HOP " + name_ + " has no eager implementation");
  return eager_(*this, call);
}

HigherOrderOp::Rule autograd_not_implemented_deferred() {
  return [](const HigherOrderOp& op, const HopCall& call) {
    IValue result = op.call_below_autograd(call);
    if (!tensor::grad_mode_enabled()) return result;
    bool any_requires_grad = false;
    for (const IValue& a : call.args) {
      if (a.is_tensor() && a.to_tensor().defined() && a.to_tensor().requires_grad())
        any_requires_grad = true;
      if (a.is_tensor_list())
        for (const tensor::Tensor& t : a.to_tensor_list())
          if (t.defined() && t.requires_grad()) any_requires_grad = true;
    }
    if (!any_requires_grad) return result;
    std::string message = "Autograd not implemented for " + op.name();
    if (result.is_tensor()) return IValue(delayed_error(result.to_tensor(), message));
    if (result.is_tensor_list()) {
      std::vector<tensor::Tensor> out;
      for (const tensor::Tensor& t : result.to_tensor_list())
        out.push_back(delayed_error(t, message));
      return IValue(std::move(out));
    }
    return result;
  };
}

} // namespace bwhop::hop
