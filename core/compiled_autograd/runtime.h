// The compiled-autograd runtime: the engine entry installed by `_enable`, the
// per-run cache of compiled graphs, and the call of the compiled graph with
// PyTorch's argument conventions (sizes as `[0, v]` tensors marked
// maybe-dynamic on dim 1, the lifted inputs list, the hooks list).
#pragma once

#include <memory>
#include <vector>

#include "core/autograd/edge.h"
#include "core/autograd/node.h"
#include "core/lang/native.h"

namespace bwhop::compiled_autograd {

// Per-run state, kept on the torch._dynamo.compiled_autograd module.
struct RuntimeState;
lang::Value make_runtime_state();

// `_enable(compiler_fn)` entered / exited (nestable); `reset()`.
void push_compiler(const lang::Value& compiler_fn);
void pop_compiler();
void reset_cache();
// `_disable()`: suspends the engine entry until resume_engine_entry.
bool suspend_engine_entry();
void resume_engine_entry(bool was_installed);

// The engine entry itself (exposed for tests): collect, build or reuse the
// compiled graph, run it. Returns the captured gradients (none for backward()).
// Without keep_graph the nodes' saved tensors are freed afterwards, as the
// engine frees them; a node whose tensors were freed raises PyTorch's error.
std::vector<tensor::Tensor> run_compiled_backward(const std::shared_ptr<autograd::Node>& graph_root,
                                                  bool accumulate_grad,
                                                  const std::vector<autograd::Edge>& output_edges,
                                                  bool keep_graph);

} // namespace bwhop::compiled_autograd
