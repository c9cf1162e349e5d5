// AOT autograd's entry (torch._functorch.aot_autograd.aot_module_simplified):
// a dynamo-captured graph plus example inputs and an AOT id in, a compiled
// callable out. With an input that requires grad (and grad mode on at compile
// time) the joint graph is traced, partitioned into forward and backward graphs,
// both logged as `aot_graphs` artifacts, and the callable installs a
// CompiledFunctionBackward node; otherwise one inference graph is traced.
//
// The caller owns the AOT counter: it reads `AOT_COUNTER` once per compilation
// and passes the value as `aot_id`.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/aot/compiled_function.h"
#include "core/aot/graph_compiler.h"

namespace bwhop::aot {

struct AotOptions {
  // Unset compilers interpret the graph (aot_eager).
  GraphCompiler forward_compiler;
  GraphCompiler backward_compiler;
  GraphCompiler inference_compiler;
  // Constants the captured graph's get_attr nodes read.
  tracing::TensorAttributes attributes;
};

class AotCompiledFunction {
public:
  explicit AotCompiledFunction(std::shared_ptr<AotArtifacts> artifacts)
      : artifacts_(std::move(artifacts)) {}

  // Runs the compiled forward on real inputs (the user outputs, flat).
  std::vector<Tensor> operator()(const std::vector<Tensor>& inputs) const {
    return run_compiled_function(artifacts_, inputs);
  }

  int64_t aot_id() const { return artifacts_->aot_id; }
  bool needs_autograd() const { return artifacts_->backward_module != nullptr; }
  const fx::GraphModule& forward_module() const { return *artifacts_->forward_module; }
  // Null for an inference compilation.
  const fx::GraphModule* backward_module() const { return artifacts_->backward_module.get(); }
  const std::shared_ptr<AotArtifacts>& artifacts() const { return artifacts_; }

private:
  std::shared_ptr<AotArtifacts> artifacts_;
};

// aot_module_simplified(gm, example_inputs, ...) with aot_config.aot_id = aot_id.
// `example_inputs` may be real or storage-less; their requires_grad decides what
// is differentiated. Throws std::invalid_argument for non-tensor graph outputs.
std::shared_ptr<AotCompiledFunction>
aot_module_simplified(const fx::GraphModule& graph, const std::vector<Tensor>& example_inputs,
                      int64_t aot_id, const AotOptions& options = {});

} // namespace bwhop::aot
