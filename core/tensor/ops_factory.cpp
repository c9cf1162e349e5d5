// Factories: ones/zeros/empty/full/arange, the *_like forms, rand/randn.
#include <cmath>
#include <stdexcept>

#include "core/tensor/kernel_utils.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops_register.h"
#include "core/tensor/random.h"

namespace bwhop::tensor {

namespace {

ScalarType dtype_or(const IValue& dtype, ScalarType fallback) {
  return dtype.is_none() ? fallback : dtype.to_scalar_type();
}

void check_sizes(const IntList& size) {
  for (int64_t s : size) {
    if (s < 0) {
      throw std::invalid_argument("Trying to create tensor with negative dimension " +
                                  std::to_string(s) + ": " + sizes_str(size));
    }
  }
}

Tensor filled(const IntList& size, ScalarType dtype, const IValue& value) {
  check_sizes(size);
  Tensor t = Tensor::empty(size, dtype);
  copy_into(t, wrapped_scalar(value));
  return t;
}

// ones/zeros/empty(SymInt[] size, *, ScalarType? dtype, Layout?, Device?, bool? pin_memory)
IValue ones_kernel(const Args& a) {
  return filled(a[0].to_int_list(), dtype_or(a[1], default_float_dtype()), IValue(int64_t{1}));
}
IValue zeros_kernel(const Args& a) {
  return filled(a[0].to_int_list(), dtype_or(a[1], default_float_dtype()), IValue(int64_t{0}));
}
IValue empty_kernel(const Args& a) {
  return zeros_kernel(a); // zero-filled: deterministic output for the same script
}
IValue size_meta(const Args& a) {
  check_sizes(a[0].to_int_list());
  return Tensor::empty(a[0].to_int_list(), dtype_or(a[1], default_float_dtype()), false);
}

// full(SymInt[] size, Scalar fill_value, *, ScalarType? dtype, ...): dtype from the value.
ScalarType full_dtype(const Args& a) {
  const IValue& v = a[1];
  ScalarType inferred = v.is_double() ? default_float_dtype()
                        : v.is_bool() ? ScalarType::Bool
                                      : ScalarType::Long;
  return dtype_or(a[2], inferred);
}
IValue full_kernel(const Args& a) {
  return filled(a[0].to_int_list(), full_dtype(a), a[1]);
}
IValue full_meta(const Args& a) {
  return Tensor::empty(a[0].to_int_list(), full_dtype(a), false);
}

// arange(Scalar end, ...) and arange.start_step(Scalar start, Scalar end, Scalar step=1, ...)
struct Range {
  IValue start, end, step, dtype;
};
ScalarType range_dtype(const Range& r) {
  bool any_float = r.start.is_double() || r.end.is_double() || r.step.is_double();
  return dtype_or(r.dtype, any_float ? default_float_dtype() : ScalarType::Long);
}
int64_t range_len(const Range& r) {
  double start = r.start.to_double(), end = r.end.to_double(), step = r.step.to_double();
  if (step == 0) throw std::invalid_argument("step must be nonzero");
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw std::invalid_argument("upper bound and larger bound inconsistent with step sign");
  }
  return static_cast<int64_t>(std::ceil((end - start) / step));
}
Tensor make_range(const Range& r) {
  int64_t n = range_len(r);
  ScalarType dt = range_dtype(r);
  Tensor t = Tensor::empty({n}, dt);
  int64_t item = static_cast<int64_t>(scalar_type_itemsize(dt));
  for (int64_t i = 0; i < n; ++i) {
    std::byte* p = t.raw_data() + i * item;
    if (is_floating(dt))
      store_double(p, dt, r.start.to_double() + static_cast<double>(i) * r.step.to_double());
    else
      store_int(p, dt, r.start.to_int() + i * r.step.to_int());
  }
  return t;
}
IValue arange_kernel(const Args& a) {
  return make_range({IValue(int64_t{0}), a[0], IValue(int64_t{1}), a[1]});
}
IValue arange_meta(const Args& a) {
  Range r{IValue(int64_t{0}), a[0], IValue(int64_t{1}), a[1]};
  return Tensor::empty({range_len(r)}, range_dtype(r), false);
}
IValue arange_step_kernel(const Args& a) {
  return make_range({a[0], a[1], a[2], a[3]});
}
IValue arange_step_meta(const Args& a) {
  Range r{a[0], a[1], a[2], a[3]};
  return Tensor::empty({range_len(r)}, range_dtype(r), false);
}

// *_like(Tensor self, *, ScalarType? dtype, Layout?, Device?, bool? pin_memory, MemoryFormat?)
IValue like(const Args& a, const IValue& value) {
  const Tensor& s = a[0].to_tensor();
  return filled(s.sizes(), dtype_or(a[1], s.dtype()), value);
}
IValue like_meta(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return Tensor::empty(s.sizes(), dtype_or(a[1], s.dtype()), false);
}
IValue ones_like_kernel(const Args& a) {
  return like(a, IValue(int64_t{1}));
}
IValue zeros_like_kernel(const Args& a) {
  return like(a, IValue(int64_t{0}));
}
// full_like(Tensor self, Scalar fill_value, *, ScalarType? dtype, ...)
IValue full_like_kernel(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return filled(s.sizes(), dtype_or(a[2], s.dtype()), a[1]);
}
IValue full_like_meta(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return Tensor::empty(s.sizes(), dtype_or(a[2], s.dtype()), false);
}

template <class Dist> IValue random_tensor(const Args& a, Dist dist) {
  const IntList& size = a[0].to_int_list();
  check_sizes(size);
  ScalarType dt = dtype_or(a[1], default_float_dtype());
  if (!is_floating(dt)) {
    throw std::invalid_argument("\"check_uniform_bounds\" not implemented for '" +
                                std::string(dt == ScalarType::Long ? "Long" : "Int") + "'");
  }
  Tensor t = Tensor::empty(size, dt);
  int64_t item = static_cast<int64_t>(scalar_type_itemsize(dt));
  for (int64_t i = 0; i < t.numel(); ++i)
    store_double(t.raw_data() + i * item, dt, dist(default_generator()));
  return t;
}
IValue rand_kernel(const Args& a) {
  return random_tensor(a, std::uniform_real_distribution<double>(0.0, 1.0));
}
IValue randn_kernel(const Args& a) {
  return random_tensor(a, std::normal_distribution<double>(0.0, 1.0));
}

constexpr const char* kFactoryTail =
    "*, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None";

} // namespace

