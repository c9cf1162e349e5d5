// Executables of captured graphs: call_function / call_method nodes carry a
// CallableTarget that calls the script-level callable they were traced from
// (operator.mul, torch.mul, Tensor.sum), so the graph runner (and AOT
// autograd's tracing of it) behaves exactly as the eager script would.
#pragma once

#include <string>
#include <vector>

#include "core/fx/graph.h"
#include "core/lang/ast.h"
#include "core/lang/native.h"
#include "core/tracing/callable_target.h"

namespace bwhop::dynamo {

using lang::Value;
using tensor::IValue;

// The operator-module callables nodes carry (created once per process, since
// every node of a large graph needs one): `getitem`, `neg`, a binary operator.
const Value& getitem_builtin();
const Value& neg_builtin();
const Value& binary_builtin(lang::BinOpKind op, bool inplace);

// A script callable as a graph target: calls `fn(*args, **kwargs)`.
tracing::CallablePtr script_function_callable(Value fn);
// A tensor method as a graph target: calls `args[0].<name>(*args[1:], **kwargs)`.
tracing::CallablePtr script_method_callable(std::string name);

// Value <-> IValue for the values graphs pass around (tensors, numbers, None,
// strings, lists of ints or tensors).
IValue to_ivalue(const Value& v);
Value to_value(const IValue& v);

// Marks nodes that call compiled autograd's allow-in-graph ops: AOT autograd
// cannot trace through them, so inductor runs such graphs as captured.
inline constexpr const char* kOpaqueOpMetaKey = "bwhop.opaque_op";

// Runs a captured graph on script values (the eager backend, and backends that
// fall back to it): each node calls the script callable it was traced from, so
// graphs may pass lists, SymInt values, devices and objects between nodes.
std::vector<Value> run_script_graph(const fx::Graph& graph, const std::vector<Value>& inputs);

} // namespace bwhop::dynamo
