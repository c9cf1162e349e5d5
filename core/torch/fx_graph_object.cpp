#include "core/torch/fx_graph_object.h"

#include <string>
#include <utility>
#include <vector>

#include "core/fx/graph_format.h"
#include "core/fx/node.h"
#include "core/fx/target.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using lang::Value;

namespace {

struct GraphBox {
  std::shared_ptr<fx::GraphModule> module;
};

// A node of the graph. Its target reads as its printed name (PyTorch hands the
// callable itself), enough for backends that inspect what they were given.
struct NodeBox {
  std::shared_ptr<fx::GraphModule> module; // keeps the node alive
  const fx::Node* node;
};

lang::Type* node_object_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("Node", "torch.fx.node");
    auto node_of = [](const Value& v) { return native::native_cast<NodeBox>(v)->node; };
    native::def_property(ty, "op", [node_of](const Value& self) {
      return native::make_str(std::string(fx::op_name(node_of(self)->op())));
    });
    native::def_property(ty, "name", [node_of](const Value& self) {
      return native::make_str(std::string(node_of(self)->name()));
    });
    native::def_property(ty, "target", [node_of](const Value& self) {
      const fx::Node* n = node_of(self);
      if (n->function()) return native::make_str(n->function()->qualified_name());
      return native::make_str(std::string(n->target_name()));
    });
    native::def_method(ty, "__repr__", [node_of](const lang::Args& a) {
      return native::make_str(std::string(node_of(a[0])->name()));
    });
    return ty;
  }();
  return t;
}

} // namespace

lang::Type* graph_object_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("Graph", "torch.fx.graph");
    native::def_method(ty, "__str__", [](const lang::Args& a) {
      return native::make_str(
          fx::format_graph(native::native_cast<GraphBox>(a[0])->module->graph()));
    });
    native::def_property(ty, "nodes", [](const Value& self) {
      const auto& module = native::native_cast<GraphBox>(self)->module;
      std::vector<Value> nodes;
      for (const fx::Node* n : module->graph().nodes())
        nodes.push_back(native::make_native(node_object_type(), NodeBox{module, n}));
      return native::make_list(std::move(nodes));
    });
    return ty;
  }();
  return t;
}

Value graph_object(std::shared_ptr<fx::GraphModule> module) {
  return native::make_native(graph_object_type(), GraphBox{std::move(module)});
}

std::shared_ptr<fx::GraphModule> module_of_graph_object(const Value& graph) {
  if (graph.is_null() || lang::type_of(graph) != graph_object_type()) return nullptr;
  return native::native_cast<GraphBox>(graph)->module;
}

} // namespace bwhop::torchmod
