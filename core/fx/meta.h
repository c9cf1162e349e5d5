// Node metadata that printing reads: the value annotation (`node.meta["val"]` /
// `["example_value"]`), either a tensor's dtype and shape or a SymInt.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/fx/sym_expr.h"
#include "core/tensor/scalar_type.h"

namespace bwhop::fx {

// One tensor dimension (or stride): a concrete int or a symbolic expression.
using Dim = std::variant<int64_t, SymExprPtr>;

std::string dim_str(const Dim& dim);

struct TensorMeta {
  tensor::ScalarType dtype = tensor::ScalarType::Float;
  std::vector<Dim> shape;
  std::vector<Dim> stride;    // printed only with include_stride
  std::string device = "cpu"; // str(device), printed only with include_device
  std::string subclass;       // empty for torch.Tensor / FakeTensor; else `Cls(...)` form
};

using TensorMetaPtr = std::shared_ptr<const TensorMeta>;

// What the annotation sees: nothing, a tensor, or a SymInt/SymFloat/SymBool.
using MetaValue = std::variant<std::monostate, TensorMetaPtr, SymExprPtr>;

inline TensorMetaPtr make_tensor_meta(tensor::ScalarType dtype, std::vector<Dim> shape) {
  auto m = std::make_shared<TensorMeta>();
  m->dtype = dtype;
  m->shape = std::move(shape);
  return m;
}

} // namespace bwhop::fx
