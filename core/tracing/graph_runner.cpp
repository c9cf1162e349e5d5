#include "core/tracing/graph_runner.h"

#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/fx/interpreter.h"
#include "core/fx/target.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tracing/callable_target.h"
#include "core/tracing/dispatch_args.h"

namespace bwhop::tracing {

namespace {

using Env = fx::ValueEnv<Tree>;

std::string node_label(const fx::Node& n) {
  return "node '" + std::string(n.name()) + "'";
}

const IValue& leaf_of(const fx::Node& user, const Tree& v) {
  if (!v.is_leaf())
    throw std::runtime_error(node_label(user) + ": a tuple or list where a value was expected");
  return v.leaf();
}

IValue list_value(const fx::Node& user, const std::vector<fx::Argument>& items, const Env& env);

// A graph argument as the IValue an op or callable receives.
IValue value_of(const fx::Node& user, const fx::Argument& a, const Env& env) {
  const fx::Argument::Value& v = a.value();
  if (a.is_none()) return IValue();
  if (const bool* b = std::get_if<bool>(&v)) return IValue(*b);
  if (const int64_t* i = std::get_if<int64_t>(&v)) return IValue(*i);
  if (const double* d = std::get_if<double>(&v)) return IValue(*d);
  if (const std::string* s = std::get_if<std::string>(&v)) return IValue(*s);
  if (const tensor::ScalarType* t = std::get_if<tensor::ScalarType>(&v)) return IValue(*t);
  if (std::holds_alternative<fx::Device>(v)) return IValue(tensor::Device{});
  if (fx::Node* const* n = std::get_if<fx::Node*>(&v)) return leaf_of(user, env.get(*n));
  if (const fx::ArgList* l = std::get_if<fx::ArgList>(&v)) return list_value(user, l->items, env);
  if (const fx::ArgTuple* t = std::get_if<fx::ArgTuple>(&v)) return list_value(user, t->items, env);
  if (const fx::OpaquePtr* o = std::get_if<fx::OpaquePtr>(&v))
    if (auto* c = dynamic_cast<const IValueConstant*>(o->get())) return c->value();
  throw std::runtime_error(node_label(user) + ": cannot pass this argument to an op");
}

// int lists stay int lists; lists holding tensors become tensor lists.
IValue list_value(const fx::Node& user, const std::vector<fx::Argument>& items, const Env& env) {
  tensor::IntList ints;
  std::vector<Tensor> tensors;
  for (const fx::Argument& a : items) {
    IValue v = value_of(user, a, env);
    if (v.is_tensor())
      tensors.push_back(v.to_tensor());
    else if (v.is_int())
      ints.push_back(v.to_int());
    else
      throw std::runtime_error(node_label(user) + ": unsupported list element " + v.repr());
  }
  if (!tensors.empty() && !ints.empty())
    throw std::runtime_error(node_label(user) + ": list mixes tensors and ints");
  if (!tensors.empty()) return IValue(std::move(tensors));
  return IValue(std::move(ints));
}

Tree tree_of(const fx::Node& user, const fx::Argument& a, const Env& env) {
  if (fx::Node* n = a.node()) return env.get(n);
  auto items_of = [&](const std::vector<fx::Argument>& items) {
    std::vector<Tree> out;
    out.reserve(items.size());
    for (const fx::Argument& i : items) out.push_back(tree_of(user, i, env));
    return out;
  };
  if (const fx::ArgTuple* t = a.get_if<fx::ArgTuple>()) return Tree::tuple(items_of(t->items));
  if (const fx::ArgList* l = a.get_if<fx::ArgList>()) return Tree::list(items_of(l->items));
  return Tree(value_of(user, a, env));
}

bool is_aten(const fx::Target& t) {
  return t.module() == "torch._ops.aten";
}

class Runner {
public:
  explicit Runner(const TensorAttributes& attributes) : attributes_(attributes) {}

