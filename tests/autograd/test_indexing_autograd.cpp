// Indexing and binary backward formulas in eager autograd, checked against PyTorch 1.13
// (values printed by /usr/bin/python3 with torch; the scripts are quoted per case).
#include <doctest/doctest.h>

#include "core/autograd/autograd_kernel.h"
#include "core/autograd/engine.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/indexing.h"
#include "tests/autograd/builders.h"

using namespace bwhop;
using namespace bwhop::autograd;
using namespace bwhop::autograd::testing;
using tensor::IndexItem;
using tensor::IValue;
using tensor::Tensor;
namespace ops = tensor::ops;

namespace {
Tensor index(const Tensor& t, std::initializer_list<IndexItem> items) {
  return tensor::apply_slicing(t, std::span<const IndexItem>(items.begin(), items.size()));
}
IndexItem full() {
  return IndexItem::slice(std::nullopt, std::nullopt, std::nullopt);
}
std::string node_name(const Tensor& t) {
  auto fn = grad_fn(t);
  return fn ? fn->name() : "None";
}
} // namespace

TEST_CASE("indexing views record SelectBackward0 / SliceBackward0 / AliasBackward0") {
  // x = torch.arange(6.0).view(2, 3).requires_grad_()
  // x[0], x[1:], x[:, 0], x[:, 1:], x[:], x[...] → Select, Slice, Select, Slice, Slice, Alias
  install();
  Tensor x = leaf({0, 1, 2, 3, 4, 5}, {2, 3});
  CHECK(node_name(index(x, {IndexItem::integer(0)})) == "SelectBackward0");
  CHECK(node_name(index(x, {IndexItem::slice(1, std::nullopt, std::nullopt)})) == "SliceBackward0");
  CHECK(node_name(index(x, {full(), IndexItem::integer(0)})) == "SelectBackward0");
  CHECK(node_name(index(x, {full(), IndexItem::slice(1, std::nullopt, std::nullopt)})) ==
        "SliceBackward0");
  CHECK(node_name(index(x, {full()})) == "SliceBackward0");
  CHECK(node_name(index(x, {IndexItem::ellipsis()})) == "AliasBackward0");
  Tensor v = index(x, {IndexItem::integer(1)});
  CHECK(v.impl()->storage == x.impl()->storage);
}

TEST_CASE("indexing backward scatters into zeros of the input's size") {
  // y = x[0].sum() + x[1:].sum() * 2 + (x[:, 0] * x[:, 0]).sum() + x[:, 1:3:2].sum() + x[-1, -2]
  // → tensor(45.); y.backward(); x.grad → [[1., 2., 1.], [8., 4., 2.]]
  install();
  Tensor x = leaf({0, 1, 2, 3, 4, 5}, {2, 3});
  Tensor a = index(x, {IndexItem::integer(0)});
  Tensor b = index(x, {IndexItem::slice(1, std::nullopt, std::nullopt)});
  Tensor c = index(x, {full(), IndexItem::integer(0)});
  Tensor d = index(x, {full(), IndexItem::slice(1, 3, 2)});
  Tensor e = index(x, {IndexItem::integer(-1), IndexItem::integer(-2)});
  Tensor y = ops::sum(a);
  y = ops::add(y, ops::mul(ops::sum(b), IValue(int64_t{2})));
  y = ops::add(y, ops::sum(ops::mul(c, c)));
  y = ops::add(y, ops::sum(d));
  y = ops::add(y, e);
  CHECK(tensor::tensor_repr(y) == "tensor(45., grad_fn=<AddBackward0>)");
  backward({y}, {});
  CHECK(grad_repr(x) == "tensor([[1., 2., 1.],\n        [8., 4., 2.]])");
}

TEST_CASE("double backward through select_backward / slice_backward") {
  // x = torch.tensor([1., 2., 3.], requires_grad=True); y = (x[1:] ** 2).sum() + x[0] ** 3
  // g, = torch.autograd.grad(y, x, create_graph=True); g → [3., 4., 6.]
  // g.sum().backward(); x.grad → [6., 2., 2.]
  install();
  Tensor x = leaf({1, 2, 3}, {3});
  Tensor tail = index(x, {IndexItem::slice(1, std::nullopt, std::nullopt)});
  Tensor head = index(x, {IndexItem::integer(0)});
  Tensor y =
      ops::add(ops::sum(ops::pow(tail, IValue(int64_t{2}))), ops::pow(head, IValue(int64_t{3})));
  std::vector<Tensor> g = grad({y}, {x}, {}, std::nullopt, true, false);
  CHECK(tensor::ops::to_doubles(g.at(0)) == std::vector<double>{3, 4, 6});
  backward({ops::sum(g.at(0))}, {});
  CHECK(grad_repr(x) == "tensor([6., 2., 2.])");
}

namespace {
struct RecordingMode : tensor::DispatchMode {
  std::vector<std::string> seen;
  IValue dispatch(const tensor::OpDef& o, const tensor::Args& args) override {
    seen.push_back(o.qualified);
    return tensor::call_op(o, args);
  }
};
} // namespace

