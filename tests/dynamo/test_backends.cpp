// The aot_eager and inductor backends (core/aot, core/inductor).
#include <doctest/doctest.h>

#include "tests/dynamo/dynamo_script.h"

using bwhop::dynamo::testing::run_script;

namespace {
std::string seed2(const std::string& backend) {
  return R"(import torch
import torch._dynamo
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped

def _multiply(x):
    return x * x

def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)

def fn(x, y):
    x.register_hook(_multiply_invoke)
    return x * y

torch._dynamo.reset()
x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
grad_out = torch.tensor([2.0, 2.0])
out = torch.compile(fn, backend=")" +
         backend + R"(")(x, y)
out.backward(grad_out)
print(x.grad.tolist(), y.grad.tolist())
)";
}
} // namespace

TEST_CASE("seed test 2 with aot_eager: gradients as in eager, AOT graphs logged") {
  auto r = run_script(seed2("aot_eager"));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // x.grad = hook(grad_out * y) = (1.0)^2; y.grad = grad_out * x.
  CHECK(r.out == "[1.0, 1.0] [1.0, 1.0]\n");
  CHECK(r.artifact("graph_code").size() == 1);
  CHECK(!r.artifact("aot_graphs").empty());
}

TEST_CASE("seed test 2 with inductor: gradients as in eager, output code logged") {
  auto r = run_script(seed2("inductor"));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[1.0, 1.0] [1.0, 1.0]\n");
  CHECK(r.artifact("graph_code").size() == 1);
  CHECK(!r.artifact("aot_graphs").empty());
}

TEST_CASE("an unknown backend name is a ValueError") {
  auto r = run_script(seed2("no_such_backend"));
  CHECK(r.status == 1);
  CHECK(r.err.find("ValueError: unknown torch.compile backend 'no_such_backend'") !=
        std::string::npos);
}

TEST_CASE("tensor methods are call_method nodes that every backend can run") {
  for (const char* backend : {"eager", "aot_eager", "inductor"}) {
    CAPTURE(backend);
    auto r = run_script(std::string(R"(import torch
def fn(x, y):
    a = torch.mul(x, y)
    return a.sum() * 2
x = torch.tensor([0.5, 1.5], requires_grad=True)
y = torch.tensor([2.0, 4.0])
out = torch.compile(fn, backend=")") +
                        backend + R"(")(x, y)
out.backward()
print(out.item(), x.grad.tolist())
)");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    // out = 2 * sum(x * y) = 14; d out / d x = 2 * y.
    CHECK(r.out == "14.0 [4.0, 8.0]\n");
    auto graphs = r.artifact("graph_code");
    REQUIRE(graphs.size() == 1);
    CHECK(bwhop::dynamo::testing::body_of(graphs[0]).find(
              "        sum_1: \"f32[]\" = a.sum();  a = None\n") != std::string::npos);
  }
}

TEST_CASE("torch._inductor.config reaches inductor: max_fusion_size splits the kernels") {
  // Four returned values are four realized buffers: one kernel by default, two
  // with max_fusion_size=2 (PyTorch's scheduler refuses fusions past the cap).
  auto r = run_script(R"(import torch
import torch._inductor.config
def f(x):
    a = x * 2.0
    b = a + 1.0
    c = b * 3.0
    d = c - 1.0
    return a, b, c, d
print(torch._inductor.config.max_fusion_size)
print([t.tolist() for t in torch.compile(f, backend="inductor")(torch.ones(2))])
torch._dynamo.reset()
with torch._inductor.config.patch(max_fusion_size=2):
    print([t.tolist() for t in torch.compile(f, backend="inductor")(torch.ones(2))])
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "64\n[[2.0, 2.0], [3.0, 3.0], [9.0, 9.0], [8.0, 8.0]]\n"
                 "[[2.0, 2.0], [3.0, 3.0], [9.0, 9.0], [8.0, 8.0]]\n");
  auto code = r.artifact("output_code");
  REQUIRE(code.size() == 2);
  auto kernels = [](const std::string& text) {
    size_t n = 0;
    for (size_t at = text.find("async_compile.cpp("); at != std::string::npos;
         at = text.find("async_compile.cpp(", at + 1))
      ++n;
    return n;
  };
  CHECK(kernels(code[0]) == 1);
  CHECK(kernels(code[1]) == 2);
}

TEST_CASE("torch._dynamo.testing backends count frames and call nodes, and record graphs") {
  // PyTorch's CompileCounter counts nodes whose op contains "call": here mul,
  // add and sum; the second call hits the cache (frame_count stays 1).
  auto r = run_script(R"(import torch
from torch._dynamo.testing import CompileCounter, CompileCounterWithBackend, EagerAndRecordGraphs
def fn(x, y):
    a = x * y
    b = a + 1
    return b.sum()
cnt = CompileCounter()
f = torch.compile(fn, backend=cnt)
f(torch.ones(2), torch.ones(2))
f(torch.ones(2), torch.ones(2))
print(cnt.frame_count, cnt.op_count)
rec = EagerAndRecordGraphs()
torch.compile(fn, backend=rec)(torch.ones(3), torch.ones(3))
g = rec.graphs[0].graph
print(len(rec.graphs), [n.op for n in g.nodes])
cb = CompileCounterWithBackend("aot_eager")
x = torch.ones(2, requires_grad=True)
torch.compile(fn, backend=cb)(x, torch.ones(2) * 3).backward()
print(cb.frame_count, cb.op_count, x.grad.tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "1 3\n"
                 "1 ['placeholder', 'placeholder', 'call_function', 'call_function', "
                 "'call_method', 'output']\n"
                 "1 3 [3.0, 3.0]\n");
}
