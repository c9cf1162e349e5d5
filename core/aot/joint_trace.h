// Tracing the joint forward+backward graph (PyTorch's create_joint + make_fx):
// the user graph runs under a proxy mode on storage-less stand-ins of its inputs
// (placeholders `primals_1, ...`), so each aten op of the forward becomes a node;
// then the backward formulas of the autograd nodes it recorded run under the same
// mode with storage-less incoming gradients (placeholders `tangents_1, ...`).
// Hooks registered on intermediates run too, so a hook calling trace_wrapped
// leaves its opaque node in the joint graph.
#pragma once

#include <memory>
#include <vector>

#include "core/fx/graph_module.h"
#include "core/tensor/tensor.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::aot {

using tensor::Tensor;

struct JointGraph {
  std::shared_ptr<fx::Graph> graph;
  std::shared_ptr<const tracing::TensorAttributes> attributes;
  std::vector<fx::Node*> primals;          // one per user input
  std::vector<fx::Node*> tangents;         // one per differentiable output
  std::vector<fx::Node*> forward_outputs;  // one per user output
  std::vector<fx::Node*> gradients;        // one per input; null = None
  std::vector<bool> output_differentiable; // per user output: has a tangent
  std::vector<Tensor> output_examples;     // storage-less, per user output
};

// A storage-less tensor with `t`'s dtype, sizes, strides and offset.
Tensor metadata_only_like(const Tensor& t);

// Traces `user` on inputs shaped like `example_inputs` (real or storage-less);
// inputs whose example requires grad are differentiated. The user graph's
// output must be a tensor or a tuple/list of tensors.
JointGraph trace_joint(const fx::GraphModule& user, const tracing::TensorAttributes& attributes,
                       const std::vector<Tensor>& example_inputs);

// The inference trace (no autograd): placeholders `arg0_1, arg1_1, ...`, output
// the tuple of user outputs.
struct InferenceGraph {
  std::shared_ptr<fx::GraphModule> module;
  std::shared_ptr<const tracing::TensorAttributes> attributes;
  std::vector<Tensor> output_examples; // storage-less, per user output
};
InferenceGraph trace_inference(const fx::GraphModule& user,
                               const tracing::TensorAttributes& attributes,
                               const std::vector<Tensor>& example_inputs);

} // namespace bwhop::aot
