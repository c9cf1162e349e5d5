// Reductions: sum and mean, whole-tensor and over dims.
#include <stdexcept>

#include "core/tensor/kernel_utils.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tensor/ops_register.h"

namespace bwhop::tensor {

namespace {

ScalarType sum_dtype(const Tensor& self, const IValue& dtype) {
  if (!dtype.is_none()) return dtype.to_scalar_type();
  return is_integral(self.dtype(), true) ? ScalarType::Long : self.dtype();
}

ScalarType mean_dtype(const Tensor& self, const IValue& dtype) {
  ScalarType t = dtype.is_none() ? self.dtype() : dtype.to_scalar_type();
  if (!is_floating(t)) {
    throw std::invalid_argument("mean(): could not infer output dtype. " +
                                std::string(dtype.is_none() ? "Input" : "Optional") +
                                " dtype must be either a floating point or complex dtype. Got: " +
                                (t == ScalarType::Long  ? "Long"
                                 : t == ScalarType::Int ? "Int"
                                                        : "Bool"));
  }
  return t;
}

IntList reduced_shape(const Tensor& self, const std::vector<bool>& mask, bool keepdim) {
  IntList out;
  for (std::size_t i = 0; i < mask.size(); ++i) {
    if (!mask[i])
      out.push_back(self.sizes()[i]);
    else if (keepdim)
      out.push_back(1);
  }
  return out;
}

// Sums `self` over the masked dims into a fresh tensor of `out_dtype`; `scale`
// multiplies the result (1/count for mean).
Tensor reduce_sum(const Tensor& self, const std::vector<bool>& mask, bool keepdim,
                  ScalarType out_dtype, bool mean) {
  IntList kept = reduced_shape(self, mask, true);
  int64_t count = 1;
  for (std::size_t i = 0; i < mask.size(); ++i)
    if (mask[i]) count *= self.sizes()[i];
  int64_t n_out = numel_of(kept);
  bool floating = is_floating(out_dtype);
  std::vector<double> accd(floating ? static_cast<std::size_t>(n_out) : 0, 0.0);
  std::vector<int64_t> acci(floating ? 0 : static_cast<std::size_t>(n_out), 0);
  // Output index of each input element: row-major over `kept` with reduced dims at 0.
  IntList out_strides = contiguous_strides(kept);
  const auto rank = static_cast<std::size_t>(self.dim());
  IntList idx(rank, 0);
  int64_t total = self.numel();
  ScalarType it = self.dtype();
  int64_t item = static_cast<int64_t>(scalar_type_itemsize(it));
  const std::byte* base = total ? self.raw_data() : nullptr;
  int64_t in_off = 0, out_off = 0;
  for (int64_t k = 0; k < total; ++k) {
    const std::byte* p = base + in_off * item;
    if (floating)
      accd[static_cast<std::size_t>(out_off)] += load_double(p, it);
    else
      acci[static_cast<std::size_t>(out_off)] += load_int(p, it);
    for (std::size_t d = rank; d-- > 0;) {
      int64_t os = mask[d] ? 0 : out_strides[d];
      if (++idx[d] < self.sizes()[d]) {
        in_off += self.strides()[d];
        out_off += os;
        break;
      }
      in_off -= self.strides()[d] * (self.sizes()[d] - 1);
      out_off -= os * (self.sizes()[d] - 1);
      idx[d] = 0;
    }
  }
  Tensor out = Tensor::empty(reduced_shape(self, mask, keepdim), out_dtype);
  std::byte* o = out.raw_data();
  int64_t oitem = static_cast<int64_t>(scalar_type_itemsize(out_dtype));
  for (int64_t i = 0; i < n_out; ++i) {
    if (floating) {
      double v = accd[static_cast<std::size_t>(i)];
      store_double(o + i * oitem, out_dtype, mean ? v / static_cast<double>(count) : v);
    } else {
      store_int(o + i * oitem, out_dtype, acci[static_cast<std::size_t>(i)]);
    }
  }
  return out;
}

std::vector<bool> all_dims(const Tensor& t) {
  return std::vector<bool>(static_cast<std::size_t>(t.dim()), true);
}

// sum(Tensor self, *, ScalarType? dtype=None)
IValue sum_kernel(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return reduce_sum(s, all_dims(s), false, sum_dtype(s, a[1]), false);
}
IValue sum_meta(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return Tensor::empty({}, sum_dtype(s, a[1]), false);
}
// sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)
IValue sum_dim_kernel(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return reduce_sum(s, reduction_mask(a[1], s.dim()), a[2].to_bool(), sum_dtype(s, a[3]), false);
}
IValue sum_dim_meta(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return Tensor::empty(reduced_shape(s, reduction_mask(a[1], s.dim()), a[2].to_bool()),
                       sum_dtype(s, a[3]), false);
}
IValue mean_kernel(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return reduce_sum(s, all_dims(s), false, mean_dtype(s, a[1]), true);
}
IValue mean_meta(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return Tensor::empty({}, mean_dtype(s, a[1]), false);
}
IValue mean_dim_kernel(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return reduce_sum(s, reduction_mask(a[1], s.dim()), a[2].to_bool(), mean_dtype(s, a[3]), true);
}
IValue mean_dim_meta(const Args& a) {
  const Tensor& s = a[0].to_tensor();
  return Tensor::empty(reduced_shape(s, reduction_mask(a[1], s.dim()), a[2].to_bool()),
                       mean_dtype(s, a[3]), false);
}

// sum_to_size(Tensor self, int[] size): composite, reduces with sum_to.
IValue sum_to_size_kernel(const Args& a) {
  return ops::sum_to(a[0].to_tensor(), a[1].to_int_list());
}

// sum_backward: unsqueeze reduced dims (when not keepdim), then expand to the input size.
Tensor sum_backward(const Tensor& grad, const IntList& sizes, const IValue& dims, bool keepdim) {
  Tensor g = grad;
  bool all = dims.is_none() || (dims.is_int_list() && dims.to_int_list().empty());
  if (!keepdim && !sizes.empty() && !all) {
    std::vector<bool> mask = reduction_mask(dims, static_cast<int64_t>(sizes.size()));
    for (std::size_t d = 0; d < mask.size(); ++d)
      if (mask[d]) g = ops::unsqueeze(g, static_cast<int64_t>(d));
  }
  return ops::expand(g, sizes);
}

std::vector<Tensor> sum_bw(const BackwardCtx& c) {
  return {ops::expand(c.grad, c.sizes(0))};
}
std::vector<Tensor> sum_dim_bw(const BackwardCtx& c) {
  return {sum_backward(c.grad, c.sizes(0), c.arg(1), c.arg(2).to_bool())};
}
std::vector<Tensor> mean_bw(const BackwardCtx& c) {
  return {ops::div_scalar(ops::expand(c.grad, c.sizes(0)), IValue(numel_of(c.sizes(0))))};
}
std::vector<Tensor> mean_dim_bw(const BackwardCtx& c) {
  const IntList& sizes = c.sizes(0);
  std::vector<bool> mask = reduction_mask(c.arg(1), static_cast<int64_t>(sizes.size()));
  int64_t n = 1;
  for (std::size_t d = 0; d < mask.size(); ++d)
    if (mask[d]) n *= sizes[d];
  return {ops::div_scalar(sum_backward(c.grad, sizes, c.arg(1), c.arg(2).to_bool()), IValue(n))};
}

} // namespace

void register_reduction_ops(OpRegistry& r) {
  r.add({.schema = "sum(Tensor self, *, ScalarType? dtype=None) -> Tensor",
         .kernel = sum_kernel,
         .meta = sum_meta,
         .backward_name = "SumBackward0",
         .backward = sum_bw});
  r.add({.schema = "sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, "
                   "ScalarType? dtype=None) -> Tensor",
         .kernel = sum_dim_kernel,
         .meta = sum_dim_meta,
         .backward_name = "SumBackward1",
         .backward = sum_dim_bw});
  r.add({.schema = "mean(Tensor self, *, ScalarType? dtype=None) -> Tensor",
         .kernel = mean_kernel,
         .meta = mean_meta,
         .backward_name = "MeanBackward0",
         .backward = mean_bw});
  r.add({.schema = "mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, "
                   "ScalarType? dtype=None) -> Tensor",
         .kernel = mean_dim_kernel,
         .meta = mean_dim_meta,
         .backward_name = "MeanBackward1",
         .backward = mean_dim_bw});
  r.add({.schema = "sum_to_size(Tensor self, int[] size) -> Tensor",
         .kernel = sum_to_size_kernel,
         .composite = true});
}

} // namespace bwhop::tensor
