// Views (alias the input's storage), copies and in-place writes.
#include <numeric>
#include <stdexcept>

#include "core/tensor/dispatcher.h"
#include "core/tensor/kernel_utils.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tensor/ops_register.h"
#include "core/tensor/shape_utils.h"

namespace bwhop::tensor {

namespace {

const Tensor& self_of(const Args& a) {
  return a[0].to_tensor();
}
Tensor alias_as(const Tensor& t, IntList sizes, IntList strides) {
  return Tensor::make_view(t, std::move(sizes), std::move(strides), t.storage_offset());
}

// view(Tensor(a) self, SymInt[] size)
IValue view_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  IntList shape = infer_size(a[1].to_int_list(), s.numel());
  auto strides = compute_view_strides(s.sizes(), s.strides(), shape);
  if (!strides) {
    throw std::invalid_argument(
        "view size is not compatible with input tensor's size and stride (at least one dimension "
        "spans across two contiguous subspaces). Use .reshape(...) instead.");
  }
  return alias_as(s, shape, *strides);
}

// _unsafe_view(Tensor self, SymInt[] size): a view the autograd layer treats as a new tensor.
IValue unsafe_view_kernel(const Args& a) {
  return view_kernel(a);
}

// reshape: a view when the strides allow it, otherwise clone then _unsafe_view.
IValue reshape_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  IntList shape = infer_size(a[1].to_int_list(), s.numel());
  if (compute_view_strides(s.sizes(), s.strides(), shape)) return ops::view(s, shape);
  Tensor c = call_tensor_op(op("clone"), {s, IValue(MemoryFormat::Contiguous)});
  return ops::unsafe_view(c, shape);
}

IValue t_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  if (s.dim() > 2) {
    throw std::invalid_argument("t() expects a tensor with <= 2 dimensions, but self is " +
                                std::to_string(s.dim()) + "D");
  }
  if (s.dim() < 2) return alias_as(s, s.sizes(), s.strides());
  return alias_as(s, {s.sizes()[1], s.sizes()[0]}, {s.strides()[1], s.strides()[0]});
}

// transpose.int(Tensor(a) self, int dim0, int dim1)
IValue transpose_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  auto d0 = static_cast<std::size_t>(wrap_dim(a[1].to_int(), s.dim()));
  auto d1 = static_cast<std::size_t>(wrap_dim(a[2].to_int(), s.dim()));
  IntList sz = s.sizes(), st = s.strides();
  if (s.dim() > 0) {
    std::swap(sz[d0], sz[d1]);
    std::swap(st[d0], st[d1]);
  }
  return alias_as(s, sz, st);
}

IValue permute_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  const IntList& dims = a[1].to_int_list();
  if (static_cast<int64_t>(dims.size()) != s.dim()) {
    throw std::invalid_argument(
        "permute(sparse_coo): number of dimensions in the tensor input does not match the length "
        "of the desired ordering of dimensions i.e. input.dim() = " +
        std::to_string(s.dim()) + " is not equal to len(dims) = " + std::to_string(dims.size()));
  }
  IntList sz(dims.size()), st(dims.size());
  std::vector<bool> seen(dims.size(), false);
  for (std::size_t i = 0; i < dims.size(); ++i) {
    auto d = static_cast<std::size_t>(wrap_dim(dims[i], s.dim()));
    if (seen[d]) throw std::invalid_argument("permute(): duplicate dims are not allowed.");
    seen[d] = true;
    sz[i] = s.sizes()[d];
    st[i] = s.strides()[d];
  }
  return alias_as(s, sz, st);
}

IValue unsqueeze_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  auto d = static_cast<std::size_t>(wrap_dim(a[1].to_int(), s.dim() + 1));
  IntList sz = s.sizes(), st = s.strides();
  int64_t stride = d >= sz.size() ? 1 : sz[d] * st[d];
  sz.insert(sz.begin() + static_cast<std::ptrdiff_t>(d), 1);
  st.insert(st.begin() + static_cast<std::ptrdiff_t>(d), stride);
  return alias_as(s, sz, st);
}

IValue squeeze_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  IntList sz, st;
  for (std::size_t i = 0; i < s.sizes().size(); ++i) {
    if (s.sizes()[i] == 1) continue;
    sz.push_back(s.sizes()[i]);
    st.push_back(s.strides()[i]);
  }
  return alias_as(s, sz, st);
}

IValue squeeze_dim_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  auto d = static_cast<std::size_t>(wrap_dim(a[1].to_int(), s.dim()));
  IntList sz = s.sizes(), st = s.strides();
  if (s.dim() > 0 && sz[d] == 1) {
    sz.erase(sz.begin() + static_cast<std::ptrdiff_t>(d));
    st.erase(st.begin() + static_cast<std::ptrdiff_t>(d));
  }
  return alias_as(s, sz, st);
}

