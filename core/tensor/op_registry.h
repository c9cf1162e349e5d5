// The one table of operators. Entries come from the ops_*.cpp files.
#pragma once

#include <any>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/tensor/op_def.h"

namespace bwhop::tensor {

class OpRegistry {
public:
  // The process-wide registry, filled on first use.
  static OpRegistry& instance();

  // Adds an entry; throws if the schema is bad or the name is taken.
  const OpDef& add(const OpSpec& spec);
  // By `mul.Tensor`, `aten::mul.Tensor`, `mul.default` or `neg`; null when unknown.
  const OpDef* find(std::string_view qualified) const;
  // Fills the entry's inductor lowering (the inductor layer owns that slot);
  // false when the op is not registered.
  bool set_inductor_lowering(std::string_view qualified, std::any lowering);
  // Like find, but throws std::out_of_range naming the op.
  const OpDef& get(std::string_view qualified) const;
  // All overloads of a base name (`mul` → mul.Tensor, mul.Scalar) in registration order.
  std::vector<const OpDef*> overloads(std::string_view name) const;
  std::span<const OpDef* const> all() const { return ordered_; }

private:
  OpRegistry() = default;
  std::vector<std::unique_ptr<OpDef>> owned_;
  std::vector<const OpDef*> ordered_;
  std::unordered_map<std::string, const OpDef*> by_name_;
};

// Shorthand for OpRegistry::instance().get(name).
const OpDef& op(std::string_view qualified);

} // namespace bwhop::tensor
