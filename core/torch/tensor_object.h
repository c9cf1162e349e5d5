// The script-level Tensor: a native type wrapping tensor::Tensor. One script
// object per live TensorImpl, so `x.grad is x.grad` and attributes set on a
// tensor stay on it while the script holds it.
#pragma once

#include "core/lang/native.h"
#include "core/tensor/tensor.h"

namespace bwhop::torchmod {

using lang::Value;
using tensor::Tensor;

// The `torch.Tensor` type (created once per process).
lang::Type* tensor_type();

// The script object of `t` (None when `t` is undefined).
Value wrap_tensor(const Tensor& t);
// The tensor inside `v`, or nullptr when `v` is not a Tensor.
const Tensor* as_tensor(const Value& v);
// Like as_tensor but raises TypeError naming `what` when `v` is not a Tensor.
const Tensor& expect_tensor(const Value& v, const char* what);

} // namespace bwhop::torchmod
