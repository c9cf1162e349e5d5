#include "core/torch/tensor_members.h"

#include "core/autograd/variable.h"
#include "core/tensor/ops.h"
#include "core/tensor/tensor_print.h"
#include "core/torch/autograd_binding.h"
#include "core/torch/errors.h"
#include "core/torch/python_api.h"
#include "core/torch/tensor_indexing.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using tensor::ScalarType;
using tensor::Tensor;

namespace {

const Tensor& self_of(const Value& v) {
  return expect_tensor(v, "self");
}
const Tensor& self_of(const lang::Args& a) {
  return self_of(a[0]);
}
lang::Args rest_of(const lang::Args& a) {
  return lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw};
}

// One element as a Python number of the tensor's kind.
Value element(const Tensor& t, int64_t flat) {
  if (tensor::is_floating(t.dtype())) return native::make_float(t.double_at(flat));
  if (t.dtype() == ScalarType::Bool) return native::make_bool(t.int_at(flat) != 0);
  return native::make_int(t.int_at(flat));
}

Value item(const Tensor& t) {
  if (t.numel() != 1)
    native::raise_error(lang::types::RuntimeError, "a Tensor with " + std::to_string(t.numel()) +
                                                       " elements cannot be converted to Scalar");
  return element(t, 0);
}

Value tolist(const Tensor& t, size_t dim, int64_t& flat) {
  if (dim == t.sizes().size()) return element(t, flat++);
  std::vector<Value> items;
  for (int64_t i = 0; i < t.sizes()[dim]; ++i) items.push_back(tolist(t, dim + 1, flat));
  return native::make_list(std::move(items));
}

void def(lang::Type* t, const char* name, lang::NativeFn fn) {
  native::def_method(t, name, guarded(std::move(fn)));
}

Value to_dtype(const Value& self, ScalarType dtype) {
  const Tensor& t = self_of(self);
  if (t.dtype() == dtype) return self;
  return translate_errors([&] { return wrap_tensor(tensor::ops::to_dtype(t, dtype)); });
}

