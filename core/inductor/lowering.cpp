#include "core/inductor/lowering.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/fx/target.h"
#include "core/inductor/aten_call.h"
#include "core/inductor/config.h"
#include "core/inductor/cpp_codegen.h"

namespace bwhop::inductor {

namespace {

using tensor::IValue;
using tensor::ScalarType;

constexpr uint32_t kNone = UINT32_MAX;

bool lowerable_dtype(ScalarType t) {
  return t == ScalarType::Float || t == ScalarType::Double;
}

ValueInfo info_of(const IValue& v) {
  ValueInfo info;
  if (!v.is_tensor()) return info;
  const tensor::Tensor& t = v.to_tensor();
  info.is_tensor = true;
  info.dtype = t.dtype();
  info.sizes = t.sizes();
  info.strides = t.strides();
  return info;
}

// Strides of a value read at every point of `space` (right-aligned broadcasting).
tensor::IntList load_strides(const ValueInfo& in, const tensor::IntList& space) {
  tensor::IntList out(space.size(), 0);
  const std::size_t offset = space.size() - in.sizes.size();
  for (std::size_t d = 0; d < in.sizes.size(); ++d)
    if (in.sizes[d] != 1 || space[offset + d] == 1) out[offset + d] = in.strides[d];
  return out;
}

// What OpCounterCSE sees of a pointwise value's inner function: its ops and the
// distinct leaves it reads (loaded nodes, constants), each counted once.
struct InnerFn {
  std::size_t ops = 0;
  std::unordered_set<std::string> leaves;

  std::size_t num_ops() const { return ops + leaves.size(); }
  // Small-to-large, so a chain costs O(n) overall.
  void absorb(InnerFn& other) {
    if (other.leaves.size() > leaves.size()) leaves.swap(other.leaves);
    leaves.insert(other.leaves.begin(), other.leaves.end());
    ops += other.ops;
    other = InnerFn{};
  }
};

// The CSE key of a scalar argument (`ops.constant(value, dtype)`), or empty.
std::string constant_key(const fx::Argument& a) {
  if (const auto* i = a.get_if<int64_t>()) return "i" + std::to_string(*i);
  if (const auto* d = a.get_if<double>()) return "d" + tensor::python_float_repr(*d);
  if (const auto* b = a.get_if<bool>()) return *b ? "bTrue" : "bFalse";
  return {};
}

class Lowering {
public:
  Lowering(const fx::Graph& graph, const tracing::TensorAttributes& attributes)
      : graph_(graph), attributes_(attributes), metas_(graph.id_bound()),
        op_of_(graph.id_bound(), nullptr), kernel_of_(graph.id_bound(), kNone) {
    out_.values.resize(graph.id_bound());
    out_.buffer_names.resize(graph.id_bound());
  }

  LoweredGraph run(const std::vector<IValue>& example_inputs) {
    propagate_meta(example_inputs);
    mark_graph_outputs();
    rules_.assign(graph_.id_bound(), nullptr);
    for (const fx::Node* n : graph_.nodes()) rules_[n->id()] = pointwise_rule(n);
    realize_large_inner_fns();
    group_kernels();
    assign_inlined();
    build_kernels();
    return std::move(out_);
  }

private:
  const IValue& meta(const fx::Node* n) const { return metas_[n->id()]; }

  // Runs every node on metadata-only tensors: shapes, strides and dtypes.
  void propagate_meta(const std::vector<IValue>& example_inputs) {
    std::size_t next_input = 0;
    NodeValue value = [this](const fx::Node* n) -> const IValue& { return meta(n); };
    for (const fx::Node* n : graph_.nodes()) {
      switch (n->op()) {
      case fx::OpKind::Placeholder: {
        if (next_input >= example_inputs.size())
          throw Unsupported("graph has more placeholders than example inputs");
        const IValue& v = example_inputs[next_input++];
        metas_[n->id()] = v.is_tensor() ? IValue(meta_tensor_like(v.to_tensor())) : v;
        out_.placeholders.push_back(n);
        out_.buffer_names[n->id()] = std::string(n->name());
        break;
      }
      case fx::OpKind::GetAttr: {
        const tensor::Tensor* t = attributes_.find(n->target_name());
        if (t == nullptr)
          throw Unsupported("module has no attribute '" + std::string(n->target_name()) + "'");
        metas_[n->id()] = *t;
        out_.buffer_names[n->id()] = std::string(n->name());
        break;
      }
      case fx::OpKind::CallFunction: {
        if (is_getitem(*n)) {
          metas_[n->id()] = getitem_value(*n, value);
          break;
        }
        const tensor::OpDef* op = aten_op_of(*n);
        if (op == nullptr)
          throw Unsupported(
              "node '" + std::string(n->name()) + "': target " + n->function()->qualified_name() +
              (n->function()->module() == "torch._ops.aten" ? " is not a registered operator"
                                                            : " is not an aten op"));
        op_of_[n->id()] = op;
        metas_[n->id()] = run_meta(*op, bind_aten_args(*n, *op, value));
        break;
      }
      case fx::OpKind::Output:
        out_.output = n;
        break;
      default:
        throw Unsupported("node '" + std::string(n->name()) +
                          "': " + std::string(fx::op_name(n->op())) + " nodes are not supported");
      }
      out_.values[n->id()] = info_of(metas_[n->id()]);
    }
    if (out_.output == nullptr) throw Unsupported("graph has no output node");
  }

