#include "core/torch/python_arg_parser.h"

#include <algorithm>
#include <optional>

#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/torch/errors.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using tensor::ArgType;
using tensor::Argument;
using tensor::BaseType;
using tensor::IValue;

namespace {

// Overloads PyTorch hides from Python (gen_python_functions' skip list): the
// Tensor overload takes the number as a wrapped tensor instead.
bool hidden_from_python(const std::string& qualified) {
  static const char* const hidden[] = {"add.Scalar", "sub.Scalar", "mul.Scalar", "div.Scalar"};
  return std::any_of(std::begin(hidden), std::end(hidden),
                     [&](const char* h) { return qualified == h; });
}

bool is_plain_tensor(const ArgType& t) {
  return t.base == BaseType::Tensor && !t.is_list;
}
bool is_int_list(const ArgType& t) {
  return t.is_list && (t.base == BaseType::Int || t.base == BaseType::SymInt);
}

// PyTorch's is_arg_smaller: the left type accepts what the right one does and more.
bool arg_smaller(const ArgType& a, const ArgType& b) {
  if (a.base == BaseType::Scalar && !a.is_list && is_plain_tensor(b) && a.optional == b.optional)
    return true;
  if (is_int_list(a) && !b.is_list && (b.base == BaseType::Int || b.base == BaseType::SymInt))
    return true;
  if (a.is_list && a.base == BaseType::Tensor && b.is_list) return a.str != b.str;
  return false;
}

// s1 < s2: every parameter equal or smaller, not all equal.
bool signature_smaller(const PySignature& s1, const PySignature& s2) {
  const auto& a1 = s1.op->schema.args;
  const auto& a2 = s2.op->schema.args;
  if (a1.size() != a2.size()) return false;
  bool all_equal = true;
  for (size_t i = 0; i < a1.size(); ++i) {
    if (a1[i].type.str == a2[i].type.str) continue;
    all_equal = false;
    if (!arg_smaller(a1[i].type, a2[i].type)) return false;
  }
  return !all_equal;
}

// Orders signatures so a smaller one comes after every signature it is smaller than.
void sort_signatures(std::vector<PySignature>& sigs) {
  std::vector<PySignature> out;
  while (!sigs.empty()) {
    size_t pick = 0;
    for (size_t i = 0; i < sigs.size(); ++i) {
      bool must_wait = false;
      for (size_t j = 0; j < sigs.size() && !must_wait; ++j)
        must_wait = i != j && signature_smaller(sigs[i], sigs[j]);
      if (!must_wait) {
        pick = i;
        break;
      }
    }
    out.push_back(std::move(sigs[pick]));
    sigs.erase(sigs.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  sigs = std::move(out);
}

// The name a parameter has in Python: a Tensor `self` is `input` in function form.
std::string python_name(const Argument& a, bool is_method) {
  if (!is_method && a.name == "self" && is_plain_tensor(a.type)) return "input";
  return a.name;
}

// PyTorch's type names in argument errors.
std::string python_type_name(const ArgType& t) {
  if (t.is_list) {
    if (t.base == BaseType::Tensor) return "tuple of Tensors";
    if (t.base == BaseType::Float) return "tuple of floats";
    if (t.base == BaseType::Bool) return "tuple of bools";
    return "tuple of ints";
  }
  switch (t.base) {
  case BaseType::Tensor:
    return "Tensor";
  case BaseType::Scalar:
    return "Number";
  case BaseType::Int:
  case BaseType::SymInt:
    return "int";
  case BaseType::Float:
    return "float";
  case BaseType::Bool:
    return "bool";
  case BaseType::ScalarType:
    return "torch.dtype";
  case BaseType::Layout:
    return "torch.layout";
  case BaseType::Device:
    return "torch.device";
  case BaseType::MemoryFormat:
    return "torch.memory_format";
  case BaseType::Str:
    return "str";
  case BaseType::Generator:
    return "torch.Generator";
  }
  return "object";
}

bool is_python_int(const Value& v) {
  return v.is_int();
} // bool excluded, as THPUtils_checkLong
bool is_number(const Value& v) {
  return v.is_int() || v.is_bool() || v.is_float();
}

IValue number_ivalue(const Value& v) {
  if (v.is_bool()) return IValue(v.as_bool());
  if (v.is_int()) return IValue(v.as_int());
  return IValue(v.as_float());
}

// A 0-dim tensor that does not require grad, read as a number (PyTorch accepts
// those for Scalar, int and float parameters).
std::optional<IValue> tensor_as_number(const Value& v, bool integral_only) {
  const tensor::Tensor* t = as_tensor(v);
  if (!t || t->dim() != 0 || t->requires_grad()) return std::nullopt;
  if (integral_only && !tensor::is_integral(t->dtype(), false)) return std::nullopt;
  if (tensor::is_floating(t->dtype())) return IValue(t->item_double());
  if (t->dtype() == tensor::ScalarType::Bool) return IValue(t->item_int() != 0);
  return IValue(t->item_int());
}

std::optional<IValue> to_int_list(const Value& v, const ArgType& t) {
  if (t.list_size && is_python_int(v))
    return IValue(tensor::IntList(static_cast<size_t>(*t.list_size), v.as_int()));
  if (!native::is_list(v) && !native::is_tuple(v)) return std::nullopt;
  const auto& items = native::is_list(v) ? native::list_items(v) : native::tuple_items(v);
  tensor::IntList out;
  out.reserve(items.size());
  for (const Value& item : items) {
    if (is_python_int(item))
      out.push_back(item.as_int());
    else if (auto n = tensor_as_number(item, true))
      out.push_back(n->to_int());
    else
      return std::nullopt;
  }
  return IValue(std::move(out));
}

std::optional<IValue> to_tensor_list(const Value& v) {
  if (!native::is_list(v) && !native::is_tuple(v)) return std::nullopt;
  const auto& items = native::is_list(v) ? native::list_items(v) : native::tuple_items(v);
  std::vector<tensor::Tensor> out;
  for (const Value& item : items) {
    const tensor::Tensor* t = as_tensor(item);
    if (!t) return std::nullopt;
    out.push_back(*t);
  }
  return IValue(std::move(out));
}

// Converts one script value for a parameter of type `t`; nullopt when it does not fit.
std::optional<IValue> convert(const Value& v, const ArgType& t, bool numbers_as_tensors) {
  if (v.is_none()) {
    if (t.optional) return IValue();
    return std::nullopt;
  }
  if (t.is_list) {
    if (t.base == BaseType::Tensor) return to_tensor_list(v);
    if (t.base == BaseType::Int || t.base == BaseType::SymInt) return to_int_list(v, t);
    return std::nullopt;
  }
  switch (t.base) {
  case BaseType::Tensor:
    if (const tensor::Tensor* x = as_tensor(v)) return IValue(*x);
    if (numbers_as_tensors && is_number(v)) return number_ivalue(v);
    return std::nullopt;
  case BaseType::Scalar:
    if (is_number(v)) return number_ivalue(v);
    return tensor_as_number(v, false);
  case BaseType::Int:
  case BaseType::SymInt:
    if (is_python_int(v)) return IValue(v.as_int());
    return tensor_as_number(v, true);
  case BaseType::Float:
    if (is_number(v)) return IValue(native::as_float(v));
    if (auto n = tensor_as_number(v, false)) return IValue(n->to_double());
    return std::nullopt;
  case BaseType::Bool:
    if (v.is_bool()) return IValue(v.as_bool());
    return std::nullopt;
  case BaseType::ScalarType:
    if (auto d = as_dtype(v)) return IValue(*d);
    return std::nullopt;
  case BaseType::Layout:
    if (is_layout(v)) return IValue(tensor::Layout::Strided);
    return std::nullopt;
  case BaseType::Device:
    if (is_device(v) || native::is_str(v)) return IValue(parse_device(v));
    return std::nullopt;
  case BaseType::MemoryFormat:
    if (auto f = as_memory_format(v)) return IValue(*f);
    return std::nullopt;
  case BaseType::Str:
    if (native::is_str(v)) return IValue(native::as_str(v));
    return std::nullopt;
  case BaseType::Generator:
    return std::nullopt;
  }
  return std::nullopt;
}

bool has_arg(const tensor::Schema& s, const char* name) {
  return s.index_of(name) >= 0;
}

std::string int_list_mismatch(const std::string& fn, const std::string& param, const ArgType& t,
                              const Value& v);

struct ParseResult {
  tensor::Args args;
  bool requires_grad = false;
};

// Matches the call against one signature. On mismatch returns nullopt and sets `why`
// to PyTorch's message for a single-signature function.
std::optional<ParseResult> parse(const PyFunction& fn, const PySignature& sig, const Value& self,
                                 const lang::Args& a, std::string& why) {
  const tensor::Schema& schema = sig.op->schema;
  ParseResult r;
  r.args.assign(schema.args.size(), IValue());
  if (sig.self_index >= 0) r.args[static_cast<size_t>(sig.self_index)] = IValue(*as_tensor(self));

  std::vector<Value> positional(a.pos, a.pos + a.npos);
  if (sig.intlist_varargs && !positional.empty() && is_python_int(positional[0])) {
    std::vector<Value> items = std::move(positional);
    positional = {native::make_tuple(std::move(items))};
  }
  if (positional.size() > sig.max_positional) {
    why = fn.name + "() takes " + std::to_string(sig.max_positional) + " positional argument" +
          (sig.max_positional == 1 ? "" : "s") + " but " + std::to_string(positional.size()) +
          " were given";
    return std::nullopt;
  }
  std::vector<bool> used_kw(a.nkw, false);
  for (size_t p = 0; p < sig.params.size(); ++p) {
    const Argument& arg = schema.args[static_cast<size_t>(sig.params[p])];
    const std::string name = python_name(arg, fn.is_method);
    Value v;
    for (size_t k = 0; k < a.nkw; ++k)
      if (a.kw[k].name->s == name) {
        if (p < positional.size()) {
          why = fn.name + "() got multiple values for argument '" + name + "'";
          return std::nullopt;
        }
        v = a.kw[k].value;
        used_kw[k] = true;
      }
    if (p < positional.size()) v = positional[p];
    IValue& out = r.args[static_cast<size_t>(sig.params[p])];
    if (v.is_null()) {
      if (arg.has_default)
        out = arg.default_value;
      else if (arg.type.optional)
        out = IValue();
      else {
        why = fn.name + "() missing 1 required positional arguments: \"" + name + "\"";
        return std::nullopt;
      }
      continue;
    }
    auto converted = convert(v, arg.type, fn.numbers_as_tensors);
    if (!converted) {
      why = int_list_mismatch(fn.name, name, arg.type, v);
      if (!why.empty()) return std::nullopt;
      // Positional arguments are named with their position, keywords without.
      std::string where = p < positional.size() ? " (position " + std::to_string(p + 1) + ")" : "";
      why = fn.name + "(): argument '" + name + "'" + where + " must be " +
            python_type_name(arg.type) + ", not " + lang::type_name(v);
      return std::nullopt;
    }
    out = std::move(*converted);
  }
  for (size_t k = 0; k < a.nkw; ++k) {
    if (used_kw[k]) continue;
    if (sig.tensor_options && a.kw[k].name->s == "requires_grad" && a.kw[k].value.is_bool()) {
      r.requires_grad = a.kw[k].value.as_bool();
      continue;
    }
    why = fn.name + "() got an unexpected keyword argument '" + a.kw[k].name->s + "'";
    return std::nullopt;
  }
  if (sig.tensor_options) {
    // What PyTorch's bindings put into TensorOptions: the device and pin_memory
    // always; for *_like, dtype and layout default to the input's.
    auto fill = [&](const char* name, IValue v) {
      int i = schema.index_of(name);
      if (i >= 0 && r.args[static_cast<size_t>(i)].is_none())
        r.args[static_cast<size_t>(i)] = std::move(v);
    };
    int self_i = schema.index_of("self");
    if (self_i >= 0 && r.args[static_cast<size_t>(self_i)].is_tensor()) {
      fill("dtype", IValue(r.args[static_cast<size_t>(self_i)].to_tensor().dtype()));
      fill("layout", IValue(tensor::Layout::Strided));
    }
    fill("device", IValue(tensor::Device{}));
    fill("pin_memory", IValue(false));
  }
  return r;
}

std::string signature_text(const PyFunction& fn, const PySignature& sig) {
  std::string s = "(";
  bool kw_started = false;
  for (size_t p = 0; p < sig.params.size(); ++p) {
    const Argument& arg = sig.op->schema.args[static_cast<size_t>(sig.params[p])];
    if (p) s += ", ";
    if (arg.kwarg_only && !kw_started) {
      s += "*, ";
      kw_started = true;
    }
    s += python_type_name(arg.type) + " " + python_name(arg, fn.is_method);
  }
  return s + ")";
}

// The argument types as PyTorch lists them: `(Tensor, str)`, `(str, foo=int)`,
// and, with keywords only, `(foo=int, )`.
std::string got_text(const lang::Args& a) {
  std::string s = "(";
  for (size_t i = 0; i < a.npos; ++i) s += (i ? ", " : "") + lang::type_name(a.pos[i]);
  for (size_t k = 0; k < a.nkw; ++k) {
    std::string item = a.kw[k].name->s + "=" + lang::type_name(a.kw[k].value);
    s += a.npos ? ", " + item : item + ", ";
  }
  return s + ")";
}

// The element that keeps a list from being an int list (PyTorch names it).
std::string int_list_mismatch(const std::string& fn, const std::string& param, const ArgType& t,
                              const Value& v) {
  if (!is_int_list(t) || (!native::is_list(v) && !native::is_tuple(v))) return {};
  const auto& items = native::is_list(v) ? native::list_items(v) : native::tuple_items(v);
  for (size_t i = 0; i < items.size(); ++i)
    if (!is_python_int(items[i]) && !tensor_as_number(items[i], true))
      return fn + "(): argument '" + param + "' must be tuple of " +
             (t.base == BaseType::SymInt ? "SymInts" : "ints") + ", but found element of type " +
             lang::type_name(items[i]) + " at pos " + std::to_string(i + 1);
  return {};
}

Value run(const PySignature& sig, ParseResult r) {
  return translate_errors([&] {
    IValue out = tensor::call_op(*sig.op, std::move(r.args));
    if (r.requires_grad && out.is_tensor()) autograd::set_requires_grad(out.to_tensor(), true);
    return ivalue_to_value(out);
  });
}

} // namespace

PyFunction make_py_function(const std::string& name, const std::string& op_name, bool is_method,
                            bool numbers_as_tensors) {
  PyFunction fn;
  fn.name = name;
  fn.is_method = is_method;
  fn.numbers_as_tensors = numbers_as_tensors;
  for (const tensor::OpDef* op : tensor::OpRegistry::instance().overloads(op_name)) {
    if (hidden_from_python(op->qualified)) continue;
    const tensor::Schema& s = op->schema;
    PySignature sig;
    sig.op = op;
    if (is_method) {
      sig.self_index = s.index_of("self");
      if (sig.self_index < 0 || !is_plain_tensor(s.args[static_cast<size_t>(sig.self_index)].type))
        continue;
    }
    for (size_t i = 0; i < s.args.size(); ++i) {
      if (static_cast<int>(i) == sig.self_index) continue;
      sig.params.push_back(static_cast<int>(i));
      if (!s.args[i].kwarg_only) ++sig.max_positional;
    }
    sig.intlist_varargs = sig.max_positional == 1 && !sig.params.empty() &&
                          is_int_list(s.args[static_cast<size_t>(sig.params[0])].type);
    sig.tensor_options = has_arg(s, "dtype") && has_arg(s, "layout") && has_arg(s, "device") &&
                         has_arg(s, "pin_memory");
    fn.signatures.push_back(std::move(sig));
  }
  sort_signatures(fn.signatures);
  return fn;
}

Value try_call_py_function(const PyFunction& fn, const Value& self, const lang::Args& a) {
  std::string why;
  for (const PySignature& sig : fn.signatures)
    if (auto r = parse(fn, sig, self, a, why)) return run(sig, std::move(*r));
  return Value();
}

Value call_py_function(const PyFunction& fn, const Value& self, const lang::Args& a) {
  std::string why;
  for (const PySignature& sig : fn.signatures)
    if (auto r = parse(fn, sig, self, a, why)) return run(sig, std::move(*r));
  if (fn.signatures.size() == 1) native::raise_error(lang::types::TypeError, why);
  std::string msg = fn.name + "() received an invalid combination of arguments - got " +
                    got_text(a) + ", but expected one of:";
  for (const PySignature& sig : fn.signatures) msg += "\n * " + signature_text(fn, sig);
  native::raise_error(lang::types::TypeError, msg);
}

Value ivalue_to_value(const IValue& v) {
  switch (v.tag()) {
  case IValue::Tag::None:
    return native::none();
  case IValue::Tag::Bool:
    return native::make_bool(v.to_bool());
  case IValue::Tag::Int:
    return native::make_int(v.to_int());
  case IValue::Tag::Double:
    return native::make_float(v.to_double());
  case IValue::Tag::Tensor:
    return wrap_tensor(v.to_tensor());
  case IValue::Tag::IntList: {
    std::vector<Value> items;
    for (int64_t i : v.to_int_list()) items.push_back(native::make_int(i));
    return native::make_list(std::move(items));
  }
  case IValue::Tag::TensorList: {
    std::vector<Value> items;
    for (const tensor::Tensor& t : v.to_tensor_list()) items.push_back(wrap_tensor(t));
    return native::make_tuple(std::move(items));
  }
  case IValue::Tag::ScalarType:
    return dtype_object(v.to_scalar_type());
  case IValue::Tag::String:
    return native::make_str(v.to_string());
  case IValue::Tag::Device:
    return device_object(v.to_device());
  case IValue::Tag::Layout:
    return strided_layout();
  case IValue::Tag::MemoryFormat:
    return memory_format_object(v.to_memory_format());
  }
  return native::none();
}

} // namespace bwhop::torchmod
