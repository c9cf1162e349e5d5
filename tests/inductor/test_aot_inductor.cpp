// Inductor as AOT autograd's forward and backward compiler (the torch.compile
// `inductor` path and torch._inductor.compile): outputs and gradients against
// eager autograd on the same values.
#include <doctest/doctest.h>

#include "core/autograd/autograd_kernel.h"
#include "core/autograd/engine.h"
#include "core/autograd/variable.h"
#include "core/common/artifacts.h"
#include "core/inductor/compile_fx.h"
#include "tests/inductor/inductor_test_util.h"

using namespace bwhop;
using namespace bwhop::inductor;
using namespace bwhop::inductor::testing;
using tensor::Tensor;

namespace {

Tensor leaf(std::vector<double> v) {
  Tensor t = tensor_of(v, {static_cast<int64_t>(v.size())});
  autograd::set_requires_grad(t, true);
  return t;
}

std::vector<std::string> output_codes(const common::ArtifactLog& log) {
  std::vector<std::string> texts;
  for (const common::Artifact& a : log.entries())
    if (a.name == "output_code") texts.push_back(a.text);
  return texts;
}

} // namespace

TEST_CASE("x * y with requires_grad leaves: forward and backward run compiled kernels") {
  autograd::install();
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  auto gm = b.finish({b.call("mul.Tensor", {x, y})});
  Tensor tx = leaf({0.5, 1.5, -2.0}), ty = leaf({2.0, 3.0, 4.0});
  common::ArtifactLog log;
  common::ScopedArtifactLog scope(log);
  std::shared_ptr<aot::AotCompiledFunction> fn = compile_fx(*gm, {tx, ty}, 0);
  REQUIRE(output_codes(log).size() == 1); // the backward compiles lazily, as in PyTorch
  CHECK(output_codes(log)[0].find("cpp_fused_mul_0") != std::string::npos);

  std::vector<Tensor> out = (*fn)({tx, ty});
  REQUIRE(out.size() == 1);
  Tensor grad_out = tensor_of({1.0, -1.0, 0.5}, {3});
  autograd::backward(out, {grad_out});
  std::vector<std::string> codes = output_codes(log);
  REQUIRE(codes.size() == 2);
  // The backward graph: grad_x = tangent * y, grad_y = tangent * x: two outputs of
  // the same shape, one fused kernel.
  CHECK(codes[1].find("cpp_fused_mul_0") != std::string::npos);
  CHECK(codes[1].find("out_ptr1") != std::string::npos);

  Tensor ex = leaf({0.5, 1.5, -2.0}), ey = leaf({2.0, 3.0, 4.0});
  Tensor eout = tensor::ops::mul(ex, ey);
  autograd::backward({eout}, {grad_out});
  CHECK(close(out[0], eout, 0.0));
  CHECK(close(autograd::grad(tx), autograd::grad(ex), 0.0));
  CHECK(close(autograd::grad(ty), autograd::grad(ey), 0.0));
}

TEST_CASE("sin(x) * y through AOT: gradients use the saved values in compiled kernels") {
  autograd::install();
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  auto gm = b.finish({b.call("mul.Tensor", {b.call("sin.default", {x}), y})});
  Tensor tx = leaf({0.1, 0.7}), ty = leaf({-1.0, 2.0});
  auto fn = compile_fx(*gm, {tx, ty}, 3);
  CHECK(fn->aot_id() == 3);
  std::vector<Tensor> out = (*fn)({tx, ty});
  autograd::backward(out, {tensor_of({1.0, 1.0}, {2})});

  Tensor ex = leaf({0.1, 0.7}), ey = leaf({-1.0, 2.0});
  Tensor eout = tensor::ops::mul(tensor::ops::sin(ex), ey);
  autograd::backward({eout}, {tensor_of({1.0, 1.0}, {2})});
  CHECK(close(out[0], eout));
  CHECK(close(autograd::grad(tx), autograd::grad(ex)));
  CHECK(close(autograd::grad(ty), autograd::grad(ey)));
}

TEST_CASE("inputs without requires_grad compile one inference graph") {
  autograd::install();
  GraphBuilder b;
  fx::Node* x = b.input("x");
  auto gm = b.finish({b.call("add.Tensor", {x, x})});
  common::ArtifactLog log;
  std::shared_ptr<aot::AotCompiledFunction> fn;
  {
    common::ScopedArtifactLog scope(log);
    fn = compile_fx(*gm, {tensor_of({1, 2}, {2})}, 1);
  }
  CHECK_FALSE(fn->needs_autograd());
  CHECK(output_codes(log).size() == 1);
  CHECK(close((*fn)({tensor_of({1, 2}, {2})})[0], tensor_of({2, 4}, {2}), 0.0));
}

TEST_CASE("sin(x) * y + sum(x * y) with y broadcast: externs and views in both graphs") {
  autograd::install();
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* s = b.call("sum.default", {b.call("mul.Tensor", {x, y})});
  auto gm =
      b.finish({b.call("add.Tensor", {b.call("mul.Tensor", {b.call("sin.default", {x}), y}), s})});
  auto make_x = [] {
    Tensor t = tensor_of({0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, {2, 3});
    autograd::set_requires_grad(t, true);
    return t;
  };
  Tensor tx = make_x(), ty = leaf({1.0, -2.0, 3.0});
  Tensor grad_out = tensor_of({1, 2, 3, 4, 5, 6}, {2, 3});
  common::ArtifactLog log;
  common::ScopedArtifactLog scope(log);
  auto fn = compile_fx(*gm, {tx, ty}, 2);
  std::vector<Tensor> out = (*fn)({tx, ty});
  autograd::backward(out, {grad_out});
  std::vector<std::string> codes = output_codes(log);
  REQUIRE(codes.size() == 2);
  CHECK(codes[0].find("cpp_fused_add_mul_sin_1") != std::string::npos);
  CHECK(codes[1].find("torch.ops.aten.expand.default") != std::string::npos);

  Tensor ex = make_x(), ey = leaf({1.0, -2.0, 3.0});
  Tensor eout = tensor::ops::add(tensor::ops::mul(tensor::ops::sin(ex), ey),
                                 tensor::ops::sum(tensor::ops::mul(ex, ey)));
  autograd::backward({eout}, {grad_out});
  CHECK(close(out[0], eout));
  CHECK(close(autograd::grad(tx), autograd::grad(ex)));
  CHECK(close(autograd::grad(ty), autograd::grad(ey)));
}

TEST_CASE("out.sum().backward(): the expanded tangent is coerced to the compiled layout") {
  // sum's backward expands the scalar gradient (stride 0); the backward kernels
  // were compiled for a contiguous tangents_1. By hand: d/dx sum(x * y) = y and
  // d/dy sum(x * y) = x.
  autograd::install();
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  auto gm = b.finish({b.call("mul.Tensor", {x, y})});
  Tensor tx = leaf({0.5, -1.5}), ty = leaf({2.0, 3.0});
  auto fn = compile_fx(*gm, {tx, ty}, 4);
  std::vector<Tensor> out = (*fn)({tx, ty});
  REQUIRE(out.size() == 1);
  autograd::backward({tensor::ops::sum(out[0])});
  CHECK(close(autograd::grad(tx), tensor_of({2.0, 3.0}, {2}), 0.0));
  CHECK(close(autograd::grad(ty), tensor_of({0.5, -1.5}, {2}), 0.0));
}
