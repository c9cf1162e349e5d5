// make_fx graphs printed as GraphModule.code, compared with what PyTorch 1.13
// prints for the same Python functions (expected/code_*.txt, recorded by
// gen_make_fx_oracle.py). Each C++ function below does what its Python twin does,
// calling ops the way the Python binding does.
#include <doctest/doctest.h>

#include "core/autograd/engine.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/indexing.h"
#include "core/tensor/ops.h"
#include "tests/tracing/tracing_test_util.h"

using namespace bwhop;
using namespace bwhop::tracing;
using namespace bwhop::tracing::testing;
using tensor::IValue;
using tensor::Tensor;
namespace ops = tensor::ops;

namespace {

const Tensor& arg(const std::vector<Tree>& args, std::size_t i) {
  return tensor_of(args[i]);
}

std::string code_of(const std::string& name, std::vector<std::string> params,
                    std::vector<Tree> args, const TracedFunction& fn, bool varargs = false) {
  FunctionSignature sig{name, std::move(params), varargs};
  return make_fx(sig, args, fn).module().code();
}

} // namespace

TEST_CASE("make_fx code: x * y + 2") {
  auto fn = [](const std::vector<Tree>& a) {
    return Tree(ops::add(ops::mul(arg(a, 0), arg(a, 1)), IValue(int64_t{2})));
  };
  std::string code = code_of("mul_add", {"x", "y"}, {floats({0.5, 0.5}, true), floats({1, 2})}, fn);
  CHECK(code == read_expected("code_mul_add.txt"));
}

TEST_CASE("make_fx code: a non-tensor argument is a placeholder and a constant") {
  auto fn = [](const std::vector<Tree>& a) { return Tree(ops::mul(arg(a, 0), a[1].leaf())); };
  std::string code =
      code_of("scalar_arg", {"x", "n"}, {floats({0.5, 0.5}, true), Tree(IValue(int64_t{3}))}, fn);
  CHECK(code == read_expected("code_scalar_arg.txt"));
}

TEST_CASE("make_fx code: a tensor the trace never saw becomes _tensor_constant0") {
  Tensor c = floats({3, 4});
  auto fn = [&](const std::vector<Tree>& a) {
    return Tree::tuple({Tree(ops::add(arg(a, 0), c)), Tree(ops::mul(arg(a, 0), c))});
  };
  TracedModule gm = make_fx({"constant", {"x"}}, {floats({0.5, 0.5}, true)}, fn);
  CHECK(gm.module().code() == read_expected("code_constant.txt"));
  REQUIRE(gm.attributes().entries.size() == 1);
  CHECK(gm.attributes().entries[0].first == "_tensor_constant0");
  CHECK(gm.attributes().entries[0].second.is_same(c));
}

TEST_CASE("make_fx code: chain with sum naming and a list result") {
  auto fn = [](const std::vector<Tree>& a) {
    Tensor m = ops::mul(arg(a, 0), arg(a, 1));
    Tensor s = ops::sum(ops::sin(m));
    return Tree::list({Tree(s), Tree(ops::sub(m, IValue(1.5)))});
  };
  std::string code = code_of("chain", {"x", "y"}, {floats({0.5, 0.5}, true), floats({1, 2})}, fn);
  CHECK(code == read_expected("code_chain.txt"));
}

TEST_CASE("make_fx code: an in-place op rebinds its tensor to the new node") {
  Tensor y = floats({1, 2});
  auto fn = [&](const std::vector<Tree>& a) {
    Tensor z = ops::mul(arg(a, 0), IValue(int64_t{2}));
    ops::add_(z, y);
    return Tree(z);
  };
  std::string code = code_of("in_place", {"x"}, {floats({0.5, 0.5})}, fn);
  CHECK(code == read_expected("code_in_place.txt"));
}

