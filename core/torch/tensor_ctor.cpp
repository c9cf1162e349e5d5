#include "core/torch/tensor_ctor.h"

#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/ops.h"
#include "core/torch/errors.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using lang::Value;
using tensor::ScalarType;

namespace {

enum class Kind { Bool = 0, Int = 1, Float = 2 };

struct Flat {
  tensor::IntList sizes;
  std::vector<double> doubles;
  std::vector<int64_t> ints;
  Kind kind = Kind::Bool;
  bool any_element = false;
};

bool is_sequence(const Value& v) {
  return native::is_list(v) || native::is_tuple(v);
}

const std::vector<Value>& items_of(const Value& v) {
  return native::is_list(v) ? native::list_items(v) : native::tuple_items(v);
}

void add_scalar(Flat& f, const Value& v) {
  Kind k;
  double d;
  int64_t i;
  if (v.is_bool()) {
    k = Kind::Bool;
    i = v.as_bool();
    d = static_cast<double>(i);
  } else if (v.is_int()) {
    k = Kind::Int;
    i = v.as_int();
    d = static_cast<double>(i);
  } else if (v.is_float()) {
    k = Kind::Float;
    d = v.as_float();
    i = static_cast<int64_t>(d);
  } else if (const tensor::Tensor* t = as_tensor(v)) {
    if (t->numel() != 1)
      native::raise_error(lang::types::ValueError,
                          "only one element tensors can be converted to Python scalars");
    k = tensor::is_floating(t->dtype())  ? Kind::Float
        : t->dtype() == ScalarType::Bool ? Kind::Bool
                                         : Kind::Int;
    d = t->item_double();
    i = t->item_int();
  } else {
    native::raise_error(lang::types::TypeError,
                        "new(): invalid data type '" + lang::type_name(v) + "'");
  }
  if (!f.any_element || static_cast<int>(k) > static_cast<int>(f.kind)) f.kind = k;
  f.any_element = true;
  f.doubles.push_back(d);
  f.ints.push_back(i);
}

// PyTorch's compute_sizes: the shape is read along the first elements.
tensor::IntList compute_sizes(Value v) {
  tensor::IntList sizes;
  while (is_sequence(v)) {
    const auto& items = items_of(v);
    sizes.push_back(static_cast<int64_t>(items.size()));
    if (items.empty()) break;
    Value first = items[0];
    v = first;
  }
  return sizes;
}

// Stores the elements in row-major order, checking every level against `f.sizes`.
void flatten(Flat& f, const Value& v, size_t dim) {
  if (dim == f.sizes.size()) {
    if (is_sequence(v))
      native::raise_error(lang::types::ValueError,
                          "expected a number at dim " + std::to_string(dim));
    add_scalar(f, v);
    return;
  }
  if (!is_sequence(v))
    native::raise_error(lang::types::ValueError,
                        "expected sequence of length " + std::to_string(f.sizes[dim]) + " at dim " +
                            std::to_string(dim) + " (got " + lang::type_name(v) + ")");
  const auto& items = items_of(v);
  if (f.sizes[dim] != static_cast<int64_t>(items.size()))
    native::raise_error(lang::types::ValueError,
                        "expected sequence of length " + std::to_string(f.sizes[dim]) + " at dim " +
                            std::to_string(dim) + " (got " + std::to_string(items.size()) + ")");
  for (const Value& item : items) flatten(f, item, dim + 1);
}

ScalarType inferred(const Flat& f) {
  if (!f.any_element) return tensor::default_float_dtype();
  switch (f.kind) {
  case Kind::Bool:
    return ScalarType::Bool;
  case Kind::Int:
    return ScalarType::Long;
  case Kind::Float:
    return tensor::default_float_dtype();
  }
  return ScalarType::Float;
}

} // namespace

Value torch_tensor(const lang::Args& args) {
  auto p = native::bind_args(args, "tensor",
                             {{"data"},
                              {"dtype", native::none(), true},
                              {"device", native::none(), true},
                              {"requires_grad", native::make_bool(false), true},
                              {"pin_memory", native::make_bool(false), true}});
  std::optional<ScalarType> dtype;
  if (!p[1].is_none()) {
    dtype = as_dtype(p[1]);
    if (!dtype)
      native::raise_error(lang::types::TypeError,
                          "tensor(): argument 'dtype' must be torch.dtype, not " +
                              lang::type_name(p[1]));
  }
  if (!p[2].is_none()) parse_device(p[2]);
  if (!p[3].is_bool())
    native::raise_error(lang::types::TypeError,
                        "tensor(): argument 'requires_grad' must be bool, not " +
                            lang::type_name(p[3]));
  return translate_errors([&] {
    tensor::Tensor result;
    tensor::GradModeGuard no_grad(false); // building data is not part of any graph
    if (const tensor::Tensor* src = as_tensor(p[0])) {
      result = tensor::ops::clone(tensor::ops::detach(*src));
      if (dtype && *dtype != result.dtype()) result = tensor::ops::to_dtype(result, *dtype);
    } else {
      Flat f;
      f.sizes = compute_sizes(p[0]);
      flatten(f, p[0], 0);
      ScalarType t = dtype.value_or(inferred(f));
      if (tensor::is_floating(t) || f.kind == Kind::Float)
        result = tensor::ops::from_doubles(f.doubles, f.sizes, t);
      else
        result = tensor::ops::from_ints(f.ints, f.sizes, t);
      // Data from Python enters the dispatcher here (make_fx records lift_fresh_copy).
      result = tensor::ops::lift_fresh(result);
    }
    if (p[3].as_bool()) autograd::set_requires_grad(result, true);
    return wrap_tensor(result);
  });
}

} // namespace bwhop::torchmod
