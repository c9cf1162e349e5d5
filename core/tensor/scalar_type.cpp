#include "core/tensor/scalar_type.h"

#include <stdexcept>

namespace bwhop::tensor {

std::string_view scalar_type_name(ScalarType t) {
  switch (t) {
  case ScalarType::Int:
    return "int32";
  case ScalarType::Long:
    return "int64";
  case ScalarType::Float:
    return "float32";
  case ScalarType::Double:
    return "float64";
  case ScalarType::Bool:
    return "bool";
  }
  return "?";
}

std::string_view scalar_type_abbr(ScalarType t) {
  switch (t) {
  case ScalarType::Int:
    return "i32";
  case ScalarType::Long:
    return "i64";
  case ScalarType::Float:
    return "f32";
  case ScalarType::Double:
    return "f64";
  case ScalarType::Bool:
    return "b8";
  }
  return "?";
}

std::size_t scalar_type_itemsize(ScalarType t) {
  switch (t) {
  case ScalarType::Int:
    return 4;
  case ScalarType::Long:
    return 8;
  case ScalarType::Float:
    return 4;
  case ScalarType::Double:
    return 8;
  case ScalarType::Bool:
    return 1;
  }
  return 0;
}

bool is_floating(ScalarType t) {
  return t == ScalarType::Float || t == ScalarType::Double;
}

bool is_integral(ScalarType t, bool include_bool) {
  return t == ScalarType::Int || t == ScalarType::Long || (include_bool && t == ScalarType::Bool);
}

std::optional<ScalarType> scalar_type_from_name(std::string_view name) {
  if (name == "float32" || name == "float") return ScalarType::Float;
  if (name == "float64" || name == "double") return ScalarType::Double;
  if (name == "int64" || name == "long") return ScalarType::Long;
  if (name == "int32" || name == "int") return ScalarType::Int;
  if (name == "bool") return ScalarType::Bool;
  return std::nullopt;
}

namespace {
// Rank in the promotion lattice for our subset: bool < int32 < int64 < float32 < float64.
int rank(ScalarType t) {
  switch (t) {
  case ScalarType::Bool:
    return 0;
  case ScalarType::Int:
    return 1;
  case ScalarType::Long:
    return 2;
  case ScalarType::Float:
    return 3;
  case ScalarType::Double:
    return 4;
  }
  return 0;
}
} // namespace

ScalarType promote_types(ScalarType a, ScalarType b) {
  return rank(a) >= rank(b) ? a : b;
}

namespace {
ScalarType g_default_float = ScalarType::Float;
}

ScalarType default_float_dtype() {
  return g_default_float;
}

void set_default_float_dtype(ScalarType t) {
  if (!is_floating(t))
    throw std::invalid_argument("only floating-point types are supported as the default type");
  g_default_float = t;
}

} // namespace bwhop::tensor
