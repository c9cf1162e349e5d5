// Running one aten graph node through the dispatcher: finding its registry entry
// and turning its fx arguments into the op's full positional argument list.
#pragma once

#include <functional>
#include <stdexcept>

#include "core/fx/node.h"
#include "core/tensor/ivalue.h"
#include "core/tensor/op_def.h"

namespace bwhop::inductor {

// A graph this backend cannot compile; the message says why.
class Unsupported : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The registry entry of an aten call_function node, else null.
const tensor::OpDef* aten_op_of(const fx::Node& node);
// True for `operator.getitem`.
bool is_getitem(const fx::Node& node);

using NodeValue = std::function<const tensor::IValue&(const fx::Node* node)>;

// The node's arguments bound to the op's schema; node arguments read through `value`.
tensor::Args bind_aten_args(const fx::Node& node, const tensor::OpDef& op, const NodeValue& value);
// getitem's result from its base value.
tensor::IValue getitem_value(const fx::Node& node, const NodeValue& value);

// A metadata-only copy of `t` (same dtype, sizes and strides, no storage).
tensor::Tensor meta_tensor_like(const tensor::Tensor& t);
// Runs `op` on meta arguments (its meta function; composites decompose first).
tensor::IValue run_meta(const tensor::OpDef& op, const tensor::Args& args);

// Calls f(leaf) for every non-container leaf of a graph output argument, in
// pytree order (the flat outputs a compiled graph returns).
template <class F> void for_each_output_leaf(const fx::Argument& arg, F&& f) {
  if (const fx::ArgTuple* t = arg.get_if<fx::ArgTuple>()) {
    for (const fx::Argument& a : t->items) for_each_output_leaf(a, f);
  } else if (const fx::ArgList* l = arg.get_if<fx::ArgList>()) {
    for (const fx::Argument& a : l->items) for_each_output_leaf(a, f);
  } else {
    f(arg);
  }
}

} // namespace bwhop::inductor
