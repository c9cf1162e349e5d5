// Matrix products. matmul is composite: it decomposes into dot/mv/mm/bmm and views,
// so autograd records those nodes (MmBackward0, UnsafeViewBackward0, ...).
#include <stdexcept>

#include "core/tensor/kernel_utils.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tensor/ops_register.h"

namespace bwhop::tensor {

namespace {

std::string dims_str(const Tensor& t) {
  std::string s;
  for (std::size_t i = 0; i < t.sizes().size(); ++i)
    s += (i ? "x" : "") + std::to_string(t.sizes()[i]);
  return s;
}

void check_same_dtype(const Tensor& a, const Tensor& b, const char* what) {
  if (a.dtype() != b.dtype()) {
    throw std::invalid_argument(
        std::string("expected ") + what +
        " to have the same dtype, but got: " + std::string(scalar_type_name(a.dtype())) +
        " != " + std::string(scalar_type_name(b.dtype())));
  }
}

// out[b, i, j] = sum_k a[b, i, k] * c[b, k, j] on 3-d operands (batch may be 1).
void batched_product(const Tensor& out, const Tensor& a, const Tensor& c) {
  int64_t B = a.sizes()[0], N = a.sizes()[1], K = a.sizes()[2], M = c.sizes()[2];
  bool floating = is_floating(out.dtype());
  for (int64_t b = 0; b < B; ++b) {
    for (int64_t i = 0; i < N; ++i) {
      for (int64_t j = 0; j < M; ++j) {
        double accd = 0;
        int64_t acci = 0;
        for (int64_t k = 0; k < K; ++k) {
          int64_t ia = (b * N + i) * K + k, ic = (b * K + k) * M + j;
          if (floating)
            accd += a.double_at(ia) * c.double_at(ic);
          else
            acci += a.int_at(ia) * c.int_at(ic);
        }
        std::byte* p = out.raw_data() + ((b * N + i) * M + j) *
                                            static_cast<int64_t>(scalar_type_itemsize(out.dtype()));
        if (floating)
          store_double(p, out.dtype(), accd);
        else
          store_int(p, out.dtype(), acci);
      }
    }
  }
}

// Shapes as 3-d views for batched_product (no copies: double_at handles strides).
Tensor as3d(const Tensor& t, int64_t b, int64_t r, int64_t c) {
  IntList st;
  if (t.dim() == 3)
    st = t.strides();
  else if (t.dim() == 2)
    st = {0, t.strides()[0], t.strides()[1]};
  else
    st = r == 1 ? IntList{0, 0, t.strides()[0]} : IntList{0, t.strides()[0], 0};
  return Tensor::make_view(t, {b, r, c}, st, t.storage_offset());
}

IntList mm_shape(const Tensor& a, const Tensor& b) {
  if (a.dim() != 2) throw std::invalid_argument("self must be a matrix");
  if (b.dim() != 2) throw std::invalid_argument("mat2 must be a matrix");
  if (a.sizes()[1] != b.sizes()[0]) {
    throw std::invalid_argument("mat1 and mat2 shapes cannot be multiplied (" + dims_str(a) +
                                " and " + dims_str(b) + ")");
  }
  check_same_dtype(a, b, "mat1 and mat2");
  return {a.sizes()[0], b.sizes()[1]};
}
IValue mm_kernel(const Args& args) {
  const Tensor& a = args[0].to_tensor();
  const Tensor& b = args[1].to_tensor();
  Tensor out = Tensor::empty(mm_shape(a, b), a.dtype());
  batched_product(out, as3d(a, 1, a.sizes()[0], a.sizes()[1]),
                  as3d(b, 1, b.sizes()[0], b.sizes()[1]));
  return out;
}
IValue mm_meta(const Args& args) {
  const Tensor& a = args[0].to_tensor();
  return Tensor::empty(mm_shape(a, args[1].to_tensor()), a.dtype(), false);
}

IntList mv_shape(const Tensor& a, const Tensor& v) {
  if (a.dim() != 2 || v.dim() != 1) {
    throw std::invalid_argument("vector + matrix @ vector expected, got 1, " +
                                std::to_string(a.dim()) + ", " + std::to_string(v.dim()));
  }
  if (a.sizes()[1] != v.sizes()[0]) {
    throw std::invalid_argument("size mismatch, got " + std::to_string(a.sizes()[0]) + ", " +
                                dims_str(a) + "," + std::to_string(v.sizes()[0]));
  }
  check_same_dtype(a, v, "mat and vec");
  return {a.sizes()[0]};
}
IValue mv_kernel(const Args& args) {
  const Tensor& a = args[0].to_tensor();
  const Tensor& v = args[1].to_tensor();
  Tensor out = Tensor::empty(mv_shape(a, v), a.dtype());
  batched_product(as3d(out, 1, out.sizes()[0], 1), as3d(a, 1, a.sizes()[0], a.sizes()[1]),
                  as3d(v, 1, v.sizes()[0], 1));
  return out;
}
IValue mv_meta(const Args& args) {
  const Tensor& a = args[0].to_tensor();
  return Tensor::empty(mv_shape(a, args[1].to_tensor()), a.dtype(), false);
}

void dot_check(const Tensor& a, const Tensor& b) {
  if (a.dim() != 1 || b.dim() != 1) {
    throw std::invalid_argument("1D tensors expected, but got " + std::to_string(a.dim()) +
                                "D and " + std::to_string(b.dim()) + "D tensors");
  }
  if (a.sizes()[0] != b.sizes()[0]) {
    throw std::invalid_argument(
        "inconsistent tensor size, expected tensor [" + std::to_string(a.sizes()[0]) +
        "] and src [" + std::to_string(b.sizes()[0]) +
        "] to have the same number of elements, but got " + std::to_string(a.sizes()[0]) + " and " +
        std::to_string(b.sizes()[0]) + " elements respectively");
  }
  check_same_dtype(a, b, "both vectors");
}
IValue dot_kernel(const Args& args) {
  const Tensor& a = args[0].to_tensor();
  const Tensor& b = args[1].to_tensor();
  dot_check(a, b);
  Tensor out = Tensor::empty({}, a.dtype());
  batched_product(Tensor::make_view(out, {1, 1, 1}, {0, 0, 0}, 0), as3d(a, 1, 1, a.sizes()[0]),
                  as3d(b, 1, b.sizes()[0], 1));
  return out;
}
IValue dot_meta(const Args& args) {
  dot_check(args[0].to_tensor(), args[1].to_tensor());
  return Tensor::empty({}, args[0].to_tensor().dtype(), false);
}

IntList bmm_shape(const Tensor& a, const Tensor& b) {
  if (a.dim() != 3) throw std::invalid_argument("batch1 must be a 3D tensor");
  if (b.dim() != 3) throw std::invalid_argument("batch2 must be a 3D tensor");
  if (a.sizes()[0] != b.sizes()[0] || a.sizes()[2] != b.sizes()[1]) {
    throw std::invalid_argument("Expected size for first two dimensions of batch2 tensor to be: [" +
                                std::to_string(a.sizes()[0]) + ", " + std::to_string(a.sizes()[2]) +
                                "] but got: [" + std::to_string(b.sizes()[0]) + ", " +
                                std::to_string(b.sizes()[1]) + "].");
  }
  check_same_dtype(a, b, "batch1 and batch2");
  return {a.sizes()[0], a.sizes()[1], b.sizes()[2]};
}
IValue bmm_kernel(const Args& args) {
  const Tensor& a = args[0].to_tensor();
  const Tensor& b = args[1].to_tensor();
  Tensor out = Tensor::empty(bmm_shape(a, b), a.dtype());
  batched_product(out, a, b);
  return out;
}
IValue bmm_meta(const Args& args) {
  const Tensor& a = args[0].to_tensor();
  return Tensor::empty(bmm_shape(a, args[1].to_tensor()), a.dtype(), false);
}

// at::matmul's case analysis.
IValue matmul_kernel(const Args& args) {
  const Tensor& t1 = args[0].to_tensor();
  const Tensor& t2 = args[1].to_tensor();
  int64_t d1 = t1.dim(), d2 = t2.dim();
  if (d1 == 0 || d2 == 0) {
    throw std::invalid_argument("both arguments to matmul need to be at least 1D, but they are " +
                                std::to_string(d1) + "D and " + std::to_string(d2) + "D");
  }
  if (d1 == 1 && d2 == 1) return ops::dot(t1, t2);
  if (d1 == 2 && d2 == 1) return ops::mv(t1, t2);
  if (d1 == 1 && d2 == 2) return ops::squeeze(ops::mm(ops::unsqueeze(t1, 0), t2), 0);
  if (d1 == 2 && d2 == 2) return ops::mm(t1, t2);
  if (d1 >= 3 && (d2 == 1 || d2 == 2)) {
    IntList out_shape(t1.sizes().begin(), t1.sizes().end() - 1);
    if (d2 == 2) out_shape.push_back(t2.sizes()[1]);
    Tensor folded = ops::reshape(t1, {-1, t1.sizes().back()});
    Tensor prod = d2 == 2 ? ops::mm(folded, t2) : ops::mv(folded, t2);
    return ops::unsafe_view(prod, out_shape);
  }
  // Batched: broadcast the batch dims, fold them into one, bmm, unfold.
  int64_t n = d1 > 1 ? t1.sizes()[static_cast<std::size_t>(d1 - 2)] : 1;
  int64_t m1 = t1.sizes().back();
  int64_t m2 = d2 > 1 ? t2.sizes()[static_cast<std::size_t>(d2 - 2)] : t2.sizes()[0];
  int64_t p = t2.sizes().back();
  IntList batch1(t1.sizes().begin(), t1.sizes().end() - std::min<int64_t>(d1, 2));
  IntList batch2(t2.sizes().begin(), t2.sizes().end() - std::min<int64_t>(d2, 2));
  IntList batch = broadcast_shapes(batch1, batch2);
  int64_t bprod = numel_of(batch);
  IntList e1 = batch, e2 = batch;
  e1.insert(e1.end(), {n, m1});
  e2.insert(e2.end(), {m2, p});
  Tensor a = ops::reshape(ops::expand(t1, e1), {bprod, n, m1});
  Tensor b = ops::reshape(ops::expand(t2, e2), {bprod, m2, p});
  IntList out_shape = batch;
  if (d1 > 1) out_shape.push_back(n);
  if (d2 > 1) out_shape.push_back(p);
  return ops::unsafe_view(ops::bmm(a, b), out_shape);
}

// ---- backward formulas ----
std::vector<Tensor> mm_bw(const BackwardCtx& c) {
  std::vector<Tensor> g(2);
  if (c.needs_grad(0)) g[0] = ops::mm(c.grad, ops::t(c.tensor(1)));
  if (c.needs_grad(1)) g[1] = ops::mm(ops::t(c.tensor(0)), c.grad);
  return g;
}
std::vector<Tensor> mv_bw(const BackwardCtx& c) {
  std::vector<Tensor> g(2);
  // grad.ger(vec) written as an outer product of views.
  if (c.needs_grad(0)) g[0] = ops::mul(ops::unsqueeze(c.grad, 1), ops::unsqueeze(c.tensor(1), 0));
  if (c.needs_grad(1)) g[1] = ops::mv(ops::t(c.tensor(0)), c.grad);
  return g;
}
std::vector<Tensor> dot_bw(const BackwardCtx& c) {
  std::vector<Tensor> g(2);
  if (c.needs_grad(0)) g[0] = ops::mul(c.grad, c.tensor(1));
  if (c.needs_grad(1)) g[1] = ops::mul(c.grad, c.tensor(0));
  return g;
}
std::vector<Tensor> bmm_bw(const BackwardCtx& c) {
  std::vector<Tensor> g(2);
  if (c.needs_grad(0)) g[0] = ops::bmm(c.grad, ops::transpose(c.tensor(1), 1, 2));
  if (c.needs_grad(1)) g[1] = ops::bmm(ops::transpose(c.tensor(0), 1, 2), c.grad);
  return g;
}

} // namespace

void register_linalg_ops(OpRegistry& r) {
  r.add({.schema = "mm(Tensor self, Tensor mat2) -> Tensor",
         .kernel = mm_kernel,
         .meta = mm_meta,
         .backward_name = "MmBackward0",
         .backward = mm_bw,
         .save_args = 0b11});
  r.add({.schema = "mv(Tensor self, Tensor vec) -> Tensor",
         .kernel = mv_kernel,
         .meta = mv_meta,
         .backward_name = "MvBackward0",
         .backward = mv_bw,
         .save_args = 0b11});
  r.add({.schema = "dot(Tensor self, Tensor tensor) -> Tensor",
         .kernel = dot_kernel,
         .meta = dot_meta,
         .backward_name = "DotBackward0",
         .backward = dot_bw,
         .save_args = 0b11});
  r.add({.schema = "bmm(Tensor self, Tensor mat2) -> Tensor",
         .kernel = bmm_kernel,
         .meta = bmm_meta,
         .backward_name = "BmmBackward0",
         .backward = bmm_bw,
         .save_args = 0b11});
  r.add({.schema = "matmul(Tensor self, Tensor other) -> Tensor",
         .kernel = matmul_kernel,
         .composite = true});
}

} // namespace bwhop::tensor
