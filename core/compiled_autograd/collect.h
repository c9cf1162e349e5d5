// Pass 1 of compiled autograd (PyTorch's _compiled_autograd_impl collection):
// walk the autograd graph from the GraphRoot with a LIFO worklist and record,
// in visit order, what each node contributes: lifted tensors (de-duplicated by
// TensorImpl), size inputs, and entries of the hooks list.
#pragma once

#include <any>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/autograd/node.h"

namespace bwhop::compiled_autograd {

enum class NodeKind { GraphRoot, AotBackward, AccumulateGrad, Builtin };

// A tensor pre-hook lifted into the hooks list, and the node input it rewrites.
struct PreHookRef {
  int hook_index = 0;
  uint32_t value_idx = 0;
};

struct CollectedNode {
  std::shared_ptr<autograd::Node> node;
  NodeKind kind = NodeKind::Builtin;
  std::vector<PreHookRef> tensor_pre_hooks;
  // Node-specific lifted tensors (index into Collection::inputs, -1 when
  // undefined): GraphRoot's grads, the AOT node's saved tensors,
  // AccumulateGrad's variable, a built-in node's saved tensors.
  std::vector<int> tensors;
  // AOT node: output_info then input_info shapes, as size-input indices.
  std::vector<std::vector<int>> info_sizes;
  int ctx_hook = -1; // AOT node: its context object in the hooks list
  // Per next edge: size-input indices of the target's InputMetadata shape
  // (empty for an invalid edge; see edge_valid).
  std::vector<std::vector<int>> edge_sizes;
  std::vector<bool> edge_valid;
};

// An entry of the hooks list: an AOT node's context, or a tensor hook's payload
// (the script callable the binding attached).
struct HookEntry {
  std::shared_ptr<autograd::Node> aot_node; // set for a context entry
  std::any payload;                         // set for a tensor hook
};

struct Collection {
  std::vector<CollectedNode> nodes; // visit (and tracing) order, GraphRoot first
  std::unordered_map<const autograd::Node*, std::size_t> position;
  std::vector<tensor::Tensor> inputs; // lifted tensors, first-seen order
  std::vector<int64_t> sizes;         // size inputs, collection order
  std::vector<HookEntry> hooks;
};

// Collects the graph below `graph_root` (a GraphRoot). Throws std::runtime_error
// naming the node for what compiled autograd cannot lift (node pre/post hooks,
// retains_grad hooks, tensor hooks without a script payload, unknown nodes).
Collection collect(const std::shared_ptr<autograd::Node>& graph_root);

} // namespace bwhop::compiled_autograd
