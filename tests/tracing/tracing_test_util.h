// Helpers shared by the tracing (and hop) unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/autograd/autograd_kernel.h"
#include "core/autograd/variable.h"
#include "core/tensor/ops.h"
#include "core/tracing/make_fx.h"

namespace bwhop::tracing::testing {

// A file from tests/tracing/expected/ (oracle outputs recorded from PyTorch).
inline std::string read_expected(const std::string& file) {
  std::filesystem::path p =
      std::filesystem::path(BWHOP_SOURCE_DIR) / "tests/tracing/expected" / file;
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("missing expected file " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// torch.tensor([...]) of float32, optionally requiring grad.
inline tensor::Tensor floats(std::vector<double> values, bool requires_grad = false) {
  autograd::install();
  auto n = static_cast<int64_t>(values.size());
  tensor::Tensor t = tensor::ops::from_doubles(values, {n}, tensor::ScalarType::Float);
  if (requires_grad) autograd::set_requires_grad(t, true);
  return t;
}

inline std::vector<double> values(const tensor::Tensor& t) {
  return tensor::ops::to_doubles(t);
}
inline std::vector<double> values(const Tree& t) {
  return values(t.leaf().to_tensor());
}
inline const tensor::Tensor& tensor_of(const Tree& t) {
  return t.leaf().to_tensor();
}

} // namespace bwhop::tracing::testing
