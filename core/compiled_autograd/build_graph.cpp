#include "core/compiled_autograd/build_graph.h"

#include <stdexcept>
#include <string>
#include <unordered_map>

#include "core/aot/compiled_function.h"
#include "core/autograd/op_node.h"
#include "core/compiled_autograd/constant_args.h"
#include "core/compiled_autograd/passes/dead_code.h"
#include "core/compiled_autograd/passes/node_order.h"
#include "core/compiled_autograd/passes/remove_unused_sizes.h"
#include "core/compiled_autograd/passes/reorder_accumulate_grad.h"
#include "core/compiled_autograd/passes/reorder_tensor_pre_hooks.h"
#include "core/compiled_autograd/targets.h"
#include "core/fx/passes/graph_copy.h"

namespace bwhop::compiled_autograd {

namespace {

using fx::Argument;
using fx::Node;

// `((None, None, device, dtype, layout, None), [sizes], is_subclass, grad_dtype)`:
// IValuePacker<InputMetadata>::pack with TensorOptions keeping dtype, device, layout.
Argument input_metadata(const autograd::InputMetadata& m, const std::vector<Node*>& sizes) {
  int64_t dtype = static_cast<int64_t>(m.dtype);
  std::vector<Argument> shape(sizes.begin(), sizes.end());
  return Argument::tuple(
      {Argument::tuple({nullptr, nullptr, fx::Device("cpu"), dtype, int64_t{0}, nullptr}),
       Argument::list(std::move(shape)), false, dtype});
}

class GraphBuilder {
public:
  explicit GraphBuilder(const Collection& c) : c_(c), g_(std::make_shared<fx::Graph>()) {}

  std::shared_ptr<fx::Graph> run() {
    begin_capture();
    buffers_.resize(c_.nodes.size());
    for (std::size_t i = 0; i < c_.nodes.size(); ++i)
      buffers_[i].assign(c_.nodes[i].node->num_inputs(), nullptr);
    for (std::size_t i = 0; i < c_.nodes.size(); ++i) trace_node(i);
    g_->call_function(final_callbacks_stub_target(), {}, {}, "_exec_final_callbacks_stub");
    g_->output(Argument::list({}));
    return g_;
  }

private:
  Node* getitem(Node* container, int64_t index) {
    return g_->call_function(getitem_target(), {container, index});
  }

  // A placeholder, then a getitem per input, per size, an unwrap per size.
  void begin_capture() {
    inputs_ph_ = g_->placeholder("inputs");
    sizes_ph_ = g_->placeholder("sizes");
    g_->placeholder("scalars");
    hooks_ph_ = g_->placeholder("hooks");
    g_->placeholder("packed_data");
    for (std::size_t i = 0; i < c_.inputs.size(); ++i)
      inputs_.push_back(getitem(inputs_ph_, static_cast<int64_t>(i)));
    std::vector<Node*> size_items;
    for (std::size_t i = 0; i < c_.sizes.size(); ++i)
      size_items.push_back(getitem(sizes_ph_, static_cast<int64_t>(i)));
    for (Node* s : size_items)
      sizes_.push_back(g_->call_function(unwrap_maybe_dynamic_int_target(), {s}));
  }

  Argument input_or_none(int index) const {
    return index < 0 ? Argument() : Argument(inputs_[static_cast<std::size_t>(index)]);
  }
  std::vector<Node*> size_nodes(const std::vector<int>& indices) const {
    std::vector<Node*> out;
    for (int i : indices) out.push_back(sizes_[static_cast<std::size_t>(i)]);
    return out;
  }

