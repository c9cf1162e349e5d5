// The value type of op arguments and results (a small c10::IValue). A Scalar in a
// schema is simply a bool, int or double IValue; an optional is None or the value.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/tensor/device.h"
#include "core/tensor/scalar_type.h"
#include "core/tensor/tensor.h"

namespace bwhop::tensor {

// c10::Layout and c10::MemoryFormat, numbered as c10 numbers them.
enum class Layout : int8_t { Strided = 0 };
enum class MemoryFormat : int8_t { Contiguous = 0, Preserve = 1, ChannelsLast = 2 };

class IValue {
public:
  enum class Tag : uint8_t {
    None,
    Bool,
    Int,
    Double,
    Tensor,
    IntList,
    TensorList,
    ScalarType,
    String,
    Device,
    Layout,
    MemoryFormat
  };

  IValue() = default;
  IValue(std::nullptr_t) {}
  IValue(bool v) : v_(v) {}
  IValue(int v) : v_(static_cast<int64_t>(v)) {}
  IValue(int64_t v) : v_(v) {}
  IValue(double v) : v_(v) {}
  IValue(Tensor v) : v_(std::move(v)) {}
  IValue(IntList v) : v_(std::move(v)) {}
  IValue(std::vector<Tensor> v) : v_(std::move(v)) {}
  IValue(ScalarType v) : v_(v) {}
  IValue(std::string v) : v_(std::move(v)) {}
  IValue(const char* v) : v_(std::string(v)) {}
  IValue(Device v) : v_(v) {}
  IValue(Layout v) : v_(v) {}
  IValue(MemoryFormat v) : v_(v) {}

  Tag tag() const { return static_cast<Tag>(v_.index()); }
  bool is_none() const { return tag() == Tag::None; }
  bool is_bool() const { return tag() == Tag::Bool; }
  bool is_int() const { return tag() == Tag::Int; }
  bool is_double() const { return tag() == Tag::Double; }
  bool is_scalar() const { return is_bool() || is_int() || is_double(); }
  bool is_tensor() const { return tag() == Tag::Tensor; }
  bool is_int_list() const { return tag() == Tag::IntList; }
  bool is_tensor_list() const { return tag() == Tag::TensorList; }
  bool is_scalar_type() const { return tag() == Tag::ScalarType; }
  bool is_string() const { return tag() == Tag::String; }
  bool is_device() const { return tag() == Tag::Device; }
  bool is_layout() const { return tag() == Tag::Layout; }
  bool is_memory_format() const { return tag() == Tag::MemoryFormat; }

  bool to_bool() const;
  int64_t to_int() const;   // also accepts bool
  double to_double() const; // any scalar
  const Tensor& to_tensor() const;
  const IntList& to_int_list() const;
  const std::vector<Tensor>& to_tensor_list() const;
  ScalarType to_scalar_type() const;
  const std::string& to_string() const;
  Device to_device() const;
  Layout to_layout() const;
  MemoryFormat to_memory_format() const;

  // Python-style repr: `None`, `True`, `2`, `2.0`, `[1, 2]`, `torch.float32`, `'s'`,
  // `device(type='cpu')`, `torch.strided`, `torch.contiguous_format`; tensors as `<Tensor>`.
  std::string repr() const;

private:
  std::variant<std::monostate, bool, int64_t, double, Tensor, IntList, std::vector<Tensor>,
               ScalarType, std::string, Device, Layout, MemoryFormat>
      v_;
};

using Args = std::vector<IValue>;

// Python float repr (shortest round-trip form: `0.5`, `2.0`, `1e-05`, `inf`).
std::string python_float_repr(double v);

} // namespace bwhop::tensor
