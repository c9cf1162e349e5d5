#include "core/aot/aot_log.h"

#include "core/common/artifacts.h"
#include "core/fx/normalize.h"

namespace bwhop::aot {

std::string format_aot_graph(std::string_view title, int64_t aot_id,
                             const fx::GraphModule& module) {
  fx::ReadableOptions options;
  options.include_stride = true;
  options.include_device = true;
  std::string text = "===== ";
  text += title;
  text += ' ';
  text += std::to_string(aot_id);
  text += " =====\n";
  text += fx::normalize_gm(module.print_readable(false, options));
  return text;
}

void log_aot_graph(std::string_view title, int64_t aot_id, const fx::GraphModule& module) {
  common::record_artifact(kAotGraphsArtifact, format_aot_graph(title, aot_id, module));
}

} // namespace bwhop::aot
