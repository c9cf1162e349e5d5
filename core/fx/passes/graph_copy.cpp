#include "core/fx/passes/graph_copy.h"

#include <optional>
#include <stdexcept>

#include "core/fx/graph.h"
#include "core/fx/node.h"

namespace bwhop::fx {

namespace {

Node* lookup(const NodeMap& map, Node* n) {
  auto it = map.find(n);
  if (it == map.end())
    throw std::invalid_argument("copying a node whose input '" + std::string(n->name()) +
                                "' was not copied first");
  return it->second;
}

void remap_args(const Node& node, const NodeMap& map, Args& args, Kwargs& kwargs) {
  auto f = [&](Node* n) { return lookup(map, n); };
  args.reserve(node.args().size());
  for (const Argument& a : node.args()) args.push_back(map_nodes(a, f));
  for (const Kwarg& k : node.kwargs()) kwargs.push_back(Kwarg{k.key, map_nodes(k.value, f)});
}

} // namespace

Node* node_copy(Graph& dst, const Node& node, const NodeMap& map) {
  Args args;
  Kwargs kwargs;
  remap_args(node, map, args, kwargs);
  Node* copy = dst.create_node(node.op(), node.function(), node.target_name(), std::move(args),
                               std::move(kwargs), node.name(), node.type());
  copy->copy_meta_from(node);
  return copy;
}

Argument graph_copy(Graph& dst, const Graph& src, NodeMap& map) {
  for (Node* n : src.nodes()) {
    if (map.count(n) != 0) continue;
    if (n->op() == OpKind::Output) {
      return map_nodes(n->args().at(0), [&](Node* x) { return lookup(map, x); });
    }
    map[n] = node_copy(dst, *n, map);
  }
  return Argument();
}

Argument paste_graph_with_prefix(Graph& dst, const Graph& src, const std::vector<Node*>& inputs,
                                 const PrefixedCopyOptions& options) {
  NodeMap map;
  std::size_t next_input = 0;
  auto prefixed = [&](std::string_view name) { return options.prefix + std::string(name); };
  for (Node* n : src.nodes()) {
    switch (n->op()) {
    case OpKind::Placeholder: {
      if (next_input >= inputs.size())
        throw std::invalid_argument("paste_graph_with_prefix: fewer inputs than placeholders");
      Node* input = inputs[next_input++];
      input->assign_name_unchecked(prefixed(n->name()));
      map[n] = input;
      break;
    }
    case OpKind::Output: {
      Argument out = map_nodes(n->args().at(0), [&](Node* x) { return lookup(map, x); });
      return out;
    }
    case OpKind::GetAttr:
    case OpKind::CallModule: {
      Args args;
      Kwargs kwargs;
      remap_args(*n, map, args, kwargs);
      std::string target = options.fresh_attribute ? options.fresh_attribute(n->target_name())
                                                   : std::string(n->target_name());
      // get_attr is created fresh (named after its new target) then renamed;
      // call_module is a node_copy whose target is then replaced.
      std::optional<std::string_view> name;
      if (n->op() == OpKind::CallModule) name = n->name();
      Node* copy = dst.create_node(n->op(), nullptr, target, std::move(args), std::move(kwargs),
                                   name, n->type());
      copy->copy_meta_from(*n);
      if (n->op() == OpKind::GetAttr) copy->assign_name_unchecked(prefixed(n->name()));
      map[n] = copy;
      break;
    }
    case OpKind::CallFunction:
    case OpKind::CallMethod: {
      Args args;
      Kwargs kwargs;
      remap_args(*n, map, args, kwargs);
      const Target* fn = n->function();
      if (fn != nullptr && options.retarget) fn = options.retarget(fn);
      Node* copy = dst.create_node(n->op(), fn, n->target_name(), std::move(args),
                                   std::move(kwargs), n->name(), n->type());
      copy->copy_meta_from(*n);
      copy->assign_name_unchecked(prefixed(n->name()));
      map[n] = copy;
      break;
    }
    case OpKind::Root:
      break;
    }
  }
  return Argument();
}

} // namespace bwhop::fx
