// The symbolic-shape layer's expressions, as FX sees them: something that can
// print itself (`s7`, `s7 + 1`, `2`). FX never inspects them further.
#pragma once

#include <memory>
#include <string>

namespace bwhop::fx {

class SymExpr {
public:
  virtual ~SymExpr() = default;
  virtual std::string str() const = 0;
};

using SymExprPtr = std::shared_ptr<const SymExpr>;

} // namespace bwhop::fx
