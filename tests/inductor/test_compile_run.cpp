// Compiled kernels against eager: every graph is lowered, its C++ compiled with the
// system compiler, loaded and run, and its outputs compared with the same ops run
// eagerly through the dispatcher.
#include <doctest/doctest.h>

#include "core/common/artifacts.h"
#include "core/inductor/compile_fx.h"
#include "core/inductor/pointwise_lowering.h"
#include "tests/inductor/inductor_test_util.h"

using namespace bwhop;
using namespace bwhop::inductor;
using namespace bwhop::inductor::testing;
using tensor::IValue;
using tensor::Tensor;

namespace {

std::vector<Tensor> run(const CompiledFxGraph& compiled, const std::vector<IValue>& inputs) {
  std::vector<Tensor> out;
  for (const IValue& v : compiled(inputs)) out.push_back(v.to_tensor());
  return out;
}

} // namespace

TEST_CASE("x * y and x + y match eager") {
  for (const char* op : {"mul.Tensor", "add.Tensor", "sub.Tensor", "div.Tensor"}) {
    GraphBuilder b;
    fx::Node* x = b.input("x");
    fx::Node* y = b.input("y");
    auto gm = b.finish({b.call(op, {x, y})});
    Tensor tx = tensor_of({0.5, -1.5, 2.0, 3.25, 4.0, -6.0}, {2, 3});
    Tensor ty = tensor_of({2.0, 3.0, -0.5, 1.0, 8.0, 0.25}, {2, 3});
    auto compiled = compile_fx_inner(gm, {tx, ty});
    INFO(compiled->fallback_reason());
    REQUIRE(compiled->compiled());
    std::vector<Tensor> out = run(*compiled, {tx, ty});
    REQUIRE(out.size() == 1);
    CHECK(close(out[0], eager(op, {tx, ty}), 0.0));
  }
}

TEST_CASE("sin(x) * y + 2 and unary ops match eager") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* chain =
      b.call("add.Tensor", {b.call("mul.Tensor", {b.call("sin.default", {x}), y}), 2});
  fx::Node* other =
      b.call("sub.Tensor",
             {b.call("sigmoid.default", {b.call("tanh.default", {x})}),
              b.call("relu.default", {b.call("neg.default", {b.call("exp.default", {y})})})},
             {{"alpha", 0.5}});
  fx::Node* third =
      b.call("pow.Tensor_Scalar", {b.call("sqrt.default", {b.call("abs.default", {x})}), 3});
  auto gm = b.finish({chain, other, third});
  Tensor tx = tensor_of({0.1, -0.2, 0.3, 1.7}, {4});
  Tensor ty = tensor_of({1.0, -2.0, 3.0, 0.5}, {4});
  auto compiled = compile_fx_inner(gm, {tx, ty});
  INFO(compiled->fallback_reason());
  REQUIRE(compiled->compiled());
  std::vector<Tensor> out = run(*compiled, {tx, ty});
  REQUIRE(out.size() == 3);
  Tensor e_chain = eager("add.Tensor", {eager("mul.Tensor", {eager("sin", {tx}), ty}), int64_t{2}});
  const tensor::OpDef& sub = tensor::op("sub.Tensor");
  Tensor e_other =
      tensor::call_op(
          sub,
          sub.schema.bind(std::vector<IValue>{eager("sigmoid", {eager("tanh", {tx})}),
                                              eager("relu", {eager("neg", {eager("exp", {ty})})})},
                          std::vector<std::pair<std::string, IValue>>{{"alpha", 0.5}}))
          .to_tensor();
  Tensor e_third = eager("pow.Tensor_Scalar", {eager("sqrt", {eager("abs", {tx})}), int64_t{3}});
  CHECK(close(out[0], e_chain));
  CHECK(close(out[1], e_other));
  CHECK(close(out[2], e_third));
}

TEST_CASE("broadcasting [2, 3] * [3] and [2, 1] + [3] match eager") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* z = b.input("z");
  auto gm = b.finish({b.call("mul.Tensor", {x, y}), b.call("add.Tensor", {z, y})});
  Tensor tx = tensor_of({1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor ty = tensor_of({10, 20, 30}, {3});
  Tensor tz = tensor_of({-1, 1}, {2, 1});
  auto compiled = compile_fx_inner(gm, {tx, ty, tz});
  REQUIRE(compiled->compiled());
  std::vector<Tensor> out = run(*compiled, {tx, ty, tz});
  REQUIRE(out.size() == 2);
  CHECK(close(out[0], eager("mul.Tensor", {tx, ty}), 0.0));
  CHECK(close(out[1], eager("add.Tensor", {tz, ty}), 0.0));
}

TEST_CASE("a sum runs as an extern kernel between two fused kernels") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* s = b.call("sum.default", {b.call("mul.Tensor", {x, y})});
  auto gm = b.finish({b.call("add.Tensor", {b.call("exp.default", {s}), x}), s});
  Tensor tx = tensor_of({0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, {2, 3});
  Tensor ty = tensor_of({1, -1, 1, -1, 1, -1}, {2, 3});
  auto compiled = compile_fx_inner(gm, {tx, ty});
  REQUIRE(compiled->compiled());
  CHECK(compiled->lowered().kernels.size() == 2);
  std::vector<Tensor> out = run(*compiled, {tx, ty});
  REQUIRE(out.size() == 2);
  Tensor es = eager("sum", {eager("mul.Tensor", {tx, ty})});
  CHECK(close(out[0], eager("add.Tensor", {eager("exp", {es}), tx})));
  CHECK(close(out[1], es, 0.0));
}

TEST_CASE("float64 and mixed float32 * float64 compute in the promoted type") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  auto gm = b.finish({b.call("mul.Tensor", {x, y}), b.call("div.Tensor", {y, y})});
  Tensor tx = tensor_of({1.0 / 3.0, 2.5}, {2}, tensor::ScalarType::Float);
  Tensor ty = tensor_of({1.0 / 7.0, 3.0}, {2}, tensor::ScalarType::Double);
  auto compiled = compile_fx_inner(gm, {tx, ty});
  REQUIRE(compiled->compiled());
  CHECK(compiled->source().find("static_cast<double>(tmp0)") != std::string::npos);
  std::vector<Tensor> out = run(*compiled, {tx, ty});
  CHECK(out[0].dtype() == tensor::ScalarType::Double);
  CHECK(close(out[0], eager("mul.Tensor", {tx, ty}), 0.0));
  CHECK(close(out[1], eager("div.Tensor", {ty, ty}), 0.0));
}

