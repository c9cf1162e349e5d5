// repr/str of tensors, sizes and dtypes, following torch/_tensor_str.py.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/tensor/tensor.h"

namespace bwhop::tensor {

// torch.set_printoptions state.
struct PrintOptions {
  int precision = 4;
  int64_t threshold = 1000;
  int64_t edgeitems = 3;
  int64_t linewidth = 80;
  std::optional<bool> sci_mode;
};
PrintOptions& print_options();

// `tensor([0.5000, 0.5000], requires_grad=True)`; str() and repr() are the same.
std::string tensor_repr(const Tensor& t);
// `torch.Size([2, 3])`
std::string size_repr(std::span<const int64_t> sizes);
// `torch.float32`
std::string dtype_repr(ScalarType t);

} // namespace bwhop::tensor
