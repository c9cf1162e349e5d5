#include "core/tensor/scalar_type.h"

namespace bwhop::tensor {

std::string_view scalar_type_name(ScalarType t) {
  switch (t) {
  case ScalarType::Int: return "int32";
  case ScalarType::Long: return "int64";
  case ScalarType::Float: return "float32";
  case ScalarType::Double: return "float64";
  case ScalarType::Bool: return "bool";
  }
  return "?";
}

std::string_view scalar_type_abbr(ScalarType t) {
  switch (t) {
  case ScalarType::Int: return "i32";
  case ScalarType::Long: return "i64";
  case ScalarType::Float: return "f32";
  case ScalarType::Double: return "f64";
  case ScalarType::Bool: return "b8";
  }
  return "?";
}

std::size_t scalar_type_itemsize(ScalarType t) {
  switch (t) {
  case ScalarType::Int: return 4;
  case ScalarType::Long: return 8;
  case ScalarType::Float: return 4;
  case ScalarType::Double: return 8;
  case ScalarType::Bool: return 1;
  }
  return 0;
}

bool is_floating(ScalarType t) { return t == ScalarType::Float || t == ScalarType::Double; }

}  // namespace bwhop::tensor
