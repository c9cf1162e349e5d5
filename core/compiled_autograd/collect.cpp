#include "core/compiled_autograd/collect.h"

#include <stdexcept>
#include <unordered_set>

#include "core/aot/compiled_function.h"
#include "core/autograd/accumulate_grad.h"
#include "core/autograd/graph_root.h"
#include "core/autograd/op_node.h"
#include "core/autograd/variable.h"

namespace bwhop::compiled_autograd {

namespace {

using autograd::Node;
using tensor::Tensor;

NodeKind kind_of(const Node& n) {
  if (dynamic_cast<const autograd::GraphRoot*>(&n)) return NodeKind::GraphRoot;
  if (dynamic_cast<const aot::CompiledFunctionBackward*>(&n)) return NodeKind::AotBackward;
  if (dynamic_cast<const autograd::AccumulateGrad*>(&n)) return NodeKind::AccumulateGrad;
  if (dynamic_cast<const autograd::OpNode*>(&n)) return NodeKind::Builtin;
  throw std::runtime_error("compiled autograd does not support the autograd node " + n.name());
}

class Collector {
public:
  explicit Collector(Collection& c) : c_(c) {}

  // TensorArgs::add: one input per TensorImpl; undefined tensors are not inputs.
  int lift(const Tensor& t) {
    if (!t.defined()) return -1;
    auto [it, fresh] = tensor_index_.try_emplace(t.impl(), static_cast<int>(c_.inputs.size()));
    if (fresh) c_.inputs.push_back(t);
    return it->second;
  }

  std::vector<int> lift_shape(const tensor::IntList& shape) {
    std::vector<int> idx;
    idx.reserve(shape.size());
    for (int64_t s : shape) {
      idx.push_back(static_cast<int>(c_.sizes.size()));
      c_.sizes.push_back(s);
    }
    return idx;
  }

  void collect_hooks(Node& n, CollectedNode& cn) {
    if (!n.pre_hooks().empty() || !n.post_hooks().empty() || !n.retains_grad_hooks().empty())
      throw std::runtime_error("compiled autograd does not support node hooks or retain_grad (on " +
                               n.name() + ")");
    for (const auto& list : n.tensor_pre_hooks()) {
      for (const autograd::TensorHook& h : list->hooks) {
        if (!h.payload.has_value())
          throw std::runtime_error("compiled autograd cannot lift a tensor hook without a script "
                                   "callable (on " +
                                   n.name() + ")");
        cn.tensor_pre_hooks.push_back({static_cast<int>(c_.hooks.size()), list->value_idx});
        c_.hooks.push_back(HookEntry{nullptr, h.payload});
      }
    }
  }

  void collect_specific(Node& n, CollectedNode& cn) {
    switch (cn.kind) {
    case NodeKind::GraphRoot:
      for (const Tensor& g : static_cast<autograd::GraphRoot&>(n).outputs())
        cn.tensors.push_back(lift(g));
      break;
    case NodeKind::AotBackward: {
      auto& aot_node = static_cast<aot::CompiledFunctionBackward&>(n);
      for (const Tensor& s : aot_node.saved_tensors()) cn.tensors.push_back(lift(s));
      const aot::AotArtifacts& a = aot_node.artifacts();
      for (const auto& m : a.output_info) cn.info_sizes.push_back(lift_shape(m.shape));
      for (const auto& m : a.input_info) cn.info_sizes.push_back(lift_shape(m.shape));
      cn.ctx_hook = static_cast<int>(c_.hooks.size());
      c_.hooks.push_back(HookEntry{cn.node, {}});
      break;
    }
    case NodeKind::AccumulateGrad: {
      const Tensor& var = static_cast<autograd::AccumulateGrad&>(n).variable();
      cn.tensors.push_back(lift(var));
      lift(autograd::grad(var)); // variable.grad: lifted when defined
      break;
    }
    case NodeKind::Builtin:
      for (const Tensor& s : n.saved_tensors()) cn.tensors.push_back(lift(s));
      break;
    }
  }

  void collect_edges(Node& n, CollectedNode& cn) {
    for (const autograd::Edge& e : n.next_edges()) {
      cn.edge_valid.push_back(e.is_valid());
      cn.edge_sizes.push_back(e.is_valid()
                                  ? lift_shape(e.function->input_metadata(e.input_nr).shape)
                                  : std::vector<int>{});
    }
  }

private:
  Collection& c_;
  std::unordered_map<const tensor::TensorImpl*, int> tensor_index_;
};

// Dependency counts: how many edges lead into each reachable node.
std::unordered_map<const Node*, int> dependencies(const std::shared_ptr<Node>& root) {
  std::unordered_map<const Node*, int> deps;
  std::vector<Node*> stack{root.get()};
  std::unordered_set<const Node*> seen{root.get()};
  while (!stack.empty()) {
    Node* fn = stack.back();
    stack.pop_back();
    for (const autograd::Edge& e : fn->next_edges()) {
      if (!e.is_valid()) continue;
      ++deps[e.function.get()];
      if (seen.insert(e.function.get()).second) stack.push_back(e.function.get());
    }
  }
  return deps;
}

} // namespace

Collection collect(const std::shared_ptr<Node>& graph_root) {
  Collection c;
  Collector collector(c);
  std::unordered_map<const Node*, int> deps = dependencies(graph_root);
  std::vector<std::shared_ptr<Node>> worklist{graph_root};
  while (!worklist.empty()) {
    std::shared_ptr<Node> fn = std::move(worklist.back());
    worklist.pop_back();
    CollectedNode cn;
    cn.node = fn;
    cn.kind = kind_of(*fn);
    c.position.emplace(fn.get(), c.nodes.size());
    collector.collect_hooks(*fn, cn);
    collector.collect_specific(*fn, cn);
    collector.collect_edges(*fn, cn);
    c.nodes.push_back(std::move(cn));
    // The last ready edge is popped (and traced) first.
    for (const autograd::Edge& e : fn->next_edges()) {
      if (!e.is_valid()) continue;
      if (--deps[e.function.get()] == 0) worklist.push_back(e.function);
    }
  }
  return c;
}

} // namespace bwhop::compiled_autograd
