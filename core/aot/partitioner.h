// PyTorch's default partitioner (torch/_functorch/partitioners.py,
// default_partition): the forward graph is what the user outputs need; every
// forward value a backward node uses is saved, i.e. becomes an extra forward
// output and a backward input. Saved values are kept in joint-graph order, and
// those the backward ends up not using are dropped before both graphs are
// extracted again.
#pragma once

#include <memory>
#include <vector>

#include "core/aot/joint_trace.h"
#include "core/fx/graph.h"
#include "core/fx/graph_module.h"

namespace bwhop::aot {

struct PartitionedGraphs {
  // forward(primals...) -> (user outputs..., saved...)
  std::shared_ptr<fx::GraphModule> forward;
  // backward(saved..., tangents...) -> (one gradient or None per input)
  std::shared_ptr<fx::GraphModule> backward;
  std::size_t num_saved = 0;
};

// _extract_graph_with_inputs_outputs: a new graph whose placeholders are
// `inputs` (same names and metadata) holding every joint node computable from
// them, returning the tuple of `outputs` (null = None), then dead code removed.
std::shared_ptr<fx::Graph> extract_graph(const fx::Graph& joint,
                                         const std::vector<fx::Node*>& inputs,
                                         const std::vector<fx::Node*>& outputs);

PartitionedGraphs default_partition(const JointGraph& joint);

} // namespace bwhop::aot
