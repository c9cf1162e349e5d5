#include "core/autograd/engine.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/autograd/autograd_kernel.h"
#include "core/autograd/errors.h"
#include "core/autograd/graph_root.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tensor/tensor_print.h"

namespace bwhop::autograd {

namespace {

bool g_always_graph_root = false;
CompiledAutogradFn g_compiled_autograd;

struct NodeTask {
  std::shared_ptr<Node> fn;
  variable_list inputs;
};

// PyTorch's CompareNodeTaskTime: the higher sequence number runs first.
struct LaterFirst {
  bool operator()(const NodeTask& a, const NodeTask& b) const {
    return a.fn->sequence_nr() < b.fn->sequence_nr();
  }
};

// PyTorch's isTensorSubclassLike: under make_fx or fake mode every tensor is a
// subclass (ProxyTensor/FakeTensor) there; here a tensor is treated so while a
// dispatch mode is active or when a layer marked it.
bool subclass_like(const Tensor& t) {
  return t.impl()->is_subclass_like || tensor::mode_stack_depth() > 0;
}

// InputBuffer::accumulate: reuse the old buffer in place only when nothing else can
// observe it; otherwise `old + new` (that operand order is visible in traces: make_fx
// of a fan-in backward on PyTorch 1.13 records add(first arrival, second arrival)).
void buffer_add(variable_list& buffer, std::size_t pos, Tensor&& g) {
  if (!g.defined()) return;
  Tensor& old = buffer[pos];
  if (!old.defined()) {
    old = std::move(g);
    return;
  }
  auto can_accumulate_inplace = [](const Tensor& t) {
    return !subclass_like(t) && t.is_contiguous() && t.use_count() == 1 && t.has_storage() &&
           t.impl()->storage.use_count() == 1;
  };
  if (tensor::grad_mode_enabled()) {
    old = tensor::ops::add(old, g);
  } else if (can_accumulate_inplace(old)) {
    tensor::ops::add_(old, g);
  } else {
    old = tensor::ops::add(old, g);
  }
}

// Engine's validate_outputs: reduce broadcast gradients and cast dtypes to what the
// receiving node expects.
void validate_outputs(const std::vector<Edge>& edges, variable_list& grads,
                      const std::string& who) {
  if (grads.size() != edges.size()) {
    throw std::runtime_error("invalid number of gradients - expected " +
                             std::to_string(edges.size()) + ", but got " +
                             std::to_string(grads.size()));
  }
  for (std::size_t i = 0; i < grads.size(); ++i) {
    const Edge& e = edges[i];
    if (!e.is_valid() || !grads[i].defined()) continue;
    const InputMetadata& meta = e.function->input_metadata(e.input_nr);
    Tensor& g = grads[i];
    if (g.sizes() != meta.shape) {
      try {
        tensor::IntList target = meta.shape;
        // is_expandable_to(shape, grad): metadata shape must broadcast to the grad's.
        bool expandable = target.size() <= g.sizes().size();
        for (std::size_t k = 0; expandable && k < target.size(); ++k) {
          int64_t want = target[target.size() - 1 - k];
          int64_t have = g.sizes()[g.sizes().size() - 1 - k];
          if (want != have && want != 1) expandable = false;
        }
        if (!expandable) throw std::invalid_argument("");
        g = tensor::ops::sum_to(g, target);
      } catch (const std::invalid_argument&) {
        throw std::runtime_error("Function " + who + " returned an invalid gradient at index " +
                                 std::to_string(i) + " - got " + tensor::sizes_str(g.sizes()) +
                                 " but expected shape compatible with " +
                                 tensor::sizes_str(meta.shape));
      }
    }
    if (g.dtype() != meta.dtype) g = tensor::ops::to_dtype(g, meta.dtype);
  }
}

struct ExecInfo {
  bool needed = false;
  std::vector<std::pair<uint32_t, std::size_t>> captures; // (input_nr, output index)
  bool should_execute() const { return needed || !captures.empty(); }
};

class GraphTask {
public:
  GraphTask(bool keep_graph, bool create_graph)
      : keep_graph_(keep_graph), create_graph_(create_graph) {}

