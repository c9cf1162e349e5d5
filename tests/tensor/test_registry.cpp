// The op table: schemas parse into structure, lookups by name, modes and meta dispatch.
#include <doctest/doctest.h>

#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "tests/tensor/tensor_builders.h"

using namespace bwhop::tensor;
using namespace bwhop::tensor::testing;

TEST_CASE("schema text parses into arguments and prints back unchanged") {
  const char* text = "add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor";
  Schema s = Schema::parse(text);
  CHECK(s.name == "add");
  CHECK(s.overload == "Tensor");
  REQUIRE(s.args.size() == 3);
  CHECK(s.args[2].name == "alpha");
  CHECK(s.args[2].kwarg_only);
  CHECK(s.args[2].default_value.to_int() == 1);
  CHECK(s.str() == text);
  Schema v = Schema::parse("view(Tensor(a) self, SymInt[] size) -> Tensor(a)");
  CHECK(v.args[0].alias == "a");
  CHECK(v.args[1].type.is_list);
  CHECK(v.str() == "view(Tensor(a) self, SymInt[] size) -> Tensor(a)");
  Schema sd = Schema::parse("sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, "
                            "ScalarType? dtype=None) -> Tensor");
  CHECK(sd.args[1].type.optional);
  CHECK(sd.args[1].type.list_size == 1);
  CHECK(sd.args[2].default_value.to_bool() == false);
  CHECK_THROWS_AS(Schema::parse("bad(Tensor self"), std::invalid_argument);
}

TEST_CASE("bind fills defaults and names problems") {
  const OpDef& add = op("add.Tensor");
  Args a = add.schema.bind(std::vector<IValue>{IValue(ops::ones({1})), IValue(int64_t{2})}, {});
  CHECK(a.size() == 3);
  CHECK(a[2].to_int() == 1);
  std::vector<std::pair<std::string, IValue>> kw{{"alpha", IValue(2.0)}};
  Args b = add.schema.bind(std::vector<IValue>{IValue(ops::ones({1})), IValue(int64_t{2})}, kw);
  CHECK(b[2].to_double() == 2.0);
  CHECK_THROWS_WITH(add.schema.bind(std::vector<IValue>{IValue(ops::ones({1}))}, {}),
                    "add.Tensor() missing required argument 'other'");
}

TEST_CASE("registry lookups and node names") {
  auto& reg = OpRegistry::instance();
  CHECK(reg.find("aten::mul.Tensor") == &op("mul.Tensor"));
  CHECK(reg.find("neg.default") == &op("neg"));
  CHECK(reg.find("no_such_op") == nullptr);
  CHECK(op("mul.Tensor").backward_name == "MulBackward0");
  CHECK(op("sum.dim_IntList").backward_name == "SumBackward1");
  CHECK(op("matmul").composite);
  CHECK(op("copy_").is_inplace);
  CHECK(reg.overloads("mul").size() == 2);
  CHECK(op("mul.Tensor").tensor_args == std::vector<uint32_t>{0, 1});
}

namespace {
// Records op names and forwards below itself.
struct RecordingMode : DispatchMode {
  std::vector<std::string> seen;
  IValue dispatch(const OpDef& o, const Args& args) override {
    seen.push_back(o.qualified);
    return call_op(o, args);
  }
};
} // namespace

TEST_CASE("a dispatch mode sees decomposed ops and can redispatch") {
  auto mode = std::make_shared<RecordingMode>();
  Tensor r;
  {
    ModeGuard g(mode);
    r = ops::matmul(ops::ones({2, 3}), ops::ones({3}));
    CHECK(mode_stack_depth() == 1);
  }
  CHECK(mode_stack_depth() == 0);
  // ones, ones, then matmul decomposes into mv (never reaches the mode as matmul).
  CHECK(mode->seen == std::vector<std::string>{"ones", "ones", "mv"});
  CHECK(tensor_repr(r) == "tensor([3., 3.])");
}

TEST_CASE("nested modes: the inner (last pushed) runs first") {
  auto outer = std::make_shared<RecordingMode>();
  auto inner = std::make_shared<RecordingMode>();
  Tensor x = ops::ones({2});
  {
    ModeGuard g1(outer);
    ModeGuard g2(inner);
    ops::neg(x);
  }
  CHECK(inner->seen == std::vector<std::string>{"neg"});
  CHECK(outer->seen == std::vector<std::string>{"neg"});
}

TEST_CASE("tensors without storage run meta functions") {
  Tensor a = Tensor::empty({2, 3}, ScalarType::Float, false);
  Tensor b = Tensor::empty({3}, ScalarType::Long, false);
  Tensor c = ops::add(a, b);
  CHECK_FALSE(c.has_storage());
  CHECK(c.sizes() == IntList{2, 3});
  CHECK(c.dtype() == ScalarType::Float);
  Tensor s = ops::sum(a, {1}, true);
  CHECK(s.sizes() == IntList{2, 1});
  Tensor m = ops::matmul(a, Tensor::empty({3, 4}, ScalarType::Float, false));
  CHECK(m.sizes() == IntList{2, 4});
  CHECK(ops::div(b, b).dtype() == ScalarType::Float);
  CHECK(ops::t(a).strides() == IntList{1, 3});
}

TEST_CASE("grad mode guards nest and restore") {
  CHECK(grad_mode_enabled());
  {
    GradModeGuard no_grad(false);
    CHECK_FALSE(grad_mode_enabled());
    {
      GradModeGuard enable(true);
      CHECK(grad_mode_enabled());
    }
    CHECK_FALSE(grad_mode_enabled());
  }
  CHECK(grad_mode_enabled());
  CHECK_FALSE(autograd_excluded());
  {
    ExcludeAutogradGuard g;
    CHECK(autograd_excluded());
  }
  CHECK_FALSE(autograd_excluded());
}

TEST_CASE("manual_seed makes rand/randn reproducible") {
  ops::manual_seed(0);
  std::vector<double> a = ops::to_doubles(ops::randn({4}));
  ops::manual_seed(0);
  std::vector<double> b = ops::to_doubles(ops::randn({4}));
  CHECK(a == b);
  for (double v : ops::to_doubles(ops::rand({100}))) {
    CHECK(v >= 0.0);
    CHECK(v < 1.0);
  }
}

TEST_CASE("torch.Size and dtype reprs") {
  CHECK(size_repr(IntList{2, 3}) == "torch.Size([2, 3])");
  CHECK(size_repr(IntList{}) == "torch.Size([])");
  CHECK(dtype_repr(ScalarType::Float) == "torch.float32");
  CHECK(dtype_repr(ScalarType::Long) == "torch.int64");
}

TEST_CASE("IValue reprs follow Python") {
  CHECK(IValue(2.0).repr() == "2.0");
  CHECK(IValue(0.5).repr() == "0.5");
  CHECK(IValue(1e-05).repr() == "1e-05");
  CHECK(IValue(0.0001).repr() == "0.0001");
  CHECK(IValue(1e16).repr() == "1e+16");
  CHECK(IValue(123456789.0).repr() == "123456789.0");
  CHECK(IValue(true).repr() == "True");
  CHECK(IValue().repr() == "None");
  CHECK(IValue(IntList{1, 2}).repr() == "[1, 2]");
  CHECK(IValue(ScalarType::Float).repr() == "torch.float32");
  CHECK(IValue(MemoryFormat::Contiguous).repr() == "torch.contiguous_format");
}