void define_members(lang::Type* t) {
  native::def_property(t, "shape", [](const Value& s) { return make_size(self_of(s).sizes()); });
  native::def_property(t, "dtype", [](const Value& s) { return dtype_object(self_of(s).dtype()); });
  native::def_property(t, "device",
                       [](const Value& s) { return device_object(self_of(s).device()); });
  native::def_property(t, "ndim",
                       [](const Value& s) { return native::make_int(self_of(s).dim()); });
  native::def_property(t, "is_leaf", [](const Value& s) {
    return native::make_bool(autograd::is_leaf(self_of(s)));
  });
  native::def_property(t, "retains_grad", [](const Value& s) {
    return native::make_bool(autograd::retains_grad(self_of(s)));
  });
  native::def_property(t, "grad_fn",
                       [](const Value& s) { return wrap_node(autograd::grad_fn(self_of(s))); });
  native::def_property(
      t, "requires_grad",
      [](const Value& s) { return native::make_bool(autograd::requires_grad(self_of(s))); },
      [](const Value& s, const Value& v) {
        if (!v.is_bool())
          native::raise_error(lang::types::TypeError,
                              "requires_grad must be a bool, not " + lang::type_name(v));
        translate_errors([&] { autograd::set_requires_grad(self_of(s), v.as_bool()); });
      });
  native::def_property(
      t, "grad", [](const Value& s) { return wrap_tensor(autograd::grad(self_of(s))); },
      [](const Value& s, const Value& v) {
        Tensor g;
        if (!v.is_none()) {
          const Tensor* gt = as_tensor(v);
          if (!gt)
            native::raise_error(
                lang::types::TypeError,
                "assigned grad expected to be a Tensor or None but got grad of type " +
                    lang::type_name(v));
          g = *gt;
        }
        translate_errors([&] { autograd::set_grad(self_of(s), g); });
      });

  def(t, "__repr__",
      [](const lang::Args& a) { return native::make_str(tensor::tensor_repr(self_of(a))); });
  def(t, "__hash__", [](const lang::Args& a) {
    return native::make_int(static_cast<int64_t>(reinterpret_cast<uintptr_t>(a[0].obj()) >> 4));
  });
  def(t, "__getitem__", tensor_getitem);
  def(t, "__len__", [](const lang::Args& a) {
    const Tensor& x = self_of(a);
    if (x.dim() == 0) native::raise_error(lang::types::TypeError, "len() of a 0-d tensor");
    return native::make_int(x.sizes()[0]);
  });
  def(t, "__bool__", [](const lang::Args& a) {
    const Tensor& x = self_of(a);
    if (x.numel() == 0)
      native::raise_error(lang::types::RuntimeError,
                          "Boolean value of Tensor with no values is ambiguous");
    if (x.numel() > 1)
      native::raise_error(lang::types::RuntimeError,
                          "Boolean value of Tensor with more than one value is ambiguous");
    return native::make_bool(x.double_at(0) != 0.0);
  });
  def(t, "__float__", [](const lang::Args& a) {
    const Tensor& x = self_of(a);
    if (x.numel() != 1)
      native::raise_error(lang::types::ValueError,
                          "only one element tensors can be converted to Python scalars");
    return native::make_float(x.double_at(0));
  });
  def(t, "__int__", [](const lang::Args& a) {
    const Tensor& x = self_of(a);
    if (x.numel() != 1)
      native::raise_error(lang::types::ValueError,
                          "only one element tensors can be converted to Python scalars");
    return native::make_int(tensor::is_floating(x.dtype()) ? static_cast<int64_t>(x.double_at(0))
                                                           : x.int_at(0));
  });
  def(t, "__index__", [](const lang::Args& a) {
    const Tensor& x = self_of(a);
    if (x.numel() != 1 || !tensor::is_integral(x.dtype(), true))
      native::raise_error(lang::types::TypeError,
                          "only integer tensors of a single element can be converted to an index");
    return native::make_int(x.int_at(0));
  });
  def(t, "dim", [](const lang::Args& a) { return native::make_int(self_of(a).dim()); });
  def(t, "numel", [](const lang::Args& a) { return native::make_int(self_of(a).numel()); });
  def(t, "size", [](const lang::Args& a) {
    auto p = native::bind_args(rest_of(a), "size", {{"dim", native::none()}});
    const Tensor& x = self_of(a);
    if (p[0].is_none()) return make_size(x.sizes());
    return native::make_int(
        x.sizes()[static_cast<size_t>(tensor::wrap_dim(native::as_int(p[0], "dim"), x.dim()))]);
  });
  def(t, "is_floating_point", [](const lang::Args& a) {
    return native::make_bool(tensor::is_floating(self_of(a).dtype()));
  });
  def(t, "is_contiguous",
      [](const lang::Args& a) { return native::make_bool(self_of(a).is_contiguous()); });
  def(t, "item", [](const lang::Args& a) { return item(self_of(a)); });
  def(t, "tolist", [](const lang::Args& a) {
    int64_t flat = 0;
    return tolist(self_of(a), 0, flat);
  });
  def(t, "backward", [](const lang::Args& a) { return tensor_backward(a[0], rest_of(a)); });
  def(t, "register_hook", [](const lang::Args& a) {
    auto p = native::bind_args(rest_of(a), "register_hook", {{"hook"}});
    return register_tensor_hook(self_of(a), p[0]);
  });
  def(t, "retain_grad", [](const lang::Args& a) {
    autograd::retain_grad(self_of(a));
    return native::none();
  });
  def(t, "requires_grad_", [](const lang::Args& a) {
    auto p = native::bind_args(rest_of(a), "requires_grad_",
                               {{"requires_grad", native::make_bool(true)}});
    if (!p[0].is_bool())
      native::raise_error(lang::types::TypeError,
                          "requires_grad_(): argument 'requires_grad' must be bool, not " +
                              lang::type_name(p[0]));
    autograd::set_requires_grad(self_of(a), p[0].as_bool());
    return a[0];
  });
  def(t, "to", [](const lang::Args& a) {
    auto p = native::bind_args(rest_of(a), "to",
                               {{"dtype_or_device", native::none()}, {"dtype", native::none()}});
    Value target = p[1].is_none() ? p[0] : p[1];
    if (auto d = as_dtype(target)) return to_dtype(a[0], *d);
    if (!target.is_none()) parse_device(target);
    return a[0];
  });
  struct Conv {
    const char* name;
    ScalarType type;
  };
  for (const Conv& c : {Conv{"float", ScalarType::Float}, Conv{"double", ScalarType::Double},
                        Conv{"long", ScalarType::Long}, Conv{"int", ScalarType::Int},
                        Conv{"bool", ScalarType::Bool}}) {
    ScalarType type = c.type;
    def(t, c.name, [type](const lang::Args& a) { return to_dtype(a[0], type); });
  }
}

} // namespace

void define_tensor_members() {
  static const bool done = [] {
    define_members(tensor_type());
    define_tensor_op_methods();
    return true;
  }();
  (void)done;
}

} // namespace bwhop::torchmod
