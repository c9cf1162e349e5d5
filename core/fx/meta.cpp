#include "core/fx/meta.h"

namespace bwhop::fx {

std::string dim_str(const Dim& dim) {
  if (const int64_t* v = std::get_if<int64_t>(&dim)) return std::to_string(*v);
  const SymExprPtr& e = std::get<SymExprPtr>(dim);
  return e ? e->str() : std::string("?");
}

} // namespace bwhop::fx
