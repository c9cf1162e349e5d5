// Tensor element types. Numbering follows c10::ScalarType, because that number is
// what PyTorch prints inside graphs (e.g. the `6` for float32 in validate_outputs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
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
bool is_integral(ScalarType t, bool include_bool);
// Parses "float32"/"float"/"int64"/"long"/"bool"/... (the attribute names of `torch`).
std::optional<ScalarType> scalar_type_from_name(std::string_view name);

// c10::promoteTypes restricted to our dtypes.
ScalarType promote_types(ScalarType a, ScalarType b);

// torch.get_default_dtype(); float32 unless changed.
ScalarType default_float_dtype();
void set_default_float_dtype(ScalarType t);

} // namespace bwhop::tensor
