// Shared machinery of the CPU kernels and meta functions: operands, broadcasting,
// type promotion and the strided element loop. Internal to core/tensor.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "core/tensor/ivalue.h"
#include "core/tensor/tensor.h"

namespace bwhop::tensor {

// A Tensor argument, or a Python number turned into a 0-dim wrapped-number tensor
// (what PyTorch's arg parser does for `x * 2`).
Tensor as_operand(const IValue& v);
Tensor wrapped_scalar(const IValue& v);

// torch.broadcast_shapes; throws PyTorch's message on mismatch.
IntList broadcast_shapes(std::span<const int64_t> a, std::span<const int64_t> b);
// c10 result_type over operands (dim>0 tensors, then 0-dim tensors, then wrapped numbers).
ScalarType result_type(std::span<const Tensor> operands);

// Output tensor: real storage when `real`, otherwise metadata only.
Tensor new_output(IntList sizes, ScalarType dtype, bool real);
bool any_storage_less(std::span<const Tensor> ts);

// Strides of `t` seen at `shape` (broadcast dims get stride 0).
IntList broadcast_strides(const Tensor& t, std::span<const int64_t> shape);

// Visits every element of `shape` in row-major order with one pointer per operand.
template <std::size_t K, class F>
void for_each_element(std::span<const int64_t> shape, const std::array<Tensor, K>& operands,
                      F&& f) {
  int64_t count = 1;
  for (int64_t s : shape) count *= s;
  if (count == 0) return;
  // Fast path: every operand is contiguous at the output's shape or a single element.
  {
    std::array<std::byte*, K> p;
    std::array<int64_t, K> step;
    bool linear = true;
    for (std::size_t k = 0; k < K && linear; ++k) {
      const Tensor& t = operands[k];
      if (t.numel() == 1)
        step[k] = 0;
      else if (t.numel() == count && t.is_contiguous() && t.sizes().size() <= shape.size())
        step[k] = static_cast<int64_t>(scalar_type_itemsize(t.dtype()));
      else
        linear = false;
      if (linear) p[k] = t.raw_data();
    }
    if (linear) {
      for (int64_t i = 0; i < count; ++i) {
        f(p);
        for (std::size_t k = 0; k < K; ++k) p[k] += step[k];
      }
      return;
    }
  }
  const std::size_t rank = shape.size();
  std::array<IntList, K> strides;
  std::array<std::byte*, K> ptrs;
  std::array<int64_t, K> item;
  for (std::size_t k = 0; k < K; ++k) {
    strides[k] = broadcast_strides(operands[k], shape);
    ptrs[k] = operands[k].raw_data();
    item[k] = static_cast<int64_t>(scalar_type_itemsize(operands[k].dtype()));
    for (auto& s : strides[k]) s *= item[k];
  }
  int64_t n = 1;
  for (int64_t s : shape) n *= s;
  if (n == 0) return;
  std::vector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    f(ptrs);
    for (std::size_t d = rank; d-- > 0;) {
      if (++idx[d] < shape[d]) {
        for (std::size_t k = 0; k < K; ++k) ptrs[k] += strides[k][d];
        break;
      }
      for (std::size_t k = 0; k < K; ++k) ptrs[k] -= strides[k][d] * (shape[d] - 1);
      idx[d] = 0;
    }
  }
}

// out[i] = f(in[i]) computed in double (floating compute) or int64.
template <class FD, class FI>
void unary_fill(const Tensor& out, const Tensor& in, bool floating, FD fd, FI fi) {
  ScalarType ot = out.dtype(), it = in.dtype();
  for_each_element<2>(out.sizes(), {out, in}, [&](const std::array<std::byte*, 2>& p) {
    if (floating)
      store_double(p[0], ot, fd(load_double(p[1], it)));
    else
      store_int(p[0], ot, fi(load_int(p[1], it)));
  });
}

template <class FD, class FI>
void binary_fill(const Tensor& out, const Tensor& a, const Tensor& b, bool floating, FD fd, FI fi) {
  ScalarType ot = out.dtype(), at = a.dtype(), bt = b.dtype();
  for_each_element<3>(out.sizes(), {out, a, b}, [&](const std::array<std::byte*, 3>& p) {
    if (floating)
      store_double(p[0], ot, fd(load_double(p[1], at), load_double(p[2], bt)));
    else
      store_int(p[0], ot, fi(load_int(p[1], at), load_int(p[2], bt)));
  });
}

// Copies `src` (broadcast to dst's shape) into dst, converting dtype.
void copy_into(const Tensor& dst, const Tensor& src);
// A contiguous copy of `t` (same dtype).
Tensor contiguous_copy(const Tensor& t);

// Dims argument of reductions: None or [] mean all dims; wrapped and de-duplicated.
std::vector<bool> reduction_mask(const IValue& dims, int64_t rank);

} // namespace bwhop::tensor
