#include "core/aot/graph_compiler.h"

#include "core/tracing/graph_runner.h"

namespace bwhop::aot {

CompiledGraph interpret_graph(const GraphToCompile& graph) {
  std::shared_ptr<fx::GraphModule> module = graph.module;
  std::shared_ptr<const tracing::TensorAttributes> attributes = graph.attributes;
  if (!attributes) attributes = std::make_shared<const tracing::TensorAttributes>();
  return [module, attributes](const std::vector<IValue>& inputs) {
    std::vector<tracing::Tree> trees(inputs.begin(), inputs.end());
    tracing::Tree result = tracing::run_graph(module->graph(), *attributes, trees);
    return result.leaves();
  };
}

} // namespace bwhop::aot
