#include "core/tracing/dispatch_args.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace bwhop::tracing {

using tensor::Schema;

bool ivalue_equals(const IValue& a, const IValue& b) {
  if (a.tag() != b.tag()) return false;
  using Tag = IValue::Tag;
  switch (a.tag()) {
  case Tag::None:
    return true;
  case Tag::Bool:
    return a.to_bool() == b.to_bool();
  case Tag::Int:
    return a.to_int() == b.to_int();
  case Tag::Double:
    return a.to_double() == b.to_double();
  case Tag::Tensor:
    return a.to_tensor().is_same(b.to_tensor());
  case Tag::IntList:
    return a.to_int_list() == b.to_int_list();
  case Tag::TensorList: {
    const auto& x = a.to_tensor_list();
    const auto& y = b.to_tensor_list();
    return std::equal(
        x.begin(), x.end(), y.begin(), y.end(),
        [](const tensor::Tensor& l, const tensor::Tensor& r) { return l.is_same(r); });
  }
  case Tag::ScalarType:
    return a.to_scalar_type() == b.to_scalar_type();
  case Tag::String:
    return a.to_string() == b.to_string();
  case Tag::Device:
    return a.to_device() == b.to_device();
  case Tag::Layout:
    return a.to_layout() == b.to_layout();
  case Tag::MemoryFormat:
    return a.to_memory_format() == b.to_memory_format();
  }
  return false;
}

DispatchArgSplit split_dispatch_args(const Schema& schema, const tensor::Args& args) {
  const std::size_t n = std::min(args.size(), schema.args.size());
  auto is_default = [&](std::size_t i) {
    const tensor::Argument& a = schema.args[i];
    return a.has_default && ivalue_equals(a.default_value, args[i]);
  };
  std::size_t kwarg_only_start = n;
  while (kwarg_only_start > 0 && schema.args[kwarg_only_start - 1].kwarg_only) --kwarg_only_start;
  std::size_t positional_end = kwarg_only_start;
  while (positional_end > 0 && is_default(positional_end - 1)) --positional_end;
  DispatchArgSplit split;
  split.num_positional = positional_end;
  for (std::size_t i = kwarg_only_start; i < n; ++i)
    if (!is_default(i)) split.keywords.push_back(i);
  return split;
}

fx::Argument constant_argument(const IValue& v) {
  using Tag = IValue::Tag;
  switch (v.tag()) {
  case Tag::None:
    return fx::Argument();
  case Tag::Bool:
    return fx::Argument(v.to_bool());
  case Tag::Int:
    return fx::Argument(v.to_int());
  case Tag::Double:
    return fx::Argument(v.to_double());
  case Tag::IntList: {
    std::vector<fx::Argument> items;
    items.reserve(v.to_int_list().size());
    for (int64_t i : v.to_int_list()) items.emplace_back(i);
    return fx::Argument::list(std::move(items));
  }
  case Tag::ScalarType:
    return fx::Argument(v.to_scalar_type());
  case Tag::String:
    return fx::Argument(v.to_string());
  case Tag::Device:
    return fx::Argument(fx::Device(v.to_device().str()));
  case Tag::Layout:
  case Tag::MemoryFormat:
    return fx::Argument(std::make_shared<const IValueConstant>(v));
  case Tag::Tensor:
  case Tag::TensorList:
    break;
  }
  throw std::logic_error("constant_argument: tensors need a tracer");
}

} // namespace bwhop::tracing
