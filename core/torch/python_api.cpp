#include "core/torch/python_api.h"

#include <deque>
#include <map>
#include <string>

#include "core/torch/tensor_object.h"

namespace bwhop::torchmod {

namespace native = lang::native;

namespace {

// One script-visible name. `op` is the registry's base name.
struct Exposed {
  const char* name;
  const char* op;
  bool function;
  bool method;
};

// PyTorch's variants for the ops of the registry (native_functions.yaml).
constexpr Exposed kExposed[] = {
    {"add", "add", true, true},
    {"sub", "sub", true, true},
    {"mul", "mul", true, true},
    {"div", "div", true, true},
    {"rsub", "rsub", true, false},
    {"pow", "pow", true, true},
    {"neg", "neg", true, true},
    {"reciprocal", "reciprocal", true, true},
    {"eq", "eq", true, true},
    {"ne", "ne", true, true},
    {"lt", "lt", true, true},
    {"le", "le", true, true},
    {"gt", "gt", true, true},
    {"ge", "ge", true, true},
    {"sin", "sin", true, true},
    {"cos", "cos", true, true},
    {"exp", "exp", true, true},
    {"log", "log", true, true},
    {"relu", "relu", true, true},
    {"sigmoid", "sigmoid", true, true},
    {"tanh", "tanh", true, true},
    {"abs", "abs", true, true},
    {"sqrt", "sqrt", true, true},
    {"sgn", "sgn", true, true},
    {"where", "where", true, true},
    {"sum", "sum", true, true},
    {"mean", "mean", true, true},
    {"clone", "clone", true, true},
    {"detach", "detach", true, true},
    {"view", "view", false, true},
    {"reshape", "reshape", true, true},
    {"t", "t", true, true},
    {"transpose", "transpose", true, true},
    {"permute", "permute", true, true},
    {"unsqueeze", "unsqueeze", true, true},
    {"squeeze", "squeeze", true, true},
    {"expand", "expand", false, true},
    {"expand_as", "expand_as", false, true},
    {"sum_to_size", "sum_to_size", false, true},
    {"matmul", "matmul", true, true},
    {"mm", "mm", true, true},
    {"mv", "mv", true, true},
    {"dot", "dot", true, true},
    {"bmm", "bmm", true, true},
    {"ones", "ones", true, false},
    {"zeros", "zeros", true, false},
    {"empty", "empty", true, false},
    {"full", "full", true, false},
    {"arange", "arange", true, false},
    {"rand", "rand", true, false},
    {"randn", "randn", true, false},
    {"ones_like", "ones_like", true, false},
    {"zeros_like", "zeros_like", true, false},
    {"empty_like", "empty_like", true, false},
    {"full_like", "full_like", true, false},
    {"copy_", "copy_", false, true},
    {"fill_", "fill_", false, true},
    {"add_", "add_", false, true},
};

// PyTorch's should_allow_numbers_as_tensors: Tensor parameters of these accept numbers.
bool numbers_as_tensors(std::string_view name) {
  for (std::string_view n : {"add", "add_", "sub", "sub_", "mul", "mul_", "div", "div_", "copy_"})
    if (n == name) return true;
  return false;
}

struct Tables {
  std::deque<PyFunction> storage; // stable addresses
  std::map<std::string, const PyFunction*, std::less<>> functions, methods;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
    for (const Exposed& e : kExposed) {
      bool numbers = numbers_as_tensors(e.name);
      if (e.function) {
        out.storage.push_back(make_py_function(e.name, e.op, false, numbers));
        if (!out.storage.back().signatures.empty()) out.functions[e.name] = &out.storage.back();
      }
      if (e.method) {
        out.storage.push_back(make_py_function(e.name, e.op, true, numbers));
        if (!out.storage.back().signatures.empty()) out.methods[e.name] = &out.storage.back();
      }
    }
    return out;
  }();
  return t;
}

lang::Args rest_of(const lang::Args& a) {
  return lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw};
}

// A method whose receiver is args[0].
lang::NativeFn method_fn(const PyFunction* fn) {
  return [fn](const lang::Args& a) { return call_py_function(*fn, a[0], rest_of(a)); };
}

