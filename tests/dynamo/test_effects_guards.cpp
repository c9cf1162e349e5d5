// Side-effect replay, guards and recompiles, graph breaks and backends.
#include <doctest/doctest.h>

#include "tests/dynamo/dynamo_script.h"

using bwhop::dynamo::testing::body_of;
using bwhop::dynamo::testing::run_script;

TEST_CASE("attribute mutations are replayed after the graph, with graph-computed tensors") {
  auto r = run_script(R"(import torch
class Obj:
    def __init__(self):
        self.counter = 0
        self.t = None
obj = Obj()
def fn(x):
    obj.counter = obj.counter + 1
    obj.t = x * 2
    return x + 1
f = torch.compile(fn, backend="eager")
out = f(torch.ones(2))
print(obj.counter, obj.t.tolist(), out.tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "1 [2.0, 2.0] [2.0, 2.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  // The returned value is the first output, the mutation's value after it.
  CHECK(body_of(graphs[0]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_x_: \"f32[2]\"):\n"
                              "        l_x_ = L_x_\n"
                              "\n"
                              "        mul: \"f32[2]\" = l_x_ * 2\n"
                              "\n"
                              "        add: \"f32[2]\" = l_x_ + 1;  l_x_ = None\n"
                              "        return (add, mul)\n");
  auto effects = r.artifact("side_effects");
  REQUIRE(effects.size() == 1);
  CHECK(body_of(effects[0]) == "G['obj'].counter = 1\nG['obj'].t = graph_out[1]\n");
}

TEST_CASE("guards: a passing call reuses the entry, a failing one recompiles and says why") {
  auto r = run_script(R"(import torch
class Obj:
    def __init__(self):
        self.counter = 0
obj = Obj()
def fn(x):
    obj.counter = obj.counter + 1
    return x * 2
f = torch.compile(fn, backend="eager")
f(torch.ones(2))
f(torch.ones(3))
print(obj.counter)
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "2\n");
  CHECK(r.artifact("graph_code").size() == 2);
  auto recompiles = r.artifact("recompiles");
  REQUIRE(recompiles.size() == 1);
  // Guards are checked in the order they were installed: `obj.counter` was read
  // before `x` was first used.
  CHECK(recompiles[0] == "Recompiling function fn in test.py:6\n"
                         "    triggered by the following guard failure(s):\n"
                         "    - 0/0: G['obj'].counter == 0\n");
  auto guards = r.artifact("guards");
  REQUIRE(guards.size() == 2);
  CHECK(body_of(guards[0]).find("TENSOR_MATCH: check_tensor(L['x'], Tensor, torch.float32, "
                                "requires_grad=False, size=[2], stride=[1])\n") !=
        std::string::npos);
  CHECK(body_of(guards[0]).find("EQUALS_MATCH: G['obj'].counter == 0\n") != std::string::npos);
  // Automatic dynamic shapes: what changed since the first compile (x's size,
  // the counter) is symbolic in the second, so neither is guarded to a value.
  CHECK(body_of(guards[1]).find("EQUALS_MATCH: G['obj'].counter") == std::string::npos);
  CHECK(body_of(guards[1]).find("size=[None]") != std::string::npos);
  auto graphs = r.artifact("graph_code");
  CHECK(graphs[1].find("s77: \"Sym(s77)\", L_x_: \"f32[s77]\"") != std::string::npos);
  CHECK(graphs[1].find("G_obj_counter: \"Sym(s") != std::string::npos);
}

TEST_CASE("same shapes and constants: no recompile; a changed constant recompiles") {
  auto r = run_script(R"(import torch
def fn(x, n):
    return x * n
f = torch.compile(fn, backend="eager")
f(torch.ones(2), 2)
f(torch.zeros(2), 2)
print(f(torch.ones(2), 3).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[3.0, 3.0]\n");
  CHECK(r.artifact("graph_code").size() == 2);
  auto recompiles = r.artifact("recompiles");
  REQUIRE(recompiles.size() == 1);
  CHECK_MESSAGE(recompiles[0].find("    - 0/0: L['n'] == 2\n") != std::string::npos, recompiles[0]);
}

TEST_CASE("print under fullgraph=True raises Unsupported with PyTorch's message") {
  auto r = run_script(R"(import torch
import torch._dynamo
def fn(x):
    print("Boo!")
    return x * 2
try:
    torch.compile(fn, backend="eager", fullgraph=True)(torch.ones(2))
except torch._dynamo.exc.Unsupported as e:
    print(str(e))
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const std::string expected =
      "Failed to trace builtin operator\n"
      "  Explanation: Dynamo does not know how to trace builtin operator `print` with argument "
      "types ['str'] (has_kwargs False)\n"
      "  Hint: Avoid calling builtin `print` with argument types ['str']. Consider using an "
      "equivalent alternative function/method to `print`.\n"
      "  Hint: If you are attempting to call a logging function (e.g. `print`), you can try "
      "adding it to `torch._dynamo.config.reorderable_logging_functions`.\n"
      "  Hint: Please report an issue to PyTorch.\n"
      "\n"
      "  Developer debug context: builtin print [<class "
      "'torch._dynamo.variables.constant.ConstantVariable'>] False\n"
      "\n"
      " For more details about this graph break, please visit: "
      "https://meta-pytorch.github.io/compile-graph-break-site/gb/gb0059.html";
  CHECK(r.out.substr(0, expected.size()) == expected);
  CHECK(r.out.find("from user code:\n   File \"test.py\", line 4, in fn\n    print(\"Boo!\")\n") !=
        std::string::npos);
  CHECK(r.out.find("Boo!\n") == std::string::npos); // print never ran
}

TEST_CASE("the builtin message is derived from the call: other builtins and argument types") {
  auto r = run_script(R"(import torch
def fn(x):
    print(x, 3, sep="")
    return x
try:
    torch.compile(fn, backend="eager", fullgraph=True)(torch.ones(2))
except Exception as e:
    print(str(e).splitlines()[1])
    print(str(e).splitlines()[6])
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "  Explanation: Dynamo does not know how to trace builtin operator `print` with "
                 "argument types ['Tensor', 'int'] (has_kwargs True)\n"
                 "  Developer debug context: builtin print [<class "
                 "'torch._dynamo.variables.tensor.TensorVariable'>, <class "
                 "'torch._dynamo.variables.constant.ConstantVariable'>] True\n");
}

TEST_CASE("without fullgraph a graph break splits the function; the break runs eagerly") {
  auto r = run_script(R"(import torch
def fn(x):
    print("Boo!")
    return x * 2
f = torch.compile(fn, backend="eager")
print(f(torch.ones(2)).tolist())
print(f(torch.ones(2)).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "Boo!\n[2.0, 2.0]\nBoo!\n[2.0, 2.0]\n");
  // Nothing before the print: only the code after it (a resume frame) has a graph.
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  CHECK(graphs[0].rfind("===== torch_dynamo_resume_in_fn_at_3 (test.py:3) [1/0] =====\n", 0) == 0);
  auto breaks = r.artifact("graph_breaks");
  REQUIRE(breaks.size() == 1);
  CHECK(breaks[0] == "Graph break in user code at test.py:3\n"
                     "Graph Break Reason: Failed to trace builtin operator\n"
                     "User code traceback:\n"
                     "  File \"test.py\", line 3, in fn\n"
                     "    print(\"Boo!\")\n");
}

TEST_CASE("a script backend receives the GraphModule and example inputs; decorator forms") {
  auto r = run_script(R"(import torch
def my_backend(gm, example_inputs):
    print("compiling", len(example_inputs), [t.shape for t in example_inputs])
    return gm.forward
@torch.compile(backend=my_backend)
def fn(x, y):
    return (x + y) * y
print(fn(torch.ones(2), torch.ones(2) * 2).tolist())
print(fn(torch.ones(2), torch.ones(2)).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "compiling 2 [torch.Size([2]), torch.Size([2])]\n[6.0, 6.0]\n[2.0, 2.0]\n");
}

TEST_CASE("torch._dynamo.reset forgets compiled entries") {
  auto r = run_script(R"(import torch
import torch._dynamo
def fn(x):
    return x - 1
f = torch.compile(fn, backend="eager")
f(torch.ones(2))
torch._dynamo.reset()
f(torch.ones(2))
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.artifact("graph_code").size() == 2);
  CHECK(r.artifact("recompiles").empty());
}

TEST_CASE("register_hook on an intermediate tensor is a graph break") {
  auto r = run_script(R"(import torch
def hook(g):
    return g
def fn(x):
    y = x * 2
    y.register_hook(hook)
    return y
try:
    torch.compile(fn, backend="eager", fullgraph=True)(torch.ones(2, requires_grad=True))
except torch._dynamo.exc.Unsupported as e:
    print(str(e).splitlines()[0])
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "Compilation of intermediate hooks requires compiled autograd\n");
}

TEST_CASE("config.patch works as a context manager and as a decorator, and restores values") {
  auto r = run_script(R"(import torch
import torch._dynamo.config
import torch._functorch.config
print(torch._functorch.config.guess_tangent_strides_as_outputs)
with torch._functorch.config.patch(guess_tangent_strides_as_outputs=False):
    print(torch._functorch.config.guess_tangent_strides_as_outputs)
print(torch._functorch.config.guess_tangent_strides_as_outputs)
@torch._dynamo.config.patch("cache_size_limit", 1)
def f(a):
    return torch._dynamo.config.cache_size_limit + a
print(f(10), torch._dynamo.config.cache_size_limit)
try:
    torch._dynamo.config.patch(no_such_setting=1)
except AttributeError as e:
    print("AttributeError")
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  // PyTorch's default outside Meta is True (`not is_fbcode()`).
  CHECK(r.out == "True\nFalse\nTrue\n11 8\nAttributeError\n");
}

TEST_CASE("item stores on pre-existing lists and dicts are replayed; `with` inlines a user "
          "context manager") {
  auto r = run_script(R"(import torch
class Scale:
    def __init__(self, k):
        self.k = k
        self.entered = 0
    def __enter__(self):
        self.entered = self.entered + 1
        return self.k
    def __exit__(self, a, b, c):
        return False
s = Scale(3.0)
store = [None, 1]
d = {"a": 1}
def fn(x):
    with s as k:
        y = x * k
    store[0] = y
    d["b"] = y + 1
    local = [0]
    local[0] = 5
    return y + local[0]
out = torch.compile(fn, backend="eager")(torch.ones(2))
print(out.tolist(), s.entered, store[0].tolist(), store[1], d["a"], d["b"].tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[8.0, 8.0] 1 [3.0, 3.0] 1 1 [4.0, 4.0]\n");
  auto effects = r.artifact("side_effects");
  REQUIRE(effects.size() == 1);
  // Objects replay in the order they were first tracked: s, then store, then d.
  CHECK(body_of(effects[0]) ==
        "G['s'].entered = 1\nG['store'][0] = graph_out[1]\nG['d']['b'] = graph_out[2]\n");
}

TEST_CASE("hooks made inside the compiled function are rebuilt with their closures and defaults") {
  // Eager PyTorch 1.13 gives x.grad == [5.0, 5.0] for this script (hooks run in
  // registration order: (1 * 3) + 2).
  auto r = run_script(R"(import torch
def fn(x, y):
    k = 3.0
    def hook(g):
        return g * k
    x.register_hook(hook)
    x.register_hook(lambda g, s=2.0: g + s)
    return x * y
x = torch.ones(2, requires_grad=True)
out = torch.compile(fn, backend="eager")(x, torch.ones(2))
out.backward(torch.ones(2))
print(x.grad.tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[5.0, 5.0]\n");
  auto effects = r.artifact("side_effects");
  REQUIRE(effects.size() == 1);
  CHECK(body_of(effects[0]) ==
        "L['x'].register_hook(<function hook>)\nL['x'].register_hook(<function <lambda>>)\n");
}