  void trace_node(std::size_t i) {
    const CollectedNode& cn = c_.nodes[i];
    std::vector<Node*>& buf = buffers_[i];
    for (const PreHookRef& h : cn.tensor_pre_hooks) {
      Node*& grad = buf.at(h.value_idx);
      if (grad == nullptr) continue; // hooks only see defined gradients
      Node* hook = getitem(hooks_ph_, h.hook_index);
      fx::Kwargs kw{{"hook_type", Argument("tensor_pre_hook")}};
      grad = g_->call_function(call_hook_target(), {hook, grad}, std::move(kw));
    }
    std::vector<Node*> outputs;
    switch (cn.kind) {
    case NodeKind::GraphRoot:
      for (int t : cn.tensors)
        outputs.push_back(t < 0 ? nullptr : inputs_[static_cast<std::size_t>(t)]);
      break;
    case NodeKind::AotBackward:
      outputs = trace_aot(cn, buf);
      break;
    case NodeKind::AccumulateGrad:
      if (buf.at(0) != nullptr)
        g_->call_function(call_accumulate_grad_target(),
                          {inputs_[static_cast<std::size_t>(cn.tensors.at(0))], buf[0], false});
      break;
    case NodeKind::Builtin:
      outputs = trace_builtin(cn, buf);
      break;
    }
    // AOT backward nodes skip validate_outputs, keeping accumulate_grad nodes reorderable.
    if (cn.kind != NodeKind::AotBackward) outputs = validate(cn, outputs);
    route(cn, outputs);
  }

  std::vector<Node*> validate(const CollectedNode& cn, const std::vector<Node*>& outputs) {
    std::vector<Argument> outs, metas;
    const auto& edges = cn.node->next_edges();
    for (std::size_t j = 0; j < edges.size(); ++j) {
      outs.emplace_back(j < outputs.size() ? outputs[j] : nullptr);
      if (!cn.edge_valid[j]) {
        metas.emplace_back();
        continue;
      }
      const autograd::Edge& e = edges[j];
      metas.push_back(
          input_metadata(e.function->input_metadata(e.input_nr), size_nodes(cn.edge_sizes[j])));
    }
    Node* v = g_->call_function(validate_outputs_target(), {Argument::list(std::move(outs)),
                                                            Argument::list(std::move(metas))});
    std::vector<Node*> result;
    for (std::size_t j = 0; j < edges.size(); ++j)
      result.push_back(getitem(v, static_cast<int64_t>(j)));
    return result;
  }

  std::vector<Node*> trace_aot(const CollectedNode& cn, const std::vector<Node*>& buf) {
    const auto& n = static_cast<const aot::CompiledFunctionBackward&>(*cn.node);
    getitem(hooks_ph_, cn.ctx_hook); // the ctx; kept unused, as PyTorch does
    std::vector<Argument> saved;
    for (int t : cn.tensors) saved.push_back(input_or_none(t));
    fx::Args args{Argument::tuple(std::move(saved)), Argument::list({}), Argument::list({})};
    for (Node* g : buf) args.emplace_back(g);
    Node* prologue = g_->call_function(aot_prologue_target(&n.artifacts()), std::move(args));
    const fx::Graph& bw = n.backward_module().graph();
    std::vector<Node*> bw_inputs;
    for (const Node* p : bw.nodes()) {
      if (p->op() != fx::OpKind::Placeholder) continue;
      bw_inputs.push_back(getitem(prologue, static_cast<int64_t>(bw_inputs.size())));
    }
    // aot<id>_ for the first paste of an AOT id in this graph, aot<id>_<k>_ after.
    int k = aot_pastes_[n.aot_id()]++;
    std::string prefix =
        "aot" + std::to_string(n.aot_id()) + (k > 0 ? "_" + std::to_string(k) : "") + "_";
    fx::PrefixedCopyOptions options;
    options.prefix = prefix;
    options.retarget = [](const fx::Target* t) {
      if (t->module() == "torch._ops.aten" && t->python_name() == "view.default")
        return fx::aten_target("aten", "reshape", "default");
      return t;
    };
    Argument out = fx::paste_graph_with_prefix(*g_, bw, bw_inputs, options);
    std::vector<Node*> outputs;
    auto collect_out = [&](const std::vector<Argument>& items) {
      for (const Argument& a : items) outputs.push_back(a.node());
    };
    if (auto* t = out.get_if<fx::ArgTuple>())
      collect_out(t->items);
    else if (auto* l = out.get_if<fx::ArgList>())
      collect_out(l->items);
    else
      outputs.push_back(out.node());
    return outputs;
  }

