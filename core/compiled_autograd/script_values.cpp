#include "core/compiled_autograd/script_values.h"

#include <algorithm>

#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"

namespace bwhop::compiled_autograd {

namespace native = lang::native;
using lang::Value;

std::vector<Value> sequence_items(const Value& v, const char* what) {
  if (native::is_list(v)) return native::list_items(v);
  if (native::is_tuple(v)) return native::tuple_items(v);
  native::raise_error(lang::types::TypeError,
                      std::string(what) + " must be a list or tuple, not " + lang::type_name(v));
}

tensor::IntList int_list(const Value& v, const char* what) {
  tensor::IntList out;
  for (const Value& item : sequence_items(v, what)) out.push_back(native::as_int(item, what));
  return out;
}

namespace {

tensor::IValue to_ivalue(const Value& v, const tensor::Argument& arg) {
  if (v.is_none()) return tensor::IValue();
  if (const tensor::Tensor* t = torchmod::as_tensor(v)) return tensor::IValue(*t);
  if (auto d = torchmod::as_dtype(v)) return tensor::IValue(*d);
  if (auto f = torchmod::as_memory_format(v)) return tensor::IValue(*f);
  if (torchmod::is_layout(v)) return tensor::IValue(tensor::Layout::Strided);
  if (native::is_str(v)) return tensor::IValue(native::as_str(v));
  if (native::is_list(v) || native::is_tuple(v)) return tensor::IValue(int_list(v, "int list"));
  if (v.is_bool()) return tensor::IValue(v.as_bool());
  if (v.is_int()) return tensor::IValue(native::as_int(v));
  if (v.is_float()) return tensor::IValue(native::as_float(v));
  if (native::type_of_value(v) == torchmod::device_type()) return tensor::IValue(tensor::Device{});
  native::raise_error(lang::types::TypeError,
                      "cannot pass " + lang::type_name(v) + " as argument '" + arg.name + "'");
}

} // namespace

tensor::Args ivalue_args(const tensor::Schema& schema, const std::vector<Value>& values) {
  if (values.size() != schema.args.size())
    native::raise_error(lang::types::TypeError, schema.qualified_name() + ": expected " +
                                                    std::to_string(schema.args.size()) +
                                                    " saved arguments, got " +
                                                    std::to_string(values.size()));
  tensor::Args out;
  out.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    out.push_back(to_ivalue(values[i], schema.args[i]));
  return out;
}

std::vector<tensor::TensorMeta> tensor_metas(const std::vector<Value>& values) {
  std::vector<tensor::TensorMeta> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].is_none()) continue;
    std::vector<Value> entry = sequence_items(values[i], "arg_meta entry");
    if (entry.size() != 2)
      native::raise_error(lang::types::TypeError, "arg_meta entries are (dtype, sizes)");
    out[i].defined = true;
    out[i].dtype = static_cast<tensor::ScalarType>(native::as_int(entry[0], "dtype"));
    out[i].sizes = int_list(entry[1], "sizes");
  }
  return out;
}

bool is_expandable_to(const tensor::IntList& shape, const tensor::IntList& desired) {
  if (shape.size() > desired.size()) return false;
  for (std::size_t k = 0; k < shape.size(); ++k) {
    int64_t want = shape[shape.size() - 1 - k];
    int64_t have = desired[desired.size() - 1 - k];
    if (want != have && want != 1) return false;
  }
  return true;
}

std::vector<int64_t> contiguous_strides(const tensor::IntList& sizes) {
  std::vector<int64_t> strides(sizes.size(), 1);
  for (std::size_t i = sizes.size(); i-- > 1;)
    strides[i - 1] = strides[i] * std::max<int64_t>(sizes[i], 1);
  return strides;
}

} // namespace bwhop::compiled_autograd
