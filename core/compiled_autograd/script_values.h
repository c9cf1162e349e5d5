// Reading the script values compiled-autograd ops receive (lists, size lists,
// lifted op arguments) back into tensor-layer values.
#pragma once

#include <vector>

#include "core/lang/native.h"
#include "core/tensor/op_def.h"

namespace bwhop::compiled_autograd {

// Items of a list or tuple; TypeError naming `what` otherwise.
std::vector<lang::Value> sequence_items(const lang::Value& v, const char* what);
// A list/tuple of ints (SymInt-free at run time).
tensor::IntList int_list(const lang::Value& v, const char* what);
// The op's schema arguments from script values (tensors, None, numbers, int
// lists, dtypes, memory formats, layouts, devices, strings).
tensor::Args ivalue_args(const tensor::Schema& schema, const std::vector<lang::Value>& values);
// Per-argument metadata entries: None or (dtype int, [sizes]).
std::vector<tensor::TensorMeta> tensor_metas(const std::vector<lang::Value>& values);

// at::is_expandable_to(shape, desired).
bool is_expandable_to(const tensor::IntList& shape, const tensor::IntList& desired);
// Row-major strides of a contiguous tensor of `sizes`.
std::vector<int64_t> contiguous_strides(const tensor::IntList& sizes);

} // namespace bwhop::compiled_autograd