// expand(Tensor(a) self, SymInt[] size, *, bool implicit=False)
IValue expand_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  const IntList& target = a[1].to_int_list();
  if (target.size() < s.sizes().size()) {
    throw std::invalid_argument(
        "expand(torch.FloatTensor{" + sizes_str(s.sizes()) + "}, size=" + sizes_str(target) +
        "): the number of sizes provided (" + std::to_string(target.size()) +
        ") must be greater or equal to the number of dimensions in the tensor (" +
        std::to_string(s.dim()) + ")");
  }
  std::size_t lead = target.size() - s.sizes().size();
  IntList sz(target.size()), st(target.size());
  for (std::size_t i = target.size(); i-- > 0;) {
    if (i < lead) {
      if (target[i] < 0) {
        throw std::invalid_argument(
            "The expanded size of the tensor (" + std::to_string(target[i]) +
            ") isn't allowed in a leading, non-existing dimension " + std::to_string(i));
      }
      sz[i] = target[i];
      st[i] = 0;
      continue;
    }
    int64_t have = s.sizes()[i - lead];
    int64_t want = target[i] == -1 ? have : target[i];
    if (have == want) {
      sz[i] = have;
      st[i] = s.strides()[i - lead];
    } else if (have == 1) {
      sz[i] = want;
      st[i] = 0;
    } else {
      throw std::invalid_argument("The expanded size of the tensor (" + std::to_string(want) +
                                  ") must match the existing size (" + std::to_string(have) +
                                  ") at non-singleton dimension " + std::to_string(i) +
                                  ".  Target sizes: " + sizes_str(target) +
                                  ".  Tensor sizes: " + sizes_str(s.sizes()));
    }
  }
  return alias_as(s, sz, st);
}

IValue expand_as_kernel(const Args& a) {
  return ops::expand(self_of(a), a[1].to_tensor().sizes());
}

// lift_fresh returns its argument itself; lift_fresh_copy is the copying form traces record.
IValue lift_fresh_kernel(const Args& a) {
  return self_of(a);
}
IValue lift_fresh_copy_kernel(const Args& a) {
  return call_backend(op("clone"), {self_of(a), IValue()});
}

// is_same_size(Tensor self, Tensor other) -> bool: compares sizes only (meta-safe).
IValue is_same_size_kernel(const Args& a) {
  return IValue(self_of(a).sizes() == a[1].to_tensor().sizes());
}

IValue detach_kernel(const Args& a) {
  const Tensor& s = self_of(a);
  return alias_as(s, s.sizes(), s.strides());
}

// Output geometry of clone/_to_copy: the input's strides when dense, else contiguous.
Tensor copy_like(const Tensor& s, ScalarType dtype, const IValue& memory_format, bool real) {
  bool contiguous = memory_format.is_memory_format() &&
                    memory_format.to_memory_format() == MemoryFormat::Contiguous;
  Tensor out = Tensor::empty(s.sizes(), dtype, real);
  if (!contiguous && !s.is_contiguous() && is_non_overlapping_and_dense(s)) {
    out.impl()->strides = s.strides();
  }
  return out;
}

// clone(Tensor self, *, MemoryFormat? memory_format=None)
IValue clone_kernel(const Args& a) {
  Tensor out = copy_like(self_of(a), self_of(a).dtype(), a[1], true);
  copy_into(out, self_of(a));
  return out;
}
IValue clone_meta(const Args& a) {
  return copy_like(self_of(a), self_of(a).dtype(), a[1], false);
}

// _to_copy(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None,
//          bool? pin_memory=None, bool non_blocking=False, MemoryFormat? memory_format=None)
ScalarType to_copy_dtype(const Args& a) {
  return a[1].is_none() ? self_of(a).dtype() : a[1].to_scalar_type();
}
IValue to_copy_kernel(const Args& a) {
  Tensor out = copy_like(self_of(a), to_copy_dtype(a), a[6], true);
  copy_into(out, self_of(a));
  return out;
}
IValue to_copy_meta(const Args& a) {
  return copy_like(self_of(a), to_copy_dtype(a), a[6], false);
}

// In-place writes bump the version counter shared with views.
IValue copy__kernel(const Args& a) {
  const Tensor& s = self_of(a);
  copy_into(s, a[1].to_tensor());
  s.bump_version();
  return s;
}
IValue fill__kernel(const Args& a) {
  const Tensor& s = self_of(a);
  copy_into(s, wrapped_scalar(a[1]));
  s.bump_version();
  return s;
}
IValue add__kernel(const Args& a) {
  const Tensor& s = self_of(a);
  // Kernels run below every mode, so compute with the backend directly.
  Tensor sum = call_backend(op("add.Tensor"), {s, a[1], a[2]}).to_tensor();
  copy_into(s, sum);
  s.bump_version();
  return s;
}
IValue inplace_meta(const Args& a) {
  return self_of(a);
}

