// A built-in node's saved state as FX arguments for its functional backward op:
// the schema arguments (saved tensors as lifted inputs, other tensors None,
// non-tensor values as constants), constant metadata of saved tensors, and the
// saved result.
#pragma once

#include <optional>
#include <vector>

#include "core/autograd/op_node.h"
#include "core/compiled_autograd/collect.h"
#include "core/fx/argument.h"

namespace bwhop::compiled_autograd {

struct SavedArgs {
  std::vector<fx::Argument> args;                // one per schema argument
  std::vector<std::optional<fx::Argument>> meta; // `(dtype, [sizes])` of saved tensors
  fx::Argument result;                           // the lifted saved result, or None
};

// Throws std::runtime_error for saved values FX constants cannot express.
SavedArgs saved_args(const autograd::OpNode& node, const CollectedNode& collected,
                     const std::vector<fx::Node*>& inputs);

} // namespace bwhop::compiled_autograd
