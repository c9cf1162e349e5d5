#include "core/inductor/aten_call.h"

#include <string>
#include <utility>

#include "core/fx/target.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tracing/dispatch_args.h"

namespace bwhop::inductor {

namespace {

std::string label(const fx::Node& n) {
  return "node '" + std::string(n.name()) + "'";
}

tensor::IValue list_value(const fx::Node& user, const std::vector<fx::Argument>& items,
                          const NodeValue& value);

tensor::IValue argument_value(const fx::Node& user, const fx::Argument& a, const NodeValue& value) {
  const fx::Argument::Value& v = a.value();
  if (a.is_none()) return {};
  if (const bool* b = std::get_if<bool>(&v)) return *b;
  if (const int64_t* i = std::get_if<int64_t>(&v)) return *i;
  if (const double* d = std::get_if<double>(&v)) return *d;
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  if (const tensor::ScalarType* t = std::get_if<tensor::ScalarType>(&v)) return *t;
  if (std::holds_alternative<fx::Device>(v)) return tensor::Device{};
  if (fx::Node* const* n = std::get_if<fx::Node*>(&v)) return value(*n);
  if (const fx::ArgList* l = std::get_if<fx::ArgList>(&v)) return list_value(user, l->items, value);
  if (const fx::ArgTuple* t = std::get_if<fx::ArgTuple>(&v))
    return list_value(user, t->items, value);
  if (const fx::OpaquePtr* o = std::get_if<fx::OpaquePtr>(&v))
    if (auto* c = dynamic_cast<const tracing::IValueConstant*>(o->get())) return c->value();
  throw Unsupported(label(user) + ": argument kind not supported by inductor");
}

tensor::IValue list_value(const fx::Node& user, const std::vector<fx::Argument>& items,
                          const NodeValue& value) {
  tensor::IntList ints;
  std::vector<tensor::Tensor> tensors;
  for (const fx::Argument& a : items) {
    tensor::IValue v = argument_value(user, a, value);
    if (v.is_tensor())
      tensors.push_back(v.to_tensor());
    else if (v.is_int())
      ints.push_back(v.to_int());
    else
      throw Unsupported(label(user) + ": list element " + v.repr() + " not supported");
  }
  if (!tensors.empty() && !ints.empty())
    throw Unsupported(label(user) + ": list mixes tensors and ints");
  if (!tensors.empty()) return tensors;
  return ints;
}

} // namespace

const tensor::OpDef* aten_op_of(const fx::Node& node) {
  if (node.op() != fx::OpKind::CallFunction) return nullptr;
  const fx::Target& t = *node.function();
  if (t.module() != "torch._ops.aten") return nullptr;
  return tensor::OpRegistry::instance().find(t.python_name());
}

bool is_getitem(const fx::Node& node) {
  if (node.op() != fx::OpKind::CallFunction) return false;
  const fx::Target& t = *node.function();
  return t.module() == "_operator" && t.python_name() == "getitem";
}

tensor::Args bind_aten_args(const fx::Node& node, const tensor::OpDef& op, const NodeValue& value) {
  std::vector<tensor::IValue> positional;
  positional.reserve(node.args().size());
  for (const fx::Argument& a : node.args()) positional.push_back(argument_value(node, a, value));
  std::vector<std::pair<std::string, tensor::IValue>> kwargs;
  for (const fx::Kwarg& k : node.kwargs())
    kwargs.emplace_back(k.key, argument_value(node, k.value, value));
  return op.schema.bind(positional, kwargs);
}

tensor::IValue getitem_value(const fx::Node& node, const NodeValue& value) {
  const fx::Node* base = node.args().at(0).node();
  const int64_t* index = node.args().at(1).get_if<int64_t>();
  if (base == nullptr || index == nullptr)
    throw Unsupported(label(node) + ": getitem needs a node and an int index");
  const tensor::IValue& v = value(base);
  if (!v.is_tensor_list()) throw Unsupported(label(node) + ": getitem on a non-list value");
  return v.to_tensor_list().at(static_cast<std::size_t>(*index));
}

tensor::Tensor meta_tensor_like(const tensor::Tensor& t) {
  auto impl = std::make_shared<tensor::TensorImpl>();
  impl->dtype = t.dtype();
  impl->sizes = t.sizes();
  impl->strides = t.strides();
  return tensor::Tensor(std::move(impl));
}

tensor::IValue run_meta(const tensor::OpDef& op, const tensor::Args& args) {
  tensor::ExcludeAutogradGuard no_autograd;
  if (op.composite) return tensor::call_op(op, args);
  return tensor::call_backend(op, args);
}

} // namespace bwhop::inductor
