// Elementwise ops: arithmetic, comparisons, unary math. Each entry: schema (as in
// native_functions.yaml), CPU kernel, meta function, backward (as in derivatives.yaml).
#include <cmath>
#include <stdexcept>

#include "core/tensor/dispatcher.h"
#include "core/tensor/kernel_utils.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tensor/ops_register.h"

namespace bwhop::tensor {

namespace {

struct Rule {
  ScalarType compute;
  ScalarType out;
};
using RuleFn = Rule (*)(const Tensor& a, const Tensor& b);

Rule arith_rule(const Tensor& a, const Tensor& b) {
  ScalarType rt = result_type(std::array<Tensor, 2>{a, b});
  return {rt, rt};
}
Rule sub_rule(const Tensor& a, const Tensor& b) {
  if (a.dtype() == ScalarType::Bool && b.dtype() == ScalarType::Bool) {
    throw std::invalid_argument(
        "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
        "`logical_xor()` operator instead.");
  }
  if (a.dtype() == ScalarType::Bool || b.dtype() == ScalarType::Bool) {
    throw std::invalid_argument(
        "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying "
        "to invert a mask, use the `~` or `logical_not()` operator instead.");
  }
  return arith_rule(a, b);
}
Rule true_div_rule(const Tensor& a, const Tensor& b) {
  ScalarType rt = result_type(std::array<Tensor, 2>{a, b});
  if (!is_floating(rt)) rt = default_float_dtype();
  return {rt, rt};
}
Rule compare_rule(const Tensor& a, const Tensor& b) {
  return {result_type(std::array<Tensor, 2>{a, b}), ScalarType::Bool};
}

// Binary op on (args[0], args[1]); both may be numbers (wrapped).
template <class FD, class FI> IValue binary(const Args& args, RuleFn rule, FD fd, FI fi) {
  Tensor a = as_operand(args[0]), b = as_operand(args[1]);
  Rule r = rule(a, b);
  Tensor out = Tensor::empty(broadcast_shapes(a.sizes(), b.sizes()), r.out);
  binary_fill(out, a, b, is_floating(r.compute), fd, fi);
  return out;
}

IValue binary_meta(const Args& args, RuleFn rule) {
  Tensor a = as_operand(args[0]), b = as_operand(args[1]);
  return Tensor::empty(broadcast_shapes(a.sizes(), b.sizes()), rule(a, b).out, false);
}

IValue arith_meta(const Args& a) {
  return binary_meta(a, arith_rule);
}
IValue sub_meta(const Args& a) {
  return binary_meta(a, sub_rule);
}
IValue div_meta(const Args& a) {
  return binary_meta(a, true_div_rule);
}
IValue compare_meta(const Args& a) {
  return binary_meta(a, compare_rule);
}

IValue add_kernel(const Args& a) {
  double ad = a[2].to_double();
  int64_t ai = a[2].is_double() ? 0 : a[2].to_int();
  return binary(
      a, arith_rule, [ad](double x, double y) { return x + ad * y; },
      [ai](int64_t x, int64_t y) { return x + ai * y; });
}
IValue sub_kernel(const Args& a) {
  double ad = a[2].to_double();
  int64_t ai = a[2].is_double() ? 0 : a[2].to_int();
  return binary(
      a, sub_rule, [ad](double x, double y) { return x - ad * y; },
      [ai](int64_t x, int64_t y) { return x - ai * y; });
}
// rsub(self, other, alpha) = other - alpha * self.
IValue rsub_kernel(const Args& a) {
  return sub_kernel({a[1], a[0], a[2]});
}
IValue rsub_meta(const Args& a) {
  return sub_meta({a[1], a[0], a[2]});
}
IValue mul_kernel(const Args& a) {
  return binary(
      a, arith_rule, [](double x, double y) { return x * y; },
      [](int64_t x, int64_t y) { return x * y; });
}
IValue div_kernel(const Args& a) {
  return binary(
      a, true_div_rule, [](double x, double y) { return x / y; },
      [](int64_t x, int64_t y) { return x / y; });
}

int64_t int_pow(int64_t base, int64_t exp) {
  if (exp < 0) {
    if (base == 1) return 1;
    if (base == -1) return exp % 2 == 0 ? 1 : -1;
    throw std::invalid_argument("Integers to negative integer powers are not allowed.");
  }
  int64_t r = 1;
  while (exp) {
    if (exp & 1) r *= base;
    base *= base;
    exp >>= 1;
  }
  return r;
}
IValue pow_kernel(const Args& a) {
  return binary(
      a, arith_rule, [](double x, double y) { return std::pow(x, y); }, int_pow);
}

#define BWHOP_COMPARE(NAME, OP)                                                                    \
  IValue NAME##_kernel(const Args& a) {                                                            \
    return binary(                                                                                 \
        a, compare_rule, [](double x, double y) { return (x OP y) ? 1.0 : 0.0; },                  \
        [](int64_t x, int64_t y) -> int64_t { return x OP y; });                                   \
  }
BWHOP_COMPARE(eq, ==)
BWHOP_COMPARE(ne, !=)
BWHOP_COMPARE(lt, <)
BWHOP_COMPARE(le, <=)
BWHOP_COMPARE(gt, >)
BWHOP_COMPARE(ge, >=)
#undef BWHOP_COMPARE
IValue logical_and_kernel(const Args& a) {
  return binary(
      a, compare_rule, [](double x, double y) { return (x != 0.0 && y != 0.0) ? 1.0 : 0.0; },
      [](int64_t x, int64_t y) -> int64_t { return x != 0 && y != 0; });
}

// Unary ops: `floating_only` ops compute in the default float type for integer inputs.
ScalarType unary_out(const Tensor& t, bool floating_only) {
  if (floating_only && !is_floating(t.dtype())) return default_float_dtype();
  return t.dtype();
}
template <class FD, class FI> IValue unary(const Args& args, bool floating_only, FD fd, FI fi) {
  const Tensor& t = args[0].to_tensor();
  Tensor out = Tensor::empty(t.sizes(), unary_out(t, floating_only));
  unary_fill(out, t, is_floating(out.dtype()), fd, fi);
  return out;
}
IValue float_unary_meta(const Args& a) {
  const Tensor& t = a[0].to_tensor();
  return Tensor::empty(t.sizes(), unary_out(t, true), false);
}
IValue same_unary_meta(const Args& a) {
  const Tensor& t = a[0].to_tensor();
  return Tensor::empty(t.sizes(), t.dtype(), false);
}

#define BWHOP_FLOAT_UNARY(NAME, EXPR)                                                              \
  IValue NAME##_kernel(const Args& a) {                                                            \
    return unary(                                                                                  \
        a, true, [](double x) { return EXPR; }, [](int64_t x) { return x; });                      \
  }
