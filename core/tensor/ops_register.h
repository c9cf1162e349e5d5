// Registration entry points of the op files (internal to core/tensor).
#pragma once

namespace bwhop::tensor {

class OpRegistry;

void register_all_ops(OpRegistry& reg);
void register_pointwise_ops(OpRegistry& reg);
void register_reduction_ops(OpRegistry& reg);
void register_view_ops(OpRegistry& reg);
void register_index_ops(OpRegistry& reg);
void register_linalg_ops(OpRegistry& reg);
void register_factory_ops(OpRegistry& reg);

} // namespace bwhop::tensor
