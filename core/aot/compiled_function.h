// The runtime half of AOT autograd (PyTorch's CompiledFunction, an
// autograd.Function, and its backward node). Calling the compiled function runs
// the forward graph; when grad mode is on and an input requires grad, a
// `CompiledFunctionBackward` node is installed on the differentiable outputs.
// The node keeps everything compiled autograd needs to inline the backward graph
// later (`aot<id>_` prefix): the AOT id, the uncompiled backward graph, the saved
// tensors and the input/output metadata.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/aot/graph_compiler.h"
#include "core/autograd/edge.h"
#include "core/autograd/node.h"

namespace bwhop::aot {

// What one AOT compilation produced, shared by the compiled callable and every
// backward node it creates.
struct AotArtifacts {
  int64_t aot_id = 0;
  std::shared_ptr<fx::GraphModule> forward_module;  // fw graph (or the inference graph)
  std::shared_ptr<fx::GraphModule> backward_module; // null for inference
  std::shared_ptr<const tracing::TensorAttributes> attributes;
  std::size_t num_inputs = 0;
  std::size_t num_outputs = 0; // user outputs
  std::size_t num_saved = 0;
  std::vector<bool> input_requires_grad;
  std::vector<bool> output_differentiable;
  // Metadata of the inputs and user outputs (shape, dtype, device), as PyNode's
  // input_info / output_info.
  std::vector<autograd::InputMetadata> input_info;
  std::vector<autograd::InputMetadata> output_info;

  CompiledGraph compiled_forward;
  // The backward is compiled on first use, as PyTorch compiles it lazily.
  GraphCompiler backward_compiler;
  std::vector<IValue> backward_example_inputs;
  const CompiledGraph& compiled_backward();

private:
  std::once_flag backward_once_;
  CompiledGraph compiled_backward_;
};

class CompiledFunctionBackward : public autograd::Node {
public:
  CompiledFunctionBackward(std::shared_ptr<AotArtifacts> artifacts, std::vector<Tensor> saved);

  // PyTorch prints a PyNode by its Python class: `CompiledFunctionBackward`.
  const std::string& name() const override;
  autograd::variable_list apply(autograd::variable_list&& grads) override;
  void release_variables() override;
  bool saved_variables_freed() const override { return released_ && artifacts_->num_saved > 0; }
  std::vector<Tensor> saved_tensors() const override { return saved_; }
  // Compiled autograd swaps the saved tensors for proxies while it traces.
  void set_saved_tensors(std::vector<Tensor> saved) { saved_ = std::move(saved); }

  // `ctx._forward_cls._aot_id` and friends, for compiled autograd.
  int64_t aot_id() const { return artifacts_->aot_id; }
  bool is_aot_backward() const { return true; }
  const fx::GraphModule& backward_module() const { return *artifacts_->backward_module; }
  const AotArtifacts& artifacts() const { return *artifacts_; }
  // Shared ownership, for compiled autograd's per-node prologue callables.
  const std::shared_ptr<AotArtifacts>& shared_artifacts() const { return artifacts_; }

private:
  std::shared_ptr<AotArtifacts> artifacts_;
  std::vector<Tensor> saved_;
  bool released_ = false;
};

// CompiledFunction.apply: runs the forward and wires autograd.
std::vector<Tensor> run_compiled_function(const std::shared_ptr<AotArtifacts>& artifacts,
                                          const std::vector<Tensor>& inputs);

} // namespace bwhop::aot
