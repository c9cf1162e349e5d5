// The script object compiled autograd hands to compiler_fn: a GraphModule
// whose `forward` is a real script method compiled from the graph's generated
// code (PyTorch's recompile), with `code`, `graph`, `print_readable` and
// `__call__`.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "core/fx/graph_module.h"
#include "core/lang/native.h"

namespace bwhop::compiled_autograd {

// Objects for call targets the generated code cannot look up by module and
// name (per-graph closures such as call_aot_bwd_prologue).
using TargetValues = std::unordered_map<const fx::Target*, lang::Value>;

// Builds the module object; `module` names the class (`CompiledAutograd0`).
// Every global the code uses is bound: `torch`, `device`, and one mangled
// name per non-torch call target, resolved through its `__module__`.
lang::Value make_graph_module_object(std::shared_ptr<fx::GraphModule> module,
                                     const TargetValues& locals);

// The fx module behind a graph module object (through its `graph`
// attribute); null for other values.
std::shared_ptr<fx::GraphModule> graph_module_of(const lang::Value& object);

} // namespace bwhop::compiled_autograd