BWHOP_FLOAT_UNARY(sin, std::sin(x))
BWHOP_FLOAT_UNARY(cos, std::cos(x))
BWHOP_FLOAT_UNARY(exp, std::exp(x))
BWHOP_FLOAT_UNARY(log, std::log(x))
BWHOP_FLOAT_UNARY(sigmoid, 1.0 / (1.0 + std::exp(-x)))
BWHOP_FLOAT_UNARY(tanh, std::tanh(x))
BWHOP_FLOAT_UNARY(sqrt, std::sqrt(x))
BWHOP_FLOAT_UNARY(reciprocal, 1.0 / x)
#undef BWHOP_FLOAT_UNARY

IValue neg_kernel(const Args& a) {
  if (a[0].to_tensor().dtype() == ScalarType::Bool) {
    throw std::invalid_argument(
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
        "invert a mask, use the `~` or `logical_not()` operator instead.");
  }
  return unary(
      a, false, [](double x) { return -x; }, [](int64_t x) { return -x; });
}
IValue abs_kernel(const Args& a) {
  return unary(
      a, false, [](double x) { return std::fabs(x); }, [](int64_t x) { return x < 0 ? -x : x; });
}
IValue relu_kernel(const Args& a) {
  return unary(
      a, false, [](double x) { return x > 0 ? x : 0.0; },
      [](int64_t x) { return x > 0 ? x : int64_t{0}; });
}
IValue sgn_kernel(const Args& a) {
  return unary(
      a, false, [](double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); },
      [](int64_t x) -> int64_t { return x > 0 ? 1 : (x < 0 ? -1 : 0); });
}

