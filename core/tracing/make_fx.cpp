#include "core/tracing/make_fx.h"

#include <stdexcept>

#include "core/tracing/graph_runner.h"

namespace bwhop::tracing {

namespace {

// Tracer.create_args_for_root with concrete_args = (PH, ...): each leaf of a
// parameter's value becomes placeholder `<param>_<k>`; tensors are tracked.
void add_placeholders(ProxyMode& mode, const std::string& param, const Tree& arg) {
  int count = 0;
  arg.for_each_leaf([&](const IValue& leaf) {
    std::string target = param + "_" + std::to_string(++count);
    fx::Node* ph = mode.graph().placeholder(target);
    if (leaf.is_tensor() && leaf.to_tensor().defined()) mode.track(leaf.to_tensor(), ph);
  });
}

} // namespace

Tree TracedModule::operator()(const std::vector<Tree>& inputs) const {
  return run_graph(module_->graph(), attributes_, inputs);
}

TracedModule make_fx(const FunctionSignature& signature, const std::vector<Tree>& args,
                     const TracedFunction& fn) {
  std::vector<std::string> params;
  std::string class_name = signature.name;
  if (signature.has_varargs) {
    class_name = "<lambda>";
    for (std::size_t i = 0; i < args.size(); ++i) params.push_back("arg" + std::to_string(i));
  } else {
    if (args.size() > signature.parameters.size())
      throw std::invalid_argument(
          signature.name + "() takes " + std::to_string(signature.parameters.size()) +
          " positional arguments but " + std::to_string(args.size()) + " were given");
    params.assign(signature.parameters.begin(), signature.parameters.begin() + args.size());
  }

  auto mode = std::make_shared<ProxyMode>();
  for (std::size_t i = 0; i < args.size(); ++i) add_placeholders(*mode, params[i], args[i]);
  Tree result;
  {
    tensor::ModeGuard on(mode);
    result = fn(args);
  }
  mode->graph().output(mode->to_argument(result));
  auto module = std::make_shared<fx::GraphModule>(mode->shared_graph(), class_name);
  return TracedModule(std::move(module), mode->take_attributes());
}

} // namespace bwhop::tracing
