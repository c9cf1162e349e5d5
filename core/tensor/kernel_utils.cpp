#include "core/tensor/kernel_utils.h"

#include <stdexcept>
#include <string>

namespace bwhop::tensor {

Tensor wrapped_scalar(const IValue& v) {
  ScalarType t = v.is_double() ? ScalarType::Double
                 : v.is_bool() ? ScalarType::Bool
                               : ScalarType::Long;
  Tensor r = Tensor::empty({}, t);
  if (v.is_double())
    store_double(r.raw_data(), t, v.to_double());
  else
    store_int(r.raw_data(), t, v.to_int());
  r.impl()->is_wrapped_number = true;
  return r;
}

Tensor as_operand(const IValue& v) {
  if (v.is_tensor()) return v.to_tensor();
  if (v.is_scalar()) return wrapped_scalar(v);
  throw std::invalid_argument("expected a Tensor or a number, got " + v.repr());
}

IntList broadcast_shapes(std::span<const int64_t> a, std::span<const int64_t> b) {
  std::size_t n = std::max(a.size(), b.size());
  IntList out(n);
  for (std::size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1) {
      throw std::invalid_argument("The size of tensor a (" + std::to_string(da) +
                                  ") must match the size of tensor b (" + std::to_string(db) +
                                  ") at non-singleton dimension " + std::to_string(i));
    }
    out[i] = da == 1 ? db : da;
  }
  return out;
}

namespace {
enum class Category { None, Bool, Integral, Floating };
Category category(ScalarType t) {
  if (t == ScalarType::Bool) return Category::Bool;
  return is_floating(t) ? Category::Floating : Category::Integral;
}
struct Slot {
  bool set = false;
  ScalarType type = ScalarType::Bool;
  void update(ScalarType t) {
    type = set ? promote_types(type, t) : t;
    set = true;
  }
};
// c10's combine_categories: the lower-priority slot only matters when its category
// is higher than the higher-priority result's.
Slot combine(Slot higher, Slot lower) {
  if (!higher.set) return lower;
  if (!lower.set) return higher;
  if (is_floating(higher.type)) return higher;
  if (higher.type == ScalarType::Bool || is_floating(lower.type)) {
    higher.type = promote_types(higher.type, lower.type);
  }
  return higher;
}
} // namespace

ScalarType result_type(std::span<const Tensor> operands) {
  Slot dim, zero, wrapped;
  for (const Tensor& t : operands) {
    if (!t.defined()) continue;
    if (t.is_wrapped_number()) {
      ScalarType st = t.dtype();
      if (is_floating(st)) st = default_float_dtype();
      wrapped.update(st);
    } else if (t.dim() == 0) {
      zero.update(t.dtype());
    } else {
      dim.update(t.dtype());
    }
  }
  Slot r = combine(dim, combine(zero, wrapped));
  (void)category;
  return r.type;
}

Tensor new_output(IntList sizes, ScalarType dtype, bool real) {
  return Tensor::empty(std::move(sizes), dtype, real);
}

bool any_storage_less(std::span<const Tensor> ts) {
  for (const Tensor& t : ts)
    if (t.defined() && !t.has_storage()) return true;
  return false;
}

IntList broadcast_strides(const Tensor& t, std::span<const int64_t> shape) {
  IntList out(shape.size(), 0);
  std::size_t off = shape.size() - static_cast<std::size_t>(t.dim());
  for (std::size_t i = 0; i < static_cast<std::size_t>(t.dim()); ++i) {
    out[i + off] = t.sizes()[i] == 1 ? 0 : t.strides()[i];
  }
  return out;
}

void copy_into(const Tensor& dst, const Tensor& src) {
  ScalarType dt = dst.dtype(), st = src.dtype();
  bool floating = is_floating(dt) || is_floating(st);
  for_each_element<2>(dst.sizes(), {dst, src}, [&](const std::array<std::byte*, 2>& p) {
    if (floating)
      store_double(p[0], dt, load_double(p[1], st));
    else
      store_int(p[0], dt, load_int(p[1], st));
  });
}

Tensor contiguous_copy(const Tensor& t) {
  Tensor r = Tensor::empty(t.sizes(), t.dtype());
  copy_into(r, t);
  return r;
}

std::vector<bool> reduction_mask(const IValue& dims, int64_t rank) {
  std::vector<bool> mask(static_cast<std::size_t>(rank), false);
  if (dims.is_none() || (dims.is_int_list() && dims.to_int_list().empty())) {
    mask.assign(static_cast<std::size_t>(rank), true);
    return mask;
  }
  IntList list = dims.is_int() ? IntList{dims.to_int()} : dims.to_int_list();
  for (int64_t d : list) {
    auto w = static_cast<std::size_t>(wrap_dim(d, rank));
    if (rank == 0) continue;
    if (mask[w]) {
      throw std::invalid_argument("dim " + std::to_string(w) +
                                  " appears multiple times in the list of dims");
    }
    mask[w] = true;
  }
  return mask;
}

} // namespace bwhop::tensor
