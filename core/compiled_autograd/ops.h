// The callables compiled-autograd graphs call (PyTorch's
// torch._dynamo.compiled_autograd.ops.* and the per-AOT-node
// call_aot_bwd_prologue). Dynamo asks op_info() to recognise them: they are
// allow-in-graph ops, kept as one node each, whose list result gets one
// getitem per element.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/lang/native.h"

namespace bwhop::aot {
struct AotArtifacts;
}

namespace bwhop::compiled_autograd {

// Call signatures (each returns a list):
// * validate_outputs(outputs, metadata) — PyTorch's, metadata entries
//   `((None, None, device, dtype, layout, None), [sizes], is_subclass, grad_dtype)`.
// * AccumulateGrad([grad], variable, variable_grad, has_post_hooks) -> [new grad]:
//   a clone of grad when variable_grad is None, else variable_grad + grad (in
//   place when grad mode is off, as the engine accumulates).
// * call_aot_bwd_prologue(saved_tuple, [symints], [opaque], *grads) -> the AOT
//   backward graph's flat inputs (saved values, then tangents).
// * <Node>Backward([grads], [needs_input_grad...], [args], [arg_meta], result):
//   bwhop's packing, which differs from PyTorch's per-node generated fields
//   (e.g. `AddBackward0([g], [True, True], 1, 6, 6)`): `args` holds the op's
//   schema arguments (saved tensors as lifted inputs, other tensors None,
//   non-tensor values as constants), `arg_meta` one `(dtype, [sizes])` or None
//   per schema argument (sizes of inputs whose gradient is needed are the
//   edge's size inputs), `result` the saved forward result or None. The op
//   runs the registry's backward formula, one output per differentiable input.
enum class OpKind { ValidateOutputs, AotBackwardPrologue, AccumulateGrad, FunctionalBackward };

struct OpInfo {
  OpKind kind = OpKind::FunctionalBackward;
  std::string name; // `__name__`: validate_outputs, AccumulateGrad, MulBackward0, ...
  // AotBackwardPrologue only: static sizes/strides of the forward outputs the
  // tangents stand for (AOT metadata), which the prologue compares against when
  // torch._functorch.config.guess_tangent_strides_as_outputs is True.
  std::vector<std::vector<int64_t>> tangent_sizes, tangent_strides;
};

// The OpInfo of a compiled-autograd op object; null for any other value.
const OpInfo* op_info(const lang::Value& callable);

// `__module__` of the ops namespace and of the prologue callables.
inline constexpr const char* kOpsModule = "torch._dynamo.compiled_autograd.ops";
inline constexpr const char* kCompiledAutogradModule = "torch._dynamo.compiled_autograd";

// The `ops` namespace object: validate_outputs, AccumulateGrad, and one
// functional op per backward node name, created on first access.
lang::Value make_ops_namespace();

// A fresh `call_aot_bwd_prologue` callable for one AOT backward node.
lang::Value make_aot_prologue(std::shared_ptr<const aot::AotArtifacts> artifacts);

} // namespace bwhop::compiled_autograd