void register_factory_ops(OpRegistry& r) {
  std::string tail = kFactoryTail;
  // Schema strings must outlive registration only during parsing; keep them local.
  auto sized = [&](const char* name, KernelFn k) {
    std::string s = std::string(name) + "(SymInt[] size, " + tail + ") -> Tensor";
    r.add({.schema = s.c_str(), .kernel = k, .meta = size_meta});
  };
  sized("ones", ones_kernel);
  sized("zeros", zeros_kernel);
  {
    std::string s = "empty.memory_format(SymInt[] size, " + tail +
                    ", MemoryFormat? memory_format=None) -> Tensor";
    r.add({.schema = s.c_str(), .kernel = empty_kernel, .meta = size_meta});
  }
  {
    std::string s = "full(SymInt[] size, Scalar fill_value, " + tail + ") -> Tensor";
    r.add({.schema = s.c_str(), .kernel = full_kernel, .meta = full_meta});
  }
  {
    std::string s = "arange(Scalar end, " + tail + ") -> Tensor";
    r.add({.schema = s.c_str(), .kernel = arange_kernel, .meta = arange_meta});
    s = "arange.start_step(Scalar start, Scalar end, Scalar step=1, " + tail + ") -> Tensor";
    r.add({.schema = s.c_str(), .kernel = arange_step_kernel, .meta = arange_step_meta});
  }
  auto like_op = [&](const char* name, const char* extra, KernelFn k, MetaFn m) {
    std::string s = std::string(name) + "(Tensor self, " + extra + tail +
                    ", MemoryFormat? memory_format=None) -> Tensor";
    r.add({.schema = s.c_str(), .kernel = k, .meta = m, .nondifferentiable = true});
  };
  like_op("ones_like", "", ones_like_kernel, like_meta);
  like_op("zeros_like", "", zeros_like_kernel, like_meta);
  like_op("empty_like", "", zeros_like_kernel, like_meta);
  like_op("full_like", "Scalar fill_value, ", full_like_kernel, full_like_meta);
  sized("rand", rand_kernel);
  sized("randn", randn_kernel);
}

} // namespace bwhop::tensor
