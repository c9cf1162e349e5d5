// Which registry ops scripts see, under which names and forms (the binding's
// counterpart of native_functions.yaml's `variants:`), and the Tensor
// operators built on them. Every entry goes through the generic parser.
#pragma once

#include <string_view>

#include "core/lang/native.h"
#include "core/torch/python_arg_parser.h"

namespace bwhop::torchmod {

// The torch.<name> function, or nullptr when there is none.
const PyFunction* torch_function(std::string_view name);
// The Tensor.<name> method, or nullptr.
const PyFunction* tensor_method(std::string_view name);

// Calls torch.<name> / Tensor.<name> from C++ (for the few composites PyTorch
// writes in Python, such as __rtruediv__).
Value call_torch_function(std::string_view name, std::vector<Value> args);
Value call_tensor_method(std::string_view name, const Value& self, std::vector<Value> args);

// Defines the op methods and operators on the Tensor type (once per process).
void define_tensor_op_methods();
// Binds the op functions into the `torch` module.
void bind_torch_functions(const Value& torch_module);

} // namespace bwhop::torchmod