  Tree evaluate(const fx::Node& n, const Env& env) {
    switch (n.op()) {
    case fx::OpKind::GetAttr: {
      const Tensor* t = attributes_.find(n.target_name());
      if (t == nullptr)
        throw std::runtime_error("module has no attribute '" + std::string(n.target_name()) + "'");
      return Tree(*t);
    }
    case fx::OpKind::CallFunction:
      return call_function(n, env);
    case fx::OpKind::CallMethod: // runs through the executable attached to the node (dynamo)
      return call_callable(n, env, "method " + std::string(n.target_name()));
    case fx::OpKind::Output:
      return tree_of(n, n.args().at(0), env);
    default:
      throw std::runtime_error(node_label(n) + ": cannot run " + std::string(fx::op_name(n.op())) +
                               " nodes");
    }
  }

private:
  Tree call_function(const fx::Node& n, const Env& env) {
    const fx::Target& target = *n.function();
    if (is_aten(target)) return Tree(call_aten(n, target, env));
    if (target.module() == "_operator" && target.python_name() == "getitem") return getitem(n, env);
    return call_callable(n, env, "target " + target.qualified_name());
  }

  Tree call_callable(const fx::Node& n, const Env& env, const std::string& what) {
    const CallableTarget* callable = find_callable(n);
    if (callable == nullptr)
      throw std::runtime_error(node_label(n) + ": no executable for " + what);
    std::vector<IValue> args;
    args.reserve(n.args().size());
    for (const fx::Argument& a : n.args()) args.push_back(value_of(n, a, env));
    CallKwargs kwargs;
    for (const fx::Kwarg& k : n.kwargs()) kwargs.emplace_back(k.key, value_of(n, k.value, env));
    return Tree(callable->call(args, kwargs));
  }

  IValue call_aten(const fx::Node& n, const fx::Target& target, const Env& env) {
    auto [it, fresh] = ops_.try_emplace(&target, nullptr);
    if (fresh) it->second = tensor::OpRegistry::instance().find(target.python_name());
    if (it->second == nullptr)
      throw std::runtime_error(node_label(n) + ": unknown operator " + target.qualified_name());
    std::vector<IValue> positional;
    positional.reserve(n.args().size());
    for (const fx::Argument& a : n.args()) positional.push_back(value_of(n, a, env));
    std::vector<std::pair<std::string, IValue>> kwargs;
    for (const fx::Kwarg& k : n.kwargs()) kwargs.emplace_back(k.key, value_of(n, k.value, env));
    return tensor::call_op(*it->second, it->second->schema.bind(positional, kwargs));
  }

  Tree getitem(const fx::Node& n, const Env& env) {
    const fx::Node* base = n.args().at(0).node();
    const int64_t* index = n.args().at(1).get_if<int64_t>();
    if (base == nullptr || index == nullptr)
      throw std::runtime_error(node_label(n) + ": getitem needs a node and an int index");
    const Tree& v = env.get(base);
    if (!v.is_leaf()) return v.items().at(static_cast<std::size_t>(*index));
    if (v.leaf().is_tensor_list()) return Tree(v.leaf().to_tensor_list().at(*index));
    throw std::runtime_error(node_label(n) + ": getitem on a value that is not a sequence");
  }

  const TensorAttributes& attributes_;
  std::unordered_map<const fx::Target*, const tensor::OpDef*> ops_;
};

} // namespace

Tree run_graph(const fx::Graph& graph, const TensorAttributes& attributes,
               const std::vector<Tree>& inputs) {
  std::vector<Tree> flat;
  for (const Tree& t : inputs) t.for_each_leaf([&](const IValue& v) { flat.emplace_back(v); });
  std::size_t placeholders = 0;
  for (const fx::Node* n : graph.nodes())
    if (n->op() == fx::OpKind::Placeholder) ++placeholders;
  if (flat.size() != placeholders)
    throw std::invalid_argument("graph takes " + std::to_string(placeholders) + " inputs but " +
                                std::to_string(flat.size()) + " were given");
  Runner runner(attributes);
  fx::Interpreter<Tree> interp(graph);
  return interp.run(flat,
                    [&](const fx::Node& n, const Env& env) { return runner.evaluate(n, env); });
}

} // namespace bwhop::tracing
