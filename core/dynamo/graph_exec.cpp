#include "core/dynamo/graph_exec.h"

#include <stdexcept>
#include <unordered_map>

#include "core/fx/node.h"
#include "core/lang/runtime.h"
#include "core/torch/python_arg_parser.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"

namespace bwhop::dynamo {

namespace native = lang::native;

IValue to_ivalue(const Value& v) {
  if (v.is_none()) return IValue();
  if (v.is_bool()) return IValue(v.as_bool());
  if (v.is_int()) return IValue(v.as_int());
  if (v.is_float()) return IValue(v.as_float());
  if (const tensor::Tensor* t = torchmod::as_tensor(v)) return IValue(*t);
  if (native::is_str(v)) return IValue(native::as_str(v));
  if (native::is_list(v) || native::is_tuple(v)) {
    const auto& items = native::is_list(v) ? native::list_items(v) : native::tuple_items(v);
    tensor::IntList ints;
    std::vector<tensor::Tensor> tensors;
    for (const Value& item : items) {
      if (const tensor::Tensor* t = torchmod::as_tensor(item))
        tensors.push_back(*t);
      else if (item.is_int())
        ints.push_back(item.as_int());
    }
    if (tensors.size() == items.size() && !items.empty()) return IValue(std::move(tensors));
    if (ints.size() == items.size()) return IValue(std::move(ints));
  }
  native::raise_error(lang::types::TypeError,
                      "a graph cannot hold a value of type '" + lang::type_name(v) + "'");
}

Value to_value(const IValue& v) {
  return torchmod::ivalue_to_value(v);
}

namespace {

class ScriptCallable : public tracing::CallableTarget {
public:
  ScriptCallable(Value fn, std::string method) : fn_(std::move(fn)), method_(std::move(method)) {}

  Value call_values(std::vector<Value> pos, std::vector<std::pair<std::string, Value>> kw) const {
    Value fn = fn_;
    if (!method_.empty()) {
      if (pos.empty()) throw std::runtime_error("method call without self: " + method_);
      fn = native::get_attr(pos.front(), method_);
      pos.erase(pos.begin());
    }
    return native::call(fn, std::move(pos), std::move(kw));
  }

  IValue call(const std::vector<IValue>& args, const tracing::CallKwargs& kwargs) const override {
    std::vector<Value> pos;
    for (const IValue& a : args) pos.push_back(to_value(a));
    std::vector<std::pair<std::string, Value>> kw;
    for (const auto& [k, v] : kwargs) kw.emplace_back(k, to_value(v));
    Value fn = fn_;
    if (!method_.empty()) {
      if (pos.empty()) throw std::runtime_error("method call without self: " + method_);
      fn = native::get_attr(pos.front(), method_);
      pos.erase(pos.begin());
    }
    return to_ivalue(native::call(fn, std::move(pos), std::move(kw)));
  }

private:
  Value fn_;
  std::string method_;
};

Value argument_value(const fx::Argument& a, const std::unordered_map<const fx::Node*, Value>& env) {
  const auto& v = a.value();
  if (std::holds_alternative<fx::NoneArg>(v)) return Value::none();
  if (const bool* b = std::get_if<bool>(&v)) return Value::boolean(*b);
  if (const int64_t* i = std::get_if<int64_t>(&v)) return Value::integer(*i);
  if (const double* d = std::get_if<double>(&v)) return native::make_float(*d);
  if (const std::string* s = std::get_if<std::string>(&v)) return native::make_str(*s);
  if (const auto* t = std::get_if<tensor::ScalarType>(&v)) return torchmod::dtype_object(*t);
  if (const auto* d = std::get_if<fx::Device>(&v))
    return torchmod::device_object(torchmod::parse_device(native::make_str(
        std::string(d->type()) + (d->index() >= 0 ? ":" + std::to_string(d->index()) : ""))));
  if (const auto* n = std::get_if<fx::Node*>(&v)) return env.at(*n);
  std::vector<Value> items;
  if (const auto* l = std::get_if<fx::ArgList>(&v)) {
    for (const fx::Argument& item : l->items) items.push_back(argument_value(item, env));
    return native::make_list(std::move(items));
  }
  if (const auto* t = std::get_if<fx::ArgTuple>(&v)) {
    for (const fx::Argument& item : t->items) items.push_back(argument_value(item, env));
    return native::make_tuple(std::move(items));
  }
  throw std::runtime_error("run_script_graph: unsupported argument kind");
}

} // namespace

std::vector<Value> run_script_graph(const fx::Graph& graph, const std::vector<Value>& inputs) {
  std::unordered_map<const fx::Node*, Value> env;
  size_t next_input = 0;
  for (const fx::Node* n : graph.nodes()) {
    switch (n->op()) {
    case fx::OpKind::Placeholder:
      if (next_input >= inputs.size()) throw std::runtime_error("graph called with too few inputs");
      env[n] = inputs[next_input++];
      break;
    case fx::OpKind::CallFunction:
    case fx::OpKind::CallMethod: {
      const auto* callable = dynamic_cast<const ScriptCallable*>(tracing::find_callable(*n));
      if (callable == nullptr)
        throw std::runtime_error("run_script_graph: node " + std::string(n->name()) +
                                 " has no script callable");
      std::vector<Value> pos;
      for (const fx::Argument& a : n->args()) pos.push_back(argument_value(a, env));
      std::vector<std::pair<std::string, Value>> kw;
      for (const fx::Kwarg& k : n->kwargs()) kw.emplace_back(k.key, argument_value(k.value, env));
      env[n] = callable->call_values(std::move(pos), std::move(kw));
      break;
    }
    case fx::OpKind::Output: {
      Value out = argument_value(n->args().front(), env);
      return native::is_tuple(out) ? native::tuple_items(out) : std::vector<Value>{out};
    }
    default:
      throw std::runtime_error("run_script_graph: unsupported node kind");
    }
  }
  return {};
}

// The callables live for the whole process (never destroyed, so exit order
// does not matter).
const Value& getitem_builtin() {
  static const Value& fn = *new Value(
      lang::new_builtin("getitem", [](const lang::Args& x) { return lang::getitem(x[0], x[1]); }));
  return fn;
}

const Value& neg_builtin() {
  static const Value& fn = *new Value(lang::new_builtin(
      "neg", [](const lang::Args& x) { return lang::unary_op(lang::UnaryOpKind::USub, x[0]); }));
  return fn;
}

const Value& binary_builtin(lang::BinOpKind op, bool inplace) {
  static auto& cache = *new std::unordered_map<int, Value>();
  int key = static_cast<int>(op) * 2 + (inplace ? 1 : 0);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  Value fn =
      lang::new_builtin(inplace ? "inplace_op" : "binary_op", [op, inplace](const lang::Args& x) {
        return inplace ? lang::inplace_op(op, x[0], x[1]) : lang::binary_op(op, x[0], x[1]);
      });
  return cache.emplace(key, fn).first->second;
}

tracing::CallablePtr script_function_callable(Value fn) {
  return std::make_shared<ScriptCallable>(std::move(fn), "");
}

tracing::CallablePtr script_method_callable(std::string name) {
  return std::make_shared<ScriptCallable>(Value(), std::move(name));
}

} // namespace bwhop::dynamo
