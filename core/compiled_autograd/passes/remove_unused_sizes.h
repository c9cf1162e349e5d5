// remove_unused_sizes: erases the `sizes[i]` getitems nobody reads and
// re-indexes the rest 0..k-1 in graph order; the runtime then passes only
// those sizes.
#pragma once

#include <vector>

#include "core/fx/graph.h"

namespace bwhop::compiled_autograd {

// Returns the original indices of the sizes still used, in their new order.
std::vector<int> remove_unused_sizes(fx::Graph& graph);

} // namespace bwhop::compiled_autograd
