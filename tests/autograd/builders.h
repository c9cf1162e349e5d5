// Helpers for autograd tests.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "core/autograd/variable.h"
#include "core/tensor/ops.h"
#include "core/tensor/tensor_print.h"

namespace bwhop::autograd::testing {

inline tensor::Tensor T(std::vector<double> v, tensor::IntList s) {
  return tensor::ops::from_doubles(v, s, tensor::ScalarType::Float);
}
inline tensor::Tensor leaf(std::vector<double> v, tensor::IntList s) {
  tensor::Tensor t = T(std::move(v), std::move(s));
  set_requires_grad(t, true);
  return t;
}
// The leaves used by the generated gradient tests (same values as the generator's).
inline std::tuple<tensor::Tensor, tensor::Tensor, tensor::Tensor> leaves() {
  return {leaf({0.5, 1.5, 2.0, 0.25, 3.0, 1.25}, {2, 3}),
          leaf({1.0, -2.0, 0.5, 0.25, 3.0, 1.0}, {3, 2}), leaf({1.0, -1.0, 2.0}, {3})};
}
inline std::string grad_repr(const tensor::Tensor& t) {
  tensor::Tensor g = grad(t);
  return g.defined() ? tensor::tensor_repr(g) : "None";
}

} // namespace bwhop::autograd::testing
