// The autograd engine: runs grad_fn graphs in PyTorch's order (ready nodes by
// descending sequence number), calling hooks, accumulating into .grad.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/autograd/edge.h"
#include "core/autograd/node.h"

namespace bwhop::autograd {

// Tensor.backward / torch.autograd.backward. `grad_tensors[i]` may be undefined:
// then outputs[i] must be a scalar and ones_like is used. `inputs` (optional) limits
// accumulation to those tensors.
void backward(const std::vector<Tensor>& outputs, const std::vector<Tensor>& grad_tensors = {},
              bool retain_graph = false, bool create_graph = false,
              const std::vector<Tensor>& inputs = {});

// torch.autograd.grad: gradients of outputs w.r.t. inputs (undefined when unused and
// allow_unused). retain_graph defaults to create_graph, as in PyTorch.
std::vector<Tensor> grad(const std::vector<Tensor>& outputs, const std::vector<Tensor>& inputs,
                         const std::vector<Tensor>& grad_outputs = {},
                         std::optional<bool> retain_graph = std::nullopt, bool create_graph = false,
                         bool allow_unused = false);

// Low-level entry (Engine::execute): root edges with their gradients; when
// `output_edges` is non-empty, returns the gradients arriving there instead of
// running what is not needed to reach them.
std::vector<Tensor> execute(const std::vector<Edge>& roots, std::vector<Tensor> grads,
                            bool keep_graph, bool create_graph, bool accumulate_grad,
                            const std::vector<Edge>& output_edges = {});

// Visits every node reachable from `roots` once, in discovery order (for tools
// such as compiled autograd or graph printers).
std::vector<std::shared_ptr<Node>> collect_nodes(const std::vector<Edge>& roots);

// Engine option: always build a GraphRoot, even for a single root (compiled autograd).
void set_always_use_graph_root(bool on);

// Compiled autograd's entry (Engine::execute hands the graph to it when installed):
// receives the GraphRoot (always built then), whether gradients accumulate into
// .grad, the capture edges of autograd.grad, and whether the graph's saved
// tensors are kept (retain_graph); returns the captured gradients.
using CompiledAutogradFn =
    std::function<std::vector<Tensor>(const std::shared_ptr<Node>& graph_root, bool accumulate_grad,
                                      const std::vector<Edge>& output_edges, bool keep_graph)>;
// Installs (or, with an empty function, removes) the compiled autograd entry.
void set_compiled_autograd(CompiledAutogradFn fn);
bool compiled_autograd_enabled();

} // namespace bwhop::autograd
