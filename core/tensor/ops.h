// C++ spellings of the registered ops. Every function goes through call_op, so
// autograd and dispatch modes see these calls exactly like calls from scripts;
// backward formulas are written with them.
#pragma once

#include <optional>

#include "core/tensor/ivalue.h"
#include "core/tensor/tensor.h"

namespace bwhop::tensor::ops {

// Binary arithmetic. `other` may be a Tensor or a Python number (wrapped number).
Tensor add(const Tensor& self, const IValue& other, const IValue& alpha = IValue(int64_t{1}));
Tensor sub(const Tensor& self, const IValue& other, const IValue& alpha = IValue(int64_t{1}));
Tensor mul(const Tensor& self, const IValue& other);
Tensor div(const Tensor& self, const IValue& other);
// The `.Scalar` overloads (mul.Scalar, ...), as C++ formulas in derivatives.yaml use them.
Tensor add_scalar(const Tensor& self, const IValue& other,
                  const IValue& alpha = IValue(int64_t{1}));
Tensor sub_scalar(const Tensor& self, const IValue& other,
                  const IValue& alpha = IValue(int64_t{1}));
Tensor mul_scalar(const Tensor& self, const IValue& other);
Tensor div_scalar(const Tensor& self, const IValue& other);
Tensor rsub(const Tensor& self, const IValue& other, const IValue& alpha = IValue(int64_t{1}));
Tensor pow(const Tensor& self, const IValue& exponent); // Tensor_Scalar or Tensor_Tensor
Tensor pow(const Tensor& self, const Tensor& exponent); // pow.Tensor_Tensor
Tensor pow(const IValue& self, const Tensor& exponent); // pow.Scalar
Tensor neg(const Tensor& self);
Tensor reciprocal(const Tensor& self);
Tensor sgn(const Tensor& self);
Tensor where(const Tensor& condition, const IValue& self, const IValue& other);

// Comparisons → bool tensors (`.Tensor` or `.Scalar` overload by the type of `other`).
Tensor eq(const Tensor& self, const IValue& other);
Tensor ne(const Tensor& self, const IValue& other);
Tensor lt(const Tensor& self, const IValue& other);
Tensor le(const Tensor& self, const IValue& other);
Tensor gt(const Tensor& self, const IValue& other);
Tensor ge(const Tensor& self, const IValue& other);
Tensor logical_and(const Tensor& self, const Tensor& other);

Tensor sin(const Tensor& self);
Tensor cos(const Tensor& self);
Tensor exp(const Tensor& self);
Tensor log(const Tensor& self);
Tensor relu(const Tensor& self);
Tensor sigmoid(const Tensor& self);
Tensor tanh(const Tensor& self);
Tensor abs(const Tensor& self);
Tensor sqrt(const Tensor& self);
Tensor threshold_backward(const Tensor& grad, const Tensor& self, const IValue& threshold);
Tensor sigmoid_backward(const Tensor& grad, const Tensor& output);
Tensor tanh_backward(const Tensor& grad, const Tensor& output);

// Reductions.
Tensor sum(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor sum(const Tensor& self, const IntList& dims, bool keepdim = false,
           std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& self, const IntList& dims, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
Tensor sum_to_size(const Tensor& self, const IntList& size);
// at::sum_to: reduce a broadcast gradient back to `shape` (sum.dim_IntList + view).
Tensor sum_to(const Tensor& self, const IntList& shape);

// Copies, views and shape ops.
Tensor clone(const Tensor& self);
Tensor detach(const Tensor& self);
// lift_fresh: marks a tensor just built from Python data (torch.tensor) as entering
// the dispatcher, so modes can see constants created during a trace.
Tensor lift_fresh(const Tensor& self);
Tensor alias(const Tensor& self);
bool is_same_size(const Tensor& self, const Tensor& other);
Tensor to_dtype(const Tensor& self, ScalarType dtype); // _to_copy
Tensor view(const Tensor& self, const IntList& size);
Tensor reshape(const Tensor& self, const IntList& shape);
Tensor unsafe_view(const Tensor& self, const IntList& size);
Tensor t(const Tensor& self);
Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1);
Tensor permute(const Tensor& self, const IntList& dims);
Tensor unsqueeze(const Tensor& self, int64_t dim);
Tensor squeeze(const Tensor& self);
Tensor squeeze(const Tensor& self, int64_t dim);
Tensor expand(const Tensor& self, const IntList& size);
Tensor expand_as(const Tensor& self, const Tensor& other);
// Basic indexing: select.int / slice.Tensor (start/end: int or None) and their backward ops.
Tensor select(const Tensor& self, int64_t dim, int64_t index);
Tensor slice(const Tensor& self, int64_t dim, const IValue& start = IValue(),
             const IValue& end = IValue(), int64_t step = 1);
Tensor select_backward(const Tensor& grad, const IntList& input_sizes, int64_t dim, int64_t index);
Tensor slice_backward(const Tensor& grad, const IntList& input_sizes, int64_t dim, int64_t start,
                      int64_t end, int64_t step);

// Linear algebra.
Tensor matmul(const Tensor& self, const Tensor& other);
Tensor mm(const Tensor& self, const Tensor& mat2);
Tensor mv(const Tensor& self, const Tensor& vec);
Tensor dot(const Tensor& self, const Tensor& other);
Tensor bmm(const Tensor& self, const Tensor& mat2);

// Factories (dtype None = PyTorch's inference).
Tensor ones(const IntList& size, std::optional<ScalarType> dtype = std::nullopt);
Tensor zeros(const IntList& size, std::optional<ScalarType> dtype = std::nullopt);
Tensor empty(const IntList& size, std::optional<ScalarType> dtype = std::nullopt);
Tensor full(const IntList& size, const IValue& fill,
            std::optional<ScalarType> dtype = std::nullopt);
Tensor arange(const IValue& end, std::optional<ScalarType> dtype = std::nullopt);
Tensor arange(const IValue& start, const IValue& end, const IValue& step = IValue(int64_t{1}),
              std::optional<ScalarType> dtype = std::nullopt);
Tensor ones_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor zeros_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor empty_like(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor full_like(const Tensor& self, const IValue& fill,
                 std::optional<ScalarType> dtype = std::nullopt);
Tensor rand(const IntList& size, std::optional<ScalarType> dtype = std::nullopt);
Tensor randn(const IntList& size, std::optional<ScalarType> dtype = std::nullopt);

// In place (bump the version counter).
Tensor& copy_(Tensor& self, const Tensor& src);
Tensor& fill_(Tensor& self, const IValue& value);
Tensor& add_(Tensor& self, const Tensor& other, const IValue& alpha = IValue(int64_t{1}));

// torch.tensor from flat data and a shape (the binding layer builds these from lists).
Tensor from_doubles(const std::vector<double>& values, const IntList& sizes, ScalarType dtype);
Tensor from_ints(const std::vector<int64_t>& values, const IntList& sizes, ScalarType dtype);
// Contiguous values converted to double / int64 (for tolist() and tests).
std::vector<double> to_doubles(const Tensor& t);
std::vector<int64_t> to_ints(const Tensor& t);

// torch.manual_seed for rand/randn.
void manual_seed(uint64_t seed);

} // namespace bwhop::tensor::ops