  void compute_dependencies(Node* root) {
    std::vector<Node*> stack{root};
    std::unordered_set<Node*> seen{root};
    while (!stack.empty()) {
      Node* fn = stack.back();
      stack.pop_back();
      for (const Edge& e : fn->next_edges()) {
        if (!e.is_valid()) continue;
        Node* next = e.function.get();
        ++dependencies_[next];
        if (seen.insert(next).second) stack.push_back(next);
      }
    }
  }

  // Marks which nodes lead to `outputs` (init_to_execute).
  void init_to_execute(Node* root, const std::vector<Edge>& outputs, bool accumulate_grad) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      const Edge& e = outputs[i];
      if (!e.is_valid()) continue;
      ExecInfo& info = exec_info_[e.function.get()];
      if (accumulate_grad)
        info.needed = true;
      else
        info.captures.emplace_back(e.input_nr, i);
    }
    captured_.resize(outputs.size());
    // Iterative post-order DFS: a node is needed when a child should execute.
    struct Frame {
      Node* fn;
      std::size_t next = 0;
    };
    std::unordered_set<Node*> seen{root};
    std::vector<Frame> stack{{root}};
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next < f.fn->next_edges().size()) {
        const Edge& e = f.fn->next_edges()[f.next++];
        if (!e.is_valid()) continue;
        Node* child = e.function.get();
        if (seen.insert(child).second) stack.push_back({child});
        continue;
      }
      Node* fn = f.fn;
      stack.pop_back();
      bool child_needed = false;
      for (const Edge& e : fn->next_edges()) {
        if (!e.is_valid()) continue;
        auto it = exec_info_.find(e.function.get());
        if (it != exec_info_.end() && it->second.should_execute()) child_needed = true;
      }
      if (child_needed) exec_info_[fn].needed = true;
    }
  }

  void run(const std::shared_ptr<Node>& root, variable_list root_inputs) {
    push_ready(NodeTask{root, std::move(root_inputs)});
    while (!ready_.empty()) {
      // Same order as std::priority_queue (pop_heap then take the back), but the task
      // can be moved out, so gradient buffers keep a single owner.
      std::pop_heap(ready_.begin(), ready_.end(), LaterFirst{});
      NodeTask task = std::move(ready_.back());
      ready_.pop_back();
      evaluate(task.fn, std::move(task.inputs));
    }
  }

  std::vector<Tensor> take_captured() { return std::move(captured_); }