// where.self(Tensor condition, Tensor self, Tensor other)
ScalarType where_dtype(const Tensor& s, const Tensor& o) {
  return result_type(std::array<Tensor, 2>{s, o});
}
IValue where_kernel(const Args& a) {
  Tensor c = a[0].to_tensor(), s = as_operand(a[1]), o = as_operand(a[2]);
  ScalarType rt = where_dtype(s, o);
  Tensor out =
      Tensor::empty(broadcast_shapes(c.sizes(), broadcast_shapes(s.sizes(), o.sizes())), rt);
  ScalarType ct = c.dtype(), st = s.dtype(), ot = o.dtype();
  for_each_element<4>(out.sizes(), {out, c, s, o}, [&](const std::array<std::byte*, 4>& p) {
    bool take = load_int(p[1], ct) != 0;
    if (is_floating(rt))
      store_double(p[0], rt, take ? load_double(p[2], st) : load_double(p[3], ot));
    else
      store_int(p[0], rt, take ? load_int(p[2], st) : load_int(p[3], ot));
  });
  return out;
}
IValue where_meta(const Args& a) {
  Tensor c = a[0].to_tensor(), s = as_operand(a[1]), o = as_operand(a[2]);
  return Tensor::empty(broadcast_shapes(c.sizes(), broadcast_shapes(s.sizes(), o.sizes())),
                       where_dtype(s, o), false);
}

// Backward helpers of the activation functions (also registered ops).
IValue threshold_backward_kernel(const Args& a) {
  double th = a[2].to_double();
  return binary(
      a, arith_rule, [th](double g, double x) { return x <= th ? 0.0 : g; },
      [th](int64_t g, int64_t x) { return static_cast<double>(x) <= th ? int64_t{0} : g; });
}
IValue sigmoid_backward_kernel(const Args& a) {
  return binary(
      a, arith_rule, [](double g, double y) { return g * (1.0 - y) * y; },
      [](int64_t g, int64_t y) { return g * (1 - y) * y; });
}
IValue tanh_backward_kernel(const Args& a) {
  return binary(
      a, arith_rule, [](double g, double y) { return g * (1.0 - y * y); },
      [](int64_t g, int64_t y) { return g * (1 - y * y); });
}

// ---- backward formulas (derivatives.yaml) ----

bool is_one(const IValue& s) {
  return s.is_double() ? s.to_double() == 1.0 : s.to_int() == 1;
}
// maybe_multiply: skip the multiplication when alpha is 1.
Tensor maybe_multiply(const Tensor& t, const IValue& s) {
  return is_one(s) ? t : ops::mul_scalar(t, s);
}
std::vector<Tensor> grads(std::initializer_list<Tensor> g) {
  return std::vector<Tensor>(g);
}
Tensor when(bool needed, auto&& make) {
  return needed ? Tensor(make()) : Tensor();
}

