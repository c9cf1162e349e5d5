#include <doctest/doctest.h>

#include <map>

#include "core/compiled_autograd/graph_module_object.h"
#include "core/compiled_autograd/install.h"
#include "core/compiled_autograd/ops.h"
#include "core/torch/install.h"
#include "core/torch/tensor_object.h"
#include "tests/common/script_run.h"
#include "tests/compiled_autograd/ca_test_util.h"

using namespace bwhop;
using namespace bwhop::compiled_autograd;
namespace native = lang::native;

namespace {

struct Result {
  int status = 0;
  std::string out, err;
  std::vector<std::string> artifacts;
};

// `_ca_test.aot_add(x, y)` / `aot_mul`: what torch.compile(backend="aot_eager")
// installs for `x + y` / `x * y` (AOT ids 1 and 2), without dynamo.
void install_test_module() {
  native::register_native_module("_ca_test", [](const lang::Value& m) {
    auto bind = [&](const char* name, const char* py, const char* aten, int64_t id) {
      native::module_def(m, name, [py, aten, id](const lang::Args& a) {
        // One compiled function per op for the whole process, as a backend cache would.
        static std::map<std::string, std::shared_ptr<aot::AotCompiledFunction>> compiled;
        auto& fn = compiled[aten];
        if (!fn) fn = compiled_autograd::testing::aot_binary(py, aten, id);
        std::vector<tensor::Tensor> ins{torchmod::expect_tensor(a[0], "x"),
                                        torchmod::expect_tensor(a[1], "y")};
        return torchmod::wrap_tensor((*fn)(ins)[0]);
      });
    };
    bind("aot_add", "add", "add.Tensor", 1);
    bind("aot_mul", "mul", "mul.Tensor", 2);
  });
}

Result run(const std::string& source) {
  torchmod::install();
  compiled_autograd::install();
  install_test_module();
  bwhop::testing::ScriptRun run = bwhop::testing::run_script_source(source, "<test>");
  return Result{run.status, run.out, run.err, run.artifact("compiled_autograd")};
}

// The same forward and hook, backward once eagerly and once under compiled
// autograd; both results printed.
std::string both_ways(const std::string& forward) {
  return R"(
import torch
import _ca_test
from torch._dynamo import compiled_autograd

def run(use_ca):
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    y = torch.tensor([2.0, 3.0], requires_grad=True)
    x.register_hook(lambda g: g * g)
    out = )" +
         forward + R"(
    grad = torch.tensor([2.0, 2.0])
    if use_ca:
        with compiled_autograd._enable(lambda gm: gm):
            out.backward(grad)
    else:
        out.backward(grad)
    return x.grad, y.grad

eager = run(False)
compiled = run(True)
print(eager)
print(compiled)
print(eager[0].tolist() == compiled[0].tolist() and eager[1].tolist() == compiled[1].tolist())
)";
}

} // namespace