private:
  void push_ready(NodeTask task) {
    ready_.push_back(std::move(task));
    std::push_heap(ready_.begin(), ready_.end(), LaterFirst{});
  }

  static variable_list call_tensor_pre_hooks(Node& fn, variable_list inputs) {
    for (const auto& hooks : fn.tensor_pre_hooks()) hooks->apply(inputs);
    for (auto& [idx, hook] : fn.retains_grad_hooks()) {
      if (idx < inputs.size() && inputs[idx].defined()) {
        if (auto r = hook(inputs[idx]); r && r->defined()) inputs[idx] = *r;
      }
    }
    return inputs;
  }

  void evaluate(const std::shared_ptr<Node>& fn, variable_list inputs) {
    if (!exec_info_.empty()) {
      auto it = exec_info_.find(fn.get());
      bool needed = it != exec_info_.end() && it->second.needed;
      // Tensor pre-hooks run exactly once: here when the node itself will not run.
      if (!needed) inputs = call_tensor_pre_hooks(*fn, std::move(inputs));
      if (it != exec_info_.end()) {
        for (const auto& [input_nr, out_idx] : it->second.captures)
          captured_[out_idx] = inputs[input_nr];
      }
      if (!needed) return;
    }
    inputs = call_tensor_pre_hooks(*fn, std::move(inputs));
    for (const auto& hook : fn->pre_hooks()) inputs = hook(inputs);
    variable_list grad_inputs_copy;
    if (!fn->post_hooks().empty()) grad_inputs_copy = inputs;
    variable_list outputs = fn->apply(std::move(inputs));
    validate_outputs(fn->next_edges(), outputs, fn->name());
    for (const auto& hook : fn->post_hooks()) outputs = hook(outputs, grad_inputs_copy);
    if (!keep_graph_) fn->release_variables();

    for (std::size_t i = 0; i < outputs.size(); ++i) {
      const Edge& next = fn->next_edge(i);
      if (!next.is_valid()) continue;
      Node* key = next.function.get();
      auto dep = dependencies_.find(key);
      if (dep == dependencies_.end())
        throw std::runtime_error("dependency not found for " + next.function->name());
      bool is_ready = --dep->second == 0;
      if (is_ready) dependencies_.erase(dep);
      auto nr = not_ready_.find(key);
      if (nr == not_ready_.end()) {
        if (!exec_info_.empty()) {
          auto it = exec_info_.find(key);
          if (it == exec_info_.end() || !it->second.should_execute()) continue;
        }
        variable_list buffer(next.function->num_inputs());
        buffer_add(buffer, next.input_nr, std::move(outputs[i]));
        if (is_ready)
          push_ready(NodeTask{next.function, std::move(buffer)});
        else
          not_ready_.emplace(key, std::move(buffer));
      } else {
        buffer_add(nr->second, next.input_nr, std::move(outputs[i]));
        if (is_ready) {
          push_ready(NodeTask{next.function, std::move(nr->second)});
          not_ready_.erase(nr);
        }
      }
    }
  }

  bool keep_graph_;
  bool create_graph_;
  std::unordered_map<Node*, int> dependencies_;
  std::unordered_map<Node*, variable_list> not_ready_;
  std::unordered_map<Node*, ExecInfo> exec_info_;
  std::vector<NodeTask> ready_; // a max-heap on sequence_nr
  std::vector<Tensor> captured_;
};

// _make_grads: ones_like(out, memory_format=torch.preserve_format) for implicit scalar
// gradients (Python's arg parser fills dtype, layout, device from `out` and
// pin_memory=False), shape checks otherwise.
std::vector<Tensor> make_grads(const std::vector<Tensor>& outputs,
                               const std::vector<Tensor>& grads) {
  std::vector<Tensor> out(outputs.size());
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const Tensor& o = outputs[i];
    Tensor g = i < grads.size() ? grads[i] : Tensor();
    if (g.defined()) {
      // torch.is_same_size dispatches, so traces record it as torch.autograd.grad does.
      if (!tensor::ops::is_same_size(o, g)) {
        throw std::runtime_error("Mismatch in shape: grad_output[" + std::to_string(i) +
                                 "] has a shape of " + tensor::size_repr(g.sizes()) +
                                 " and output[" + std::to_string(i) + "] has a shape of " +
                                 tensor::size_repr(o.sizes()) + ".");
      }
      out[i] = g;
    } else if (requires_grad(o)) {
      if (o.numel() != 1) throw std::runtime_error(errors::kImplicitScalar);
      out[i] = tensor::call_tensor_op(tensor::op("ones_like"),
                                      {o, tensor::IValue(o.dtype()),
                                       tensor::IValue(tensor::Layout::Strided),
                                       tensor::IValue(o.device()), tensor::IValue(false),
                                       tensor::IValue(tensor::MemoryFormat::Preserve)});
    }
  }
  return out;
}

std::vector<Edge> root_edges(const std::vector<Tensor>& outputs) {
  std::vector<Edge> roots;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    Edge e = requires_grad(outputs[i]) ? gradient_edge(outputs[i]) : Edge{};
    if (!e.is_valid()) {
      throw std::runtime_error("element " + std::to_string(i) +
                               " of tensors does not require grad and does not have a grad_fn");
    }
    roots.push_back(std::move(e));
  }
  return roots;
}

} // namespace

void set_always_use_graph_root(bool on) {
  g_always_graph_root = on;
}

void set_compiled_autograd(CompiledAutogradFn fn) {
  g_compiled_autograd = std::move(fn);
}
bool compiled_autograd_enabled() {
  return static_cast<bool>(g_compiled_autograd);
}

