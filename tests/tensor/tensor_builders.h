// Small constructors for tests: T = float32, D = float64, I = int64, I32, B = bool.
#pragma once

#include <vector>

#include "core/tensor/ivalue.h"
#include "core/tensor/ops.h"
#include "core/tensor/tensor_print.h"

namespace bwhop::tensor::testing {

inline Tensor T(std::vector<double> v, IntList s) {
  return ops::from_doubles(v, s, ScalarType::Float);
}
inline Tensor D(std::vector<double> v, IntList s) {
  return ops::from_doubles(v, s, ScalarType::Double);
}
inline Tensor I(std::vector<int64_t> v, IntList s) {
  return ops::from_ints(v, s, ScalarType::Long);
}
inline Tensor I32(std::vector<int64_t> v, IntList s) {
  return ops::from_ints(v, s, ScalarType::Int);
}
inline Tensor B(std::vector<int64_t> v, IntList s) {
  return ops::from_ints(v, s, ScalarType::Bool);
}

} // namespace bwhop::tensor::testing
