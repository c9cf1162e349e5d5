// Inductor's entry points.
//  * compile_fx_inner: one graph (forward, backward or inference) → lowered,
//    fused, C++ generated and compiled, run by a small wrapper. The generated
//    code is recorded as an `output_code` artifact. A graph the backend cannot
//    compile (a non-aten target, no working compiler) runs in the fx interpreter
//    instead, and the reason is kept.
//  * inductor_graph_compiler / inductor_aot_options: the same as AOT autograd's
//    forward / backward / inference compiler.
//  * compile_fx: torch._inductor.compile(gm, example_inputs): AOT autograd with
//    inductor's compilers (the caller reads the AOT counter and passes aot_id).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/aot/aot_autograd.h"
#include "core/aot/graph_compiler.h"
#include "core/inductor/cpp_builder.h"
#include "core/inductor/loop_ir.h"

namespace bwhop::inductor {

using tensor::IValue;
using tensor::Tensor;

class CompiledFxGraph {
public:
  // Flat inputs in, flat outputs out (the CompiledGraph contract).
  std::vector<IValue> operator()(const std::vector<IValue>& inputs) const;

  bool compiled() const { return fallback_reason_.empty(); }
  // Why the graph runs in the interpreter; empty when it was compiled.
  const std::string& fallback_reason() const { return fallback_reason_; }
  // The recorded output_code text; empty after a fallback.
  const std::string& output_code() const { return output_code_; }
  // The compiled translation unit (kernels plus entry points).
  const std::string& source() const { return source_; }
  const LoweredGraph& lowered() const { return lowered_; }

private:
  friend std::shared_ptr<const CompiledFxGraph> compile_fx_inner(const aot::GraphToCompile&);
  std::vector<IValue> run_compiled(const std::vector<IValue>& inputs) const;

  aot::GraphToCompile graph_;
  LoweredGraph lowered_;
  std::string output_code_;
  std::string source_;
  std::string fallback_reason_;
  std::shared_ptr<const KernelLibrary> library_;
  std::vector<void (*)(void* const*)> entries_; // by kernel
  aot::CompiledGraph fallback_;
};

std::shared_ptr<const CompiledFxGraph> compile_fx_inner(const aot::GraphToCompile& graph);
// Convenience for a graph without get_attr constants; inputs may be real tensors.
std::shared_ptr<const CompiledFxGraph> compile_fx_inner(std::shared_ptr<fx::GraphModule> module,
                                                        const std::vector<IValue>& example_inputs);

// A GraphCompiler (forward, backward or inference) that compiles with inductor.
aot::GraphCompiler inductor_graph_compiler();
// AotOptions with inductor as forward, backward and inference compiler.
aot::AotOptions inductor_aot_options(tracing::TensorAttributes attributes = {});

// torch._inductor.compile / the `inductor` backend of torch.compile.
std::shared_ptr<aot::AotCompiledFunction> compile_fx(const fx::GraphModule& module,
                                                     const std::vector<Tensor>& example_inputs,
                                                     int64_t aot_id,
                                                     tracing::TensorAttributes attributes = {});

} // namespace bwhop::inductor
