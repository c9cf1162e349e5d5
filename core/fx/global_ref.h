// How generated code refers to an external Python object (a call target, a type):
// its `__module__` and `__name__`, from which FX derives the qualified name and
// decides between printing it dotted (objects from torch) or registering a
// mangled global in the print name space.
#pragma once

#include <string>
#include <string_view>

namespace bwhop::fx {

struct GlobalRef {
  std::string module;            // `__module__`: "_operator", "torch._ops.aten", "builtins", ...
  std::string name;              // `__name__`: "mul", "mul.Tensor", "validate_outputs", ...
  bool is_builtin = false;       // the object is `builtins.<name>` itself (getattr, list, ...)
  bool is_tensor_method = false; // a method descriptor of torch.Tensor

  // torch.fx.node._get_qualified_name: `getattr`, `torch.Tensor.add`,
  // `torch.ops.aten.mul.Tensor`, `torch._dynamo.compiled_autograd.ops.validate_outputs`.
  std::string qualified_name() const;
  // torch.fx.graph._is_from_torch: the module is torch or below it, but not below
  // torch._dynamo.* or torch._inductor.*. torch.device is excluded as FX does.
  bool prints_qualified() const;
  // Node._pretty_print_target for `print(graph)`: builtins.x, operator.x, else qualified.
  std::string pretty_name() const;
};

// The regex test of _is_from_torch on a module string, exposed for tests.
bool module_is_from_torch(std::string_view module);

} // namespace bwhop::fx
