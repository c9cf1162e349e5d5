// Fake tensors: metadata without storage; ops run their meta functions.
#include <doctest/doctest.h>

#include "core/autograd/variable.h"
#include "core/tracing/fake_mode.h"
#include "tests/tracing/tracing_test_util.h"

using namespace bwhop;
using namespace bwhop::tracing;
using namespace bwhop::tracing::testing;
using tensor::IValue;
using tensor::Tensor;
namespace ops = tensor::ops;

TEST_CASE("from_tensor keeps dtype, shape, strides and requires_grad, and memoizes") {
  auto mode = std::make_shared<FakeMode>();
  Tensor x = ops::t(ops::from_doubles({1, 2, 3, 4, 5, 6}, {2, 3}, tensor::ScalarType::Double));
  Tensor fx = mode->from_tensor(x);
  CHECK(is_fake(fx));
  CHECK(fx.dtype() == tensor::ScalarType::Double);
  CHECK(fx.sizes() == tensor::IntList{3, 2});
  CHECK(fx.strides() == x.strides());
  CHECK_FALSE(fx.requires_grad());
  CHECK(mode->from_tensor(x).is_same(fx));
  Tensor g = floats({1, 2}, true);
  Tensor fg = mode->from_tensor(g);
  CHECK(fg.requires_grad());
  CHECK(autograd::is_leaf(fg));
}

TEST_CASE("ops under the fake mode produce fake results with PyTorch's metadata") {
  auto mode = std::make_shared<FakeMode>();
  Tensor x = ops::from_doubles({1, 2, 3, 4, 5, 6}, {2, 3}, tensor::ScalarType::Float);
  Tensor y = ops::from_doubles({1, 2, 3}, {3}, tensor::ScalarType::Long);
  Tensor r, s, o;
  {
    tensor::ModeGuard on(mode);
    r = ops::mul(x, y); // broadcast, float32 wins over int64
    s = ops::sum(r, tensor::IntList{0}, true);
    o = ops::ones({4});
  }
  CHECK(is_fake(r));
  CHECK(r.sizes() == tensor::IntList{2, 3});
  CHECK(r.dtype() == tensor::ScalarType::Float);
  CHECK(s.sizes() == tensor::IntList{1, 3});
  CHECK(is_fake(o));
  CHECK(o.sizes() == tensor::IntList{4});
  // Real tensors were left untouched.
  CHECK(x.has_storage());
}

TEST_CASE("fake tensors with requires_grad record autograd history") {
  auto mode = std::make_shared<FakeMode>();
  Tensor fx = mode->from_tensor(floats({1, 2}, true));
  Tensor r;
  {
    tensor::ModeGuard on(mode);
    r = ops::mul(fx, fx);
  }
  CHECK(is_fake(r));
  CHECK(autograd::grad_fn(r)->name() == "MulBackward0");
}
