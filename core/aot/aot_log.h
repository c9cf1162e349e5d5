// The `aot_graphs` artifacts (TORCH_LOGS=aot_graphs): each graph under a
// `===== Forward graph <id> =====` / `===== Backward graph <id> =====` header, as
// lazy_format_graph_code titles them, printed readable with strides and devices
// and normalized. PyTorch's "TRACED GRAPH" line and source file name are left out:
// the file name is a temporary path that no golden could hold.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/fx/graph_module.h"

namespace bwhop::aot {

inline constexpr const char* kAotGraphsArtifact = "aot_graphs";

std::string format_aot_graph(std::string_view title, int64_t aot_id, const fx::GraphModule& module);

// Records format_aot_graph(...) as an `aot_graphs` artifact.
void log_aot_graph(std::string_view title, int64_t aot_id, const fx::GraphModule& module);

} // namespace bwhop::aot
