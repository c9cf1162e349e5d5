// Guards: the facts a compiled entry assumed about its inputs (tensor dtype,
// shape and requires_grad; constant values; object identity and types), each
// read through its source on every call.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/dynamo/source.h"
#include "core/tensor/tensor.h"
#include "core/tracing/sym_linear.h"

namespace bwhop::dynamo {

struct Guard {
  enum class Kind : unsigned char { TensorMatch, ConstantMatch, IdMatch, TypeMatch, ShapeEnv };
  Kind kind = Kind::ConstantMatch;
  SourcePtr source;
  Value expected;                 // ConstantMatch: the value; IdMatch: the object
  lang::Type* type = nullptr;     // TypeMatch
  tensor::ScalarType dtype{};     // TensorMatch
  tensor::IntList sizes, strides; // TensorMatch (kDynamicDim: not checked, symbolic)
  bool requires_grad = false;     // TensorMatch
  // ShapeEnv: each symbol is read from its first source; every other sized
  // source must equal its expression (duck sizing, equalities the ops proved).
  std::vector<std::pair<int, SourcePtr>> symbol_sources;
  std::vector<std::pair<SourcePtr, tracing::SymLinear>> relations;
};

inline constexpr int64_t kDynamicDim = -1;

// A tensor guard from the value seen while compiling.
Guard tensor_guard(SourcePtr source, const tensor::Tensor& t);
Guard constant_guard(SourcePtr source, Value v);
Guard id_guard(SourcePtr source, Value v);
Guard type_guard(SourcePtr source, lang::Type* t);

// One guard as the `guards` artifact prints it.
std::string describe(const Guard& g);

// Checks one guard; nullopt when it holds, else why it failed (the text
// PyTorch's recompile reasons use, e.g. "tensor 'L['x']' size mismatch at
// index 0. expected 2, actual 3").
std::optional<std::string>
check(const Guard& g, const std::unordered_map<std::string, Value>& locals, const Value& globals);

class GuardSet {
public:
  // Adds a guard unless the same kind of guard on the same source exists.
  void add(Guard g);
  const std::vector<Guard>& guards() const { return guards_; }
  // The first failing guard's reason, or nullopt when all hold.
  std::optional<std::string> check_all(const std::unordered_map<std::string, Value>& locals,
                                       const Value& globals) const;
  std::string describe_all() const;
  // Replaces the tensor guard on `source` (dims become symbolic after capture).
  Guard* find(Guard::Kind kind, const std::string& source_name);

private:
  std::vector<Guard> guards_;
  std::unordered_map<std::string, int> seen_; // "<kind>:<source>" → index
};

} // namespace bwhop::dynamo