// ---- backward formulas ----
std::vector<Tensor> view_bw(const BackwardCtx& c) {
  return {ops::reshape(c.grad, c.sizes(0))};
}
std::vector<Tensor> t_bw(const BackwardCtx& c) {
  return {ops::t(c.grad)};
}
std::vector<Tensor> transpose_bw(const BackwardCtx& c) {
  return {ops::transpose(c.grad, c.arg(1).to_int(), c.arg(2).to_int())};
}
std::vector<Tensor> permute_bw(const BackwardCtx& c) {
  const IntList& dims = c.arg(1).to_int_list();
  auto rank = static_cast<int64_t>(dims.size());
  IntList inverse(dims.size());
  for (std::size_t i = 0; i < dims.size(); ++i)
    inverse[static_cast<std::size_t>(wrap_dim(dims[i], rank))] = static_cast<int64_t>(i);
  return {ops::permute(c.grad, inverse)};
}
std::vector<Tensor> unsqueeze_bw(const BackwardCtx& c) {
  return {ops::squeeze(c.grad, c.arg(1).to_int())};
}
std::vector<Tensor> squeeze_bw(const BackwardCtx& c) {
  Tensor g = c.grad;
  const IntList& sizes = c.sizes(0);
  for (std::size_t d = 0; d < sizes.size(); ++d)
    if (sizes[d] == 1) g = ops::unsqueeze(g, static_cast<int64_t>(d));
  return {g};
}
std::vector<Tensor> squeeze_dim_bw(const BackwardCtx& c) {
  const IntList& sizes = c.sizes(0);
  if (sizes.empty()) return {c.grad};
  int64_t d = wrap_dim(c.arg(1).to_int(), static_cast<int64_t>(sizes.size()));
  return {sizes[static_cast<std::size_t>(d)] == 1 ? ops::unsqueeze(c.grad, d) : c.grad};
}
std::vector<Tensor> expand_bw(const BackwardCtx& c) {
  return {ops::sum_to(c.grad, c.sizes(0))};
}
// add_.Tensor: as add.Tensor (other's gradient first, scaled by alpha unless it is 1).
std::vector<Tensor> add__bw(const BackwardCtx& c) {
  const IValue& alpha = c.arg(2);
  bool unit = alpha.is_double() ? alpha.to_double() == 1.0 : alpha.to_int() == 1;
  Tensor other_grad;
  if (c.needs_grad(1)) other_grad = unit ? c.grad : ops::mul_scalar(c.grad, alpha);
  return {c.needs_grad(0) ? c.grad : Tensor(), other_grad};
}
// fill_.Scalar: the old values no longer matter.
std::vector<Tensor> fill__bw(const BackwardCtx& c) {
  return {ops::zeros_like(c.grad)};
}
// copy_ (PyTorch's hand-written CopyBackwards): self's old values are overwritten, src
// receives the gradient in its own dtype.
std::vector<Tensor> copy__bw(const BackwardCtx& c) {
  Tensor self_grad;
  if (c.needs_grad(0)) {
    self_grad = call_tensor_op(op("zeros_like"), {c.grad, IValue(), IValue(), IValue(), IValue(),
                                                  IValue(MemoryFormat::Contiguous)});
  }
  Tensor src_grad;
  if (c.needs_grad(1))
    src_grad = c.grad.dtype() == c.dtype(1) ? c.grad : ops::to_dtype(c.grad, c.dtype(1));
  return {self_grad, src_grad};
}
std::vector<Tensor> alias_bw(const BackwardCtx& c) {
  return {c.grad};
}
std::vector<Tensor> clone_bw(const BackwardCtx& c) {
  return {c.grad};
}
std::vector<Tensor> to_copy_bw(const BackwardCtx& c) {
  return {ops::to_dtype(c.grad, c.dtype(0))};
}

} // namespace