  void mark_graph_outputs() {
    is_output_.assign(graph_.id_bound(), false);
    for (std::size_t i = 0; i < out_.output->num_inputs(); ++i)
      is_output_[out_.output->input(i)->id()] = true;
  }

  // The op's lowering when every tensor it touches is float32/float64.
  const PointwiseLowering* pointwise_rule(const fx::Node* n) const {
    const tensor::OpDef* op = op_of_[n->id()];
    if (op == nullptr) return nullptr;
    const PointwiseLowering* rule = find_pointwise_lowering(*op);
    const ValueInfo& result = out_.values[n->id()];
    if (rule == nullptr || !result.is_tensor || !lowerable_dtype(result.dtype)) return nullptr;
    std::optional<ScalarType> promoted;
    for (std::size_t i = 0; i < n->num_inputs(); ++i) {
      const ValueInfo& in = out_.values[n->input(i)->id()];
      if (!in.is_tensor || !lowerable_dtype(in.dtype)) return nullptr;
      promoted = promoted ? tensor::promote_types(*promoted, in.dtype) : in.dtype;
    }
    // Both dtype rules give the promoted floating type here; meta must agree.
    if (promoted && *promoted != result.dtype) return nullptr;
    return rule;
  }

  bool is_pointwise(const fx::Node* n) const { return rules_[n->id()] != nullptr; }

  bool inlined(const fx::Node* n) const {
    if (!is_pointwise(n) || is_output_[n->id()] || realized_[n->id()] || n->num_users() != 1)
      return false;
    return is_pointwise(n->users().front());
  }

  // GraphLowering.run_node: a pointwise value whose inner function (itself plus
  // everything inlined into it) has more distinct ops than the threshold is
  // realized, so its users load a buffer instead of growing the expression.
  void realize_large_inner_fns() {
    realized_.assign(graph_.id_bound(), false);
    const std::size_t threshold = config().large_inner_fn_threshold();
    std::vector<InnerFn> fns(graph_.id_bound());
    for (const fx::Node* n : graph_.nodes()) {
      if (!is_pointwise(n)) continue;
      InnerFn& fn = fns[n->id()];
      auto read = [&](const fx::Argument& a) {
        if (const fx::Node* in = a.node()) {
          if (inlined(in))
            fn.absorb(fns[in->id()]);
          else
            fn.leaves.insert("n" + std::to_string(in->id()));
        } else if (std::string key = constant_key(a); !key.empty()) {
          fn.leaves.insert(std::move(key));
        }
      };
      for (const fx::Argument& a : n->args()) read(a);
      for (const fx::Kwarg& kw : n->kwargs()) read(kw.value);
      fn.ops += 1;
      if (fn.num_ops() > threshold) realized_[n->id()] = true;
      if (!inlined(n)) fn = InnerFn{}; // its users load the buffer
    }
  }

  // Forward pass: materialized pointwise nodes form kernels; externs close them.
  // A kernel takes consecutive same-shape materialized nodes until it holds
  // max_fusion_size of them: the scheduler fuses a chain greedily in graph order
  // and refuses a fusion whose sides together hold more nodes than the cap.
  void group_kernels() {
    const std::size_t cap = std::max<std::size_t>(1, config().max_fusion_size);
    std::size_t buffers = 0;
    std::size_t open_size = 0;
    uint32_t open = kNone;
    for (const fx::Node* n : graph_.nodes()) {
      if (n->op() != fx::OpKind::CallFunction) continue;
      if (!is_pointwise(n)) {
        open = kNone;
        out_.buffer_names[n->id()] = "buf" + std::to_string(buffers++);
        out_.steps.push_back({Step::Kind::Extern, 0, n});
        continue;
      }
      if (inlined(n)) continue;
      out_.buffer_names[n->id()] = "buf" + std::to_string(buffers++);
      const tensor::IntList& sizes = out_.values[n->id()].sizes;
      if (open == kNone || out_.kernels[open].sizes != sizes || open_size == cap) {
        open_size = 0;
        open = static_cast<uint32_t>(out_.kernels.size());
        out_.kernels.emplace_back();
        out_.kernels.back().sizes = sizes;
        out_.steps.push_back({Step::Kind::Kernel, open, nullptr});
      }
      kernel_of_[n->id()] = open;
      ++open_size;
    }
  }

