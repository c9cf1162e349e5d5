// The inductor lowering of an elementwise op, stored as data on its registry entry
// (OpDef::inductor_lowering): a C++ expression template over the op's schema
// arguments. `{i}` is schema argument i (a tensor value or a scalar constant), `{T}`
// the C++ type the op computes in. Ops without such an entry run as extern kernels.
#pragma once

#include <string>

#include "core/tensor/op_def.h"

namespace bwhop::inductor {

// How the result dtype follows from the tensor operands (only floating operands are
// lowered, so both rules give the promoted type; the rule is checked against meta).
enum class ResultDtype { Promote, IntToFloat };

struct PointwiseLowering {
  std::string expr; // `{0} * {1}`
  // When schema argument `unit_arg` is the constant 1 (add's alpha), `unit_expr` is
  // used instead, so `x + y` does not print as `x + 1 * y`.
  int unit_arg = -1;
  std::string unit_expr;
  ResultDtype dtype = ResultDtype::Promote;
};

// Fills OpDef::inductor_lowering for every elementwise op this backend lowers.
// Idempotent; called by every entry point before lowering.
void install_pointwise_lowerings();

// The op's lowering, or null when the op is not lowered to a loop.
const PointwiseLowering* find_pointwise_lowering(const tensor::OpDef& op);

} // namespace bwhop::inductor
