// Views share storage and version counters; strides match PyTorch 1.13.
#include <doctest/doctest.h>

#include "tests/tensor/tensor_builders.h"

using namespace bwhop::tensor;
using namespace bwhop::tensor::testing;

TEST_CASE("view strides as PyTorch computes them") {
  CHECK(ops::ones({2, 3}).strides() == IntList{3, 1});
  CHECK(ops::clone(ops::t(ops::ones({2, 3}))).strides() == IntList{1, 3});
  CHECK(ops::reshape(ops::t(ops::ones({2, 3})), {6}).strides() == IntList{1});
  CHECK(ops::expand(ops::ones({2, 3}), {4, 2, 3}).strides() == IntList{0, 3, 1});
  CHECK(ops::expand(ops::ones({3, 1}), {3, 4}).strides() == IntList{1, 0});
  CHECK(ops::unsqueeze(ops::ones({2, 3}), 1).strides() == IntList{3, 3, 1});
  CHECK(ops::unsqueeze(ops::t(ops::ones({2, 3})), 1).strides() == IntList{1, 6, 3});
}

TEST_CASE("views alias storage; in-place writes bump the shared version") {
  Tensor x = ops::zeros({2, 3});
  Tensor v = ops::view(x, {6});
  Tensor tt = ops::t(x);
  CHECK(v.impl()->storage == x.impl()->storage);
  CHECK(x.version() == 0);
  ops::fill_(v, IValue(int64_t{1}));
  CHECK(x.version() == 1);
  CHECK(tt.version() == 1);
  CHECK(tensor_repr(x) == "tensor([[1., 1., 1.],\n        [1., 1., 1.]])");
  Tensor d = ops::detach(x);
  CHECK(d.impl()->storage == x.impl()->storage);
  Tensor c = ops::clone(x);
  CHECK(c.impl()->storage != x.impl()->storage);
}

TEST_CASE("reshape of a non-viewable tensor copies") {
  Tensor x = ops::view(ops::arange(IValue(int64_t{6})), {2, 3});
  Tensor r = ops::reshape(ops::t(x), {6});
  CHECK(r.impl()->storage != x.impl()->storage);
  CHECK(ops::to_ints(r) == std::vector<int64_t>{0, 3, 1, 4, 2, 5});
  Tensor r2 = ops::reshape(x, {3, 2});
  CHECK(r2.impl()->storage == x.impl()->storage);
}

TEST_CASE("view errors use PyTorch's messages") {
  Tensor x = ops::ones({2, 3});
  CHECK_THROWS_WITH(ops::view(x, {5}), "shape '[5]' is invalid for input of size 6");
  CHECK_THROWS_WITH(ops::view(ops::t(x), {6}),
                    "view size is not compatible with input tensor's size and stride (at least one "
                    "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  CHECK(ops::view(x, {-1, 2}).sizes() == IntList{3, 2});
  CHECK_THROWS_WITH(ops::t(ops::ones({1, 2, 3})),
                    "t() expects a tensor with <= 2 dimensions, but self is 3D");
}

TEST_CASE("squeeze, permute and expand values") {
  Tensor x = ops::view(ops::arange(IValue(int64_t{6})), {1, 2, 3});
  CHECK(ops::squeeze(x).sizes() == IntList{2, 3});
  CHECK(ops::squeeze(x, 1).sizes() == IntList{1, 2, 3});
  CHECK(ops::squeeze(x, 0).sizes() == IntList{2, 3});
  Tensor p = ops::permute(x, {2, 0, 1});
  CHECK(p.sizes() == IntList{3, 1, 2});
  CHECK(ops::to_ints(p) == std::vector<int64_t>{0, 3, 1, 4, 2, 5});
  Tensor e = ops::expand(ops::arange(IValue(int64_t{3})), {2, 3});
  CHECK(ops::to_ints(e) == std::vector<int64_t>{0, 1, 2, 0, 1, 2});
  CHECK_THROWS_WITH(ops::expand(ops::ones({3}), {2, 4}),
                    "The expanded size of the tensor (4) must match the existing size (3) at "
                    "non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]");
}

TEST_CASE("sum_to reduces broadcast dimensions") {
  Tensor g = ops::ones({2, 3});
  CHECK(tensor_repr(ops::sum_to(g, {3})) == "tensor([2., 2., 2.])");
  CHECK(tensor_repr(ops::sum_to(g, {2, 1})) == "tensor([[3.],\n        [3.]])");
  CHECK(tensor_repr(ops::sum_to_size(g, {1, 3})) == "tensor([[2., 2., 2.]])");
}

TEST_CASE("matmul shapes follow at::matmul") {
  CHECK(ops::matmul(ops::ones({3}), ops::ones({3})).sizes() == IntList{});
  CHECK(ops::matmul(ops::ones({3}), ops::ones({3, 4})).sizes() == IntList{4});
  CHECK(ops::matmul(ops::ones({2, 3, 4}), ops::ones({4, 5})).sizes() == IntList{2, 3, 5});
  CHECK(ops::matmul(ops::ones({2, 3, 4}), ops::ones({4})).sizes() == IntList{2, 3});
  CHECK(ops::matmul(ops::ones({2, 3, 4}), ops::ones({2, 4, 5})).sizes() == IntList{2, 3, 5});
  Tensor m = ops::view(ops::arange(IValue(6.0)), {2, 3});
  CHECK(tensor_repr(ops::mm(m, ops::t(m))) == "tensor([[ 5., 14.],\n        [14., 50.]])");
  CHECK_THROWS_WITH(ops::mm(m, m), "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)");
}
