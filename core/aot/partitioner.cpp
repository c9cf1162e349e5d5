#include "core/aot/partitioner.h"

#include <stdexcept>
#include <string>

#include "core/fx/passes/dead_code.h"
#include "core/fx/passes/graph_copy.h"

namespace bwhop::aot {

namespace {

// Marks every node the user outputs depend on (the forward-only graph's nodes).
std::vector<char> forward_nodes(const JointGraph& joint) {
  const fx::Graph& g = *joint.graph;
  std::vector<char> in_forward(g.id_bound(), 0);
  for (fx::Node* p : joint.primals) in_forward[p->id()] = 1;
  std::vector<const fx::Node*> work;
  for (fx::Node* out : joint.forward_outputs)
    if (out != nullptr && !in_forward[out->id()]) {
      in_forward[out->id()] = 1;
      work.push_back(out);
    }
  while (!work.empty()) {
    const fx::Node* n = work.back();
    work.pop_back();
    for (std::size_t i = 0; i < n->num_inputs(); ++i) {
      const fx::Node* in = n->input(i);
      if (in_forward[in->id()]) continue;
      if (in->op() == fx::OpKind::Placeholder)
        throw std::logic_error("AOT partition: forward output depends on tangent '" +
                               std::string(in->name()) + "'");
      in_forward[in->id()] = 1;
      work.push_back(in);
    }
  }
  return in_forward;
}

// Forward values some backward computation reads, in graph order. The joint
// output counts as a backward user only through the gradients it returns.
std::vector<fx::Node*> saved_candidates(const JointGraph& joint, const std::vector<char>& in_fw) {
  const fx::Graph& g = *joint.graph;
  std::vector<char> is_gradient(g.id_bound(), 0);
  for (fx::Node* grad : joint.gradients)
    if (grad != nullptr) is_gradient[grad->id()] = 1;
  std::vector<fx::Node*> saved;
  for (fx::Node* n : g.nodes()) {
    if (!in_fw[n->id()]) continue;
    bool used_by_backward = is_gradient[n->id()] != 0;
    n->for_each_user([&](const fx::Node* user) {
      if (user->op() != fx::OpKind::Output && !in_fw[user->id()]) used_by_backward = true;
    });
    if (used_by_backward) saved.push_back(n);
  }
  return saved;
}

std::vector<fx::Node*> concat(std::vector<fx::Node*> a, const std::vector<fx::Node*>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

} // namespace

std::shared_ptr<fx::Graph> extract_graph(const fx::Graph& joint,
                                         const std::vector<fx::Node*>& inputs,
                                         const std::vector<fx::Node*>& outputs) {
  auto g = std::make_shared<fx::Graph>();
  fx::NodeMap env;
  env.reserve(joint.size());
  for (fx::Node* in : inputs) {
    fx::Node* ph = g->placeholder(in->name());
    ph->copy_meta_from(*in);
    env.emplace(in, ph);
  }
  for (fx::Node* n : joint.nodes()) {
    if (n->op() == fx::OpKind::Placeholder || n->op() == fx::OpKind::Output) continue;
    if (env.contains(n)) continue;
    bool computable = true;
    for (std::size_t i = 0; computable && i < n->num_inputs(); ++i)
      computable = env.contains(n->input(i));
    if (computable) env.emplace(n, fx::node_copy(*g, *n, env));
  }
  std::vector<fx::Argument> results;
  results.reserve(outputs.size());
  for (fx::Node* out : outputs) {
    if (out == nullptr) {
      results.emplace_back();
      continue;
    }
    auto it = env.find(out);
    if (it == env.end())
      throw std::logic_error("AOT partition: output '" + std::string(out->name()) +
                             "' is not computable from the graph's inputs");
    results.emplace_back(it->second);
  }
  g->output(fx::Argument::tuple(std::move(results)));
  fx::eliminate_dead_code(*g);
  return g;
}

PartitionedGraphs default_partition(const JointGraph& joint) {
  std::vector<char> in_fw = forward_nodes(joint);
  std::vector<fx::Node*> saved = saved_candidates(joint, in_fw);

  // Drop saved values whose backward placeholder ends up unused.
  {
    std::shared_ptr<fx::Graph> probe =
        extract_graph(*joint.graph, concat(saved, joint.tangents), joint.gradients);
    std::vector<fx::Node*> used;
    std::size_t k = 0;
    for (fx::Node* n : probe->nodes()) {
      if (n->op() != fx::OpKind::Placeholder) break;
      if (k < saved.size() && n->num_users() > 0) used.push_back(saved[k]);
      ++k;
    }
    saved = std::move(used);
  }

  PartitionedGraphs parts;
  parts.num_saved = saved.size();
  parts.forward = std::make_shared<fx::GraphModule>(
      extract_graph(*joint.graph, joint.primals, concat(joint.forward_outputs, saved)));
  parts.backward = std::make_shared<fx::GraphModule>(
      extract_graph(*joint.graph, concat(saved, joint.tangents), joint.gradients));
  return parts;
}

} // namespace bwhop::aot
