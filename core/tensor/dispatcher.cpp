#include "core/tensor/dispatcher.h"

#include <stdexcept>
#include <vector>

#include "core/tensor/op_registry.h"

namespace bwhop::tensor {

namespace {
AutogradKernel g_autograd_kernel = nullptr;
thread_local bool t_autograd_excluded = false;
thread_local bool t_grad_mode = true;
thread_local std::vector<std::shared_ptr<DispatchMode>> t_modes;

bool has_storage_less_tensor(const Args& args) {
  for (const IValue& a : args) {
    if (a.is_tensor() && a.to_tensor().defined() && !a.to_tensor().has_storage()) return true;
    if (a.is_tensor_list()) {
      for (const Tensor& t : a.to_tensor_list())
        if (t.defined() && !t.has_storage()) return true;
    }
  }
  return false;
}

// Re-pushes a mode popped for the duration of its own dispatch.
struct RestoreMode {
  std::shared_ptr<DispatchMode> mode;
  ~RestoreMode() { t_modes.push_back(std::move(mode)); }
};
} // namespace

IValue call_op(const OpDef& op, Args args) {
  if (op.composite) return op.kernel(args);
  if (!t_autograd_excluded && g_autograd_kernel) return g_autograd_kernel(op, args);
  return call_op_below_autograd(op, std::move(args));
}

IValue call_op(std::string_view qualified, Args args) {
  return call_op(OpRegistry::instance().get(qualified), std::move(args));
}

Tensor call_tensor_op(const OpDef& op, Args args) {
  IValue r = call_op(op, std::move(args));
  return r.to_tensor();
}

IValue call_op_below_autograd(const OpDef& op, Args args) {
  ExcludeAutogradGuard below;
  if (!t_modes.empty()) {
    RestoreMode restore{std::move(t_modes.back())};
    t_modes.pop_back();
    return restore.mode->dispatch(op, args);
  }
  return call_backend(op, args);
}

IValue call_backend(const OpDef& op, const Args& args) {
  if (has_storage_less_tensor(args)) {
    if (!op.meta) throw std::runtime_error("aten::" + op.qualified + " has no meta function");
    return op.meta(args);
  }
  return op.kernel(args);
}

void set_autograd_kernel(AutogradKernel kernel) {
  g_autograd_kernel = kernel;
}

ExcludeAutogradGuard::ExcludeAutogradGuard() : prev_(t_autograd_excluded) {
  t_autograd_excluded = true;
}
ExcludeAutogradGuard::~ExcludeAutogradGuard() {
  t_autograd_excluded = prev_;
}
bool autograd_excluded() {
  return t_autograd_excluded;
}

bool grad_mode_enabled() {
  return t_grad_mode;
}
void set_grad_mode(bool enabled) {
  t_grad_mode = enabled;
}
GradModeGuard::GradModeGuard(bool enabled) : prev_(t_grad_mode) {
  t_grad_mode = enabled;
}
GradModeGuard::~GradModeGuard() {
  t_grad_mode = prev_;
}

void push_mode(std::shared_ptr<DispatchMode> mode) {
  t_modes.push_back(std::move(mode));
}

std::shared_ptr<DispatchMode> pop_mode() {
  if (t_modes.empty()) throw std::runtime_error("no dispatch mode to pop");
  auto m = std::move(t_modes.back());
  t_modes.pop_back();
  return m;
}

std::size_t mode_stack_depth() {
  return t_modes.size();
}

ModeGuard::ModeGuard(std::shared_ptr<DispatchMode> mode) {
  push_mode(std::move(mode));
}
ModeGuard::~ModeGuard() {
  pop_mode();
}

} // namespace bwhop::tensor