  // Reverse pass: an inlined node belongs to its single user's kernel.
  void assign_inlined() {
    for (const fx::Node* n : graph_.reversed_nodes())
      if (inlined(n)) kernel_of_[n->id()] = kernel_of_[n->users().front()->id()];
  }

  void build_kernels() {
    std::vector<std::vector<const fx::Node*>> bodies(out_.kernels.size());
    for (const fx::Node* n : graph_.nodes())
      if (kernel_of_[n->id()] != kNone) bodies[kernel_of_[n->id()]].push_back(n);
    for (std::size_t k = 0; k < bodies.size(); ++k)
      build_kernel(static_cast<uint32_t>(k), bodies[k]);
  }

  void build_kernel(uint32_t k, const std::vector<const fx::Node*>& body) {
    Kernel& kernel = out_.kernels[k];
    std::unordered_map<const fx::Node*, uint32_t> temp_of;
    std::unordered_map<const fx::Node*, uint32_t> input_of;
    auto operand_temp = [&](const fx::Node* in) -> uint32_t {
      if (auto it = temp_of.find(in); it != temp_of.end()) return it->second;
      auto [slot, fresh] = input_of.try_emplace(in, static_cast<uint32_t>(kernel.inputs.size()));
      const ValueInfo& info = out_.values[in->id()];
      if (fresh) {
        kernel.inputs.push_back(in);
        kernel.input_dtypes.push_back(info.dtype);
      }
      Temp t{LoadTemp{slot->second, load_strides(info, kernel.sizes)}, info.dtype};
      kernel.temps.push_back(std::move(t));
      uint32_t index = static_cast<uint32_t>(kernel.temps.size() - 1);
      temp_of.emplace(in, index);
      return index;
    };
    std::set<std::string> names;
    for (const fx::Node* n : body) {
      const tensor::OpDef& op = *op_of_[n->id()];
      NodeValue value = [this](const fx::Node* x) -> const IValue& { return meta(x); };
      tensor::Args bound = bind_aten_args(*n, op, value);
      // Which schema arguments are graph values: map the node's args by position/name.
      std::vector<const fx::Node*> arg_nodes(bound.size(), nullptr);
      for (std::size_t i = 0; i < n->args().size() && i < arg_nodes.size(); ++i)
        arg_nodes[i] = n->args()[i].node();
      for (const fx::Kwarg& kw : n->kwargs()) {
        int index = op.schema.index_of(kw.key);
        if (index >= 0) arg_nodes[static_cast<std::size_t>(index)] = kw.value.node();
      }
      OpTemp t;
      t.rule = rules_[n->id()];
      t.op_name = op.name();
      t.dtype = out_.values[n->id()].dtype;
      for (std::size_t i = 0; i < bound.size(); ++i) {
        if (arg_nodes[i] != nullptr)
          t.operands.emplace_back(operand_temp(arg_nodes[i]));
        else
          t.operands.emplace_back(ScalarConst{bound[i]});
      }
      kernel.temps.push_back({std::move(t), out_.values[n->id()].dtype});
      const uint32_t index = static_cast<uint32_t>(kernel.temps.size() - 1);
      temp_of[n] = index;
      kernel.members.push_back(n);
      names.insert(op.name());
      if (!inlined(n) && needs_store(n, k)) {
        kernel.stores.push_back({index, static_cast<uint32_t>(kernel.outputs.size())});
        kernel.outputs.push_back(n);
      }
    }
    kernel.fused_name = "fused";
    for (const std::string& name : names) kernel.fused_name += "_" + name;
  }

  bool needs_store(const fx::Node* n, uint32_t k) const {
    if (is_output_[n->id()]) return true;
    bool outside = false;
    n->for_each_user([&](const fx::Node* u) { outside = outside || kernel_of_[u->id()] != k; });
    return outside;
  }

  const fx::Graph& graph_;
  const tracing::TensorAttributes& attributes_;
  std::vector<IValue> metas_;
  std::vector<const tensor::OpDef*> op_of_;
  std::vector<const PointwiseLowering*> rules_;
  std::vector<uint32_t> kernel_of_;
  std::vector<bool> is_output_;
  std::vector<bool> realized_; // forced to a buffer by realize_large_inner_fns
  LoweredGraph out_;
};

} // namespace

LoweredGraph lower_graph(const fx::Graph& graph, const tracing::TensorAttributes& attributes,
                         const std::vector<tensor::IValue>& example_inputs) {
  install_pointwise_lowerings();
  LoweredGraph lowered = Lowering(graph, attributes).run(example_inputs);
  assign_kernel_names(lowered);
  return lowered;
}

} // namespace bwhop::inductor
