// The single entry for running an op, in PyTorch's key order:
//   composite decomposition → Autograd (installed by core/autograd) → dispatch modes
//   (innermost pushed first to run) → CPU kernel, or the meta function for tensors
//   without storage.
#pragma once

#include <memory>
#include <string_view>

#include "core/tensor/ivalue.h"
#include "core/tensor/op_def.h"

namespace bwhop::tensor {

// Runs `op` on the full positional argument list (see Schema::bind).
IValue call_op(const OpDef& op, Args args);
IValue call_op(std::string_view qualified, Args args);
// Same, returning the Tensor result.
Tensor call_tensor_op(const OpDef& op, Args args);
// Skips the autograd key (what the autograd kernel calls after recording).
IValue call_op_below_autograd(const OpDef& op, Args args);
// Skips autograd and every mode: kernel or meta function.
IValue call_backend(const OpDef& op, const Args& args);

// The autograd key's kernel. It must eventually call call_op_below_autograd.
using AutogradKernel = IValue (*)(const OpDef& op, Args& args);
void set_autograd_kernel(AutogradKernel kernel);

// While alive, ops skip the autograd key (inside backward formulas, inside modes).
class ExcludeAutogradGuard {
public:
  ExcludeAutogradGuard();
  ~ExcludeAutogradGuard();
  ExcludeAutogradGuard(const ExcludeAutogradGuard&) = delete;
  ExcludeAutogradGuard& operator=(const ExcludeAutogradGuard&) = delete;

private:
  bool prev_;
};
bool autograd_excluded();

// torch.is_grad_enabled(); no_grad is GradModeGuard(false), enable_grad GradModeGuard(true).
bool grad_mode_enabled();
void set_grad_mode(bool enabled);
class GradModeGuard {
public:
  explicit GradModeGuard(bool enabled);
  ~GradModeGuard();
  GradModeGuard(const GradModeGuard&) = delete;
  GradModeGuard& operator=(const GradModeGuard&) = delete;

private:
  bool prev_;
};

// A __torch_dispatch__ mode. While `dispatch` runs, this mode is popped, so calling
// call_op (or call_op_below_autograd) from inside reaches the next mode or the kernel.
class DispatchMode {
public:
  virtual ~DispatchMode() = default;
  virtual IValue dispatch(const OpDef& op, const Args& args) = 0;
};

void push_mode(std::shared_ptr<DispatchMode> mode);
std::shared_ptr<DispatchMode> pop_mode();
std::size_t mode_stack_depth();

// Pushes on construction, pops on destruction (`with mode:`).
class ModeGuard {
public:
  explicit ModeGuard(std::shared_ptr<DispatchMode> mode);
  ~ModeGuard();
  ModeGuard(const ModeGuard&) = delete;
  ModeGuard& operator=(const ModeGuard&) = delete;
};

} // namespace bwhop::tensor
