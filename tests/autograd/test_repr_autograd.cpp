// Reprs with autograd suffixes; expected strings printed by PyTorch 1.13 for the
// expression named in each case.
#include <doctest/doctest.h>

#include "core/autograd/autograd_kernel.h"
#include "core/autograd/variable.h"
#include "tests/autograd/builders.h"

using namespace bwhop;
using namespace bwhop::tensor;
using namespace bwhop::autograd;

namespace {
Tensor arange_leaf(double n) {
  Tensor t = ops::arange(IValue(n));
  set_requires_grad(t, true);
  return t;
}
} // namespace

TEST_CASE("suffixes wrap at linewidth like _add_suffixes") {
  install();
  // torch.arange(20., requires_grad=True)
  CHECK(tensor_repr(arange_leaf(20)) ==
        "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
        "        14., 15., 16., 17., 18., 19.], requires_grad=True)");
  // torch.arange(7., requires_grad=True) * 1.5
  CHECK(tensor_repr(ops::mul(arange_leaf(7), IValue(1.5))) ==
        "tensor([0.0000, 1.5000, 3.0000, 4.5000, 6.0000, 7.5000, 9.0000],\n"
        "       grad_fn=<MulBackward0>)");
  // torch.arange(12., requires_grad=True).view(3, 4) * 2
  CHECK(tensor_repr(ops::mul(ops::view(arange_leaf(12), {3, 4}), IValue(int64_t{2}))) ==
        "tensor([[ 0.,  2.,  4.,  6.],\n"
        "        [ 8., 10., 12., 14.],\n"
        "        [16., 18., 20., 22.]], grad_fn=<MulBackward0>)");
}

TEST_CASE("dtype suffix comes before requires_grad") {
  install();
  // torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
  Tensor d = ops::from_doubles({1, 2}, {2}, ScalarType::Double);
  set_requires_grad(d, true);
  CHECK(tensor_repr(d) == "tensor([1., 2.], dtype=torch.float64, requires_grad=True)");
  // torch.tensor([123456.7, 2.], requires_grad=True) * 1
  Tensor s = testing::leaf({123456.7, 2.0}, {2});
  CHECK(tensor_repr(ops::mul(s, IValue(int64_t{1}))) ==
        "tensor([1.2346e+05, 2.0000e+00], grad_fn=<MulBackward0>)");
}
