// Lowering and scheduling decisions: which nodes fuse into which kernel, how the
// kernels and buffers are named, and the output_code text. Expected names follow
// inductor's rules (torch/_inductor/codegen/cpp.py + utils.get_fused_kernel_name:
// `cpp_` + `fused_` + sorted distinct aten packet names of the fused origins + a
// per-graph kernel counter; buffers buf0, buf1, ... in lowering order) and the
// fusion rule documented in core/inductor/lowering.h, applied by hand.
#include <doctest/doctest.h>

#include "core/inductor/aten_call.h"
#include "core/inductor/compile_fx.h"
#include "core/inductor/cpp_codegen.h"
#include "core/inductor/lowering.h"
#include "core/inductor/pointwise_lowering.h"
#include "tests/inductor/inductor_test_util.h"

using namespace bwhop;
using namespace bwhop::inductor;
using namespace bwhop::inductor::testing;
using tensor::IValue;
using tensor::Tensor;

namespace {

LoweredGraph lower(const fx::GraphModule& gm, const std::vector<IValue>& inputs) {
  return lower_graph(gm.graph(), {}, inputs);
}

std::vector<std::string> kernel_names(const LoweredGraph& lg) {
  std::vector<std::string> names;
  for (const Kernel& k : lg.kernels) names.push_back(k.name);
  return names;
}

} // namespace

TEST_CASE("elementwise ops carry their lowering in the op registry") {
  install_pointwise_lowerings();
  const PointwiseLowering* mul = find_pointwise_lowering(tensor::op("mul.Tensor"));
  REQUIRE(mul != nullptr);
  CHECK(mul->expr == "{0} * {1}");
  const PointwiseLowering* add = find_pointwise_lowering(tensor::op("add.Tensor"));
  REQUIRE(add != nullptr);
  CHECK(add->unit_arg == 2); // alpha
  CHECK(find_pointwise_lowering(tensor::op("sin")) != nullptr);
  CHECK(find_pointwise_lowering(tensor::op("sum")) == nullptr);
  CHECK(find_pointwise_lowering(tensor::op("mm")) == nullptr);
  CHECK(find_pointwise_lowering(tensor::op("view")) == nullptr);
}

TEST_CASE("sin(x) * y + 2: the chain fuses into one kernel with one store") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* s = b.call("sin.default", {x});
  fx::Node* m = b.call("mul.Tensor", {s, y});
  fx::Node* a = b.call("add.Tensor", {m, 2});
  auto gm = b.finish({a});
  Tensor tx = tensor_of({0.1, 0.2, 0.3}, {3}), ty = tensor_of({1, 2, 3}, {3});
  LoweredGraph lg = lower(*gm, {tx, ty});
  CHECK(kernel_names(lg) == std::vector<std::string>{"cpp_fused_add_mul_sin_0"});
  REQUIRE(lg.kernels.size() == 1);
  CHECK(lg.kernels[0].outputs == std::vector<const fx::Node*>{a});
  CHECK(lg.kernels[0].members.size() == 3);
  CHECK(lg.buffer_names[a->id()] == "buf0");
  CHECK(lg.buffer_names[m->id()].empty()); // inlined: no buffer
  CHECK(lg.steps.size() == 1);
  const std::string src = kernel_source(lg.kernels[0]);
  CHECK(src.find("auto tmp1 = std::sin(tmp0);") != std::string::npos);
  CHECK(src.find("auto tmp4 = tmp3 + static_cast<float>(2L);") != std::string::npos);
}

TEST_CASE("a value used twice is materialized; same-shape kernels fuse and skip its store") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* m = b.call("mul.Tensor", {x, y});
  fx::Node* p = b.call("add.Tensor", {m, 1});
  fx::Node* q = b.call("mul.Tensor", {m, 2});
  auto gm = b.finish({p, q});
  Tensor t = tensor_of({1, 2}, {2});
  LoweredGraph lg = lower(*gm, {t, t});
  CHECK(kernel_names(lg) == std::vector<std::string>{"cpp_fused_add_mul_0"});
  CHECK(lg.buffer_names[m->id()] == "buf0");
  CHECK(lg.buffer_names[p->id()] == "buf1");
  CHECK(lg.buffer_names[q->id()] == "buf2");
  // m is read only inside its own kernel: it is not stored.
  CHECK(lg.kernels[0].outputs == std::vector<const fx::Node*>{p, q});
}

TEST_CASE("an extern op splits kernels; the kernel counter runs per graph") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* m = b.call("mul.Tensor", {x, y});
  fx::Node* s = b.call("sum.default", {m});
  fx::Node* e = b.call("exp.default", {s});
  fx::Node* a = b.call("add.Tensor", {e, x});
  auto gm = b.finish({a});
  Tensor t = tensor_of({1, 2, 3, 4, 5, 6}, {2, 3});
  LoweredGraph lg = lower(*gm, {t, t});
  CHECK(kernel_names(lg) == std::vector<std::string>{"cpp_fused_mul_0", "cpp_fused_add_exp_1"});
  REQUIRE(lg.steps.size() == 3);
  CHECK(lg.steps[1].kind == Step::Kind::Extern);
  CHECK(lg.steps[1].node == s);
  CHECK(lg.buffer_names[m->id()] == "buf0");
  CHECK(lg.buffer_names[s->id()] == "buf1");
  CHECK(lg.buffer_names[a->id()] == "buf2");
  // exp of a 0-dim sum is inlined into the [2, 3] add: its load broadcasts.
  const std::string src = kernel_source(lg.kernels[1]);
  CHECK(src.find("auto tmp0 = in_ptr0[static_cast<int64_t>(0L)];") != std::string::npos);
}

