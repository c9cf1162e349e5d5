// How AOT autograd turns its forward / backward / inference graphs into something
// callable (PyTorch's fw_compiler / bw_compiler / inference_compiler). aot_eager
// interprets the graphs; a backend such as inductor passes its own compiler.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/fx/graph_module.h"
#include "core/tensor/ivalue.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::aot {

using tensor::IValue;
using tensor::Tensor;

// Flat inputs in, flat outputs out (None for a gradient that does not exist).
using CompiledGraph = std::function<std::vector<IValue>(const std::vector<IValue>& inputs)>;

enum class GraphKind { Forward, Backward, Inference };

// What a compiler receives: the graph, the tensors its get_attr nodes read, and
// example inputs (storage-less tensors with the inputs' metadata).
struct GraphToCompile {
  std::shared_ptr<fx::GraphModule> module;
  std::shared_ptr<const tracing::TensorAttributes> attributes;
  std::vector<IValue> example_inputs;
  GraphKind kind = GraphKind::Forward;
  int64_t aot_id = 0;
};

using GraphCompiler = std::function<CompiledGraph(const GraphToCompile& graph)>;

// The aot_eager compiler: runs the graph with the fx graph runner.
CompiledGraph interpret_graph(const GraphToCompile& graph);

} // namespace bwhop::aot
