#include "core/compiled_autograd/passes/dead_code.h"

#include "core/compiled_autograd/targets.h"
#include "core/fx/passes/dead_code.h"

namespace bwhop::compiled_autograd {

namespace {

bool uses_placeholder(const fx::Node& n) {
  for (std::size_t i = 0; i < n.num_inputs(); ++i)
    if (n.input(i)->op() == fx::OpKind::Placeholder) return true;
  return false;
}

bool impure_target(const fx::Target* t) {
  return t == call_hook_target() || t == call_accumulate_grad_target() ||
         t == final_callbacks_stub_target();
}

} // namespace

bool eliminate_dead_code_keeping_unpacking(fx::Graph& graph) {
  return fx::eliminate_dead_code(graph, [](const fx::Node& n) {
    if (uses_placeholder(n)) return true;
    if (n.op() == fx::OpKind::CallFunction && impure_target(n.function())) return true;
    return n.is_impure();
  });
}

} // namespace bwhop::compiled_autograd