TEST_CASE("eager x * y with a hook: compiled autograd gives the eager engine's gradients") {
  Result r = run(both_ways("x * y"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  // oracle: x.grad = (y * g)^2 = [16, 36], y.grad = x * g = [1, 3].
  CHECK(r.out.find("(tensor([16., 36.]), tensor([1., 3.]))") != std::string::npos);
  CHECK(r.out.substr(r.out.size() - 5) == "True\n");
  REQUIRE(r.artifacts.size() == 1);
  CHECK(r.artifacts[0].find("class CompiledAutograd0(torch.nn.Module):") != std::string::npos);
  CHECK(r.artifacts[0].find("torch__dynamo_compiled_autograd_ops_MulBackward0(") !=
        std::string::npos);
}

TEST_CASE("eager x + y with a hook: AddBackward0 runs as a functional op") {
  Result r = run(both_ways("x + y"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  // oracle: x.grad = g^2 = [4, 4], y.grad = g = [2, 2].
  CHECK(r.out.find("(tensor([4., 4.]), tensor([2., 2.]))") != std::string::npos);
  CHECK(r.out.substr(r.out.size() - 5) == "True\n");
}

TEST_CASE("aot_eager x + y and x * y: the pasted AOT backward runs through torch.ops.aten") {
  Result add = run(both_ways("_ca_test.aot_add(x, y)"));
  INFO(add.err);
  REQUIRE(add.status == 0);
  CHECK(add.out.find("(tensor([4., 4.]), tensor([2., 2.]))") != std::string::npos);
  CHECK(add.out.substr(add.out.size() - 5) == "True\n");
  REQUIRE(add.artifacts.size() == 1);
  CHECK(add.artifacts[0].find("aot1_tangents_1") != std::string::npos);

  Result mul = run(both_ways("_ca_test.aot_mul(x, y)"));
  INFO(mul.err);
  REQUIRE(mul.status == 0);
  INFO(mul.out);
  CHECK(mul.out.find("(tensor([16., 36.]), tensor([1., 3.]))") != std::string::npos);
  CHECK(mul.out.substr(mul.out.size() - 5) == "True\n");
  REQUIRE(mul.artifacts.size() == 1);
  CHECK(mul.artifacts[0].find("torch.ops.aten.mul.Tensor(aot2_tangents_1, aot2_primals_") !=
        std::string::npos);
}

TEST_CASE(
    "the compiler function sees a GraphModule whose forward is script code; cache and reset") {
  Result r = run(R"(
import torch
from torch._dynamo import compiled_autograd

seen = []
def compiler_fn(gm):
    seen.append(gm)
    return gm

def step():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * x).backward(torch.tensor([1.0, 1.0]))
    return x.grad

with compiled_autograd._enable(compiler_fn):
    a = step()
    b = step()
    compiled_autograd.reset()
    c = step()
print(len(seen), type(seen[0]).__name__, type(seen[1]).__name__)
print(a, b, c)
print(seen[0].code == seen[1].code, "def forward(self, inputs, sizes, scalars, hooks, packed_data):" in seen[0].code)
print(type(seen[0].forward).__name__, seen[0].meta["locals_to_steal"])
ops = compiled_autograd.ops
print(ops.validate_outputs.__name__, ops.validate_outputs.__module__, ops.MulBackward0.__name__)
x = torch.tensor([1.0], requires_grad=True)
(x * 3).backward()
print(x.grad)
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "2 CompiledAutograd0 CompiledAutograd1\n"
                 "tensor([2., 4.]) tensor([2., 4.]) tensor([2., 4.])\n"
                 "True True\n"
                 "method ['inputs']\n"
                 "validate_outputs torch._dynamo.compiled_autograd.ops MulBackward0\n"
                 "tensor([3.])\n");
  CHECK(r.artifacts.size() == 2);
}

TEST_CASE("nested _enable and exceptions restore the engine") {
  Result r = run(R"(
import torch
from torch._dynamo import compiled_autograd
calls = []
def outer(gm):
    calls.append("outer")
    return gm
def inner(gm):
    calls.append("inner")
    return gm
def step():
    x = torch.tensor([1.0], requires_grad=True)
    (x * 2).backward()
    return x.grad
with compiled_autograd._enable(outer):
    with compiled_autograd._enable(inner):
        step()
    compiled_autograd.reset()
    step()
try:
    with compiled_autograd._enable(outer):
        raise ValueError("boom")
except ValueError:
    pass
step()
print(calls)
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "['inner', 'outer']\n");
}

TEST_CASE("validate_outputs reduces broadcast gradients and reports bad shapes") {
  Result r = run(R"(
import torch
from torch._dynamo import compiled_autograd
vo = compiled_autograd.ops.validate_outputs
meta = ((None, None, torch.device("cpu"), 6, 0, None), [2], False, 6)
print(vo([torch.ones(3, 2)], [meta]))
try:
    vo([torch.ones(3)], [meta])
except RuntimeError as e:
    print(e)
acc = compiled_autograd.ops.AccumulateGrad
v = torch.zeros(2, requires_grad=True)
print(acc([torch.ones(2)], v, None, False), acc([torch.ones(2)], v, torch.ones(2), False))
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "[tensor([3., 3.])]\n"
                 "[Compiled Autograd Tracing:]invalid gradient at index 0 - got [3] but expected "
                 "shape compatible with [2]\n"
                 "[tensor([1., 1.])] [tensor([2., 2.])]\n");
}

TEST_CASE("op_info recognises compiled-autograd ops only") {
  native::register_native_module("_ca_probe", [](const lang::Value& m) {
    native::module_def(m, "kind", [](const lang::Args& a) {
      const OpInfo* info = op_info(a[0]);
      if (info == nullptr) return native::make_str("none");
      return native::make_str(std::to_string(static_cast<int>(info->kind)) + ":" + info->name);
    });
  });
  Result r = run(R"(
from torch._dynamo import compiled_autograd
import _ca_probe
ops = compiled_autograd.ops
print(_ca_probe.kind(ops.validate_outputs), _ca_probe.kind(ops.AccumulateGrad),
      _ca_probe.kind(ops.AddBackward0), _ca_probe.kind(len))
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "0:validate_outputs 2:AccumulateGrad 3:AddBackward0 none\n");
}

TEST_CASE("fan-in gradients add in the graph; hooks on non-leaves; sum's implicit grad") {
  // oracle (PyTorch 1.13, eager engine, same script without compiled autograd):
  // tensor([ 9., 16.]) tensor([0.5000, 1.5000]) and tensor([12., 81.]) tensor([ 3.0000, 40.5000]).
  Result r = run(R"(
import torch
from torch._dynamo import compiled_autograd
seen = []
def compiler_fn(gm):
    seen.append(gm.code)
    return gm
with compiled_autograd._enable(compiler_fn):
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    y = torch.tensor([2.0, 3.0], requires_grad=True)
    x.register_hook(lambda g: g * g)
    (x * y + x).sum().backward()
    print(x.grad, y.grad)
    x = torch.tensor([0.5, 1.5], requires_grad=True)
    y = torch.tensor([2.0, 3.0], requires_grad=True)
    z = x * y
    z.register_hook(lambda g: g * 3)
    (z * z).sum().backward()
    print(x.grad, y.grad)
print("torch.add(" in seen[0], "tensor_pre_hook" in seen[1])
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "tensor([ 9., 16.]) tensor([0.5000, 1.5000])\n"
                 "tensor([12., 81.]) tensor([ 3.0000, 40.5000])\n"
                 "True True\n");
}

TEST_CASE("call_aot_bwd_prologue carries the forward outputs' static sizes and strides") {
  // The forward of `x * y` on 2-element tensors returns one f32[2] output,
  // contiguous: tangent size [2], stride [1].
  native::register_native_module("_ca_prologue_probe", [](const lang::Value& m) {
    native::module_def(m, "tangents", [](const lang::Args& a) {
      lang::Value func, self;
      REQUIRE(native::unbind_method(a[0], func, self));
      const lang::Function* f = native::as_function(func);
      REQUIRE(f != nullptr);
      lang::Value prologue = native::dict_get(
          lang::Value(f->globals.get()),
          native::make_str("torch__dynamo_compiled_autograd_call_aot_bwd_prologue"));
      lang::Value gm;
      REQUIRE(native::unbind_method(a[0], func, gm));
      REQUIRE(graph_module_of(gm) != nullptr);
      CHECK(graph_module_of(gm)->class_name() == "CompiledAutograd0");
      CHECK(graph_module_of(native::make_int(1)) == nullptr);
      const OpInfo* info = op_info(prologue);
      REQUIRE(info != nullptr);
      CHECK(info->kind == OpKind::AotBackwardPrologue);
      CHECK(info->tangent_sizes == std::vector<std::vector<int64_t>>{{2}});
      CHECK(info->tangent_strides == std::vector<std::vector<int64_t>>{{1}});
      return native::none();
    });
  });
  Result r = run(R"(
import torch
import _ca_test
import _ca_prologue_probe
from torch._dynamo import compiled_autograd
def compiler_fn(gm):
    _ca_prologue_probe.tangents(gm.forward)
    return gm
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = torch.tensor([2.0, 3.0], requires_grad=True)
with compiled_autograd._enable(compiler_fn):
    _ca_test.aot_mul(x, y).backward(torch.tensor([1.0, 1.0]))
print(x.grad, y.grad)
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "tensor([2., 3.]) tensor([0.5000, 1.5000])\n");
}

TEST_CASE("_disable suspends compiled autograd inside _enable and restores it") {
  Result r = run(R"(
import torch
from torch._dynamo import compiled_autograd
calls = []
def compiler_fn(gm):
    calls.append(1)
    return gm
def step():
    x = torch.tensor([1.0], requires_grad=True)
    (x * 2).backward()
    return x.grad
with compiled_autograd._enable(compiler_fn):
    with compiled_autograd._disable():
        print(step())
    print(len(calls))
    print(step())
    print(len(calls))
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "tensor([2.])\n0\ntensor([2.])\n1\n");
}

TEST_CASE("accumulating into an existing .grad is in place, as on the eager engine") {
  // oracle (PyTorch 1.13, eager engine): True tensor([3., 5.]).
  Result r = run(R"(
import torch
from torch._dynamo import compiled_autograd
x = torch.tensor([1.0, 2.0], requires_grad=True)
(x * x).sum().backward()
g = x.grad
with compiled_autograd._enable(lambda gm: gm):
    (x * 1.0).sum().backward()
print(g is x.grad, g)
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "True tensor([3., 5.])\n");
}

TEST_CASE("torch.ops.aten: overloads (hidden ones too), packets, clear errors") {
  // oracle (PyTorch 1.13): tensor([6.]) / mul.Tensor torch._ops.aten / tensor([3.]) /
  // tensor([6.]) / AttributeError / AttributeError
  Result r = run(R"(
import torch
print(torch.ops.aten.mul.Tensor(torch.tensor([2.0]), torch.tensor([3.0])))
print(torch.ops.aten.mul.Tensor.__name__, torch.ops.aten.mul.Tensor.__module__)
print(torch.ops.aten.add(torch.tensor([1.0]), torch.tensor([2.0])))
print(torch.ops.aten.mul.Scalar(torch.tensor([2.0]), 3))
try:
    torch.ops.aten.no_such_op_here
except AttributeError:
    print("AttributeError")
try:
    torch.ops.aten.mul.NoSuchOverload
except AttributeError:
    print("AttributeError")
)");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out == "tensor([6.])\nmul.Tensor torch._ops.aten\ntensor([3.])\ntensor([6.])\n"
                 "AttributeError\nAttributeError\n");
}

TEST_CASE("saved tensors are freed after a compiled backward unless retain_graph, as eagerly") {
  // PyTorch 1.13's eager engine, same script without compiled autograd: the third
  // backward raises "Trying to backward through the graph a second time", and
  // x.grad ends as [1.0, 1.0]. (The AOT node's case: tests/compiled_autograd/scripts.)
  Result r = run(R"(
import torch
from torch._dynamo import compiled_autograd
x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
out = x * y
with compiled_autograd._enable(lambda gm: gm):
    out.backward(torch.ones(2), retain_graph=True)
    out.backward(torch.ones(2))
    try:
        out.backward(torch.ones(2))
        print("no error")
    except RuntimeError as e:
        print(str(e)[:50])
print(x.grad.tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "Trying to backward through the graph a second time\n[1.0, 1.0]\n");
}
