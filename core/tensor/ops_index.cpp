// Basic indexing ops: select.int and slice.Tensor (views) and their backward ops,
// which scatter the gradient into zeros of the input's size.
#include <limits>
#include <stdexcept>

#include "core/tensor/dispatcher.h"
#include "core/tensor/kernel_utils.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tensor/ops_register.h"

namespace bwhop::tensor {

namespace {

constexpr int64_t kSliceEnd = std::numeric_limits<int64_t>::max();

struct Bounds {
  int64_t start = 0;
  int64_t length = 0;
};

// Python slice clamping of [start, end) with a positive step into a dimension of `size`.
Bounds clamp_slice(int64_t start, int64_t end, int64_t step, int64_t size) {
  if (step <= 0) throw std::invalid_argument("slice step must be positive");
  if (start < 0) start += size;
  if (end < 0) end += size;
  start = start < 0 ? 0 : (start > size ? size : start);
  end = end < start ? start : (end > size ? size : end);
  return {start, (end - start + step - 1) / step};
}

// select.int(Tensor(a) self, int dim, int index)
Tensor select_view(const Tensor& s, int64_t dim_arg, int64_t index) {
  if (s.dim() == 0) throw std::out_of_range("select() cannot be applied to a 0-dim tensor.");
  auto dim = static_cast<std::size_t>(wrap_dim(dim_arg, s.dim()));
  int64_t size = s.sizes()[dim];
  if (index < -size || index >= size) {
    throw std::out_of_range("select(): index " + std::to_string(index) +
                            " out of range for tensor of size " + sizes_str(s.sizes()) +
                            " at dimension " + std::to_string(dim_arg));
  }
  if (index < 0) index += size;
  IntList sizes = s.sizes(), strides = s.strides();
  int64_t offset = s.storage_offset() + index * strides[dim];
  sizes.erase(sizes.begin() + static_cast<std::ptrdiff_t>(dim));
  strides.erase(strides.begin() + static_cast<std::ptrdiff_t>(dim));
  return Tensor::make_view(s, std::move(sizes), std::move(strides), offset);
}
IValue select_kernel(const Args& a) {
  return select_view(a[0].to_tensor(), a[1].to_int(), a[2].to_int());
}

// slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1)
Tensor slice_view(const Tensor& s, int64_t dim_arg, int64_t start, int64_t end, int64_t step) {
  if (s.dim() == 0) throw std::out_of_range("slice() cannot be applied to a 0-dim tensor.");
  auto dim = static_cast<std::size_t>(wrap_dim(dim_arg, s.dim()));
  Bounds b = clamp_slice(start, end, step, s.sizes()[dim]);
  IntList sizes = s.sizes(), strides = s.strides();
  int64_t offset = s.storage_offset() + b.start * strides[dim];
  sizes[dim] = b.length;
  strides[dim] *= step;
  return Tensor::make_view(s, std::move(sizes), std::move(strides), offset);
}
int64_t start_of(const IValue& v) {
  return v.is_none() ? 0 : v.to_int();
}
int64_t end_of(const IValue& v) {
  return v.is_none() ? kSliceEnd : v.to_int();
}
IValue slice_kernel(const Args& a) {
  return slice_view(a[0].to_tensor(), a[1].to_int(), start_of(a[2]), end_of(a[3]), a[4].to_int());
}

// The backward ops: zeros of the input's size with the gradient written into the view.
Tensor zeros_for(const Tensor& grad, const IntList& sizes, bool real) {
  Tensor out = Tensor::empty(sizes, grad.dtype(), real);
  if (real) copy_into(out, wrapped_scalar(IValue(int64_t{0})));
  return out;
}
IValue select_backward_impl(const Args& a, bool real) {
  const Tensor& grad = a[0].to_tensor();
  Tensor out = zeros_for(grad, a[1].to_int_list(), real);
  if (real) copy_into(select_view(out, a[2].to_int(), a[3].to_int()), grad);
  return out;
}
IValue select_backward_kernel(const Args& a) {
  return select_backward_impl(a, true);
}
IValue select_backward_meta(const Args& a) {
  return select_backward_impl(a, false);
}
IValue slice_backward_impl(const Args& a, bool real) {
  const Tensor& grad = a[0].to_tensor();
  Tensor out = zeros_for(grad, a[1].to_int_list(), real);
  if (real) {
    copy_into(slice_view(out, a[2].to_int(), a[3].to_int(), a[4].to_int(), a[5].to_int()), grad);
  }
  return out;
}
IValue slice_backward_kernel(const Args& a) {
  return slice_backward_impl(a, true);
}
IValue slice_backward_meta(const Args& a) {
  return slice_backward_impl(a, false);
}

// ---- backward formulas (derivatives.yaml) ----
std::vector<Tensor> select_bw(const BackwardCtx& c) {
  return {ops::select_backward(c.grad, c.sizes(0), c.arg(1).to_int(), c.arg(2).to_int())};
}
std::vector<Tensor> slice_bw(const BackwardCtx& c) {
  return {ops::slice_backward(c.grad, c.sizes(0), c.arg(1).to_int(), start_of(c.arg(2)),
                              end_of(c.arg(3)), c.arg(4).to_int())};
}
std::vector<Tensor> select_backward_bw(const BackwardCtx& c) {
  return {ops::select(c.grad, c.arg(2).to_int(), c.arg(3).to_int())};
}
std::vector<Tensor> slice_backward_bw(const BackwardCtx& c) {
  return {ops::slice(c.grad, c.arg(2).to_int(), c.arg(3), c.arg(4), c.arg(5).to_int())};
}

} // namespace

void register_index_ops(OpRegistry& r) {
  r.add({.schema = "select.int(Tensor(a) self, int dim, int index) -> Tensor(a)",
         .kernel = select_kernel,
         .meta = select_kernel,
         .backward_name = "SelectBackward0",
         .backward = select_bw,
         .is_view = true});
  r.add({.schema = "slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? "
                   "end=None, SymInt step=1) -> Tensor(a)",
         .kernel = slice_kernel,
         .meta = slice_kernel,
         .backward_name = "SliceBackward0",
         .backward = slice_bw,
         .is_view = true});
  r.add({.schema = "select_backward(Tensor grad_output, SymInt[] input_sizes, int dim, int "
                   "index) -> Tensor",
         .kernel = select_backward_kernel,
         .meta = select_backward_meta,
         .backward_name = "SelectBackwardBackward0",
         .backward = select_backward_bw});
  r.add({.schema = "slice_backward(Tensor grad_output, SymInt[] input_sizes, int dim, SymInt "
                   "start, SymInt end, SymInt step) -> Tensor",
         .kernel = slice_backward_kernel,
         .meta = slice_backward_meta,
         .backward_name = "SliceBackwardBackward0",
         .backward = slice_backward_bw});
}

} // namespace bwhop::tensor