std::vector<Tensor> execute(const std::vector<Edge>& roots, std::vector<Tensor> grads,
                            bool keep_graph, bool create_graph, bool accumulate_grad,
                            const std::vector<Edge>& output_edges) {
  install();
  validate_outputs(roots, grads, "GraphRoot");
  tensor::GradModeGuard grad_mode(create_graph);
  if (g_compiled_autograd) {
    // As in PyTorch: with compiled autograd the dummy root is always created.
    auto graph_root = std::make_shared<GraphRoot>(roots, std::move(grads));
    // Take the hook out while it runs, so backward calls made by the compiled
    // graph itself use the eager engine.
    CompiledAutogradFn fn = std::move(g_compiled_autograd);
    g_compiled_autograd = nullptr;
    struct Restore {
      CompiledAutogradFn& slot;
      CompiledAutogradFn fn;
      ~Restore() { slot = std::move(fn); }
    } restore{g_compiled_autograd, std::move(fn)};
    return restore.fn(graph_root, accumulate_grad, output_edges, keep_graph);
  }
  GraphTask task(keep_graph, create_graph);
  std::shared_ptr<Node> root;
  variable_list root_inputs;
  if (roots.size() == 1 && !g_always_graph_root) {
    // Skip the dummy root: start at the single root function with its gradient.
    root = roots[0].function;
    root_inputs.resize(root->num_inputs());
    root_inputs[roots[0].input_nr] = std::move(grads[0]);
  } else {
    root = std::make_shared<GraphRoot>(roots, std::move(grads));
  }
  task.compute_dependencies(root.get());
  if (!output_edges.empty()) task.init_to_execute(root.get(), output_edges, accumulate_grad);
  task.run(root, std::move(root_inputs));
  return task.take_captured();
}

void backward(const std::vector<Tensor>& outputs, const std::vector<Tensor>& grad_tensors,
              bool retain_graph, bool create_graph, const std::vector<Tensor>& inputs) {
  install();
  std::vector<Tensor> grads = make_grads(outputs, grad_tensors);
  std::vector<Edge> roots = root_edges(outputs);
  std::vector<Edge> output_edges;
  for (const Tensor& in : inputs) {
    if (!requires_grad(in))
      throw std::runtime_error("One of the differentiated Tensors does not require grad");
    if (!is_leaf(in)) retain_grad(in);
    output_edges.push_back(gradient_edge(in));
  }
  execute(roots, std::move(grads), retain_graph || create_graph, create_graph, true, output_edges);
}

std::vector<Tensor> grad(const std::vector<Tensor>& outputs, const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& grad_outputs, std::optional<bool> retain_graph,
                         bool create_graph, bool allow_unused) {
  install();
  std::vector<Tensor> grads = make_grads(outputs, grad_outputs);
  std::vector<Edge> roots = root_edges(outputs);
  std::vector<Edge> output_edges;
  for (const Tensor& in : inputs) {
    if (!requires_grad(in))
      throw std::runtime_error("One of the differentiated Tensors does not require grad");
    Edge e;
    if (auto fn = grad_fn(in))
      e = Edge{fn, output_nr(in)};
    else if (AutogradMeta* m = get_meta(in))
      e = Edge{m->grad_accumulator_.lock(), 0};
    output_edges.push_back(std::move(e));
  }
  std::vector<Tensor> result = execute(roots, std::move(grads), retain_graph.value_or(create_graph),
                                       create_graph, false, output_edges);
  result.resize(inputs.size());
  if (!allow_unused) {
    for (const Tensor& r : result)
      if (!r.defined()) throw std::runtime_error(errors::kUnused);
  }
  return result;
}

std::vector<std::shared_ptr<Node>> collect_nodes(const std::vector<Edge>& roots) {
  std::vector<std::shared_ptr<Node>> order;
  std::unordered_set<Node*> seen;
  for (const Edge& e : roots) {
    if (e.is_valid() && seen.insert(e.function.get()).second) order.push_back(e.function);
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    for (const Edge& e : order[i]->next_edges()) {
      if (e.is_valid() && seen.insert(e.function.get()).second) order.push_back(e.function);
    }
  }
  return order;
}

} // namespace bwhop::autograd