  std::vector<Node*> trace_builtin(const CollectedNode& cn, const std::vector<Node*>& buf) {
    const auto& n = static_cast<const autograd::OpNode&>(*cn.node);
    const tensor::OpDef& op = n.op();
    std::vector<Argument> grads(buf.begin(), buf.end());
    std::vector<Argument> needs;
    for (bool v : cn.edge_valid) needs.emplace_back(v);
    SavedArgs saved = saved_args(n, cn, inputs_);
    // Tensor metadata: sizes of an input whose gradient is needed come from its
    // edge's size inputs; a saved input's are constants.
    std::vector<Argument> meta(saved.args.size());
    for (std::size_t k = 0; k < op.tensor_args.size(); ++k) {
      std::size_t arg = op.tensor_args[k];
      if (k < cn.edge_valid.size() && cn.edge_valid[k]) {
        const autograd::Edge& e = n.next_edge(k);
        std::vector<Node*> s = size_nodes(cn.edge_sizes[k]);
        meta[arg] = Argument::tuple({int64_t(e.function->input_metadata(e.input_nr).dtype),
                                     Argument::list(std::vector<Argument>(s.begin(), s.end()))});
      } else if (saved.meta[arg].has_value()) {
        meta[arg] = *saved.meta[arg];
      }
    }
    Node* call = g_->call_function(
        functional_backward_target(op.backward_name),
        {Argument::list(std::move(grads)), Argument::list(std::move(needs)),
         Argument::list(std::move(saved.args)), Argument::list(std::move(meta)), saved.result});
    std::vector<Node*> outputs;
    for (std::size_t j = 0; j < cn.edge_valid.size(); ++j)
      outputs.push_back(getitem(call, static_cast<int64_t>(j)));
    return outputs;
  }

  // Each gradient goes into the next node's input buffer; two meeting gradients add.
  void route(const CollectedNode& cn, const std::vector<Node*>& outputs) {
    const auto& edges = cn.node->next_edges();
    for (std::size_t j = 0; j < edges.size() && j < outputs.size(); ++j) {
      if (!edges[j].is_valid() || outputs[j] == nullptr) continue;
      auto pos = c_.position.find(edges[j].function.get());
      if (pos == c_.position.end()) continue;
      Node*& slot = buffers_[pos->second].at(edges[j].input_nr);
      slot = slot == nullptr ? outputs[j] : g_->call_function(add_target(), {slot, outputs[j]});
    }
  }

  const Collection& c_;
  std::shared_ptr<fx::Graph> g_;
  Node* inputs_ph_ = nullptr;
  Node* sizes_ph_ = nullptr;
  Node* hooks_ph_ = nullptr;
  std::vector<Node*> inputs_;
  std::vector<Node*> sizes_; // the unwrap_maybe_dynamic_int nodes
  std::vector<std::vector<Node*>> buffers_;
  std::unordered_map<int64_t, int> aot_pastes_;
};

} // namespace

std::shared_ptr<fx::Graph> capture_graph(const Collection& collection) {
  return GraphBuilder(collection).run();
}

CapturedGraph build_graph(const Collection& collection) {
  CapturedGraph out;
  std::shared_ptr<fx::Graph> captured = capture_graph(collection);
  NodeOrder order(*captured);
  reorder_tensor_pre_hook_nodes(order);
  reorder_accumulate_grad_nodes(order);
  out.graph = rebuild_in_order(order);
  eliminate_dead_code_keeping_unpacking(*out.graph);
  out.used_sizes = remove_unused_sizes(*out.graph);
  return out;
}

} // namespace bwhop::compiled_autograd
