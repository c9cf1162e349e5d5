// Lowers an fx graph of aten ops to the loop IR and schedules it into kernels.
//
// Fusion rule (a simplified form of inductor's scheduler):
//  * A node is pointwise when its op has a PointwiseLowering and every tensor it
//    reads or writes is float32/float64; every other call is an extern step.
//  * A pointwise node is inlined into its consumer (no buffer) when it has exactly
//    one user, that user is pointwise, it is not a graph output, and its inner
//    function (itself plus what is inlined into it) has at most
//    config().large_inner_fn_threshold() distinct ops, counted as OpCounterCSE
//    does (ops, loaded nodes, constants). Otherwise it is materialized: it gets a
//    buffer name (buf0, buf1, ... numbered with the extern results in graph order).
//  * Materialized nodes that follow each other in graph order with the same shape
//    share one kernel (one loop nest), up to config().max_fusion_size of them
//    (torch._inductor.config.max_fusion_size); an extern call, a shape change or a
//    full kernel starts a new kernel. Inside a kernel a member reads an earlier
//    member's temporary, so a buffer read only inside its own kernel is never stored.
//  * Kernels are named cpp_fused_<sorted distinct op names of every fused node>_<n>,
//    n counting distinct kernel sources in the graph (assign_kernel_names).
//  * Only call_function aten ops and operator.getitem are accepted; other targets
//    (hook closures, higher-order ops) make the whole graph Unsupported.
#pragma once

#include <vector>

#include "core/fx/graph.h"
#include "core/inductor/loop_ir.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::inductor {

// Throws Unsupported naming the node when the graph has a target this backend
// cannot run (anything but aten ops and getitem).
LoweredGraph lower_graph(const fx::Graph& graph, const tracing::TensorAttributes& attributes,
                         const std::vector<tensor::IValue>& example_inputs);

} // namespace bwhop::inductor
