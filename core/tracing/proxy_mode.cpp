#include "core/tracing/proxy_mode.h"

#include <deque>
#include <stdexcept>

#include "core/fx/py_format.h"
#include "core/fx/target.h"
#include "core/tensor/op_registry.h"
#include "core/tracing/dispatch_args.h"

namespace bwhop::tracing {

using tensor::Args;
using tensor::OpDef;
using tensor::ScalarType;

namespace {

// Per-op recording data, computed once per op for the whole process: the
// `torch.ops.aten.<name>.<overload>` target and the node-name candidate, which
// is the snake-cased overload packet name (`mul`, `sum`, `_to_copy`).
struct AtenRecord {
  const fx::Target* target = nullptr;
  std::string name;
};

const AtenRecord& aten_record(const OpDef& op) {
  static std::deque<AtenRecord> records; // growing keeps references valid
  if (records.size() <= op.index) records.resize(op.index + 1);
  AtenRecord& r = records[op.index];
  if (r.target == nullptr) {
    r.target = fx::aten_target("aten", op.schema.name, op.schema.overload_or_default());
    r.name = fx::snake_case(op.schema.name);
  }
  return r;
}

// c10's wrapped numbers reach __torch_dispatch__ as plain Python numbers.
fx::Argument wrapped_number_argument(const Tensor& t) {
  switch (t.dtype()) {
  case ScalarType::Bool:
    return fx::Argument(t.item_int() != 0);
  case ScalarType::Int:
  case ScalarType::Long:
    return fx::Argument(t.item_int());
  default:
    return fx::Argument(t.item_double());
  }
}

} // namespace

const Tensor* TensorAttributes::find(std::string_view name) const {
  for (const auto& [n, t] : entries)
    if (n == name) return &t;
  return nullptr;
}

fx::TensorMetaPtr tensor_meta_of(const Tensor& t) {
  auto m = std::make_shared<fx::TensorMeta>();
  m->dtype = t.dtype();
  m->shape.assign(t.sizes().begin(), t.sizes().end());
  m->stride.assign(t.strides().begin(), t.strides().end());
  m->device = t.device().str();
  return m;
}

ProxyMode::ProxyMode() : ProxyMode(std::make_shared<fx::Graph>()) {}

ProxyMode::ProxyMode(std::shared_ptr<fx::Graph> graph) : graph_(std::move(graph)) {
  if (!graph_) throw std::invalid_argument("ProxyMode needs a graph");
}

namespace {

// torch.tensor(...) reaches modes as lift_fresh of a fresh constant; a trace
// records lift_fresh_copy instead, so the graph never aliases its constant.
const OpDef& recorded_op(const OpDef& op) {
  static const OpDef* lift_fresh = tensor::OpRegistry::instance().find("lift_fresh");
  static const OpDef* lift_fresh_copy = tensor::OpRegistry::instance().find("lift_fresh_copy");
  return &op == lift_fresh && lift_fresh_copy != nullptr ? *lift_fresh_copy : op;
}

} // namespace

tensor::IValue ProxyMode::dispatch(const OpDef& op, const Args& args) {
  if (!enabled_) return tensor::call_op_below_autograd(op, args);
  const OpDef& traced = recorded_op(op);
  fx::Node* node = record(traced, args);
  tensor::IValue out = tensor::call_op_below_autograd(traced, args);
  track_result(out, node);
  return out;
}

fx::Node* ProxyMode::record(const OpDef& op, const Args& args) {
  const AtenRecord& rec = aten_record(op);
  DispatchArgSplit split = split_dispatch_args(op.schema, args);
  fx::Args node_args;
  node_args.reserve(split.num_positional);
  for (std::size_t i = 0; i < split.num_positional; ++i) node_args.push_back(to_argument(args[i]));
  fx::Kwargs node_kwargs;
  node_kwargs.reserve(split.keywords.size());
  for (std::size_t i : split.keywords)
    node_kwargs.push_back(fx::Kwarg{op.schema.args[i].name, to_argument(args[i])});
  return graph_->call_function(rec.target, std::move(node_args), std::move(node_kwargs), rec.name);
}

void ProxyMode::track_result(const tensor::IValue& result, fx::Node* node) {
  if (result.is_tensor()) {
    if (result.to_tensor().defined()) track(result.to_tensor(), node);
    return;
  }
  if (result.is_tensor_list()) {
    // proxy[idx]: one getitem node per element, as wrap_with_proxy indexes the proxy.
    const fx::Target* getitem = fx::operator_target("getitem");
    const auto& list = result.to_tensor_list();
    for (std::size_t i = 0; i < list.size(); ++i)
      track(list[i], graph_->call_function(getitem, {node, static_cast<int64_t>(i)}));
  }
}

void ProxyMode::track(const Tensor& t, fx::Node* node) {
  nodes_.set(t.id(), node);
  node->set_tensor_meta(meta_for(t));
}

fx::TensorMetaPtr ProxyMode::meta_for(const Tensor& t) {
  if (last_meta_ && last_meta_->dtype == t.dtype() &&
      last_meta_->shape.size() == t.sizes().size()) {
    bool same = true;
    for (std::size_t i = 0; same && i < t.sizes().size(); ++i) {
      const int64_t* size = std::get_if<int64_t>(&last_meta_->shape[i]);
      const int64_t* stride = std::get_if<int64_t>(&last_meta_->stride[i]);
      same = size && stride && *size == t.sizes()[i] && *stride == t.strides()[i];
    }
    if (same) return last_meta_;
  }
  last_meta_ = tensor_meta_of(t);
  return last_meta_;
}

fx::Node* ProxyMode::find(const Tensor& t) const {
  return nodes_.get(t.id());
}

fx::Node* ProxyMode::find_object(const void* obj) const {
  auto it = objects_.find(obj);
  return it == objects_.end() ? nullptr : it->second;
}

fx::Node* ProxyMode::node_for(const Tensor& t) {
  if (fx::Node* n = find(t)) return n;
  // Tracer.create_arg: one attribute per tensor, a new get_attr node per use.
  auto [it, fresh] = constant_names_.try_emplace(t.id());
  if (fresh) {
    it->second = "_tensor_constant" + std::to_string(attributes_.entries.size());
    attributes_.entries.emplace_back(it->second, t);
  }
  return graph_->get_attr(it->second);
}

fx::Argument ProxyMode::to_argument(const tensor::IValue& v) {
  if (v.is_tensor()) {
    const Tensor& t = v.to_tensor();
    if (!t.defined()) return fx::Argument();
    if (t.is_wrapped_number()) return wrapped_number_argument(t);
    return fx::Argument(node_for(t));
  }
  if (v.is_tensor_list()) {
    std::vector<fx::Argument> items;
    items.reserve(v.to_tensor_list().size());
    for (const Tensor& t : v.to_tensor_list()) items.push_back(to_argument(tensor::IValue(t)));
    return fx::Argument::list(std::move(items));
  }
  return constant_argument(v);
}

fx::Argument ProxyMode::to_argument(const Tree& tree) {
  if (tree.is_leaf()) return to_argument(tree.leaf());
  std::vector<fx::Argument> items;
  items.reserve(tree.items().size());
  for (const Tree& t : tree.items()) items.push_back(to_argument(t));
  return tree.kind() == Tree::Kind::Tuple ? fx::Argument::tuple(std::move(items))
                                          : fx::Argument::list(std::move(items));
}

} // namespace bwhop::tracing
