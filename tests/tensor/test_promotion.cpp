// Type promotion and kernel results; expected reprs/dtypes from PyTorch 1.13.
#include <doctest/doctest.h>

#include "tests/tensor/tensor_builders.h"

using namespace bwhop::tensor;
using namespace bwhop::tensor::testing;

namespace {
Tensor i() {
  return I({1, 2}, {2});
}
Tensor f() {
  return T({1, 2}, {2});
}
Tensor b() {
  return B({1, 0}, {2});
}
Tensor d() {
  return D({1, 2}, {2});
}
Tensor i32() {
  return I32({1, 2}, {2});
}
IValue n(int64_t v) {
  return IValue(v);
}
} // namespace

TEST_CASE("wrapped Python numbers do not promote integer tensors unless float") {
  CHECK(tensor_repr(ops::mul(i(), n(2))) == "tensor([2, 4])");
  CHECK(tensor_repr(ops::mul(i(), IValue(2.5))) == "tensor([2.5000, 5.0000])");
  CHECK(tensor_repr(ops::mul(i32(), n(5))) == "tensor([ 5, 10], dtype=torch.int32)");
  CHECK(tensor_repr(ops::mul(i32(), IValue(2.5))) == "tensor([2.5000, 5.0000])");
  CHECK(tensor_repr(ops::add(b(), n(1))) == "tensor([2, 1])");
  CHECK(tensor_repr(ops::mul(b(), IValue(1.5))) == "tensor([1.5000, 0.0000])");
}

TEST_CASE("true division of integers gives the default float type") {
  CHECK(tensor_repr(ops::div(i(), i())) == "tensor([1., 1.])");
  CHECK(tensor_repr(ops::div(i(), n(2))) == "tensor([0.5000, 1.0000])");
}

TEST_CASE("bool + bool stays bool; dimensioned tensors win over 0-dim ones") {
  CHECK(tensor_repr(ops::add(b(), b())) == "tensor([ True, False])");
  CHECK(tensor_repr(ops::mul(f(), ops::sum(d()))) == "tensor([3., 6.])");
  CHECK(tensor_repr(ops::mul(i(), D({2.5}, {}))) ==
        "tensor([2.5000, 5.0000], dtype=torch.float64)");
  CHECK(tensor_repr(ops::add(D({2.5}, {}), f())) == "tensor([3.5000, 4.5000])");
  CHECK(tensor_repr(ops::add(i32(), i())) == "tensor([2, 4])");
  CHECK(tensor_repr(ops::add(f(), d())) == "tensor([2., 4.], dtype=torch.float64)");
}

TEST_CASE("pow overloads") {
  CHECK(tensor_repr(ops::pow(i(), n(2))) == "tensor([1, 4])");
  CHECK(tensor_repr(ops::pow(i(), IValue(0.5))) == "tensor([1.0000, 1.4142])");
  CHECK(tensor_repr(ops::pow(n(2), i())) == "tensor([2, 4])");
}

TEST_CASE("reductions, comparisons and unary float ops pick PyTorch's dtypes") {
  CHECK(tensor_repr(ops::sum(f())) == "tensor(3.)");
  CHECK(tensor_repr(ops::sum(i())) == "tensor(3)");
  CHECK(tensor_repr(ops::sum(b())) == "tensor(1)");
  CHECK(tensor_repr(ops::gt(i(), n(1))) == "tensor([False,  True])");
  CHECK(tensor_repr(ops::sin(i())) == "tensor([0.8415, 0.9093])");
  CHECK(tensor_repr(ops::mean(i(), ScalarType::Float)) == "tensor(1.5000)");
  CHECK(tensor_repr(ops::sum(ops::view(ops::arange(n(12)), {3, 4}), {1})) ==
        "tensor([ 6, 22, 38])");
  CHECK(tensor_repr(ops::mean(ops::view(ops::arange(IValue(12.0)), {3, 4}), {0}, true)) ==
        "tensor([[4., 5., 6., 7.]])");
}

TEST_CASE("mean of an integer tensor is an error") {
  CHECK_THROWS_WITH(ops::mean(i()),
                    "mean(): could not infer output dtype. Input dtype must be either a floating "
                    "point or complex dtype. Got: Long");
}

TEST_CASE("factories infer dtypes") {
  CHECK(tensor_repr(ops::arange(n(5))) == "tensor([0, 1, 2, 3, 4])");
  CHECK(tensor_repr(ops::arange(n(0), n(1), IValue(0.25))) ==
        "tensor([0.0000, 0.2500, 0.5000, 0.7500])");
  CHECK(tensor_repr(ops::full({1}, IValue(2.5))) == "tensor([2.5000])");
}

TEST_CASE("matmul of integer matrix and vector") {
  CHECK(tensor_repr(ops::matmul(ops::view(ops::arange(n(6)), {2, 3}), ops::arange(n(3)))) ==
        "tensor([ 5, 14])");
}

TEST_CASE("broadcasting shapes and the mismatch message") {
  Tensor a = ops::ones({2, 1, 3});
  Tensor c = ops::ones({4, 1});
  CHECK(ops::add(a, c).sizes() == IntList{2, 4, 3});
  CHECK_THROWS_WITH(ops::add(ops::ones({3}), ops::ones({2})),
                    "The size of tensor a (3) must match the size of tensor b (2) at non-singleton "
                    "dimension 0");
}

TEST_CASE("bool subtraction and negation are rejected as in PyTorch") {
  CHECK_THROWS_WITH(
      ops::sub(b(), b()),
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
      "`^` or `logical_xor()` operator instead.");
  CHECK_THROWS_WITH(ops::neg(b()),
                    "Negation, the `-` operator, on a bool tensor is not supported. If you are "
                    "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}
