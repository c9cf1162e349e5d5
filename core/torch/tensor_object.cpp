#include "core/torch/tensor_object.h"

#include <unordered_map>

namespace bwhop::torchmod {

namespace {

// Live script objects by implementation; an entry lives exactly as long as its object.
std::unordered_map<const tensor::TensorImpl*, lang::Object*>& live_objects() {
  static std::unordered_map<const tensor::TensorImpl*, lang::Object*> table;
  return table;
}

struct TensorObject : lang::Instance {
  Tensor tensor;
  TensorObject(lang::Type* t, Tensor v) : Instance(t), tensor(std::move(v)) {
    live_objects()[tensor.impl()] = this;
  }
  ~TensorObject() override { live_objects().erase(tensor.impl()); }
};

} // namespace

lang::Type* tensor_type() {
  static lang::Type* t = lang::native::define_type("Tensor", "torch");
  return t;
}

Value wrap_tensor(const Tensor& t) {
  if (!t.defined()) return Value::none();
  auto& table = live_objects();
  if (auto it = table.find(t.impl()); it != table.end()) return Value(it->second);
  return Value(new TensorObject(tensor_type(), t));
}

const Tensor* as_tensor(const Value& v) {
  if (!v.is_obj()) return nullptr;
  auto* o = dynamic_cast<TensorObject*>(v.obj());
  return o ? &o->tensor : nullptr;
}

const Tensor& expect_tensor(const Value& v, const char* what) {
  if (const Tensor* t = as_tensor(v)) return *t;
  lang::native::raise_error(lang::types::TypeError,
                            std::string(what) + " must be Tensor, not " + lang::type_name(v));
}

} // namespace bwhop::torchmod
