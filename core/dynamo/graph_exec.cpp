#include "core/dynamo/graph_exec.h"

#include <stdexcept>

#include "core/fx/node.h"
#include "core/lang/runtime.h"
#include "core/torch/python_arg_parser.h"
#include "core/torch/tensor_object.h"

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

} // namespace

tracing::CallablePtr script_function_callable(Value fn) {
  return std::make_shared<ScriptCallable>(std::move(fn), "");
}

tracing::CallablePtr script_method_callable(std::string name) {
  return std::make_shared<ScriptCallable>(Value(), std::move(name));
}

} // namespace bwhop::dynamo