// A binary operator: NotImplemented when the other operand fits no signature
// (PyTorch's _wrap_type_error_to_not_implemented).
lang::NativeFn operator_fn(const char* method, bool swap_to_function = false) {
  const PyFunction* fn = swap_to_function ? torch_function(method) : tensor_method(method);
  return [fn, swap_to_function](const lang::Args& a) {
    if (a.npos != 2) native::raise_error(lang::types::TypeError, "expected 1 argument");
    Value r;
    if (swap_to_function) {
      Value pos[2] = {a[1], a[0]};
      r = try_call_py_function(*fn, Value(), lang::Args{pos, 2, nullptr, 0});
    } else {
      r = try_call_py_function(*fn, a[0], lang::Args{a.pos + 1, 1, nullptr, 0});
    }
    return r.is_null() ? lang::not_implemented() : r;
  };
}

} // namespace

const PyFunction* torch_function(std::string_view name) {
  auto& f = tables().functions;
  auto it = f.find(name);
  return it == f.end() ? nullptr : it->second;
}

const PyFunction* tensor_method(std::string_view name) {
  auto& m = tables().methods;
  auto it = m.find(name);
  return it == m.end() ? nullptr : it->second;
}

Value call_torch_function(std::string_view name, std::vector<Value> args) {
  return call_py_function(*torch_function(name), Value(),
                          lang::Args{args.data(), args.size(), nullptr, 0});
}

Value call_tensor_method(std::string_view name, const Value& self, std::vector<Value> args) {
  return call_py_function(*tensor_method(name), self,
                          lang::Args{args.data(), args.size(), nullptr, 0});
}

void define_tensor_op_methods() {
  static const bool done = [] {
    lang::Type* t = tensor_type();
    for (const auto& [name, fn] : tables().methods) native::def_method(t, name, method_fn(fn));
    struct Op {
      const char* dunder;
      const char* method;
    };
    for (const Op& op :
         {Op{"__add__", "add"}, Op{"__radd__", "add"}, Op{"__sub__", "sub"}, Op{"__mul__", "mul"},
          Op{"__rmul__", "mul"}, Op{"__truediv__", "div"}, Op{"__pow__", "pow"},
          Op{"__matmul__", "matmul"}, Op{"__eq__", "eq"}, Op{"__ne__", "ne"}, Op{"__lt__", "lt"},
          Op{"__le__", "le"}, Op{"__gt__", "gt"}, Op{"__ge__", "ge"}, Op{"__iadd__", "add_"}})
      native::def_method(t, op.dunder, operator_fn(op.method));
    // Tensor.__rsub__ is torch.rsub(self, other); __rpow__ is torch.pow(other, self).
    native::def_method(t, "__rsub__", [fn = torch_function("rsub")](const lang::Args& a) {
      Value r = try_call_py_function(*fn, Value(), lang::Args{a.pos, 2, nullptr, 0});
      return r.is_null() ? lang::not_implemented() : r;
    });
    native::def_method(t, "__rpow__", operator_fn("pow", true));
    // Tensor.__rtruediv__ is `self.reciprocal() * other`, as PyTorch writes it.
    native::def_method(t, "__rtruediv__", [](const lang::Args& a) {
      if (!a[1].is_int() && !a[1].is_float() && !a[1].is_bool()) return lang::not_implemented();
      Value r = call_tensor_method("reciprocal", a[0], {});
      return call_tensor_method("mul", r, {a[1]});
    });
    native::def_method(t, "__neg__",
                       [](const lang::Args& a) { return call_tensor_method("neg", a[0], {}); });
    native::def_method(t, "__abs__",
                       [](const lang::Args& a) { return call_tensor_method("abs", a[0], {}); });
    return true;
  }();
  (void)done;
}

void bind_torch_functions(const Value& m) {
  for (const auto& [name, fn] : tables().functions) {
    const PyFunction* f = fn;
    native::module_def(m, name,
                       [f](const lang::Args& a) { return call_py_function(*f, Value(), a); });
  }
}

} // namespace bwhop::torchmod