TEST_CASE("make_fx code: factories are traced with the keywords they were given") {
  // torch.ones(2) from Python passes device=cpu and pin_memory=False explicitly.
  auto fn = [](const std::vector<Tree>& a) {
    IValue ones = tensor::call_op(
        "ones", {tensor::IntList{2}, IValue(), IValue(), IValue(tensor::Device{}), IValue(false)});
    return Tree(ops::mul(arg(a, 0), ones.to_tensor()));
  };
  std::string code = code_of("factory", {"x"}, {floats({0.5, 0.5}, true)}, fn);
  CHECK(code == read_expected("code_factory.txt"));
}

TEST_CASE("make_fx code: positional defaults are dropped only at the end") {
  auto fn = [](const std::vector<Tree>& a) {
    const Tensor& x = arg(a, 0);
    return Tree::tuple({Tree(ops::sum(x)), Tree(ops::sum(x)), Tree(ops::sum(x, {0}, true))});
  };
  std::string code = code_of("sums", {"x"}, {floats({0.5, 0.5}, true)}, fn);
  CHECK(code == read_expected("code_sums.txt"));
}

TEST_CASE("make_fx code: returning an input, varargs functions, scalar overloads") {
  auto ident = [](const std::vector<Tree>& a) { return a[0]; };
  CHECK(code_of("identity", {"x", "y"}, {floats({0.5, 0.5}, true), floats({1, 2})}, ident) ==
        read_expected("code_identity.txt"));

  auto va = [](const std::vector<Tree>& a) { return Tree(ops::add(arg(a, 0), arg(a, 1))); };
  CHECK(code_of("varargs", {}, {floats({0.5, 0.5}, true), floats({1, 2})}, va, true) ==
        read_expected("code_varargs.txt"));

  auto sc = [](const std::vector<Tree>& a) {
    const Tensor& x = arg(a, 0);
    return Tree::tuple(
        {Tree(ops::div(x, IValue(2.0))), Tree(ops::pow(x, IValue(int64_t{2}))), Tree(ops::neg(x))});
  };
  CHECK(code_of("scalars", {"x"}, {floats({0.5, 0.5}, true)}, sc) ==
        read_expected("code_scalars.txt"));
}

TEST_CASE("make_fx code: autograd.grad inside the function records the backward ops") {
  auto fn = [](const std::vector<Tree>& a) {
    const Tensor& x = arg(a, 0);
    Tensor z = ops::mul(x, x);
    Tensor out = ops::sum(ops::add(z, z));
    std::vector<Tensor> g = autograd::grad({out}, {x});
    return Tree(g.at(0));
  };
  std::string code = code_of("backward_in_trace", {"x"}, {floats({0.5, 0.5}, true)}, fn);
  CHECK(code == read_expected("code_backward_in_trace.txt"));
}

TEST_CASE("make_fx code: torch.tensor inside the function records lift_fresh_copy") {
  // torch.tensor builds its data outside the dispatcher, then calls lift_fresh.
  auto fn = [](const std::vector<Tree>& a) {
    Tensor c = ops::lift_fresh(ops::from_doubles({1.0, 2.0}, {2}, tensor::ScalarType::Float));
    Tensor d = ops::lift_fresh(ops::from_ints({3}, {}, tensor::ScalarType::Long));
    return Tree(ops::add(ops::mul(arg(a, 0), c), d));
  };
  TracedModule gm = make_fx({"fresh_constant", {"x"}}, {floats({0.5, 0.5}, true)}, fn);
  CHECK(gm.module().code() == read_expected("code_fresh_constant.txt"));
  REQUIRE(gm.attributes().entries.size() == 2);
  CHECK(values(gm.attributes().entries[0].second) == std::vector<double>{1.0, 2.0});
  CHECK(values(gm.attributes().entries[1].second) == std::vector<double>{3.0});
}

