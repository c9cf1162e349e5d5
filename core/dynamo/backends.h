// Backends: what turns a captured graph into something that runs. `eager`
// runs the graph as it is; `aot_eager` hands it to AOT autograd (core/aot),
// `inductor` to AOT autograd with inductor's compilers (core/inductor); a
// script callable `backend(gm, example_inputs)` returns its own callable.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/fx/graph_module.h"
#include "core/lang/native.h"
#include "core/tensor/ivalue.h"

namespace bwhop::dynamo {

using lang::Value;

// Flat graph inputs (tensors, lists, ints) in, the graph's output tuple out.
using CompiledFn = std::function<std::vector<Value>(const std::vector<Value>& inputs)>;

// Compiles `module` with the backend named by `backend` (a str) or the script
// callable `backend`; ValueError for an unknown name.
CompiledFn compile_with_backend(const Value& backend,
                                const std::shared_ptr<fx::GraphModule>& module,
                                const std::vector<Value>& example_inputs);

// torch._inductor.compile(gm, example_inputs): takes an AOT id and compiles
// the graph with inductor; graphs whose inputs are not all tensors (compiled
// autograd's list and SymInt inputs) run through the script graph runner.
Value inductor_compile(const Value& gm, const Value& example_inputs);

// torch._dynamo.backends.registry.lookup_backend(name): the named backend as a
// callable `backend(gm, example_inputs)` returning the compiled callable.
Value lookup_backend(const Value& name);

// The script GraphModule object handed to callable backends.
Value wrap_graph_module(std::shared_ptr<fx::GraphModule> module);

} // namespace bwhop::dynamo
