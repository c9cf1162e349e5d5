// make_fx (torch.fx.experimental.proxy_tensor, tracing_mode="real"): runs a
// function on real inputs with a ProxyMode on the mode stack and returns the
// recorded graph as a module. The function runs with autograd on, as in
// PyTorch: the mode sits below the Autograd key, so the graph holds aten ops
// only, and a backward() inside the function records the backward formulas' ops.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/fx/graph_module.h"
#include "core/tracing/proxy_mode.h"
#include "core/tracing/tree.h"

namespace bwhop::tracing {

// What make_fx reads from the Python function object.
struct FunctionSignature {
  std::string name;                    // __name__: the printed class name
  std::vector<std::string> parameters; // positional parameter names, in order
  // The function takes *args (or has no __code__): make_fx wraps it in
  // fake_signature, a `<lambda>` with parameters arg0, arg1, ...
  bool has_varargs = false;
};

// A traced function: GraphModule plus the tensors its get_attr nodes read.
class TracedModule {
public:
  TracedModule(std::shared_ptr<fx::GraphModule> module, TensorAttributes attributes)
      : module_(std::move(module)), attributes_(std::move(attributes)) {}

  fx::GraphModule& module() { return *module_; }
  const fx::GraphModule& module() const { return *module_; }
  const std::shared_ptr<fx::GraphModule>& shared_module() const { return module_; }
  const TensorAttributes& attributes() const { return attributes_; }

  // gm(*inputs): runs the graph (see run_graph).
  Tree operator()(const std::vector<Tree>& inputs) const;

private:
  std::shared_ptr<fx::GraphModule> module_;
  TensorAttributes attributes_;
};

// Calls the traced function on its (real) arguments and returns its result.
using TracedFunction = std::function<Tree(const std::vector<Tree>& args)>;

// make_fx(f)(*args). Every leaf of every argument becomes a placeholder
// `<param>_<k>` (k counting from 1 per parameter); tensor leaves are tracked,
// other leaves are passed to the function as they are and end up as constants.
// Throws std::invalid_argument when there are more arguments than parameters.
TracedModule make_fx(const FunctionSignature& signature, const std::vector<Tree>& args,
                     const TracedFunction& fn);

} // namespace bwhop::tracing