namespace {

using tensor::IndexItem;

Tensor index(const Tensor& t, std::initializer_list<IndexItem> items) {
  return tensor::apply_slicing(t, std::span<const IndexItem>(items.begin(), items.size()));
}
IndexItem full() {
  return IndexItem::slice(std::nullopt, std::nullopt, std::nullopt);
}

// The Python `indexing(m)` of gen_make_fx_oracle.py, statement by statement.
Tensor indexing(const Tensor& m) {
  Tensor a = index(m, {IndexItem::integer(0)});
  Tensor b = index(m, {IndexItem::slice(1, std::nullopt, std::nullopt)});
  Tensor c = index(m, {full(), IndexItem::integer(0)});
  Tensor d = index(m, {full(), IndexItem::slice(1, 3, 2)});
  Tensor e = index(m, {IndexItem::integer(-1), IndexItem::integer(-2)});
  Tensor s = ops::sum(a);
  s = ops::add(s, ops::mul(ops::sum(b), IValue(int64_t{2})));
  s = ops::add(s, ops::sum(ops::mul(c, c)));
  s = ops::add(s, ops::sum(d));
  return ops::add(s, e);
}

Tree matrix_arg(bool requires_grad) {
  autograd::install();
  Tensor m = ops::from_doubles({0, 1, 2, 3, 4, 5}, {2, 3}, tensor::ScalarType::Float);
  if (requires_grad) autograd::set_requires_grad(m, true);
  return Tree(m);
}

} // namespace

TEST_CASE("make_fx code: basic indexing records select.int and slice.Tensor") {
  auto fn = [](const std::vector<Tree>& a) { return Tree(indexing(arg(a, 0))); };
  CHECK(code_of("indexing", {"m"}, {matrix_arg(true)}, fn) == read_expected("code_indexing.txt"));
}

TEST_CASE("make_fx code: the backward of indexing is select_backward / slice_backward") {
  auto fn = [](const std::vector<Tree>& a) {
    std::vector<Tensor> g = autograd::grad({indexing(arg(a, 0))}, {arg(a, 0)});
    return Tree::tuple({Tree(g.at(0))});
  };
  CHECK(code_of("indexing_backward", {"m"}, {matrix_arg(true)}, fn) ==
        read_expected("code_indexing_backward.txt"));
}

TEST_CASE("make_fx code: None, Ellipsis, negative bounds and steps in an index") {
  auto fn = [](const std::vector<Tree>& a) {
    const Tensor& m = arg(a, 0);
    std::vector<Tree> out;
    out.emplace_back(index(m, {IndexItem::none()}));
    out.emplace_back(index(m, {IndexItem::ellipsis(), IndexItem::integer(0)}));
    out.emplace_back(index(m, {IndexItem::slice(-2, std::nullopt, std::nullopt)}));
    out.emplace_back(index(m, {IndexItem::slice(std::nullopt, -1, std::nullopt)}));
    out.emplace_back(
        index(m, {IndexItem::integer(0), IndexItem::slice(1, std::nullopt, std::nullopt)}));
    out.emplace_back(index(m, {full(), IndexItem::none(), IndexItem::integer(1)}));
    out.emplace_back(index(m, {IndexItem::ellipsis()}));
    out.emplace_back(index(m, {IndexItem::slice(std::nullopt, std::nullopt, 2)}));
    return Tree::tuple(std::move(out));
  };
  CHECK(code_of("indexing_forms", {"m"}, {matrix_arg(false)}, fn) ==
        read_expected("code_indexing_forms.txt"));
}

TEST_CASE("make_fx code: a saved output is detached on save and on unpack") {
  auto fn = [](const std::vector<Tree>& a) {
    const Tensor& x = arg(a, 0);
    std::vector<Tensor> g = autograd::grad({ops::sum(ops::exp(x))}, {x});
    return Tree(g.at(0));
  };
  CHECK(code_of("saved_output", {"x"}, {floats({0.5, 0.5}, true)}, fn) ==
        read_expected("code_saved_output.txt"));
}
