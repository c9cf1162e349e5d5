// The proxy-tensor dispatch mode (PyTorch's ProxyTorchDispatchMode with
// tracing_mode="real"). While it is on the mode stack every op that reaches it
// runs for real below it and is also recorded as a call_function node
// `torch.ops.aten.<name>.<overload>` named after the overload packet. Tensors are
// associated with the nodes that produced them in a side table keyed by the
// tensor's stable id (one table per mode, as PyTorch keys proxies by tracer).
// Node metadata objects are immutable, so nodes with equal dtype, shape and
// strides share one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/fx/graph.h"
#include "core/fx/meta.h"
#include "core/tensor/dispatcher.h"
#include "core/tracing/tensor_table.h"
#include "core/tracing/tree.h"

namespace bwhop::tracing {

// Tensors a traced module holds as attributes (`_tensor_constant0`), in creation order.
struct TensorAttributes {
  std::vector<std::pair<std::string, Tensor>> entries;
  const Tensor* find(std::string_view name) const;
};

// dtype, shape, stride and device of a tensor, as node annotations print them.
fx::TensorMetaPtr tensor_meta_of(const Tensor& t);

class ProxyMode : public tensor::DispatchMode {
public:
  ProxyMode();
  explicit ProxyMode(std::shared_ptr<fx::Graph> graph);

  tensor::IValue dispatch(const tensor::OpDef& op, const tensor::Args& args) override;

  fx::Graph& graph() { return *graph_; }
  const std::shared_ptr<fx::Graph>& shared_graph() const { return graph_; }
  const TensorAttributes& attributes() const { return attributes_; }
  TensorAttributes take_attributes() { return std::move(attributes_); }

  // track_tensor: from now on `t` stands for `node`; sets the node's tensor meta.
  void track(const Tensor& t, fx::Node* node);
  // The node tracking `t`, or null.
  fx::Node* find(const Tensor& t) const;
  // The node for `t` as an argument: its tracking node, or else (a tensor the trace
  // never saw) a new get_attr of a `_tensor_constant<i>` attribute holding it.
  fx::Node* node_for(const Tensor& t);
  // Any op argument as a graph argument: tensors → nodes, wrapped numbers → numbers.
  fx::Argument to_argument(const tensor::IValue& v);
  // A whole tree (function results): tuples and lists keep their kind.
  fx::Argument to_argument(const Tree& tree);

  // Non-tensor objects with a proxy (e.g. a BackwardState), keyed by identity.
  void track_object(const void* obj, fx::Node* node) { objects_[obj] = node; }
  fx::Node* find_object(const void* obj) const;

  // disable_proxy_modes_tracing: while off, ops run without being recorded.
  bool tracing_enabled() const { return enabled_; }
  void set_tracing_enabled(bool on) { enabled_ = on; }

private:
  fx::Node* record(const tensor::OpDef& op, const tensor::Args& args);
  void track_result(const tensor::IValue& result, fx::Node* node);

  std::shared_ptr<fx::Graph> graph_;
  fx::TensorMetaPtr meta_for(const Tensor& t);

  TensorTable nodes_;           // tensor id → node
  fx::TensorMetaPtr last_meta_; // shared by consecutive nodes of the same geometry
  std::unordered_map<uint64_t, std::string> constant_names_; // tensor id → attribute
  std::unordered_map<const void*, fx::Node*> objects_;
  TensorAttributes attributes_;
  bool enabled_ = true;
};

} // namespace bwhop::tracing