TEST_CASE("pow.Tensor_Tensor backward emits the exponent's ops first, in PyTorch's order") {
  // make_fx(lambda a, b, go: torch.autograd.grad(a ** b, (a, b), go)) records, after
  // is_same_size: ge.Scalar, eq.Scalar, logical_and, log, mul, zeros, where.self, mul,
  // sub.Scalar, pow.Tensor_Tensor, mul, mul, zeros, eq.Scalar, where.self.
  // (1.13 also records detach for the saved result; that detach is dispatched only when
  // the forward ran under a mode, and here only the backward does.)
  install();
  Tensor a = leaf({1, 2}, {2});
  Tensor b = leaf({3, 4}, {2});
  Tensor out = ops::pow(a, b);
  auto mode = std::make_shared<RecordingMode>();
  std::vector<Tensor> g;
  {
    tensor::ModeGuard guard(mode);
    g = grad({out}, {a, b}, {T({1, 1}, {2})});
  }
  CHECK(mode->seen == std::vector<std::string>{"is_same_size", "ge.Scalar", "eq.Scalar",
                                               "logical_and", "log", "mul.Tensor", "zeros",
                                               "where.self", "mul.Tensor", "sub.Scalar",
                                               "pow.Tensor_Tensor", "mul.Tensor", "mul.Tensor",
                                               "zeros", "eq.Scalar", "where.self"});
  // grad a = b * a ** (b - 1) = [3., 32.]; grad b = a ** b * log(a) = [0., 11.0904]
  CHECK(tensor::tensor_repr(g.at(0)) == "tensor([ 3., 32.])");
  CHECK(tensor::tensor_repr(g.at(1)) == "tensor([ 0.0000, 11.0904])");
}

namespace {
// t.add_(n) with a Python number, as the binding passes it.
void add_number(const Tensor& t, int64_t n) {
  tensor::call_op("add_.Tensor", {t, IValue(n), IValue(int64_t{1})});
}
} // namespace

TEST_CASE("in-place ops on non-leaf tensors rebase their history") {
  // x = torch.tensor([1., 2.], requires_grad=True); y = x * 2; y.add_(1)
  // → tensor([3., 5.], grad_fn=<AddBackward0>), next_functions ((MulBackward0, 0), (None, 0))
  // y.sum().backward(); x.grad → [2., 2.]
  install();
  Tensor x = leaf({1, 2}, {2});
  Tensor y = ops::mul(x, IValue(int64_t{2}));
  auto mul_node = grad_fn(y);
  add_number(y, 1);
  CHECK(tensor::tensor_repr(y) == "tensor([3., 5.], grad_fn=<AddBackward0>)");
  CHECK(y.version() == 1);
  REQUIRE(grad_fn(y)->next_edges().size() == 2);
  CHECK(grad_fn(y)->next_edges()[0].function == mul_node);
  CHECK_FALSE(grad_fn(y)->next_edges()[1].is_valid());
  backward({ops::sum(y)}, {});
  CHECK(grad_repr(x) == "tensor([2., 2.])");
}

TEST_CASE("fill_ cuts the gradient; add_ into a plain tensor gives it history") {
  // z = x * 3; z.fill_(2) → grad_fn=<FillBackward2>; z.sum().backward() → x.grad [0., 0.]
  // w = torch.zeros(2); w.add_(x) → grad_fn=<AddBackward0>, is_leaf False
  install();
  Tensor x = leaf({1, 2}, {2});
  Tensor z = ops::mul(x, IValue(int64_t{3}));
  ops::fill_(z, IValue(int64_t{2}));
  CHECK(tensor::tensor_repr(z) == "tensor([2., 2.], grad_fn=<FillBackward2>)");
  backward({ops::sum(z)}, {});
  CHECK(grad_repr(x) == "tensor([0., 0.])");
  Tensor w = ops::zeros({2});
  ops::add_(w, x);
  CHECK(tensor::tensor_repr(w) == "tensor([1., 2.], grad_fn=<AddBackward0>)");
  CHECK_FALSE(is_leaf(w));
}

TEST_CASE("an in-place write to a saved output fails at backward with PyTorch's message") {
  install();
  Tensor x = leaf({1, 2}, {2});
  Tensor u = ops::exp(x);
  add_number(u, 1);
  CHECK_THROWS_WITH(backward({ops::sum(u)}, {}),
                    doctest::Contains("which is output 0 of ExpBackward0, is at version 1; "
                                      "expected version 0 instead."));
}

TEST_CASE("in-place writes to differentiable views are refused clearly (no CopySlices)") {
  install();
  Tensor x = leaf({1, 2}, {2});
  Tensor v = ops::view(ops::mul(x, IValue(int64_t{2})), {2});
  CHECK_THROWS_WITH(add_number(v, 1),
                    "in-place autograd of aten::add_.Tensor on a view is not supported");
}

TEST_CASE("copy_ into a non-leaf records CopyBackwards: zeros for self, grad for src") {
  // y = x * 2; y.copy_(z * 3) → tensor([ 9., 12.], grad_fn=<CopyBackwards>)
  // y.sum().backward() → x.grad [0., 0.], z.grad [3., 3.]
  install();
  Tensor x = leaf({1, 2}, {2});
  Tensor z = leaf({3, 4}, {2});
  Tensor y = ops::mul(x, IValue(int64_t{2}));
  ops::copy_(y, ops::mul(z, IValue(int64_t{3})));
  CHECK(tensor::tensor_repr(y) == "tensor([ 9., 12.], grad_fn=<CopyBackwards>)");
  backward({ops::sum(y)}, {});
  CHECK(grad_repr(x) == "tensor([0., 0.])");
  CHECK(grad_repr(z) == "tensor([3., 3.])");
}
