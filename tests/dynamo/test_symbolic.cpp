// Symbolic shapes, graph splitting, stolen list inputs and .grad side effects.
// Symbol ids follow PyTorch's rule (sha256 of the source name mod 100), checked
// with Python's hashlib: L['x'].size()[0] -> 77, L['n'] -> 86, L['y'].size()[0] -> 17.
#include <doctest/doctest.h>

#include "tests/dynamo/dynamo_script.h"

using bwhop::dynamo::testing::body_of;
using bwhop::dynamo::testing::run_script;

TEST_CASE("dynamic=True: size symbols are graph inputs, duck-sized, and ints become SymInts") {
  auto r = run_script(R"(import torch
def fn(x, y, n):
    return x * y + (x.size(0) + n)
f = torch.compile(fn, backend="eager", dynamic=True)
print(f(torch.ones(3), torch.ones(3), 1).tolist())
print(f(torch.ones(2), torch.ones(2), 5).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[5.0, 5.0, 5.0]\n[8.0, 8.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1); // the second call's new sizes pass the symbolic guards
  CHECK(r.artifact("recompiles").empty());
  CHECK(body_of(graphs[0]) ==
        "class GraphModule(torch.nn.Module):\n"
        "    def forward(self, s77: \"Sym(s77)\", L_x_: \"f32[s77]\", L_y_: \"f32[s77]\", "
        "L_n_: \"Sym(s86)\"):\n"
        "        l_x_ = L_x_\n"
        "        l_y_ = L_y_\n"
        "        l_n_ = L_n_\n"
        "\n"
        "        mul: \"f32[s77]\" = l_x_ * l_y_;  l_y_ = None\n"
        "        size: \"Sym(s77)\" = l_x_.size(0);  l_x_ = None\n"
        "        add: \"Sym(s77 + s86)\" = size + l_n_;  size = l_n_ = None\n"
        "        add_1: \"f32[s77]\" = mul + add;  mul = add = None\n"
        "        return (add_1,)\n");
  auto guards = r.artifact("guards");
  REQUIRE(guards.size() == 1);
  CHECK(guards[0].find("size=[None]") != std::string::npos);
  CHECK(guards[0].find("SHAPE_ENV: L['y'].size()[0] == L['x'].size()[0]") != std::string::npos);
}

TEST_CASE("dynamic=True: a size equal to 0 or 1 is specialized, other sizes stay symbolic") {
  auto r = run_script(R"(import torch
def fn(x, y):
    return x * y
f = torch.compile(fn, backend="eager", dynamic=True)
print(f(torch.ones(3), torch.ones(1)).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  CHECK(graphs[0].find("L_x_: \"f32[s77]\", L_y_: \"f32[1]\"") != std::string::npos);
}

TEST_CASE("mark_dynamic gives a dim its own symbol in a static compile") {
  auto r = run_script(R"(import torch
import torch._dynamo
def fn(x, y):
    return x + y
x = torch.ones(3)
y = torch.ones(3)
torch._dynamo.maybe_mark_dynamic(y, 0)
print(torch.compile(fn, backend="eager")(x, y).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  // x stays static; y's marked dim is a new (non-duck) symbol s17, equal to 3
  // once the add broadcasts it against x's static size.
  CHECK(graphs[0].find("s17: \"Sym(3)\"") == std::string::npos); // replaced: no input left
  CHECK(graphs[0].find("L_x_: \"f32[3]\", L_y_: \"f32[3]\"") != std::string::npos);
}

TEST_CASE("without fullgraph the graph ends before the breaking statement and resumes after it") {
  auto r = run_script(R"(import torch
def fn(x, y):
    a = x * y
    unused = x + 1
    print("mid")
    return a - y
f = torch.compile(fn, backend="eager")
print(f(torch.ones(2), torch.ones(2) * 3).tolist())
print(f(torch.ones(2), torch.ones(2) * 3).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "mid\n[0.0, 0.0]\nmid\n[0.0, 0.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 2);
  // Only what the rest of the body reads leaves the first graph.
  CHECK(body_of(graphs[0]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_x_: \"f32[2]\", L_y_: \"f32[2]\"):\n"
                              "        l_x_ = L_x_\n"
                              "        l_y_ = L_y_\n"
                              "\n"
                              "        a: \"f32[2]\" = l_x_ * l_y_;  l_y_ = None\n"
                              "\n"
                              "        unused: \"f32[2]\" = l_x_ + 1;  l_x_ = unused = None\n"
                              "        return (a,)\n");
  CHECK(graphs[1].rfind("===== torch_dynamo_resume_in_fn_at_5 (test.py:5) [1/0] =====\n", 0) == 0);
  CHECK(body_of(graphs[1]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_a_: \"f32[2]\", L_y_: \"f32[2]\"):\n"
                              "        l_a_ = L_a_\n"
                              "        l_y_ = L_y_\n"
                              "\n"
                              "        sub: \"f32[2]\" = l_a_ - l_y_;  l_a_ = l_y_ = None\n"
                              "        return (sub,)\n");
  CHECK(r.artifact("graph_breaks").size() == 1);
  CHECK(r.artifact("recompiles").empty());
}

TEST_CASE("a module's forward is compiled; meta['locals_to_steal'] makes a list one input") {
  // The items are unpacked as getitem nodes when the list is read, then the
  // first stores to locals rename them (they are not placeholders).
  auto r = run_script(R"(import torch
import torch._dynamo.utils
class M:
    def forward(self, inputs, k):
        a = inputs[0]
        b = inputs[1]
        inputs = None
        return a * b + k
m = M()
torch._dynamo.utils.set_locals_to_steal(m, ["inputs"])
f = torch.compile(m, backend="eager")
print(f([torch.ones(2), torch.ones(2) * 2], 1).tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[3.0, 3.0]\n");
  auto graphs = r.artifact("graph_code");
  REQUIRE(graphs.size() == 1);
  CHECK(body_of(graphs[0]) == "class GraphModule(torch.nn.Module):\n"
                              "    def forward(self, L_inputs_ : list):\n"
                              "        l_inputs_ = L_inputs_\n"
                              "\n"
                              "        a: \"f32[2]\" = l_inputs_[0]\n"
                              "        b: \"f32[2]\" = l_inputs_[1];  l_inputs_ = None\n"
                              "\n"
                              "        mul: \"f32[2]\" = a * b;  a = b = None\n"
                              "        add: \"f32[2]\" = mul + 1;  mul = None\n"
                              "        return (add,)\n");
}

TEST_CASE(".grad stores are side effects, replayed per object in first-seen order") {
  auto r = run_script(R"(import torch
def fn(a, b):
    b.grad = a * 2
    a.grad = b * 3
    return None
a = torch.ones(2)
b = torch.ones(2)
torch.compile(fn, backend="eager")(a, b)
print(a.grad.tolist(), b.grad.tolist())
)");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "[3.0, 3.0] [2.0, 2.0]\n");
  auto effects = r.artifact("side_effects");
  REQUIRE(effects.size() == 1);
  // `a` was tracked first (it is read first), so its store replays first.
  CHECK(body_of(effects[0]) == "L['a'].grad = graph_out[0]\nL['b'].grad = graph_out[1]\n");
}
