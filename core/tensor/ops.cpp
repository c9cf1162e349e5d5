#include "core/tensor/ops.h"

#include <stdexcept>

#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/random.h"

namespace bwhop::tensor::ops {

namespace {
// Looks an op up once per call site.
#define BWHOP_OP(NAME)                                                                             \
  []() -> const OpDef& {                                                                           \
    static const OpDef& d = op(NAME);                                                              \
    return d;                                                                                      \
  }()

Tensor run(const OpDef& d, Args args) {
  return call_tensor_op(d, std::move(args));
}
IValue dt(std::optional<ScalarType> t) {
  return t ? IValue(*t) : IValue();
}
} // namespace

Tensor add(const Tensor& s, const IValue& o, const IValue& alpha) {
  return run(BWHOP_OP("add.Tensor"), {s, o, alpha});
}
Tensor sub(const Tensor& s, const IValue& o, const IValue& alpha) {
  return run(BWHOP_OP("sub.Tensor"), {s, o, alpha});
}
Tensor mul(const Tensor& s, const IValue& o) {
  return run(BWHOP_OP("mul.Tensor"), {s, o});
}
Tensor div(const Tensor& s, const IValue& o) {
  return run(BWHOP_OP("div.Tensor"), {s, o});
}
Tensor add_scalar(const Tensor& s, const IValue& o, const IValue& alpha) {
  return run(BWHOP_OP("add.Scalar"), {s, o, alpha});
}
Tensor sub_scalar(const Tensor& s, const IValue& o, const IValue& alpha) {
  return run(BWHOP_OP("sub.Scalar"), {s, o, alpha});
}
Tensor mul_scalar(const Tensor& s, const IValue& o) {
  return run(BWHOP_OP("mul.Scalar"), {s, o});
}
Tensor div_scalar(const Tensor& s, const IValue& o) {
  return run(BWHOP_OP("div.Scalar"), {s, o});
}
Tensor rsub(const Tensor& s, const IValue& o, const IValue& alpha) {
  return run(BWHOP_OP("rsub.Scalar"), {s, o, alpha});
}
Tensor pow(const Tensor& s, const IValue& e) {
  if (e.is_tensor()) return run(BWHOP_OP("pow.Tensor_Tensor"), {s, e});
  return run(BWHOP_OP("pow.Tensor_Scalar"), {s, e});
}
Tensor pow(const Tensor& s, const Tensor& e) {
  return run(BWHOP_OP("pow.Tensor_Tensor"), {s, e});
}
Tensor pow(const IValue& s, const Tensor& e) {
  return run(BWHOP_OP("pow.Scalar"), {s, e});
}
Tensor neg(const Tensor& s) {
  return run(BWHOP_OP("neg"), {s});
}
Tensor reciprocal(const Tensor& s) {
  return run(BWHOP_OP("reciprocal"), {s});
}
Tensor sgn(const Tensor& s) {
  return run(BWHOP_OP("sgn"), {s});
}
Tensor where(const Tensor& c, const IValue& s, const IValue& o) {
  return run(BWHOP_OP("where.self"), {c, s, o});
}

#define BWHOP_CMP(NAME)                                                                            \
  Tensor NAME(const Tensor& s, const IValue& o) {                                                  \
    if (o.is_tensor()) return run(BWHOP_OP(#NAME ".Tensor"), {s, o});                              \
    return run(BWHOP_OP(#NAME ".Scalar"), {s, o});                                                 \
  }
BWHOP_CMP(eq)
BWHOP_CMP(ne)
BWHOP_CMP(lt)
BWHOP_CMP(le)
BWHOP_CMP(gt)
BWHOP_CMP(ge)
#undef BWHOP_CMP
Tensor logical_and(const Tensor& s, const Tensor& o) {
  return run(BWHOP_OP("logical_and"), {s, o});
}

#define BWHOP_UNARY(NAME)                                                                          \
  Tensor NAME(const Tensor& s) {                                                                   \
    return run(BWHOP_OP(#NAME), {s});                                                              \
  }
BWHOP_UNARY(sin)
BWHOP_UNARY(cos)
BWHOP_UNARY(exp)
BWHOP_UNARY(log)
BWHOP_UNARY(relu)
BWHOP_UNARY(sigmoid)
BWHOP_UNARY(tanh)
BWHOP_UNARY(abs)
BWHOP_UNARY(sqrt)
#undef BWHOP_UNARY

Tensor threshold_backward(const Tensor& g, const Tensor& s, const IValue& th) {
  return run(BWHOP_OP("threshold_backward"), {g, s, th});
}
Tensor sigmoid_backward(const Tensor& g, const Tensor& out) {
  return run(BWHOP_OP("sigmoid_backward"), {g, out});
}
Tensor tanh_backward(const Tensor& g, const Tensor& out) {
  return run(BWHOP_OP("tanh_backward"), {g, out});
}

Tensor sum(const Tensor& s, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("sum"), {s, dt(dtype)});
}
Tensor sum(const Tensor& s, const IntList& dims, bool keepdim, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("sum.dim_IntList"), {s, dims, keepdim, dt(dtype)});
}
Tensor mean(const Tensor& s, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("mean"), {s, dt(dtype)});
}
Tensor mean(const Tensor& s, const IntList& dims, bool keepdim, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("mean.dim"), {s, dims, keepdim, dt(dtype)});
}
Tensor sum_to_size(const Tensor& s, const IntList& size) {
  return run(BWHOP_OP("sum_to_size"), {s, size});
}
Tensor sum_to(const Tensor& s, const IntList& shape) {
  const IntList& sizes = s.sizes();
  if (shape.size() > sizes.size()) {
    throw std::invalid_argument("size {" + sizes_str(shape) + "} is not expandable to size {" +
                                sizes_str(sizes) + "}.");
  }
  std::size_t lead = sizes.size() - shape.size();
  IntList reduce;
  for (std::size_t i = 0; i < lead; ++i) reduce.push_back(static_cast<int64_t>(i));
  for (std::size_t i = lead; i < sizes.size(); ++i) {
    if (shape[i - lead] == 1 && sizes[i] != 1) reduce.push_back(static_cast<int64_t>(i));
  }
  Tensor r = s;
  if (!reduce.empty()) r = sum(r, reduce, /*keepdim=*/true);
  return lead > 0 ? view(r, shape) : r;
}

Tensor clone(const Tensor& s) {
  return run(BWHOP_OP("clone"), {s, IValue()});
}
Tensor detach(const Tensor& s) {
  return run(BWHOP_OP("detach"), {s});
}
Tensor select(const Tensor& s, int64_t dim, int64_t index) {
  return run(BWHOP_OP("select.int"), {s, dim, index});
}
Tensor slice(const Tensor& s, int64_t dim, const IValue& start, const IValue& end, int64_t step) {
  return run(BWHOP_OP("slice.Tensor"), {s, dim, start, end, step});
}
Tensor select_backward(const Tensor& g, const IntList& sizes, int64_t dim, int64_t index) {
  return run(BWHOP_OP("select_backward"), {g, sizes, dim, index});
}
Tensor slice_backward(const Tensor& g, const IntList& sizes, int64_t dim, int64_t start,
                      int64_t end, int64_t step) {
  return run(BWHOP_OP("slice_backward"), {g, sizes, dim, start, end, step});
}
bool is_same_size(const Tensor& s, const Tensor& o) {
  return call_op(BWHOP_OP("is_same_size"), {s, o}).to_bool();
}
Tensor alias(const Tensor& s) {
  return run(BWHOP_OP("alias"), {s});
}
Tensor lift_fresh(const Tensor& s) {
  return run(BWHOP_OP("lift_fresh"), {s});
}
Tensor to_dtype(const Tensor& s, ScalarType dtype) {
  return run(BWHOP_OP("_to_copy"),
             {s, dtype, IValue(), IValue(), IValue(), IValue(false), IValue()});
}
Tensor view(const Tensor& s, const IntList& size) {
  return run(BWHOP_OP("view"), {s, size});
}
Tensor reshape(const Tensor& s, const IntList& shape) {
  return run(BWHOP_OP("reshape"), {s, shape});
}
Tensor unsafe_view(const Tensor& s, const IntList& size) {
  return run(BWHOP_OP("_unsafe_view"), {s, size});
}
Tensor t(const Tensor& s) {
  return run(BWHOP_OP("t"), {s});
}
Tensor transpose(const Tensor& s, int64_t d0, int64_t d1) {
  return run(BWHOP_OP("transpose.int"), {s, d0, d1});
}
Tensor permute(const Tensor& s, const IntList& dims) {
  return run(BWHOP_OP("permute"), {s, dims});
}
Tensor unsqueeze(const Tensor& s, int64_t dim) {
  return run(BWHOP_OP("unsqueeze"), {s, dim});
}
Tensor squeeze(const Tensor& s) {
  return run(BWHOP_OP("squeeze"), {s});
}
Tensor squeeze(const Tensor& s, int64_t dim) {
  return run(BWHOP_OP("squeeze.dim"), {s, dim});
}
Tensor expand(const Tensor& s, const IntList& size) {
  return run(BWHOP_OP("expand"), {s, size, IValue(false)});
}
Tensor expand_as(const Tensor& s, const Tensor& other) {
  return run(BWHOP_OP("expand_as"), {s, other});
}

Tensor matmul(const Tensor& s, const Tensor& o) {
  return run(BWHOP_OP("matmul"), {s, o});
}
Tensor mm(const Tensor& s, const Tensor& o) {
  return run(BWHOP_OP("mm"), {s, o});
}
Tensor mv(const Tensor& s, const Tensor& o) {
  return run(BWHOP_OP("mv"), {s, o});
}
Tensor dot(const Tensor& s, const Tensor& o) {
  return run(BWHOP_OP("dot"), {s, o});
}
Tensor bmm(const Tensor& s, const Tensor& o) {
  return run(BWHOP_OP("bmm"), {s, o});
}

namespace {
Args factory_args(IValue first, std::optional<ScalarType> dtype) {
  return {std::move(first), dt(dtype), IValue(), IValue(), IValue()};
}
} // namespace

Tensor ones(const IntList& size, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("ones"), factory_args(size, dtype));
}
Tensor zeros(const IntList& size, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("zeros"), factory_args(size, dtype));
}
Tensor empty(const IntList& size, std::optional<ScalarType> dtype) {
  Args a = factory_args(size, dtype);
  a.push_back(IValue());
  return run(BWHOP_OP("empty.memory_format"), std::move(a));
}
Tensor full(const IntList& size, const IValue& fill, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("full"), {size, fill, dt(dtype), IValue(), IValue(), IValue()});
}
Tensor arange(const IValue& end, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("arange"), factory_args(end, dtype));
}
Tensor arange(const IValue& start, const IValue& end, const IValue& step,
              std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("arange.start_step"),
             {start, end, step, dt(dtype), IValue(), IValue(), IValue()});
}
namespace {
Args like_args(const Tensor& s, std::optional<ScalarType> dtype) {
  return {s, dt(dtype), IValue(), IValue(), IValue(), IValue()};
}
} // namespace
Tensor ones_like(const Tensor& s, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("ones_like"), like_args(s, dtype));
}
Tensor zeros_like(const Tensor& s, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("zeros_like"), like_args(s, dtype));
}
Tensor empty_like(const Tensor& s, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("empty_like"), like_args(s, dtype));
}
Tensor full_like(const Tensor& s, const IValue& fill, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("full_like"), {s, fill, dt(dtype), IValue(), IValue(), IValue(), IValue()});
}
Tensor rand(const IntList& size, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("rand"), factory_args(size, dtype));
}
Tensor randn(const IntList& size, std::optional<ScalarType> dtype) {
  return run(BWHOP_OP("randn"), factory_args(size, dtype));
}

