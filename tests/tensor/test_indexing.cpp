// Basic indexing (apply_slicing) values, views and errors, as PyTorch 1.13 prints them for
// x = torch.arange(6.0).view(2, 3).
#include <doctest/doctest.h>

#include <limits>
#include <stdexcept>

#include "core/tensor/indexing.h"
#include "tests/tensor/tensor_builders.h"

using namespace bwhop::tensor;
using namespace bwhop::tensor::testing;

namespace {
Tensor index(const Tensor& t, std::initializer_list<IndexItem> items) {
  return apply_slicing(t, std::span<const IndexItem>(items.begin(), items.size()));
}
Tensor matrix() {
  return ops::view(ops::arange(IValue(6.0)), {2, 3});
}
std::string error_of(std::initializer_list<IndexItem> items) {
  try {
    index(matrix(), items);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
constexpr std::nullopt_t none = std::nullopt;
} // namespace

TEST_CASE("indexing values: x[1:], x[:, 1], x[-1, ::2], x[5:], x[1:0]") {
  Tensor x = matrix();
  CHECK(tensor_repr(index(x, {IndexItem::slice(1, none, none)})) == "tensor([[3., 4., 5.]])");
  CHECK(tensor_repr(index(x, {IndexItem::slice(none, none, none), IndexItem::integer(1)})) ==
        "tensor([1., 4.])");
  CHECK(tensor_repr(index(x, {IndexItem::integer(-1), IndexItem::slice(none, none, 2)})) ==
        "tensor([3., 5.])");
  CHECK(tensor_repr(index(x, {IndexItem::slice(5, none, none)})) == "tensor([], size=(0, 3))");
  CHECK(tensor_repr(index(x, {IndexItem::slice(1, 0, none)})) == "tensor([], size=(0, 3))");
}

TEST_CASE("indexing results are views with PyTorch's geometry") {
  Tensor x = matrix();
  Tensor col = index(x, {IndexItem::slice(none, none, none), IndexItem::integer(1)});
  CHECK(col.impl()->storage == x.impl()->storage);
  CHECK(col.sizes() == IntList{2});
  CHECK(col.strides() == IntList{3});
  CHECK(col.storage_offset() == 1);
  Tensor stepped = index(x, {IndexItem::slice(none, none, none), IndexItem::slice(none, none, 2)});
  CHECK(stepped.sizes() == IntList{2, 2});
  CHECK(stepped.strides() == IntList{3, 2});
  Tensor lifted = index(x, {IndexItem::none(), IndexItem::ellipsis(), IndexItem::integer(0)});
  CHECK(lifted.sizes() == IntList{1, 2});
}

TEST_CASE("indexing errors name PyTorch's messages") {
  CHECK(error_of({IndexItem::integer(5)}) ==
        "index 5 is out of bounds for dimension 0 with size 2");
  CHECK(error_of({IndexItem::integer(-3)}) ==
        "index -3 is out of bounds for dimension 0 with size 2");
  CHECK(error_of({IndexItem::integer(0), IndexItem::integer(0), IndexItem::integer(0)}) ==
        "too many indices for tensor of dimension 2");
  CHECK(error_of({IndexItem::slice(none, none, -1)}) == "step must be greater than zero");
  CHECK_THROWS_AS(index(matrix(), {IndexItem::integer(5)}), std::out_of_range);
  CHECK_THROWS_AS(index(matrix(), {IndexItem::slice(none, none, -1)}), std::invalid_argument);
  Tensor scalar = index(matrix(), {IndexItem::integer(0), IndexItem::integer(0)});
  CHECK_THROWS_WITH(index(scalar, {IndexItem::integer(0)}),
                    "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                    "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number");
}

TEST_CASE("select_backward / slice_backward scatter into zeros") {
  // torch.ops.aten.select_backward(torch.tensor([1., 2.]), [2, 3], 1, -1)
  // torch.ops.aten.slice_backward(torch.ones(1, 3), [2, 3], 0, 1, 9223372036854775807, 1)
  Tensor g = ops::from_doubles({1, 2}, {2}, ScalarType::Float);
  CHECK(tensor_repr(ops::select_backward(g, {2, 3}, 1, -1)) ==
        "tensor([[0., 0., 1.],\n        [0., 0., 2.]])");
  CHECK(tensor_repr(ops::slice_backward(ops::ones({1, 3}), {2, 3}, 0, 1,
                                        std::numeric_limits<int64_t>::max(), 1)) ==
        "tensor([[0., 0., 0.],\n        [1., 1., 1.]])");
}
