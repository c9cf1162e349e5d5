// Pass 2 of compiled autograd (PyTorch's begin_capture, per-node tracing and
// end_capture): turns a Collection into the compiled-autograd fx::Graph —
// placeholders `inputs, sizes, scalars, hooks, packed_data`, the unpacking
// getitems, one call per autograd node, then the reorder passes, DCE and
// unused-size removal.
#pragma once

#include <memory>
#include <vector>

#include "core/compiled_autograd/collect.h"
#include "core/fx/graph.h"

namespace bwhop::compiled_autograd {

struct CapturedGraph {
  std::shared_ptr<fx::Graph> graph;
  // Original indices of the size inputs the graph still reads, in their new order.
  std::vector<int> used_sizes;
};

// Only the capture (no passes): the graph as end_capture creates it.
std::shared_ptr<fx::Graph> capture_graph(const Collection& collection);

// capture_graph plus the passes end_capture runs.
CapturedGraph build_graph(const Collection& collection);

} // namespace bwhop::compiled_autograd
