// The Tensor object, autograd bindings and tracing modules, through scripts.
// Expected texts are PyTorch 1.13's output for the same scripts.
#include <doctest/doctest.h>

#include "tests/torch/run_script.h"

using bwhop::torchmod::testing::run_script;

namespace {
std::string out_of(const std::string& body) {
  auto r = run_script("import torch\n" + body);
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return r.out;
}
} // namespace

TEST_CASE("one script object per tensor: identity and attributes survive") {
  CHECK(out_of("x = torch.tensor([1.0], requires_grad=True)\n(x * 2).sum().backward()\n"
               "print(x.grad is x.grad)\nx.tag = 'leaf'\nprint(x.tag)\n"
               "y = x * 1\nprint(y.grad_fn is y.grad_fn)\n") == "True\nleaf\nTrue\n");
}

TEST_CASE("dtype inference, dtypes and sizes print like PyTorch") {
  CHECK(out_of("print(torch.tensor([1, 2]).dtype, torch.tensor([True, 1]).dtype, "
               "torch.tensor([1, 2.0]).dtype, torch.tensor(False).dtype)\n"
               "print(torch.zeros(2, 3).shape, torch.Size([4]) == (4,))\n") ==
        "torch.int64 torch.int64 torch.float32 torch.bool\ntorch.Size([2, 3]) True\n");
  auto r = run_script("import torch\ntorch.tensor([[1, 2], [3]])\n");
  CHECK(r.status == 1);
  CHECK(r.err.find("ValueError: expected sequence of length 2 at dim 1 (got 1)") !=
        std::string::npos);
}

TEST_CASE("hooks: order, replacement, None keeps, bad return type") {
  CHECK(out_of("x = torch.tensor([1.0, 2.0], requires_grad=True)\n"
               "x.register_hook(lambda g: print('a', g))\n"
               "h = x.register_hook(lambda g: g * 10)\n"
               "x.register_hook(lambda g: print('b', g))\n"
               "(x * 1.0).sum().backward()\nprint(x.grad)\n"
               "h.remove()\nx.grad = None\n(x * 1.0).sum().backward()\nprint(x.grad)\n") ==
        "a tensor([1., 1.])\nb tensor([10., 10.])\ntensor([10., 10.])\n"
        "a tensor([1., 1.])\nb tensor([1., 1.])\ntensor([1., 1.])\n");
  auto r = run_script("import torch\nx = torch.tensor([1.0], requires_grad=True)\n"
                      "x.register_hook(lambda g: 3)\n(x * 1.0).sum().backward()\n");
  CHECK(r.status == 1);
  CHECK(r.err.find("TypeError: expected Variable or None (got int)") != std::string::npos);
}

TEST_CASE("C++ errors become PyTorch's Python exception types") {
  CHECK(out_of("try:\n    torch.ones(2, 3).size(2)\nexcept IndexError as e:\n    print(e)\n"
               "x = torch.tensor([1.0], requires_grad=True)\ny = (x * x).sum()\ny.backward()\n"
               "try:\n    y.backward()\nexcept RuntimeError as e:\n    print(str(e)[:40])\n") ==
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)\n"
        "Trying to backward through the graph a s\n");
}

TEST_CASE("grad mode objects work as context managers and decorators") {
  CHECK(out_of("x = torch.ones(1, requires_grad=True)\n"
               "@torch.no_grad()\ndef f(a):\n    return a * 2\n"
               "print(f(x).requires_grad, torch.is_grad_enabled())\n"
               "with torch.no_grad():\n    with torch.enable_grad():\n"
               "        print((x * 2).requires_grad)\n    print((x * 2).requires_grad)\n") ==
        "False True\nTrue\nFalse\n");
}

TEST_CASE("grad_fn objects: name, next_functions, AccumulateGrad.variable") {
  CHECK(out_of("x = torch.tensor([1.0], requires_grad=True)\ny = x * 2 + 1\n"
               "n = y.grad_fn\nprint(n.name(), type(n).__name__)\n"
               "m = n.next_functions[0][0]\nprint(m.name(), n.next_functions[1])\n"
               "acc = m.next_functions[0][0]\nprint(acc.name(), acc.variable is x)\n"
               "print(repr(n).startswith('<AddBackward0 object at 0x'))\n") ==
        "AddBackward0 AddBackward0\nMulBackward0 (None, 0)\n"
        "torch::autograd::AccumulateGrad True\nTrue\n");
}

TEST_CASE("make_fx returns a GraphModule with code, print_readable and __call__") {
  CHECK(out_of("from torch.fx.experimental.proxy_tensor import make_fx\n"
               "def f(x):\n    return x.sin() * 2\n"
               "gm = make_fx(f)(torch.tensor([0.0]))\nprint(gm.code)\n"
               "print(gm(torch.tensor([0.0, 0.0])))\n"
               "s = gm.print_readable(False)\nprint(s.splitlines()[0])\n"
               "print(isinstance(gm, torch.fx.GraphModule))\n") ==
        "\n\n\ndef forward(self, x_1):\n"
        "    sin = torch.ops.aten.sin.default(x_1);  x_1 = None\n"
        "    mul = torch.ops.aten.mul.Tensor(sin, 2);  sin = None\n"
        "    return mul\n    \n"
        "tensor([0., 0.])\nclass f(torch.nn.Module):\nTrue\n");
}
