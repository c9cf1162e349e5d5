// The one generic path from script calls to registered ops, modelled on
// PyTorch's python_arg_parser: a script-visible name (`mul`, `sum`) has the
// registry's overloads of that name as its signatures; a call is matched
// against them in PyTorch's order (Tensor parameters before Scalar ones), its
// arguments converted to IValues by each parameter's schema type, and the op
// run through the dispatcher. No op has hand-written binding code.
#pragma once

#include <string>
#include <vector>

#include "core/lang/native.h"
#include "core/tensor/op_def.h"

namespace bwhop::torchmod {

using lang::Value;

// One overload as scripts see it.
struct PySignature {
  const tensor::OpDef* op = nullptr;
  // Schema argument indices the script passes, in order (the bound self of a
  // method is left out).
  std::vector<int> params;
  int self_index = -1;       // schema index of the bound `self` (methods), else -1
  size_t max_positional = 0; // parameters before the `*`
  // A lone positional int list takes varargs: x.view(2, 3), torch.ones(2, 3).
  bool intlist_varargs = false;
  // dtype/layout/device/pin_memory: PyTorch adds `requires_grad=` and fills the device.
  bool tensor_options = false;
};

struct PyFunction {
  std::string name;       // script-visible name, e.g. `mul`
  bool is_method = false; // bound to a Tensor (self is the receiver)
  // Python numbers are accepted for Tensor parameters (as wrapped numbers),
  // like PyTorch's should_allow_numbers_as_tensors.
  bool numbers_as_tensors = false;
  std::vector<PySignature> signatures;
};

// Builds the script-visible function `name` from the registry's overloads of `op_name`
// (empty when none is visible in this form).
PyFunction make_py_function(const std::string& name, const std::string& op_name, bool is_method,
                            bool numbers_as_tensors);

// Calls `fn` with the script arguments (`self` is the receiver for methods, else Null).
// Raises TypeError as PyTorch does when no signature matches.
Value call_py_function(const PyFunction& fn, const Value& self, const lang::Args& args);

// Like call_py_function, but returns Null instead of raising TypeError when the
// arguments match no signature (binary operators then return NotImplemented).
Value try_call_py_function(const PyFunction& fn, const Value& self, const lang::Args& args);

// Converts an op result to a script value.
Value ivalue_to_value(const tensor::IValue& v);

} // namespace bwhop::torchmod
