// Operator schemas in native_functions.yaml syntax, parsed once into structure:
// `mul.Tensor(Tensor self, Tensor other) -> Tensor`.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/tensor/ivalue.h"

namespace bwhop::tensor {

enum class BaseType : uint8_t {
  Tensor,
  Scalar,
  Int,
  SymInt,
  Float,
  Bool,
  ScalarType,
  Layout,
  Device,
  MemoryFormat,
  Str,
  Generator
};

struct ArgType {
  BaseType base = BaseType::Tensor;
  bool is_list = false;
  std::optional<int64_t> list_size; // `int[1]`
  bool optional = false;
  std::string str; // as written: `int[1]?`
};

struct Argument {
  std::string name;
  ArgType type;
  std::string alias; // `a`, `a!` (mutated) or empty
  bool kwarg_only = false;
  bool has_default = false;
  IValue default_value;
  std::string default_text; // as written in the schema
};

struct Schema {
  std::string name;     // `mul`
  std::string overload; // `Tensor`; empty for the default overload
  std::vector<Argument> args;
  std::vector<Argument> returns;

  // Parses one schema; throws std::invalid_argument with the position on bad text.
  static Schema parse(std::string_view text);
  // `mul.Tensor`, or just `neg` for the default overload.
  std::string qualified_name() const;
  // Overload name as torch.ops prints it: `Tensor` or `default`.
  std::string overload_or_default() const { return overload.empty() ? "default" : overload; }
  // The schema text back, in PyTorch's format.
  std::string str() const;
  // Index of a named argument, or -1.
  int index_of(std::string_view arg_name) const;
  // Positional + keyword arguments to the full positional list in schema order,
  // filling defaults; throws std::invalid_argument naming the problem.
  Args bind(std::span<const IValue> positional,
            std::span<const std::pair<std::string, IValue>> kwargs) const;
};

} // namespace bwhop::tensor