void register_view_ops(OpRegistry& r) {
  r.add({.schema = "view(Tensor(a) self, SymInt[] size) -> Tensor(a)",
         .kernel = view_kernel,
         .meta = view_kernel,
         .backward_name = "ViewBackward0",
         .backward = view_bw,
         .is_view = true});
  r.add({.schema = "_unsafe_view(Tensor self, SymInt[] size) -> Tensor",
         .kernel = unsafe_view_kernel,
         .meta = unsafe_view_kernel,
         .backward_name = "UnsafeViewBackward0",
         .backward = view_bw});
  r.add({.schema = "reshape(Tensor(a) self, SymInt[] shape) -> Tensor(a)",
         .kernel = reshape_kernel,
         .composite = true});
  r.add({.schema = "t(Tensor(a) self) -> Tensor(a)",
         .kernel = t_kernel,
         .meta = t_kernel,
         .backward_name = "TBackward0",
         .backward = t_bw,
         .is_view = true});
  r.add({.schema = "transpose.int(Tensor(a) self, int dim0, int dim1) -> Tensor(a)",
         .kernel = transpose_kernel,
         .meta = transpose_kernel,
         .backward_name = "TransposeBackward0",
         .backward = transpose_bw,
         .is_view = true});
  r.add({.schema = "permute(Tensor(a) self, int[] dims) -> Tensor(a)",
         .kernel = permute_kernel,
         .meta = permute_kernel,
         .backward_name = "PermuteBackward0",
         .backward = permute_bw,
         .is_view = true});
  r.add({.schema = "unsqueeze(Tensor(a) self, int dim) -> Tensor(a)",
         .kernel = unsqueeze_kernel,
         .meta = unsqueeze_kernel,
         .backward_name = "UnsqueezeBackward0",
         .backward = unsqueeze_bw,
         .is_view = true});
  r.add({.schema = "squeeze(Tensor(a) self) -> Tensor(a)",
         .kernel = squeeze_kernel,
         .meta = squeeze_kernel,
         .backward_name = "SqueezeBackward0",
         .backward = squeeze_bw,
         .is_view = true});
  r.add({.schema = "squeeze.dim(Tensor(a) self, int dim) -> Tensor(a)",
         .kernel = squeeze_dim_kernel,
         .meta = squeeze_dim_kernel,
         .backward_name = "SqueezeBackward1",
         .backward = squeeze_dim_bw,
         .is_view = true});
  r.add({.schema = "expand(Tensor(a) self, SymInt[] size, *, bool implicit=False) -> Tensor(a)",
         .kernel = expand_kernel,
         .meta = expand_kernel,
         .backward_name = "ExpandBackward0",
         .backward = expand_bw,
         .is_view = true});
  r.add({.schema = "expand_as(Tensor(a) self, Tensor other) -> Tensor(a)",
         .kernel = expand_as_kernel,
         .composite = true});
  r.add({.schema = "is_same_size(Tensor self, Tensor other) -> bool",
         .kernel = is_same_size_kernel,
         .meta = is_same_size_kernel,
         .nondifferentiable = true});
  r.add({.schema = "alias(Tensor(a) self) -> Tensor(a)",
         .kernel = detach_kernel,
         .meta = detach_kernel,
         .backward_name = "AliasBackward0",
         .backward = alias_bw,
         .is_view = true});
  r.add({.schema = "detach(Tensor(a) self) -> Tensor(a)",
         .kernel = detach_kernel,
         .meta = detach_kernel,
         .nondifferentiable = true,
         .is_view = true});
  // Fresh constants never require grad: neither form records an autograd node.
  r.add({.schema = "lift_fresh(Tensor(a) self) -> Tensor(a)",
         .kernel = lift_fresh_kernel,
         .meta = lift_fresh_kernel,
         .nondifferentiable = true});
  r.add({.schema = "lift_fresh_copy(Tensor self) -> Tensor",
         .kernel = lift_fresh_copy_kernel,
         .meta = lift_fresh_copy_kernel,
         .nondifferentiable = true});
  r.add({.schema = "clone(Tensor self, *, MemoryFormat? memory_format=None) -> Tensor",
         .kernel = clone_kernel,
         .meta = clone_meta,
         .backward_name = "CloneBackward0",
         .backward = clone_bw});
  r.add({.schema = "_to_copy(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, "
                   "Device? device=None, bool? pin_memory=None, bool non_blocking=False, "
                   "MemoryFormat? memory_format=None) -> Tensor",
         .kernel = to_copy_kernel,
         .meta = to_copy_meta,
         .backward_name = "ToCopyBackward0",
         .backward = to_copy_bw});
  r.add({.schema = "copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)",
         .kernel = copy__kernel,
         .meta = inplace_meta,
         .backward_name = "CopyBackwards",
         .backward = copy__bw});
  r.add({.schema = "fill_.Scalar(Tensor(a!) self, Scalar value) -> Tensor(a!)",
         .kernel = fill__kernel,
         .meta = inplace_meta,
         .backward_name = "FillBackward2",
         .backward = fill__bw});
  r.add({.schema = "add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)",
         .kernel = add__kernel,
         .meta = inplace_meta,
         .backward_name = "AddBackward0",
         .backward = add__bw});
}

} // namespace bwhop::tensor
