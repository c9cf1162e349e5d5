#include "core/inductor/pointwise_lowering.h"

#include <mutex>

#include "core/tensor/op_registry.h"

namespace bwhop::inductor {

namespace {

struct Entry {
  const char* op;
  PointwiseLowering lowering;
};

PointwiseLowering same(const char* expr) {
  return {expr, -1, "", ResultDtype::Promote};
}
PointwiseLowering to_float(const char* expr) {
  return {expr, -1, "", ResultDtype::IntToFloat};
}
// add/sub/rsub: the general form scales by alpha; alpha == 1 prints without it.
PointwiseLowering alpha(const char* expr, const char* unit_expr) {
  return {expr, 2, unit_expr, ResultDtype::Promote};
}

// One line per op: this table is the whole of the backend's per-op knowledge.
const Entry kEntries[] = {
    {"add.Tensor", alpha("{0} + ({2} * {1})", "{0} + {1}")},
    {"add.Scalar", alpha("{0} + ({2} * {1})", "{0} + {1}")},
    {"sub.Tensor", alpha("{0} - ({2} * {1})", "{0} - {1}")},
    {"sub.Scalar", alpha("{0} - ({2} * {1})", "{0} - {1}")},
    {"rsub.Scalar", alpha("{1} - ({2} * {0})", "{1} - {0}")},
    {"mul.Tensor", same("{0} * {1}")},
    {"mul.Scalar", same("{0} * {1}")},
    {"div.Tensor", to_float("{0} / {1}")},
    {"div.Scalar", to_float("{0} / {1}")},
    {"pow.Tensor_Scalar", same("std::pow({0}, {1})")},
    {"pow.Tensor_Tensor", same("std::pow({0}, {1})")},
    {"neg", same("-{0}")},
    {"reciprocal", to_float("static_cast<{T}>(1) / {0}")},
    {"sin", to_float("std::sin({0})")},
    {"cos", to_float("std::cos({0})")},
    {"exp", to_float("std::exp({0})")},
    {"log", to_float("std::log({0})")},
    {"tanh", to_float("std::tanh({0})")},
    {"sqrt", to_float("std::sqrt({0})")},
    {"abs", same("std::abs({0})")},
    {"relu", same("std::max({0}, static_cast<{T}>(0))")},
    {"sigmoid", to_float("static_cast<{T}>(1) / (static_cast<{T}>(1) + std::exp(-{0}))")},
    {"sgn", same("static_cast<{T}>(({0} > 0) - ({0} < 0))")},
    {"threshold_backward", same("{1} <= {2} ? static_cast<{T}>(0) : {0}")},
    {"sigmoid_backward", same("{0} * ({1} * (static_cast<{T}>(1) - {1}))")},
    {"tanh_backward", same("{0} * (static_cast<{T}>(1) - {1} * {1})")},
};

} // namespace

void install_pointwise_lowerings() {
  static std::once_flag once;
  std::call_once(once, [] {
    tensor::OpRegistry& registry = tensor::OpRegistry::instance();
    // An op this build does not register is skipped.
    for (const Entry& e : kEntries) registry.set_inductor_lowering(e.op, e.lowering);
  });
}

const PointwiseLowering* find_pointwise_lowering(const tensor::OpDef& op) {
  return std::any_cast<PointwiseLowering>(&op.inductor_lowering);
}

} // namespace bwhop::inductor
