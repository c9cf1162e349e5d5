// torch.compile capture through scripts: graphs, names, sources, side effects.
// Expected graph texts follow PyTorch's rules (formats reference §3.5, §3.6, §5).
#include <doctest/doctest.h>

#include "tests/dynamo/dynamo_script.h"

using bwhop::dynamo::testing::body_of;
using bwhop::dynamo::testing::run_script;

namespace {

const char* kSeed2 = R"(import torch
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped

def _multiply(x):
    return x * x

def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)

def fn(x, y):
    x.register_hook(_multiply_invoke)
    return x * y

x = torch.tensor([0.5, 0.5], requires_grad=True)
y = torch.tensor([0.5, 0.5], requires_grad=True)
grad_out = torch.tensor([2.0, 2.0])
out = torch.compile(fn, backend="eager")(x, y)
out.backward(grad_out)
print(x.grad.tolist())
print(out.tolist())
)";

} // namespace

TEST_CASE("seed test 2 with backend eager: the hook is replayed on x, the graph is PyTorch's") {
  auto r = run_script(kSeed2);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // grad_out * y = [1, 1]; the hook squares it: still [1, 1].
  CHECK(r.out == "[1.0, 1.0]\n[0.25, 0.25]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  CHECK(body_of(graphs[0]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_x_: \"f32[2]\", L_y_: \"f32[2]\"):\n"
                              "        l_x_ = L_x_\n"
                              "        l_y_ = L_y_\n"
                              "\n"
                              "        mul: \"f32[2]\" = l_x_ * l_y_;  l_x_ = l_y_ = None\n"
                              "        return (mul,)\n");
  auto effects = r.artifact("side_effects");
  REQUIRE(effects.size() == 1);
  CHECK(body_of(effects[0]) == "L['x'].register_hook(G['_multiply_invoke'])\n");
}

TEST_CASE("nodes are renamed to the first local they are stored to, never placeholders") {
  auto r = run_script(R"(import torch
def fn(x, y):
    a = x * y
    b = a + 1
    c = b
    x = c
    return torch.mul(c, 2)
x = torch.ones(2)
print(torch.compile(fn, backend="eager")(x, torch.ones(2)).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[4.0, 4.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  CHECK(body_of(graphs[0]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_x_: \"f32[2]\", L_y_: \"f32[2]\"):\n"
                              "        l_x_ = L_x_\n"
                              "        l_y_ = L_y_\n"
                              "\n"
                              "        a: \"f32[2]\" = l_x_ * l_y_;  l_x_ = l_y_ = None\n"
                              "\n"
                              "        b: \"f32[2]\" = a + 1;  a = None\n"
                              "\n"
                              // `mul` was taken by the renamed product, so torch.mul gets mul_1.
                              "        mul_1: \"f32[2]\" = torch.mul(b, 2);  b = None\n"
                              "        return (mul_1,)\n");
}

TEST_CASE("stores inside inlined functions rename too; the old name stays reserved") {
  auto r = run_script(R"(import torch
def helper(t):
    mul = t * 3
    result = mul * t
    return result
def fn(x):
    out = helper(x)
    return out * 2
print(torch.compile(fn, backend="eager")(torch.ones(2)).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[6.0, 6.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  // `mul` is stored to a local named `mul` (no change); `result` renames mul_1;
  // the last product is named after its target again: mul_2 (mul_1 stays taken).
  CHECK(body_of(graphs[0]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_x_: \"f32[2]\"):\n"
                              "        l_x_ = L_x_\n"
                              "\n"
                              "        mul: \"f32[2]\" = l_x_ * 3\n"
                              "\n"
                              "        result: \"f32[2]\" = mul * l_x_;  mul = l_x_ = None\n"
                              "\n"
                              "        mul_2: \"f32[2]\" = result * 2;  result = None\n"
                              "        return (mul_2,)\n");
}

TEST_CASE("placeholders come from sources reached through partials and objects, lazily") {
  auto r = run_script(R"(import functools
import torch
class Holder:
    def __init__(self, w):
        self.w = w
def scale(t, holder):
    return t * holder.w
def fn(x, hooks):
    return hooks[1].keywords['fn'](x)
h = Holder(torch.ones(2) * 3)
hooks = [None, functools.partial(print, fn=functools.partial(scale, holder=h))]
print(torch.compile(fn, backend="eager")(torch.ones(2), hooks).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[3.0, 3.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  CHECK(
      body_of(graphs[0]) ==
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, L_x_: \"f32[2]\", L_hooks_1_keywords_fn_keywords_holder_w: "
      "\"f32[2]\"):\n"
      "        l_x_ = L_x_\n"
      "        l_hooks_1_keywords_fn_keywords_holder_w = L_hooks_1_keywords_fn_keywords_holder_w\n"
      "\n"
      "        mul: \"f32[2]\" = l_x_ * l_hooks_1_keywords_fn_keywords_holder_w;  l_x_ = "
      "l_hooks_1_keywords_fn_keywords_holder_w = None\n"
      "        return (mul,)\n");
}

TEST_CASE("nested defs and lambdas are inlined with their closures and defaults") {
  auto r = run_script(R"(import torch
def fn(x, k):
    scale = x * k
    def inner(t, bias=1):
        out = t * scale
        return out + bias
    twice = lambda t: inner(t) * 2
    return twice(x)
print(torch.compile(fn, backend="eager")(torch.ones(2) * 2, 3).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // scale = 6; inner(2) = 2 * 6 + 1 = 13; twice = 26.
  CHECK(r.out == "[26.0, 26.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  // `scale` is a cell variable: STORE_DEREF renames too; `out` inside inner.
  CHECK(body_of(graphs[0]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_x_: \"f32[2]\"):\n"
                              "        l_x_ = L_x_\n"
                              "\n"
                              "        scale: \"f32[2]\" = l_x_ * 3\n"
                              "\n"
                              "        out: \"f32[2]\" = l_x_ * scale;  l_x_ = scale = None\n"
                              "\n"
                              "        add: \"f32[2]\" = out + 1;  out = None\n"
                              "\n"
                              "        mul_2: \"f32[2]\" = add * 2;  add = None\n"
                              "        return (mul_2,)\n");
}
