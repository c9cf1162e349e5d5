// grad_fn nodes of the autograd graph.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/autograd/edge.h"
#include "core/autograd/hooks.h"

namespace bwhop::autograd {

class Node : public std::enable_shared_from_this<Node> {
public:
  // Takes the next sequence number: later nodes run first in the engine.
  Node();
  explicit Node(uint64_t sequence_nr);
  // Releases the next nodes without recursion, so long chains can be freed.
  virtual ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // PyTorch's printed name: `MulBackward0`, `AccumulateGrad`, `GraphRoot`.
  virtual const std::string& name() const = 0;
  // Gradients w.r.t. the node's outputs in, gradients for next_edges out.
  virtual variable_list apply(variable_list&& grads) = 0;
  // Frees saved tensors (after a backward without retain_graph).
  virtual void release_variables() {}
  // Whether running this node would need saved tensors already freed (the
  // "backward through the graph a second time" error).
  virtual bool saved_variables_freed() const { return false; }
  // Saved tensors, in a fixed order (for compiled autograd's lifting).
  virtual std::vector<Tensor> saved_tensors() const { return {}; }
  virtual bool is_accumulate_grad() const { return false; }

  uint64_t sequence_nr() const { return sequence_nr_; }

  const std::vector<Edge>& next_edges() const { return next_edges_; }
  const Edge& next_edge(std::size_t i) const { return next_edges_[i]; }
  std::size_t num_outputs() const { return next_edges_.size(); }
  void add_next_edge(Edge e) { next_edges_.push_back(std::move(e)); }

  // One InputMetadata per forward output of this node (= per incoming gradient).
  uint32_t add_input_metadata(const Tensor& t);
  std::size_t num_inputs() const { return input_metadata_.size(); }
  const InputMetadata& input_metadata(std::size_t i) const { return input_metadata_[i]; }

  // Hooks, in the order the engine runs them: tensor pre-hooks (per tensor, in
  // registration order), retains_grad hooks (keyed by output), pre-hooks, then apply,
  // then post-hooks.
  virtual std::vector<std::shared_ptr<TensorHookList>> tensor_pre_hooks() const {
    return tensor_pre_hooks_;
  }
  void add_tensor_pre_hook(std::shared_ptr<TensorHookList> hooks) {
    tensor_pre_hooks_.push_back(std::move(hooks));
  }
  std::map<uint32_t, TensorHookFn>& retains_grad_hooks() { return retains_grad_hooks_; }
  std::vector<FunctionPreHook>& pre_hooks() { return pre_hooks_; }
  std::vector<FunctionPostHook>& post_hooks() { return post_hooks_; }

protected:
  uint64_t sequence_nr_;
  std::vector<Edge> next_edges_;
  std::vector<InputMetadata> input_metadata_;
  std::vector<std::shared_ptr<TensorHookList>> tensor_pre_hooks_;
  std::map<uint32_t, TensorHookFn> retains_grad_hooks_;
  std::vector<FunctionPreHook> pre_hooks_;
  std::vector<FunctionPostHook> post_hooks_;
};

// The next value of the global sequence counter (at::sequence_number).
uint64_t next_sequence_nr();

// Drops a node reference; if it was the last one, the node is destroyed from a
// work list instead of recursively (graphs can be millions of nodes deep).
void release_node(std::shared_ptr<Node>&& node);

} // namespace bwhop::autograd