// PyTorch's generated backward nodes compute the gradient of the last differentiable
// input first (MulBackward0, DivBackward0, PowBackward1 all emit `other`'s ops before
// `self`'s), and gcc evaluates call arguments right to left; traced backward graphs
// show that order, so each formula below sequences its ops explicitly in it.
std::vector<Tensor> add_backward(const BackwardCtx& c) {
  Tensor other_grad = when(c.needs_grad(1), [&] { return maybe_multiply(c.grad, c.arg(2)); });
  Tensor self_grad = when(c.needs_grad(0), [&] { return c.grad; });
  return grads({self_grad, other_grad});
}
std::vector<Tensor> add_scalar_backward(const BackwardCtx& c) {
  return grads({c.grad});
}
std::vector<Tensor> sub_backward(const BackwardCtx& c) {
  Tensor other_grad =
      when(c.needs_grad(1), [&] { return maybe_multiply(ops::neg(c.grad), c.arg(2)); });
  Tensor self_grad = when(c.needs_grad(0), [&] { return c.grad; });
  return grads({self_grad, other_grad});
}
std::vector<Tensor> rsub_backward(const BackwardCtx& c) {
  return grads({maybe_multiply(ops::neg(c.grad), c.arg(2))});
}
std::vector<Tensor> mul_backward(const BackwardCtx& c) {
  // AOT's `mul_1 = tangents_1 * primals_1` shows the `other` gradient comes first.
  Tensor other_grad = when(c.needs_grad(1), [&] { return ops::mul(c.grad, c.arg(0)); });
  Tensor self_grad = when(c.needs_grad(0), [&] { return ops::mul(c.grad, c.arg(1)); });
  return grads({self_grad, other_grad});
}
std::vector<Tensor> mul_scalar_backward(const BackwardCtx& c) {
  return grads({ops::mul_scalar(c.grad, c.arg(1))});
}
std::vector<Tensor> div_backward(const BackwardCtx& c) {
  // other: -grad * ((self / other) / other), the quotient evaluated before -grad.
  Tensor other_grad = when(c.needs_grad(1), [&] {
    const Tensor& other = c.tensor(1);
    Tensor quotient = ops::div(ops::div(c.tensor(0), other), other);
    Tensor neg_grad = ops::neg(c.grad);
    return ops::mul(neg_grad, quotient);
  });
  Tensor self_grad = when(c.needs_grad(0), [&] { return ops::div(c.grad, c.arg(1)); });
  return grads({self_grad, other_grad});
}
std::vector<Tensor> div_scalar_backward(const BackwardCtx& c) {
  return grads({ops::div_scalar(c.grad, c.arg(1))});
}
std::vector<Tensor> pow_tensor_scalar_backward(const BackwardCtx& c) {
  const Tensor& self = c.tensor(0);
  double e = c.arg(1).to_double();
  if (e == 0.0) {
    // at::zeros_like(self, LEGACY_CONTIGUOUS_MEMORY_FORMAT)
    return grads({call_tensor_op(op("zeros_like"), {self, IValue(), IValue(), IValue(), IValue(),
                                                    IValue(MemoryFormat::Contiguous)})});
  }
  return grads({ops::mul(c.grad, ops::mul_scalar(ops::pow(self, IValue(e - 1)), IValue(e)))});
}
// at::zeros({}, grad.options()): dtype, layout and device spelled out.
Tensor scalar_zeros_like_options(const Tensor& grad) {
  return call_tensor_op(op("zeros"), {IntList{}, IValue(grad.dtype()), IValue(Layout::Strided),
                                      IValue(grad.device()), IValue()});
}
// pow_backward_exponent: grad * where(self == 0 & exponent >= 0, 0, result * log(self)).
Tensor pow_exponent_grad(const Tensor& grad, const Tensor& cond, const Tensor& log_base,
                         const Tensor& result) {
  Tensor term = ops::mul(result, log_base);
  Tensor zero = scalar_zeros_like_options(grad);
  return ops::mul(grad, ops::where(cond, zero, term));
}
std::vector<Tensor> pow_tensor_tensor_backward(const BackwardCtx& c) {
  const Tensor& self = c.tensor(0);
  const Tensor& exponent = c.tensor(1);
  Tensor exponent_grad = when(c.needs_grad(1), [&] {
    Tensor exponent_nonneg = ops::ge(exponent, IValue(int64_t{0}));
    Tensor base_zero = ops::eq(self, IValue(int64_t{0}));
    Tensor cond = ops::logical_and(base_zero, exponent_nonneg);
    return pow_exponent_grad(c.grad, cond, ops::log(self), c.result);
  });
  // pow_backward_self: where(exponent == 0.0, 0, grad * (exponent * self.pow(exponent - 1))).
  Tensor self_grad = when(c.needs_grad(0), [&] {
    Tensor power = ops::pow(self, ops::sub_scalar(exponent, IValue(int64_t{1})));
    Tensor value = ops::mul(c.grad, ops::mul(exponent, power));
    Tensor zero = scalar_zeros_like_options(c.grad);
    Tensor exponent_zero = ops::eq(exponent, IValue(0.0));
    return ops::where(exponent_zero, zero, value);
  });
  return grads({self_grad, exponent_grad});
}
std::vector<Tensor> pow_scalar_backward(const BackwardCtx& c) {
  double base = c.arg(0).to_double();
  // grad * result * log(base); a zero base masks the non-negative exponents.
  Tensor term = ops::mul_scalar(c.result, IValue(std::log(base)));
  if (base == 0.0) {
    Tensor zero = scalar_zeros_like_options(c.grad);
    Tensor cond = ops::ge(c.tensor(1), IValue(int64_t{0}));
    term = ops::where(cond, zero, term);
  }
  return grads({ops::mul(c.grad, term)});
}
std::vector<Tensor> neg_backward(const BackwardCtx& c) {
  return grads({ops::neg(c.grad)});
}
std::vector<Tensor> sin_backward(const BackwardCtx& c) {
  return grads({ops::mul(c.grad, ops::cos(c.tensor(0)))});
}
std::vector<Tensor> cos_backward(const BackwardCtx& c) {
  return grads({ops::mul(c.grad, ops::neg(ops::sin(c.tensor(0))))});
}
std::vector<Tensor> exp_backward(const BackwardCtx& c) {
  return grads({ops::mul(c.grad, c.result)});
}
std::vector<Tensor> log_backward(const BackwardCtx& c) {
  return grads({ops::div(c.grad, c.tensor(0))});
}
std::vector<Tensor> relu_backward(const BackwardCtx& c) {
  return grads({ops::threshold_backward(c.grad, c.result, IValue(int64_t{0}))});
}
std::vector<Tensor> sigmoid_backward(const BackwardCtx& c) {
  return grads({ops::sigmoid_backward(c.grad, c.result)});
}
std::vector<Tensor> tanh_backward(const BackwardCtx& c) {
  return grads({ops::tanh_backward(c.grad, c.result)});
}
std::vector<Tensor> abs_backward(const BackwardCtx& c) {
  return grads({ops::mul(c.grad, ops::sgn(c.tensor(0)))});
}
std::vector<Tensor> sqrt_backward(const BackwardCtx& c) {
  return grads({ops::div(c.grad, ops::mul_scalar(c.result, IValue(int64_t{2})))});
}
std::vector<Tensor> reciprocal_backward(const BackwardCtx& c) {
  return grads({ops::mul(ops::neg(c.grad), ops::mul(c.result, c.result))});
}
std::vector<Tensor> sgn_backward(const BackwardCtx& c) {
  return grads({ops::zeros_like(c.grad)});
}
std::vector<Tensor> where_backward(const BackwardCtx& c) {
  const Tensor& cond = c.tensor(0);
  return grads(
      {Tensor(),
       when(c.needs_grad(1), [&] { return ops::where(cond, c.grad, IValue(int64_t{0})); }),
       when(c.needs_grad(2), [&] { return ops::where(cond, IValue(int64_t{0}), c.grad); })});
}