Tensor& copy_(Tensor& s, const Tensor& src) {
  call_op(BWHOP_OP("copy_"), {s, src, IValue(false)});
  return s;
}
Tensor& fill_(Tensor& s, const IValue& v) {
  call_op(BWHOP_OP("fill_.Scalar"), {s, v});
  return s;
}
Tensor& add_(Tensor& s, const Tensor& o, const IValue& alpha) {
  call_op(BWHOP_OP("add_.Tensor"), {s, o, alpha});
  return s;
}

Tensor from_doubles(const std::vector<double>& values, const IntList& sizes, ScalarType dtype) {
  Tensor t = Tensor::empty(sizes, dtype);
  if (static_cast<int64_t>(values.size()) != t.numel())
    throw std::invalid_argument("from_doubles: value count does not match the shape");
  int64_t item = static_cast<int64_t>(scalar_type_itemsize(dtype));
  for (std::size_t i = 0; i < values.size(); ++i)
    store_double(t.raw_data() + static_cast<int64_t>(i) * item, dtype, values[i]);
  return t;
}

Tensor from_ints(const std::vector<int64_t>& values, const IntList& sizes, ScalarType dtype) {
  Tensor t = Tensor::empty(sizes, dtype);
  if (static_cast<int64_t>(values.size()) != t.numel())
    throw std::invalid_argument("from_ints: value count does not match the shape");
  int64_t item = static_cast<int64_t>(scalar_type_itemsize(dtype));
  for (std::size_t i = 0; i < values.size(); ++i)
    store_int(t.raw_data() + static_cast<int64_t>(i) * item, dtype, values[i]);
  return t;
}

std::vector<double> to_doubles(const Tensor& t) {
  std::vector<double> out(static_cast<std::size_t>(t.numel()));
  for (int64_t i = 0; i < t.numel(); ++i) out[static_cast<std::size_t>(i)] = t.double_at(i);
  return out;
}

std::vector<int64_t> to_ints(const Tensor& t) {
  std::vector<int64_t> out(static_cast<std::size_t>(t.numel()));
  for (int64_t i = 0; i < t.numel(); ++i) out[static_cast<std::size_t>(i)] = t.int_at(i);
  return out;
}

void manual_seed(uint64_t seed) {
  seed_default_generator(seed);
}

} // namespace bwhop::tensor::ops
