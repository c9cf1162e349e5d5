// How a graph runner executes call_function targets that are not aten ops (e.g.
// trace_wrapped's `self_invoke` closure). The executable is attached to the node
// that calls it, under kCallableMetaKey, as a std::shared_ptr<const CallableTarget>,
// so it lives exactly as long as the graph (and is copied with the node's meta).
// Targets that live for the whole process (operator.mul, a module function) can
// instead be registered once with register_callable.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/tensor/ivalue.h"

namespace bwhop::fx {
class Node;
class Target;
} // namespace bwhop::fx

namespace bwhop::tracing {

using tensor::IValue;

using CallKwargs = std::vector<std::pair<std::string, IValue>>;

class CallableTarget {
public:
  virtual ~CallableTarget() = default;
  virtual IValue call(const std::vector<IValue>& args, const CallKwargs& kwargs) const = 0;
};

using CallablePtr = std::shared_ptr<const CallableTarget>;

inline constexpr const char* kCallableMetaKey = "bwhop.callable";

// Attaches `callable` to `node`.
void attach_callable(fx::Node& node, CallablePtr callable);
// The executable of every node calling `target` that has none attached.
void register_callable(const fx::Target* target, CallablePtr callable);
// The node's own executable, else its target's registered one, else null.
const CallableTarget* find_callable(const fx::Node& node);

} // namespace bwhop::tracing
