// Where a tensor lives. Only the CPU exists here; the type is kept so printed
// forms (`cpu`, `device(type='cpu')`) and comparisons have one home.
#pragma once

#include <string>

namespace bwhop::tensor {

struct Device {
  enum class Type : int8_t { CPU = 0 };
  Type type = Type::CPU;

  std::string str() const { return "cpu"; }
  bool operator==(const Device&) const = default;
};

} // namespace bwhop::tensor
