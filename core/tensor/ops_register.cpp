#include "core/tensor/ops_register.h"

#include "core/tensor/op_registry.h"

namespace bwhop::tensor {

void register_all_ops(OpRegistry& reg) {
  register_pointwise_ops(reg);
  register_reduction_ops(reg);
  register_view_ops(reg);
  register_index_ops(reg);
  register_linalg_ops(reg);
  register_factory_ops(reg);
}

} // namespace bwhop::tensor