TEST_CASE("output_code is recorded, deterministic, and a recompile hits the cache") {
  auto build = [] {
    GraphBuilder b;
    fx::Node* x = b.input("x");
    return b.finish({b.call("mul.Tensor", {b.call("cos.default", {x}), 3.5})});
  };
  Tensor tx = tensor_of({0.0, 1.0, 2.0}, {3});
  common::ArtifactLog log;
  std::shared_ptr<const CompiledFxGraph> first, second;
  {
    common::ScopedArtifactLog scope(log);
    first = compile_fx_inner(build(), {tx});
    const std::size_t before = compiler_invocations();
    second = compile_fx_inner(build(), {tx});
    CHECK(compiler_invocations() == before);
  }
  REQUIRE(log.entries().size() == 2);
  CHECK(log.entries()[0].name == "output_code");
  CHECK(log.entries()[0].text == log.entries()[1].text);
  CHECK(log.entries()[0].text.find("cpp_fused_cos_mul_0") != std::string::npos);
  CHECK(log.entries()[0].text.find("/") == std::string::npos); // no paths in the text
  CHECK(close(run(*second, {tx})[0], eager("mul.Tensor", {eager("cos", {tx}), 3.5})));
}

TEST_CASE("inputs with another geometry than the compiled one are rejected") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  auto gm = b.finish({b.call("neg.default", {x})});
  auto compiled = compile_fx_inner(gm, {tensor_of({1, 2}, {2})});
  CHECK_THROWS_WITH((*compiled)({tensor_of({1, 2, 3}, {3})}),
                    doctest::Contains("but the kernel was compiled for size [2]"));
}

TEST_CASE("an unsupported graph runs in the interpreter and says why") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  auto gm = b.finish({b.call("mul.Tensor", {x, x})});
  // The fallback here comes from a compiler that cannot run.
  setenv("BWHOP_INDUCTOR_CXX", "/nonexistent/c++", 1);
  auto compiled = compile_fx_inner(gm, {tensor_of({1, 2}, {2})});
  unsetenv("BWHOP_INDUCTOR_CXX");
  CHECK_FALSE(compiled->compiled());
  CHECK(compiled->fallback_reason().find("C++ compiler failed") != std::string::npos);
  CHECK(close(run(*compiled, {tensor_of({1, 2}, {2})})[0], tensor_of({1, 4}, {2}), 0.0));
}

TEST_CASE("every op with a pointwise lowering matches its eager kernel") {
  install_pointwise_lowerings();
  int checked = 0;
  for (const tensor::OpDef* op : tensor::OpRegistry::instance().all()) {
    if (find_pointwise_lowering(*op) == nullptr) continue;
    GraphBuilder b;
    fx::Args args;
    fx::Kwargs kwargs;
    std::vector<IValue> inputs, eager_args;
    int tensors = 0;
    for (const tensor::Argument& a : op->schema.args) {
      if (a.type.base == tensor::BaseType::Tensor) {
        // Positive values on both sides of 0.5 (log, sqrt, pow and threshold).
        Tensor t = tensor_of({0.25 + 0.1 * tensors, 0.75, 1.5, 0.5 - 0.05 * tensors}, {2, 2});
        std::string name = "arg" + std::to_string(tensors++);
        args.emplace_back(b.input(name));
        inputs.emplace_back(t);
        eager_args.emplace_back(t);
      } else {
        // Scalars: 0.5, and alpha = 2 so the scaled form is exercised.
        double v = a.name == "alpha" ? 2.0 : 0.5;
        if (a.kwarg_only)
          kwargs.push_back({a.name, v});
        else
          args.emplace_back(v);
        eager_args.emplace_back(v);
      }
    }
    auto gm = b.finish({b.call(op->qualified, std::move(args), std::move(kwargs))});
    auto compiled = compile_fx_inner(gm, inputs);
    INFO(op->qualified, " ", compiled->fallback_reason());
    REQUIRE(compiled->compiled());
    REQUIRE(compiled->lowered().kernels.size() == 1);
    Tensor expected = tensor::call_op(*op, eager_args).to_tensor();
    CHECK(close(run(*compiled, inputs)[0], expected));
    ++checked;
  }
  CHECK(checked >= 20);
}