constexpr uint32_t arg(int i) {
  return 1u << i;
}

} // namespace

void register_pointwise_ops(OpRegistry& r) {
  r.add({.schema = "add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
         .kernel = add_kernel,
         .meta = arith_meta,
         .backward_name = "AddBackward0",
         .backward = add_backward});
  r.add({.schema = "add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor",
         .kernel = add_kernel,
         .meta = arith_meta,
         .backward_name = "AddBackward1",
         .backward = add_scalar_backward});
  r.add({.schema = "sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
         .kernel = sub_kernel,
         .meta = sub_meta,
         .backward_name = "SubBackward0",
         .backward = sub_backward});
  r.add({.schema = "sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor",
         .kernel = sub_kernel,
         .meta = sub_meta,
         .backward_name = "SubBackward1",
         .backward = add_scalar_backward});
  r.add({.schema = "rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor",
         .kernel = rsub_kernel,
         .meta = rsub_meta,
         .backward_name = "RsubBackward1",
         .backward = rsub_backward});
  r.add({.schema = "mul.Tensor(Tensor self, Tensor other) -> Tensor",
         .kernel = mul_kernel,
         .meta = arith_meta,
         .backward_name = "MulBackward0",
         .backward = mul_backward,
         .save_args = arg(0) | arg(1)});
  r.add({.schema = "mul.Scalar(Tensor self, Scalar other) -> Tensor",
         .kernel = mul_kernel,
         .meta = arith_meta,
         .backward_name = "MulBackward1",
         .backward = mul_scalar_backward});
  r.add({.schema = "div.Tensor(Tensor self, Tensor other) -> Tensor",
         .kernel = div_kernel,
         .meta = div_meta,
         .backward_name = "DivBackward0",
         .backward = div_backward,
         .save_args = arg(0) | arg(1)});
  r.add({.schema = "div.Scalar(Tensor self, Scalar other) -> Tensor",
         .kernel = div_kernel,
         .meta = div_meta,
         .backward_name = "DivBackward1",
         .backward = div_scalar_backward});
  r.add({.schema = "pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor",
         .kernel = pow_kernel,
         .meta = arith_meta,
         .backward_name = "PowBackward0",
         .backward = pow_tensor_scalar_backward,
         .save_args = arg(0)});
  r.add({.schema = "pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor",
         .kernel = pow_kernel,
         .meta = arith_meta,
         .backward_name = "PowBackward1",
         .backward = pow_tensor_tensor_backward,
         .save_args = arg(0) | arg(1),
         .save_result = true});
  r.add({.schema = "pow.Scalar(Scalar self, Tensor exponent) -> Tensor",
         .kernel = pow_kernel,
         .meta = arith_meta,
         .backward_name = "PowBackward2",
         .backward = pow_scalar_backward,
         .save_args = arg(1),
         .save_result = true});
  r.add({.schema = "neg(Tensor self) -> Tensor",
         .kernel = neg_kernel,
         .meta = same_unary_meta,
         .backward_name = "NegBackward0",
         .backward = neg_backward});
  r.add({.schema = "reciprocal(Tensor self) -> Tensor",
         .kernel = reciprocal_kernel,
         .meta = float_unary_meta,
         .backward_name = "ReciprocalBackward0",
         .backward = reciprocal_backward,
         .save_result = true});

  struct Cmp {
    const char* tensor_schema;
    const char* scalar_schema;
    KernelFn kernel;
  };
  for (const Cmp& c : {Cmp{"eq.Tensor(Tensor self, Tensor other) -> Tensor",
                           "eq.Scalar(Tensor self, Scalar other) -> Tensor", eq_kernel},
                       Cmp{"ne.Tensor(Tensor self, Tensor other) -> Tensor",
                           "ne.Scalar(Tensor self, Scalar other) -> Tensor", ne_kernel},
                       Cmp{"lt.Tensor(Tensor self, Tensor other) -> Tensor",
                           "lt.Scalar(Tensor self, Scalar other) -> Tensor", lt_kernel},
                       Cmp{"le.Tensor(Tensor self, Tensor other) -> Tensor",
                           "le.Scalar(Tensor self, Scalar other) -> Tensor", le_kernel},
                       Cmp{"gt.Tensor(Tensor self, Tensor other) -> Tensor",
                           "gt.Scalar(Tensor self, Scalar other) -> Tensor", gt_kernel},
                       Cmp{"ge.Tensor(Tensor self, Tensor other) -> Tensor",
                           "ge.Scalar(Tensor self, Scalar other) -> Tensor", ge_kernel}}) {
    r.add({.schema = c.tensor_schema,
           .kernel = c.kernel,
           .meta = compare_meta,
           .nondifferentiable = true});
    r.add({.schema = c.scalar_schema,
           .kernel = c.kernel,
           .meta = compare_meta,
           .nondifferentiable = true});
  }

  r.add({.schema = "logical_and(Tensor self, Tensor other) -> Tensor",
         .kernel = logical_and_kernel,
         .meta = compare_meta,
         .nondifferentiable = true});

  r.add({.schema = "sin(Tensor self) -> Tensor",
         .kernel = sin_kernel,
         .meta = float_unary_meta,
         .backward_name = "SinBackward0",
         .backward = sin_backward,
         .save_args = arg(0)});
  r.add({.schema = "cos(Tensor self) -> Tensor",
         .kernel = cos_kernel,
         .meta = float_unary_meta,
         .backward_name = "CosBackward0",
         .backward = cos_backward,
         .save_args = arg(0)});
  r.add({.schema = "exp(Tensor self) -> Tensor",
         .kernel = exp_kernel,
         .meta = float_unary_meta,
         .backward_name = "ExpBackward0",
         .backward = exp_backward,
         .save_result = true});
  r.add({.schema = "log(Tensor self) -> Tensor",
         .kernel = log_kernel,
         .meta = float_unary_meta,
         .backward_name = "LogBackward0",
         .backward = log_backward,
         .save_args = arg(0)});
  r.add({.schema = "relu(Tensor self) -> Tensor",
         .kernel = relu_kernel,
         .meta = same_unary_meta,
         .backward_name = "ReluBackward0",
         .backward = relu_backward,
         .save_result = true});
  r.add({.schema = "sigmoid(Tensor self) -> Tensor",
         .kernel = sigmoid_kernel,
         .meta = float_unary_meta,
         .backward_name = "SigmoidBackward0",
         .backward = sigmoid_backward,
         .save_result = true});
  r.add({.schema = "tanh(Tensor self) -> Tensor",
         .kernel = tanh_kernel,
         .meta = float_unary_meta,
         .backward_name = "TanhBackward0",
         .backward = tanh_backward,
         .save_result = true});
  r.add({.schema = "abs(Tensor self) -> Tensor",
         .kernel = abs_kernel,
         .meta = same_unary_meta,
         .backward_name = "AbsBackward0",
         .backward = abs_backward,
         .save_args = arg(0)});
  r.add({.schema = "sqrt(Tensor self) -> Tensor",
         .kernel = sqrt_kernel,
         .meta = float_unary_meta,
         .backward_name = "SqrtBackward0",
         .backward = sqrt_backward,
         .save_result = true});
  r.add({.schema = "sgn(Tensor self) -> Tensor",
         .kernel = sgn_kernel,
         .meta = same_unary_meta,
         .backward_name = "SgnBackward0",
         .backward = sgn_backward});
  r.add({.schema = "where.self(Tensor condition, Tensor self, Tensor other) -> Tensor",
         .kernel = where_kernel,
         .meta = where_meta,
         .backward_name = "WhereBackward0",
         .backward = where_backward,
         .save_args = arg(0)});
  r.add(
      {.schema = "threshold_backward(Tensor grad_output, Tensor self, Scalar threshold) -> Tensor",
       .kernel = threshold_backward_kernel,
       .meta = arith_meta,
       .backward_name = "ThresholdBackwardBackward0"});
  r.add({.schema = "sigmoid_backward(Tensor grad_output, Tensor output) -> Tensor",
         .kernel = sigmoid_backward_kernel,
         .meta = arith_meta,
         .backward_name = "SigmoidBackwardBackward0"});
  r.add({.schema = "tanh_backward(Tensor grad_output, Tensor output) -> Tensor",
         .kernel = tanh_backward_kernel,
         .meta = arith_meta,
         .backward_name = "TanhBackwardBackward0"});
}

} // namespace bwhop::tensor
