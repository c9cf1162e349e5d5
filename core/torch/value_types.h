// Small value types of the torch module: torch.dtype, torch.device,
// torch.layout, torch.memory_format and torch.Size. Their objects are created
// once per process, so `x.dtype is torch.float32` holds.
#pragma once

#include <optional>

#include "core/lang/native.h"
#include "core/tensor/ivalue.h"

namespace bwhop::torchmod {

using lang::Value;

lang::Type* dtype_type();
lang::Type* device_type();
lang::Type* size_type();

// torch.float32, torch.int64, ...
Value dtype_object(tensor::ScalarType t);
// A dtype object, or the Python types float/int/bool as PyTorch accepts them.
std::optional<tensor::ScalarType> as_dtype(const Value& v);

// torch.device('cpu').
Value device_object(const tensor::Device& d);
bool is_device(const Value& v);
// A device given as torch.device or a string such as "cpu"; raises RuntimeError otherwise.
tensor::Device parse_device(const Value& v);

Value strided_layout();
bool is_layout(const Value& v);
Value memory_format_object(tensor::MemoryFormat f);
std::optional<tensor::MemoryFormat> as_memory_format(const Value& v);

// torch.Size([2, 3]): a tuple of ints.
Value make_size(const tensor::IntList& sizes);

// Binds the types and constants above into the `torch` module.
void bind_value_types(const Value& torch_module);

} // namespace bwhop::torchmod