TEST_CASE("broadcasting [2, 3] * [3] indexes the smaller input by the inner loop") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  auto gm = b.finish({b.call("mul.Tensor", {x, y})});
  LoweredGraph lg = lower(*gm, {tensor_of({1, 2, 3, 4, 5, 6}, {2, 3}), tensor_of({1, 2, 3}, {3})});
  REQUIRE(lg.kernels.size() == 1);
  const std::string src = kernel_source(lg.kernels[0]);
  CHECK(src.find("for(int64_t x0=static_cast<int64_t>(0L); x0<static_cast<int64_t>(2L); "
                 "x0+=static_cast<int64_t>(1L))") != std::string::npos);
  CHECK(src.find("for(int64_t x1=static_cast<int64_t>(0L); x1<static_cast<int64_t>(3L); "
                 "x1+=static_cast<int64_t>(1L))") != std::string::npos);
  CHECK(src.find("auto tmp0 = in_ptr0[static_cast<int64_t>(x1 + (3L*x0))];") != std::string::npos);
  CHECK(src.find("auto tmp1 = in_ptr1[static_cast<int64_t>(x1)];") != std::string::npos);
  CHECK(src.find("out_ptr0[static_cast<int64_t>(x1 + (3L*x0))] = tmp2;") != std::string::npos);
}

TEST_CASE("output_code for x * y: kernel in an async_compile block and the call wrapper") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  auto gm = b.finish({b.call("mul.Tensor", {x, y})});
  Tensor t = tensor_of({1, 2, 3, 4, 5, 6}, {2, 3});
  LoweredGraph lg = lower(*gm, {t, t});
  CHECK(output_code(lg) == R"(cpp_fused_mul_0 = async_compile.cpp('''
extern "C" void kernel(const float* in_ptr0,
                       const float* in_ptr1,
                       float* out_ptr0)
{
    for(int64_t x0=static_cast<int64_t>(0L); x0<static_cast<int64_t>(6L); x0+=static_cast<int64_t>(1L))
    {
        auto tmp0 = in_ptr0[static_cast<int64_t>(x0)];
        auto tmp1 = in_ptr1[static_cast<int64_t>(x0)];
        auto tmp2 = tmp0 * tmp1;
        out_ptr0[static_cast<int64_t>(x0)] = tmp2;
    }
}
''')


def call(args):
    x, y = args
    args.clear()
    assert_size_stride(x, (2, 3), (3, 1))
    assert_size_stride(y, (2, 3), (3, 1))
    buf0 = empty_strided_cpu((2, 3), (3, 1), torch.float32)
    cpp_fused_mul_0(x, y, buf0)
    return (buf0, )
)");
}

TEST_CASE("integer tensors are not lowered: the op runs as an extern kernel") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  auto gm = b.finish({b.call("mul.Tensor", {x, x})});
  LoweredGraph lg = lower(*gm, {tensor_of({1, 2}, {2}, tensor::ScalarType::Long)});
  CHECK(lg.kernels.empty());
  REQUIRE(lg.steps.size() == 1);
  CHECK(lg.steps[0].kind == Step::Kind::Extern);
}

TEST_CASE("a target that is not an aten op makes the graph unsupported") {
  auto g = std::make_shared<fx::Graph>();
  fx::Node* x = g->placeholder("x");
  g->output(fx::Argument::tuple({g->call_function(fx::operator_target("neg"), {x})}));
  fx::GraphModule gm(g);
  CHECK_THROWS_WITH_AS(lower(gm, {tensor_of({1}, {1})}), doctest::Contains("is not an aten op"),
                       Unsupported);
}

TEST_CASE("kernels with identical source share one name; the counter skips them") {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  fx::Node* s = b.call("sum.default", {b.call("mul.Tensor", {x, y})});
  fx::Node* again = b.call("mul.Tensor", {x, y});
  fx::Node* t = b.call("sum.default", {again});
  auto gm = b.finish({s, b.call("neg.default", {t})});
  Tensor v = tensor_of({1, 2, 3}, {3});
  LoweredGraph lg = lower(*gm, {v, v});
  CHECK(kernel_names(lg) ==
        std::vector<std::string>{"cpp_fused_mul_0", "cpp_fused_mul_0", "cpp_fused_neg_1"});
  CHECK(lg.kernels[1].same_as == 0);
  const std::string code = output_code(lg);
  CHECK(code.find("cpp_fused_mul_0 = async_compile") ==
        code.rfind("cpp_fused_mul_0 = async_compile"));
  auto compiled = compile_fx_inner(gm, {v, v});
  REQUIRE(compiled->compiled());
  std::vector<IValue> out = (*compiled)({v, v});
  CHECK(out[0].to_tensor().item_double() == 14.0);
  CHECK(out[1].to_tensor().item_double() == -14.0);
}
