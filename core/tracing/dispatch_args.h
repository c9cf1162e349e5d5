// How a dispatch mode sees an op call, and how recorded arguments turn back into
// op arguments when a graph runs. The dispatcher passes the full positional list
// (Schema::bind); PyTorch hands __torch_dispatch__ the positional arguments up to
// the last one that differs from its default, and the keyword-only ones that
// differ from their default as keywords (parseIValuesToPyArgsKwargs).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/fx/argument.h"
#include "core/tensor/ivalue.h"
#include "core/tensor/schema.h"

namespace bwhop::tracing {

using tensor::IValue;

struct DispatchArgSplit {
  std::size_t num_positional = 0;    // args[0, num_positional) are positional
  std::vector<std::size_t> keywords; // indices of keyword-only args given explicitly
};
DispatchArgSplit split_dispatch_args(const tensor::Schema& schema, const tensor::Args& args);

// c10::IValue::operator== for the kinds defaults can have (same tag and value).
bool ivalue_equals(const IValue& a, const IValue& b);

// A graph constant that has no Argument case of its own (layout, memory format):
// printed through IValue::repr, turned back into the IValue when the graph runs.
class IValueConstant : public fx::OpaqueValue {
public:
  explicit IValueConstant(IValue value) : value_(std::move(value)) {}
  std::string repr() const override { return value_.repr(); }
  const IValue& value() const { return value_; }

private:
  IValue value_;
};

// A non-tensor IValue as a graph argument: numbers, None, dtypes, int lists, strings,
// devices; layouts and memory formats as IValueConstant. Tensors are the caller's job.
fx::Argument constant_argument(const IValue& v);

} // namespace bwhop::tracing
