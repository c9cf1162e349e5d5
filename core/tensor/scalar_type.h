// Tensor element types. Numbering follows c10::ScalarType, because that number is
// what PyTorch prints inside graphs (e.g. the `6` for float32 in validate_outputs).
#pragma once

#include <cstdint>
#include <string_view>

namespace bwhop::tensor {

enum class ScalarType : int8_t {
  Int = 3,
  Long = 4,
  Float = 6,
  Double = 7,
  Bool = 11,
};

// `torch.float32`-style name without the `torch.` prefix: "float32", "int64", ...
std::string_view scalar_type_name(ScalarType t);
// Abbreviation used in FX annotations (torch/utils/_dtype_abbrs.py): "f32", "i64", "b8".
std::string_view scalar_type_abbr(ScalarType t);
std::size_t scalar_type_itemsize(ScalarType t);
bool is_floating(ScalarType t);

}  // namespace bwhop::tensor
