// The compiled-autograd cache key (PyTorch's CacheNode walk): everything of a
// Collection that shapes the graph — node kinds and names, edges, hook and
// input layout, constants baked into the graph, AOT artifacts — but not size
// values, which are graph inputs.
#pragma once

#include <string>

#include "core/compiled_autograd/collect.h"

namespace bwhop::compiled_autograd {

std::string cache_key(const Collection& collection);

} // namespace bwhop::compiled_autograd
